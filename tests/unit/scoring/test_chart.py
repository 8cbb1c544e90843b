"""The chart description: one bar per applicable criterion, bands and colours from the rules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from aeo_assess.domain.assessment import Answer, Assessment
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.questionnaires import load_questionnaire
from aeo_assess.questionnaires.registry import find
from aeo_assess.scoring import score
from aeo_assess.scoring.chart import (
    BAND_COLOURS,
    LEVEL_PALETTE,
    Band,
    PeerStats,
    ThresholdKind,
    band,
    build_chart,
    criterion_minimum,
    level_colour,
)


@pytest.fixture
def mini(minimal_text: str, write_questionnaire: Callable[[str], Path]) -> Questionnaire:
    return load_questionnaire(write_questionnaire(minimal_text))


def assessment(answers: dict[str, Answer], roles: tuple[str, ...] = ("importer",)) -> Assessment:
    return Assessment("mini", "1", "ACME", "CR", frozenset(roles), frozenset({"security"}), answers)


def test_one_bar_per_criterion_with_applicable_questions(mini: Questionnaire) -> None:
    card = score(mini, assessment({"C1.01": Answer(3), "C1.02": Answer(True)}))
    chart = build_chart(mini, card, "es")
    assert [bar.key for bar in chart.bars] == ["C1", "C2"]
    first = chart.bars[0]
    assert first.label == "Primero"
    assert first.value == pytest.approx(card.criterion("C1").score)
    assert chart.bars[1].value is None and chart.bars[1].band is Band.UNSCORED
    assert chart.overall == card.overall
    assert chart.scale == (0.0, 1.0)


def test_criterion_without_applicable_questions_has_no_bar(
    minimal_text: str, write_questionnaire: Callable[[str], Path]
) -> None:
    carriers_only = minimal_text.replace("type: date\n", "type: date\n        roles: [carrier]\n")
    questionnaire = load_questionnaire(write_questionnaire(carriers_only))
    card = score(questionnaire, assessment({}, roles=("importer",)))
    assert card.criterion("C2").applicable == 0
    assert [bar.key for bar in build_chart(questionnaire, card, "en").bars] == ["C1"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, Band.UNSCORED), (0.0, Band.WEAK), (0.59, Band.WEAK), (0.6, Band.FAIR),
     (0.74, Band.FAIR), (0.75, Band.STRONG), (1.0, Band.STRONG)],
)
def test_bands_follow_gap_threshold_and_criterion_minimum(
    value: float | None, expected: Band
) -> None:
    assert band(value, 0.6) is expected


def test_thresholds_come_from_the_readiness_rules() -> None:
    safe = find("safe-aeo")
    assert safe is not None
    assert criterion_minimum(safe) == 0.5
    card = score(safe, Assessment(safe.id, safe.version, "A", "CR", frozenset({"importer"}),
                                  frozenset({"security"})))
    chart = build_chart(safe, card, "en")
    assert {(t.kind, t.value) for t in chart.thresholds} == {
        (ThresholdKind.CRITERION_MINIMUM, 0.5),
        (ThresholdKind.GAP, 0.75),
    }
    assert chart.bands == (Band.UNSCORED,)


def test_minimum_defaults_when_no_rule_sets_one(mini: Questionnaire) -> None:
    assert criterion_minimum(mini) == 0.5


def test_colours_by_band_and_level_rank(mini: Questionnaire) -> None:
    card = score(mini, assessment({"C1.01": Answer(4), "C1.02": Answer(True), "C1.03": Answer("full")}))
    chart = build_chart(mini, card, "en")
    assert chart.bars[0].colour == BAND_COLOURS[Band.STRONG]
    assert level_colour(mini, "ready") == LEVEL_PALETTE[0]
    assert level_colour(mini, "not_ready") == LEVEL_PALETTE[-1]
    assert level_colour(mini, "unknown") == BAND_COLOURS[Band.UNSCORED]
    assert chart.overall_colour == level_colour(mini, card.level)


def test_peer_figures_ride_along_when_given(mini: Questionnaire) -> None:
    card = score(mini, assessment({}))
    peers = {"C1": PeerStats(median=0.6, q1=0.4, q3=0.8, n=12)}
    chart = build_chart(mini, card, "en", peers=peers, demo=True)
    assert chart.bars[0].peer == peers["C1"]
    assert chart.bars[1].peer is None
    assert chart.demo
