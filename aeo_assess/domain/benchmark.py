"""Peer statistics and country AEO programme profiles, as reports and dashboards read them.

Issue 6 computes and imports them; these types are the contract between that work and the
places that show it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from aeo_assess.domain.text import LocalizedText
from aeo_assess.domain.vocabulary import PeerScope as PeerScope

MIN_K = 3
"""Fewest assessments a group's statistics may show: below 3, each of two companies in a
group could read the other's scores from it."""
MAX_K = 1_000

@dataclass(frozen=True)
class PeerStats:
    """Distribution of one score (0..1) over a peer group."""

    n: int
    mean: float
    q1: float
    median: float
    q3: float
    percentile_rank: float | None = None
    """In a comparison: the share (0..1) of this group scoring below the applicant, ties
    counting half; None when the group was not built for one applicant's score."""


@dataclass(frozen=True)
class PeerGroup:
    """Completed assessments of one questionnaire version that an applicant is compared with."""

    scope: PeerScope
    key: str
    """ISO 3166 code for a country, a region name for a region, ``all`` for everyone."""
    questionnaire_key: str
    n: int
    overall: PeerStats
    criteria: Mapping[str, PeerStats] = field(default_factory=dict)
    demo: bool = False
    """Built from demonstration data: whatever shows it says so."""
    source: str = ""
    """Where the figures come from: the local database, a benchmark pack's name, or both."""
    local_n: int = 0
    """How many of the n assessments come from this database..."""
    pack_n: int = 0
    """...and how many from imported benchmark packs (local_n + pack_n = n when pooled)."""


@dataclass(frozen=True)
class Source:
    """Where a figure comes from: the source's words and the web address they name, if any."""

    text: str
    address: str = ""
    """Without a scheme, as the research cites it ("dca.gob.gt/index.php/2018/09/06/...")."""


@dataclass(frozen=True)
class SourceDate:
    """A date as a source gives it, to the precision it gives (year, month or day)."""

    iso: str = ""
    """"2019", "2019-12" or "2019-12-19"; empty when the source gives no date."""
    text: str = ""
    """The source's own words where it gives no date ("6th OEA Conference"); else empty."""
    note: str = ""
    """How the date is qualified: "" or one of ``DATE_NOTES``."""


DATE_NOTES = ("undated", "mid_year", "inferred", "not_shown", "as_of")
"""undated: the source is undated, the year is the research's; mid_year: around mid-year;
inferred: from the article's date; not_shown: the source shows no date; as_of: a state at
that date, not an event."""


@dataclass(frozen=True)
class Figure:
    """A count of certified operators, as its sources state it."""

    count: int | str | None = None
    """A number, or the source's own words (such as ">30"); None unknown."""
    as_of: SourceDate | None = None
    sources: tuple[Source, ...] = ()
    verified: bool = False
    """Confirmed in an official source; otherwise indicative only."""


@dataclass(frozen=True)
class MutualRecognition:
    """A mutual recognition arrangement (MRA) with one partner country or group."""

    partner: str
    """An ISO 3166 code, or the name of a regional arrangement."""
    signed: SourceDate | None = None
    sources: tuple[Source, ...] = ()
    verified: bool = False
    """Partner and year confirmed in an official source."""


@dataclass(frozen=True)
class CountryProgramme:
    """A country's AEO programme; every figure may be unknown (None) and carries its source."""

    country: str
    """ISO 3166 alpha-2 code."""
    name_original: str
    name_english: str
    authority: str
    launch_year: int | None = None
    launch_verified: bool = False
    launch_note: LocalizedText | None = None
    """Where the launch year comes from, in the research's words."""
    operators: Figure = Figure()
    mras: tuple[MutualRecognition, ...] = ()
    notes: LocalizedText | None = None
