"""The autosave's incremental score (``Tallies.after``) always equals a full ``score``."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from aeo_assess.domain.assessment import Answer, Assessment, CarryState, PlanEntry
from aeo_assess.domain.questionnaire import Questionnaire, QuestionType, ShowIf
from aeo_assess.questionnaires.registry import find
from aeo_assess.scoring import score
from aeo_assess.scoring.score import Layout, tally
from tests.unit.scoring.strategies import answer_for, scored_cases

Step = tuple[str, Answer | None, CarryState | None]
"""One change: the question, its new answer (None clears it) and where it stands as a
carried answer (None when it was not carried over)."""


@st.composite
def histories(draw: st.DrawFn) -> tuple[Questionnaire, Assessment, list[Step]]:
    """An assessment, partly carried over from a previous cycle with a plan, and a sequence
    of changes to it: values set, cleared, marked not applicable, carried answers confirmed."""
    questionnaire, assessment = draw(scored_cases())
    ids = [q.id for q in questionnaire.questions()]
    carried = draw(st.dictionaries(st.sampled_from(ids), st.sampled_from(CarryState)))
    plan = draw(st.dictionaries(st.sampled_from(ids), st.just(PlanEntry(owner="ana"))))
    assessment = dataclasses.replace(assessment, carried=carried, plan=plan)
    steps = []
    for _ in range(draw(st.integers(1, 8))):
        question = draw(st.sampled_from(questionnaire.questions()))
        state = draw(st.one_of(st.none(), st.sampled_from(CarryState)))
        steps.append((question.id, draw(answer_for(question)), state))
    return questionnaire, assessment, steps


def _apply(assessment: Assessment, step: Step) -> Assessment:
    question_id, answer, state = step
    answers = {q: a for q, a in assessment.answers.items() if q != question_id}
    carried = {q: s for q, s in assessment.carried.items() if q != question_id}
    if answer is not None:
        answers[question_id] = answer
    if state is not None:
        carried[question_id] = state
    return dataclasses.replace(assessment, answers=answers, carried=carried)


@settings(max_examples=300)
@given(histories())
def test_tallies_followed_change_by_change_score_as_a_full_rescore(
    case: tuple[Questionnaire, Assessment, list[Step]],
) -> None:
    questionnaire, assessment, steps = case
    tallies = tally(questionnaire, assessment)
    for step in steps:
        before = tallies
        assessment = _apply(assessment, step)
        tallies = tallies.after(assessment, step[0])
        card = score(questionnaire, assessment)
        assert tallies.scorecard(assessment.plan) == card
        assert tallies.overall == card.overall
        moved = tallies.moved_scores(step[0])
        assert moved == {c: card.criterion(c).score for c in moved}
        for criterion in card.criteria:
            if criterion.criterion_id not in moved:
                assert before.scorecard({}).criterion(criterion.criterion_id) == criterion


def test_a_question_shown_on_another_criterion_s_answer_moves_that_criterion_too() -> None:
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
    index = {c.id: i for i, c in enumerate(crossed.criteria)}
    assert Layout(crossed).moves[gate.id] == tuple(sorted(
        (index[gate.criterion_id], index[other.id])
    ))
    assert Layout(safe_aeo).moves[gate.id] == (index[gate.criterion_id],)
