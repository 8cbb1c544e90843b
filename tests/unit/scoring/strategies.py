"""Hypothesis strategies: random questionnaires (valid by construction) and assessments."""

from __future__ import annotations

import dataclasses

from hypothesis import strategies as st

from aeo_assess.domain.assessment import Answer, Assessment
from aeo_assess.domain.questionnaire import (
    AEO_TYPES,
    ROLES,
    Criterion,
    Option,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionType,
    ReadinessRule,
    ShowIf,
)

T = {"en": "t"}
RULES = (
    ReadinessRule(
        "ready", T, T, min_overall=0.75, min_each_criterion=0.5, max_failed_musts=0,
        max_open_musts=0,
    ),
    ReadinessRule("nearly_ready", T, T, min_overall=0.6, max_failed_musts=2),
    ReadinessRule("developing", T, T, min_overall=0.4),
    ReadinessRule("not_ready", T, T),
)
NOT_ELIGIBLE = ReadinessRule("not_eligible", T, T)
OPTIONS = (Option("a", T, 0.0), Option("b", T, 0.5), Option("c", T, 1.0))
SCORED = [QuestionType.MATURITY, QuestionType.YES_NO, QuestionType.CHOICE]
subsets = st.frozensets


@st.composite
def questionnaires(draw: st.DrawFn) -> Questionnaire:
    criteria = []
    for c in range(draw(st.integers(1, 4))):
        cid = f"C{c}"
        questions: list[Question] = []
        for q in range(draw(st.integers(1, 6))):
            kind = draw(st.sampled_from([*SCORED, QuestionType.TEXT]))
            compliant = draw(st.one_of(st.none(), st.booleans()))
            scored = kind in SCORED and (kind is not QuestionType.YES_NO or compliant is not None)
            show_if = None
            earlier = [x for x in questions if x.type is QuestionType.YES_NO]
            if earlier and draw(st.booleans()):
                show_if = ShowIf(draw(st.sampled_from(earlier)).id, draw(st.booleans()))
            questions.append(
                Question(
                    id=f"{cid}.{q}",
                    criterion_id=cid,
                    type=kind,
                    text=T,
                    guidance=T,
                    evidence=(T,),
                    recommendation=T,
                    weight=draw(st.sampled_from([1.0, 2.0, 3.0])),
                    kind=draw(st.sampled_from(QuestionKind)) if scored else QuestionKind.SHOULD,
                    roles=draw(subsets(st.sampled_from(ROLES), max_size=2)),
                    aeo_types=draw(subsets(st.sampled_from(AEO_TYPES), max_size=1)),
                    show_if=show_if,
                    compliant=compliant if kind is QuestionType.YES_NO else None,
                    options=OPTIONS if kind is QuestionType.CHOICE else (),
                )
            )
        extension = c > 0 and draw(st.booleans())
        if extension:
            questions = [
                dataclasses.replace(q, kind=QuestionKind.SHOULD)
                if q.kind is QuestionKind.ELIGIBILITY
                else q
                for q in questions
            ]
        weight = draw(st.sampled_from([0.5, 1.0, 2.0]))
        criteria.append(Criterion(cid, T, T, weight, tuple(questions), extension=extension))
    return Questionnaire(
        "q", "1", T, T, ("en",), RULES, tuple(criteria), not_eligible=NOT_ELIGIBLE
    )


def answer_for(question: Question) -> st.SearchStrategy[Answer]:
    values: st.SearchStrategy[object]
    if question.type is QuestionType.MATURITY:
        values = st.integers(0, 4)
    elif question.type is QuestionType.YES_NO:
        values = st.booleans()
    elif question.type is QuestionType.CHOICE:
        values = st.sampled_from([o.value for o in question.options])
    else:
        values = st.text(max_size=5)
    answered = values.map(lambda v: Answer(value=v))  # type: ignore[arg-type]
    if not question.na_allowed:
        return st.one_of(st.none(), answered)
    return st.one_of(st.none(), answered, st.just(Answer(na_reason="not our business")))


@st.composite
def assessments(draw: st.DrawFn, questionnaire: Questionnaire) -> Assessment:
    answers = {}
    for question in questionnaire.questions():
        answer = draw(answer_for(question))
        if answer is not None:
            answers[question.id] = answer
    return Assessment(
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        company="X",
        country="CR",
        roles=draw(subsets(st.sampled_from(ROLES), min_size=1, max_size=3)),
        aeo_types=draw(subsets(st.sampled_from(AEO_TYPES), min_size=1)),
        answers=answers,
    )


@st.composite
def scored_cases(draw: st.DrawFn) -> tuple[Questionnaire, Assessment]:
    questionnaire = draw(questionnaires())
    return questionnaire, draw(assessments(questionnaire))
