"""Completed assessments with random answers, stored in one call each: the raw material of
peer statistics in the benchmark, service and command-line tests."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Iterable

from aeo_assess.domain.assessment import Answer, AnswerValue, Assessment
from aeo_assess.domain.questionnaire import Question, Questionnaire, QuestionType
from aeo_assess.questionnaires.registry import find, shipped_raw
from aeo_assess.scoring.visibility import is_visible
from aeo_assess.services.context import AppContext
from aeo_assess.storage import repository as repo

SAFE = find("safe-aeo")
assert SAFE is not None


def _value(rng: random.Random, question: Question, level: float) -> AnswerValue:
    if question.type is QuestionType.MATURITY:
        return min(4, max(0, round(rng.gauss(level, 1.0))))
    if question.type is QuestionType.YES_NO:
        return rng.random() < 0.5
    if question.type is QuestionType.CHOICE:
        return rng.choice(question.options).value
    if question.type is QuestionType.NUMBER:
        return rng.randint(0, 50)
    if question.type is QuestionType.DATE:
        return dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
    return "texto"


def random_assessment(
    rng: random.Random,
    country: str,
    *,
    questionnaire: Questionnaire = SAFE,
    roles: Iterable[str] = ("importer", "exporter"),
    demo: bool = False,
    complete: bool = True,
) -> Assessment:
    """Every visible question answered, in order (so ``show_if`` works out), around a random
    maturity; with ``complete=False`` the last answer is left out."""
    assessment = Assessment(
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        company=f"Empresa {rng.randrange(10**6)}",
        country=country,
        roles=frozenset(roles),
        aeo_types=frozenset({"security", "compliance"}),
        demo=demo,
    )
    level = rng.uniform(0.5, 3.5)
    for question in questionnaire.questions():
        if is_visible(question, questionnaire, assessment):
            if rng.random() < 0.03 and not question.blocking:
                assessment.answers[question.id] = Answer(na_reason="no aplica")
            else:
                assessment.answers[question.id] = Answer(_value(rng, question, level))
    if not complete:
        del assessment.answers[next(reversed(assessment.answers))]
    return assessment


def store(
    ctx: AppContext, assessments: Iterable[Assessment], raw: bytes | None = None
) -> list[str]:
    """Store the assessments in one session; returns their ids in order."""
    items = list(assessments)
    with ctx.database.session() as session:
        ids = []
        for assessment in items:
            if raw is None:
                found = find(assessment.questionnaire_id, assessment.questionnaire_version)
                assert found is not None
                pk = repo.store_questionnaire(session, shipped_raw(found))
            else:
                pk = repo.store_questionnaire(session, raw)
            ids.append(repo.create_assessment(session, dataclasses.replace(assessment), pk))
    return ids


def populate(ctx: AppContext, seed: int, **per_country: int) -> list[str]:
    """``populate(ctx, 1, CR=6, GT=5)``: that many completed real assessments per country."""
    rng = random.Random(seed)
    return store(
        ctx,
        [random_assessment(rng, c) for c, count in per_country.items() for _ in range(count)],
    )
