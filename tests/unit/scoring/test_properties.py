"""Properties the scoring must keep for any questionnaire and any answers (DESIGN §4)."""

from __future__ import annotations

import dataclasses

from hypothesis import assume, given
from hypothesis import strategies as st

from aeo_assess.domain.assessment import Answer, Assessment
from aeo_assess.domain.questionnaire import Question, QuestionKind, Questionnaire, QuestionType
from aeo_assess.domain.scorecard import Conclusion
from aeo_assess.scoring import score
from aeo_assess.scoring.values import counts_as_answered
from aeo_assess.scoring.visibility import is_visible

from .strategies import RULES, scored_cases

LEVELS = [*(r.level for r in RULES), "not_eligible"]
"""Best first; the knock-out is worse than any level the rules give."""


def with_answer(assessment: Assessment, question_id: str, answer: Answer) -> Assessment:
    return dataclasses.replace(assessment, answers={**assessment.answers, question_id: answer})


@given(scored_cases())
def test_scores_stay_between_zero_and_one(case: tuple[Questionnaire, Assessment]) -> None:
    card = score(*case)
    for criterion in card.criteria:
        assert criterion.score is None or 0.0 <= criterion.score <= 1.0
        assert 0.0 <= criterion.completeness <= 1.0
    assert card.overall is None or 0.0 <= card.overall <= 1.0
    assert all(0.0 <= g.score < 0.75 for g in card.gaps)


@given(scored_cases(), st.data())
def test_not_applicable_never_changes_other_criteria(
    case: tuple[Questionnaire, Assessment], data: st.DataObject
) -> None:
    questionnaire, assessment = case
    question = data.draw(st.sampled_from(questionnaire.questions()))
    before = score(questionnaire, assessment)
    after = score(questionnaire, with_answer(assessment, question.id, Answer(na_reason="n/a")))
    for old, new in zip(before.criteria, after.criteria, strict=True):
        if old.criterion_id != question.criterion_id:
            assert old == new


def raised(question: Question, answer: Answer | None, data: st.DataObject | None) -> Answer | None:
    """A strictly better answer than ``answer``, or None; without ``data``, the best one."""
    if answer is None or answer.value is None:
        return None
    value = answer.value
    if question.type is QuestionType.MATURITY and isinstance(value, int) and value < 4:
        new = data.draw(st.integers(value + 1, 4)) if data else 4
        return dataclasses.replace(answer, value=new)
    if (
        question.type is QuestionType.YES_NO
        and question.compliant is not None
        and value is not question.compliant
    ):
        return dataclasses.replace(answer, value=question.compliant)
    if question.type is QuestionType.CHOICE:
        current = question.option(str(value))
        base = current.score if current else None
        better = [o.value for o in question.options if base is not None and (o.score or 0) > base]
        if better:
            new = data.draw(st.sampled_from(better)) if data else better[-1]
            return dataclasses.replace(answer, value=new)
    return None


@given(scored_cases(), st.data())
def test_raising_an_answer_never_lowers_score_or_level(
    case: tuple[Questionnaire, Assessment], data: st.DataObject
) -> None:
    questionnaire, assessment = case
    controlling = {q.show_if.question for q in questionnaire.questions() if q.show_if}
    candidates = [
        q
        for q in questionnaire.questions()
        if q.id not in controlling and raised(q, assessment.answer(q.id), None) is not None
    ]
    assume(candidates)
    question = data.draw(st.sampled_from(candidates))
    better = raised(question, assessment.answer(question.id), data)
    assert better is not None
    before = score(questionnaire, assessment)
    after = score(questionnaire, with_answer(assessment, question.id, better))
    assert (after.overall or 0.0) >= (before.overall or 0.0) - 1e-12
    assert LEVELS.index(after.level) <= LEVELS.index(before.level)
    for old, new in zip(before.criteria, after.criteria, strict=True):
        assert (new.score or 0.0) >= (old.score or 0.0) - 1e-12


@given(scored_cases())
def test_any_blocking_gap_keeps_level_below_ready(case: tuple[Questionnaire, Assessment]) -> None:
    card = score(*case)
    if card.blocking_gaps or card.open_musts:
        assert card.level != "ready"
    core = [i.gap for i in card.action_plan if not i.gap.extension]
    demanding = [g for g in core if g.blocking]
    assert demanding == core[: len(demanding)]


@given(scored_cases())
def test_an_eligibility_failure_always_gives_not_eligible(
    case: tuple[Questionnaire, Assessment],
) -> None:
    questionnaire, assessment = case
    card = score(questionnaire, assessment)
    failing = [
        g for g in card.gaps if g.kind is QuestionKind.ELIGIBILITY and not g.extension
    ]
    assert (card.level == "not_eligible") == bool(failing)
    assert card.eligibility_failures == tuple(g.question_id for g in failing)
    first = [item.gap for item in card.action_plan[: len(failing)]]
    assert sorted(first, key=lambda g: g.question_id) == sorted(failing, key=lambda g: g.question_id)


@given(scored_cases())
def test_a_provisional_verdict_is_never_ready(case: tuple[Questionnaire, Assessment]) -> None:
    questionnaire, assessment = case
    card = score(questionnaire, assessment)
    if card.provisional:
        assert card.level != "ready"
        if card.core_completeness < questionnaire.completeness_floor:
            assert card.level != "nearly_ready"
    if card.open_musts:
        assert card.provisional or card.level == "not_eligible"


def best(question: Question) -> Answer:
    if question.type is QuestionType.MATURITY:
        return Answer(4)
    if question.type is QuestionType.YES_NO:
        return Answer(question.compliant)
    return Answer(max(question.options, key=lambda o: o.score or 0).value)


@given(scored_cases(), st.data())
def test_answering_an_open_must_with_a_meeting_answer_never_lowers_the_level(
    case: tuple[Questionnaire, Assessment], data: st.DataObject
) -> None:
    questionnaire, assessment = case
    controlling = {q.show_if.question for q in questionnaire.questions() if q.show_if}
    card = score(questionnaire, assessment)
    candidates = [q for q in card.open_musts if q not in controlling]
    assume(candidates)
    question = questionnaire.question(data.draw(st.sampled_from(candidates)))
    after = score(questionnaire, with_answer(assessment, question.id, best(question)))
    assert LEVELS.index(after.level) <= LEVELS.index(card.level)
    assert question.id not in after.open_musts


@given(scored_cases(), st.data())
def test_extensions_never_change_the_overall_score_or_the_verdict(
    case: tuple[Questionnaire, Assessment], data: st.DataObject
) -> None:
    questionnaire, assessment = case
    extension = [q for c in questionnaire.criteria if c.extension for q in c.questions]
    assume(extension)
    question = data.draw(st.sampled_from(extension))
    answer = data.draw(st.sampled_from([Answer(0), Answer(False), Answer("a"), Answer(None)]))
    before = score(questionnaire, assessment)
    after = score(questionnaire, with_answer(assessment, question.id, answer))
    assert after.overall == before.overall
    assert after.level == before.level
    assert after.provisional == before.provisional


@given(scored_cases())
def test_conclusions_follow_the_worst_requirement(case: tuple[Questionnaire, Assessment]) -> None:
    questionnaire, assessment = case
    card = score(questionnaire, assessment)
    for criterion in card.criteria:
        gaps = [g for g in card.gaps if g.criterion_id == criterion.criterion_id]
        opened = [
            i.gap
            for i in card.action_plan
            if i.gap.unanswered and i.gap.criterion_id == criterion.criterion_id
        ]
        if any(g.blocking for g in gaps):
            assert criterion.conclusion is Conclusion.NOT_MET
        elif opened:
            assert criterion.conclusion is Conclusion.NOT_DEMONSTRATED
        elif gaps:
            assert criterion.conclusion is Conclusion.MET_WITH_RECOMMENDATIONS


@given(scored_cases())
def test_same_inputs_give_the_same_scorecard(case: tuple[Questionnaire, Assessment]) -> None:
    questionnaire, assessment = case
    shuffled = dataclasses.replace(
        assessment, answers=dict(reversed(list(assessment.answers.items())))
    )
    assert score(questionnaire, assessment) == score(questionnaire, assessment)
    assert score(questionnaire, assessment) == score(questionnaire, shuffled)


@given(scored_cases())
def test_completeness_counts_only_visible_questions(case: tuple[Questionnaire, Assessment]) -> None:
    questionnaire, assessment = case
    card = score(questionnaire, assessment)
    visible = [q for q in questionnaire.questions() if is_visible(q, questionnaire, assessment)]
    assert card.applicable == len(visible)
    answered = [q for q in visible if counts_as_answered(q, assessment.answer(q.id))]
    assert card.answered == len(answered)
