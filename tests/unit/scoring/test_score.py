"""Scoring rules of DESIGN §4 on a questionnaire small enough to check by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from aeo_assess.domain.assessment import Answer, Assessment, PlanEntry
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.questionnaires import load_questionnaire
from aeo_assess.scoring import score


@pytest.fixture
def mini(minimal_text: str, write_questionnaire: Callable[[str], Path]) -> Questionnaire:
    return load_questionnaire(write_questionnaire(minimal_text))


def assessment(answers: dict[str, Answer], roles: tuple[str, ...] = ("importer",)) -> Assessment:
    return Assessment("mini", "1", "ACME", "CR", frozenset(roles), frozenset({"security"}), answers)


def test_weighted_criterion_and_overall_scores(mini: Questionnaire) -> None:
    card = score(mini, assessment({"C1.01": Answer(3), "C1.02": Answer(False)}))
    first = card.criterion("C1")
    # (0.75 x 2 + 0 x 1) / 3
    assert first.score == pytest.approx(0.5)
    assert card.overall == pytest.approx(0.5)
    assert card.criterion("C2").score is None


def test_roles_hide_questions_and_show_if_reveals_them(mini: Questionnaire) -> None:
    importer = score(mini, assessment({"C1.02": Answer(False)}))
    assert importer.criterion("C1").applicable == 2  # C1.03 hidden while C1.02 is "no"
    assert importer.criterion("C2").applicable == 1  # C2.01 is for carriers only
    carrier = score(mini, assessment({"C1.02": Answer(True)}, roles=("carrier",)))
    assert carrier.criterion("C1").applicable == 3
    assert carrier.criterion("C2").applicable == 2


def test_not_applicable_counts_for_completeness_not_score(mini: Questionnaire) -> None:
    card = score(mini, assessment({"C1.01": Answer(4), "C1.02": Answer(na_reason="no trucks")}))
    assert card.criterion("C1").completeness == 1.0
    assert card.criterion("C1").score == 1.0
    assert card.completeness == pytest.approx(2 / 3)


def test_unscored_answers_count_for_completeness(mini: Questionnaire) -> None:
    card = score(mini, assessment({"C2.02": Answer(dt.date(2026, 1, 5))}))
    assert card.criterion("C2").completeness == 1.0
    assert card.criterion("C2").score is None


def test_blocking_gap_caps_the_level(mini: Questionnaire) -> None:
    answers = {
        "C1.01": Answer(2),
        "C1.02": Answer(True),
        "C1.03": Answer("full"),
        "C2.02": Answer("x"),
    }
    card = score(mini, assessment(answers))
    assert [g.question_id for g in card.blocking_gaps] == ["C1.01"]
    assert card.overall == pytest.approx((0.5 * 2 + 1 + 1) / 4)
    assert card.level == "developing"
    answers["C1.01"] = Answer(4)
    assert score(mini, assessment(answers)).level == "ready"


def test_incomplete_assessment_is_never_ready(mini: Questionnaire) -> None:
    card = score(
        mini, assessment({"C1.01": Answer(4), "C1.02": Answer(True), "C1.03": Answer("full")})
    )
    assert card.overall == 1.0
    assert card.level == "developing"


def test_action_plan_ranks_blocking_first_then_priority(mini: Questionnaire) -> None:
    answers = {
        "C1.01": Answer(2),
        "C1.02": Answer(False),
        "C2.01": Answer(0),
    }
    plan = {"C2.01": PlanEntry(owner="Ana", due=dt.date(2027, 3, 1))}
    a = assessment(answers, roles=("carrier",))
    card = score(mini, Assessment(**{**a.__dict__, "plan": plan}))
    ranked = [(i.rank, i.gap.question_id) for i in card.action_plan]
    # C1.01 blocking; then C2.01: 1 x 1 x weight 2 = 2 beats C1.02: 1 x 1 x 1 = 1
    assert ranked == [(1, "C1.01"), (2, "C2.01"), (3, "C1.02")]
    assert card.action_plan[1].owner == "Ana"
    assert card.action_plan[1].due == dt.date(2027, 3, 1)


def test_answer_of_wrong_type_is_ignored(mini: Questionnaire) -> None:
    card = score(mini, assessment({"C1.01": Answer("high"), "C1.02": Answer(1)}))
    assert card.criterion("C1").score is None


def test_yes_no_without_compliant_is_a_scoping_question(
    minimal_text: str, write_questionnaire: Callable[[str], Path]
) -> None:
    text = minimal_text.replace("        compliant: true\n", "", 1)
    scoping = load_questionnaire(write_questionnaire(text))
    card = score(scoping, assessment({"C1.01": Answer(4), "C1.02": Answer(False)}))
    assert card.criterion("C1").score == 1.0
    assert card.criterion("C1").answered == 2


def test_a_knock_out_is_final_whatever_is_still_unanswered() -> None:
    """SAFE-A.02 answered 'convicted' on a fresh assessment: not eligible, and not provisional,
    since no answer still to come can make up for it (DESIGN §4)."""
    from aeo_assess.questionnaires.registry import find

    safe = find("safe-aeo")
    assert safe is not None
    card = score(safe, Assessment(safe.id, safe.version, "X", "CR", frozenset({"importer"}),
                                  frozenset({"security"}), {"SAFE-A.02": Answer(True)}))
    assert (card.level, card.provisional) == ("not_eligible", False)
    assert card.eligibility_failures == ("SAFE-A.02",)
    assert card.open_musts and card.action_plan[0].gap.question_id == "SAFE-A.02"


def test_a_criterion_with_nothing_answered_is_not_demonstrated() -> None:
    """Not 'met with recommendations' because it holds no must: nothing is shown yet."""
    from aeo_assess.questionnaires.registry import find

    safe = find("safe-aeo")
    assert safe is not None
    card = score(safe, Assessment(safe.id, safe.version, "X", "CR", frozenset({"importer"}),
                                  frozenset({"security"}), {"SAFE-A.03": Answer(3)}))
    untouched = [c for c in card.criteria if c.applicable and not c.answered]
    assert untouched
    assert {c.conclusion for c in untouched} == {"not_demonstrated"}
