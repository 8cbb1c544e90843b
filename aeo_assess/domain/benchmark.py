"""Peer statistics and country AEO programme profiles, as reports and dashboards read them.

Issue 6 computes and imports them; these types are the contract between that work and the
places that show it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from aeo_assess.domain.vocabulary import PeerScope as PeerScope


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
class MutualRecognition:
    """A mutual recognition arrangement (MRA) with one partner country or group."""

    partner: str
    """An ISO 3166 code, or the name of a regional arrangement."""
    year: int | None = None
    year_text: str = ""
    """The source's own words when it gives no plain year ("before ~2012"); else empty."""
    source: str = ""


@dataclass(frozen=True)
class CountryProgramme:
    """A country's AEO programme; every figure may be unknown (None) and carries its source."""

    country: str
    """ISO 3166 alpha-2 code."""
    name_original: str
    name_english: str
    authority: str
    launch_year: int | None = None
    operators: int | str | None = None
    """Certified operators: a number, or the source's own words (such as ">30"); None unknown."""
    operators_as_of: str | None = None
    """As the source dates it: "2025-09-17", "2024-08" or None."""
    operators_source: str = ""
    mras: tuple[MutualRecognition, ...] = ()
    sources: tuple[str, ...] = ()
    notes: str = ""
