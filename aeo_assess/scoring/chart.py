"""The one description of the criterion-score chart that the screen and the PDF both draw.

DESIGN §10: ``gui`` paints it with QPainter and ``reporting`` with ``reportlab.graphics``, so
the two always agree. It is plain data: numbers stay numbers (each renderer formats them for
its language), texts come in the requested language, colours are ``#RRGGBB`` strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.scorecard import ScoreCard
from aeo_assess.domain.text import localized
from aeo_assess.domain.vocabulary import Level
from aeo_assess.scoring.values import GAP_THRESHOLD

DEFAULT_CRITERION_MINIMUM = 0.5
"""Where ``fair`` starts when no readiness rule sets a minimum per criterion."""


class Band(StrEnum):
    """How a criterion score reads against the readiness rules."""

    STRONG = "strong"
    """At or above the gap threshold: on average nothing here is a gap."""
    FAIR = "fair"
    """At or above the minimum per criterion that the readiness rules ask for."""
    WEAK = "weak"
    """Below that minimum: this criterion alone holds readiness back."""
    UNSCORED = "unscored"
    """Nothing answered yet."""


BAND_COLOURS: Mapping[Band, str] = {
    Band.STRONG: "#009E73",
    Band.FAIR: "#E69F00",
    Band.WEAK: "#D55E00",
    Band.UNSCORED: "#9E9E9E",
}
"""Okabe–Ito colours: told apart by people with the common colour-vision deficiencies."""

LEVEL_PALETTE: tuple[str, ...] = ("#007A5A", "#0065A0", "#B86E00", "#B8470A")
NOT_ELIGIBLE_COLOUR = "#8B0015"
"""Darker than any level's: the knock-out is not the bottom of the scale but off it."""
"""Readiness levels, best first; dark enough to carry white text on a badge."""


class ThresholdKind(StrEnum):
    CRITERION_MINIMUM = "criterion_minimum"
    GAP = "gap"


@dataclass(frozen=True)
class Threshold:
    """A reference line across the bars; renderers label it by ``kind`` in their language."""

    value: float
    kind: ThresholdKind


@dataclass(frozen=True)
class PeerStats:
    """Peers' figures for one criterion (DESIGN §7), drawn as a median tick with a whisker."""

    median: float
    q1: float
    q3: float
    n: int


@dataclass(frozen=True)
class Bar:
    key: str
    """The criterion id, short enough for the axis."""
    label: str
    """The criterion title in the chart's language, for tooltips and legends."""
    value: float | None
    band: Band
    colour: str
    extension: bool = False
    peer: PeerStats | None = None


@dataclass(frozen=True)
class ScoreChart:
    bars: tuple[Bar, ...]
    thresholds: tuple[Threshold, ...]
    overall: float | None
    overall_colour: str
    demo: bool = False
    """The figures come from demonstration data: renderers must say so."""
    scale: tuple[float, float] = (0.0, 1.0)
    ticks: tuple[float, ...] = (0.0, 0.25, 0.5, 0.75, 1.0)

    @property
    def bands(self) -> tuple[Band, ...]:
        """The bands the bars use, in legend order."""
        used = {bar.band for bar in self.bars}
        return tuple(band for band in Band if band in used)


def criterion_minimum(questionnaire: Questionnaire) -> float:
    """The lowest per-criterion score any readiness rule accepts."""
    minimums = [r.min_each_criterion for r in questionnaire.readiness if r.min_each_criterion]
    return min(minimums) if minimums else DEFAULT_CRITERION_MINIMUM


def band(value: float | None, minimum: float) -> Band:
    if value is None:
        return Band.UNSCORED
    if value >= GAP_THRESHOLD:
        return Band.STRONG
    return Band.FAIR if value >= minimum else Band.WEAK


def level_colour(questionnaire: Questionnaire, level: str) -> str:
    """A colour by the level's rank among the questionnaire's rules, whatever their names."""
    if level == Level.NOT_ELIGIBLE:
        return NOT_ELIGIBLE_COLOUR
    levels = [rule.level for rule in questionnaire.readiness]
    if level not in levels:
        return BAND_COLOURS[Band.UNSCORED]
    if len(levels) == 1:
        return LEVEL_PALETTE[0]
    position = levels.index(level) / (len(levels) - 1)
    return LEVEL_PALETTE[round(position * (len(LEVEL_PALETTE) - 1))]


def build_chart(
    questionnaire: Questionnaire,
    card: ScoreCard,
    language: str,
    *,
    peers: Mapping[str, PeerStats] | None = None,
    demo: bool = False,
) -> ScoreChart:
    """One bar per criterion that has applicable questions, in questionnaire order."""
    minimum = criterion_minimum(questionnaire)
    bars = []
    for criterion in questionnaire.criteria:
        figures = card.criterion(criterion.id)
        if figures.applicable == 0:
            continue
        kind = band(figures.score, minimum)
        bars.append(
            Bar(
                key=criterion.id,
                label=localized(criterion.title, language),
                value=figures.score,
                band=kind,
                colour=BAND_COLOURS[kind],
                extension=criterion.extension,
                peer=(peers or {}).get(criterion.id),
            )
        )
    return ScoreChart(
        bars=tuple(bars),
        thresholds=(
            Threshold(minimum, ThresholdKind.CRITERION_MINIMUM),
            Threshold(GAP_THRESHOLD, ThresholdKind.GAP),
        ),
        overall=card.overall,
        overall_colour=level_colour(questionnaire, card.level),
        demo=demo,
    )
