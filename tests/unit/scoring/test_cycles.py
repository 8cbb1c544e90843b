"""The changes since a baseline are exact, and a carried answer still to confirm keeps the
verdict provisional without changing the score."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from aeo_assess.domain.assessment import Answer, Assessment, CarryState, Evidence
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.questionnaires.registry import find
from aeo_assess.scoring import score
from aeo_assess.scoring.cycles import AnswerDiff, Cycle, answer_changes, apply_changes, build_trend
from tests.unit.scoring.strategies import assessments, questionnaires, scored_cases

comments = st.sampled_from(["", "según gerencia", "revisado en 2027"])


@st.composite
def two_cycles(draw: st.DrawFn) -> tuple[Questionnaire, Assessment, Assessment]:
    questionnaire = draw(questionnaires())
    baseline, current = draw(assessments(questionnaire)), draw(assessments(questionnaire))

    def commented(assessment: Assessment) -> Assessment:
        answers = {
            q: dataclasses.replace(a, comment=draw(comments), flagged=draw(st.booleans()))
            for q, a in assessment.answers.items()
        }
        if draw(st.booleans()) and questionnaire.questions():
            only = questionnaire.questions()[0].id
            answers.setdefault(only, Answer(comment=draw(comments)))
        return dataclasses.replace(assessment, answers=answers)

    return questionnaire, commented(baseline), commented(current)


@given(two_cycles())
def test_applying_the_listed_changes_to_the_baseline_gives_the_new_answers(
    case: tuple[Questionnaire, Assessment, Assessment],
) -> None:
    questionnaire, baseline, current = case
    changes = answer_changes(baseline, current, questionnaire)
    expected = {q: a for q, a in current.answers.items() if a != Answer()}
    assert apply_changes(baseline.answers, changes) == expected
    # ... and nothing is listed that did not move
    for change in changes:
        assert change.old != change.new or change.evidence_added


def test_evidence_added_is_listed_even_when_the_answer_stayed() -> None:
    base = Assessment("q", "1", "X", "CR", frozenset({"importer"}), frozenset({"security"}),
                      answers={"C0.0": Answer(3)})
    proof = Evidence("ab" * 32, "política.pdf", "application/pdf", 10, frozenset({"C0.0"}))
    now = dataclasses.replace(base, evidence=(proof,))
    assert answer_changes(base, now) == (AnswerDiff("C0.0", Answer(3), Answer(3), ("política.pdf",)),)
    assert answer_changes(now, now) == ()


@given(scored_cases())
def test_a_carried_answer_to_confirm_keeps_the_verdict_provisional(
    case: tuple[Questionnaire, Assessment],
) -> None:
    questionnaire, assessment = case
    carried = dataclasses.replace(
        assessment, carried=dict.fromkeys(assessment.answers, CarryState.TO_CONFIRM)
    )
    before, after = score(questionnaire, assessment), score(questionnaire, carried)
    assert (after.overall, after.criteria, after.gaps) == (before.overall, before.criteria, before.gaps)
    core_answered = any(
        counted
        for criterion in questionnaire.criteria
        if not criterion.extension
        for counted in (c.answered for c in before.criteria if c.criterion_id == criterion.id)
    )
    if core_answered and not before.eligibility_failures:
        assert after.provisional and after.level != "ready"
    confirmed = dataclasses.replace(
        assessment, carried=dict.fromkeys(assessment.answers, CarryState.CONFIRMED)
    )
    assert score(questionnaire, confirmed) == before


def test_the_trend_marks_the_version_change_and_compares_the_last_two_cycles() -> None:
    old, new = find("safe-aeo", "2026.1"), find("safe-aeo")
    assert old is not None and new is not None

    def cycle(questionnaire: Questionnaire, answers: dict[str, Answer], day: int) -> Cycle:
        assessment = Assessment(
            questionnaire.id, questionnaire.version, "X", "CR", frozenset({"importer"}),
            frozenset({"security"}), answers=answers,
            created_at=dt.datetime(2026 + day, 3, 1, tzinfo=dt.UTC),
        )
        return Cycle(questionnaire, assessment, score(questionnaire, assessment))

    cycles = [
        cycle(old, {"SAFE-B.01": Answer(1), "SAFE-B.02": Answer(4)}, 0),
        cycle(new, {"SAFE-B.01": Answer(3), "SAFE-B.02": Answer(2)}, 1),
        cycle(new, {"SAFE-B.01": Answer(3), "SAFE-B.02": Answer(2)}, 2),
    ]
    chart = build_trend(cycles, "es")
    assert [p.version_changed for p in chart.points] == [False, True, False]
    assert [p.date.year for p in chart.points] == [2026, 2027, 2028]
    b = next(row for row in chart.criteria if row.key == "SAFE-B")
    assert b.values[1] == b.values[2] and b.values[0] != b.values[1]
    assert chart.comparison is not None and chart.comparison.regressions == ()
    two = build_trend(cycles[:2], "es").comparison
    assert two is not None
    assert "SAFE-B.01" in two.closed and "SAFE-B.02" in two.new_gaps
    assert [(r.question_id, r.old_score, r.new_score) for r in two.regressions] == [
        ("SAFE-B.02", 1.0, 0.5)
    ]
