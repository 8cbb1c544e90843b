"""The pieces the autosave uses to rescore only what one change can move agree with ``score``."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from aeo_assess.domain.assessment import Answer, Assessment
from aeo_assess.domain.questionnaire import Questionnaire, QuestionType, ShowIf
from aeo_assess.questionnaires.registry import find
from aeo_assess.scoring import score
from aeo_assess.scoring.score import criteria_touched_by, criterion_score, overall_of
from tests.unit.scoring.strategies import answer_for, scored_cases


@st.composite
def changes(draw: st.DrawFn) -> tuple[Questionnaire, Assessment, str, Answer | None]:
    questionnaire, assessment = draw(scored_cases())
    question = draw(st.sampled_from(questionnaire.questions()))
    return questionnaire, assessment, question.id, draw(answer_for(question))


@settings(max_examples=300)
@given(changes())
def test_one_change_moves_only_the_criteria_it_touches(
    case: tuple[Questionnaire, Assessment, str, Answer | None],
) -> None:
    questionnaire, before, question_id, answer = case
    answers = {q: a for q, a in before.answers.items() if q != question_id}
    if answer is not None:
        answers[question_id] = answer
    after = dataclasses.replace(before, answers=answers)
    old, new = score(questionnaire, before), score(questionnaire, after)
    touched = {c.id for c in criteria_touched_by(questionnaire, question_id)}
    owner = next(c.id for c in questionnaire.criteria for q in c.questions if q.id == question_id)
    assert owner in touched
    for was, now in zip(old.criteria, new.criteria, strict=True):
        if was.criterion_id not in touched:
            assert was == now
    assert overall_of(old.criteria) == old.overall
    assert overall_of(new.criteria) == new.overall


@given(scored_cases())
def test_a_criterion_scored_alone_scores_as_in_the_card(
    case: tuple[Questionnaire, Assessment],
) -> None:
    questionnaire, assessment = case
    card = score(questionnaire, assessment)
    for criterion, scored in zip(questionnaire.criteria, card.criteria, strict=True):
        assert criterion_score(questionnaire, criterion, assessment) == scored.score


def test_a_question_shown_on_another_criterion_s_answer_is_touched_too() -> None:
    """Shipped files only show questions on answers of their own criterion; a file from
    elsewhere may cross criteria, and the criterion of the shown question moves with it."""
    safe_aeo = find("safe-aeo")
    assert safe_aeo is not None
    gate = next(q for q in safe_aeo.questions() if q.type is QuestionType.YES_NO)
    other = next(c for c in safe_aeo.criteria if c.id != gate.criterion_id)
    shown = dataclasses.replace(other.questions[0], show_if=ShowIf(gate.id, True))
    crossed = dataclasses.replace(
        safe_aeo,
        criteria=tuple(
            dataclasses.replace(c, questions=(shown, *c.questions[1:])) if c is other else c
            for c in safe_aeo.criteria
        ),
    )
    touched = [c.id for c in criteria_touched_by(crossed, gate.id)]
    order = [c.id for c in crossed.criteria]
    assert touched == sorted({gate.criterion_id, other.id}, key=order.index)
    assert [c.id for c in criteria_touched_by(safe_aeo, gate.id)] == [gate.criterion_id]
