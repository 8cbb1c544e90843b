"""Assessments to report on: the shipped safe-aeo questionnaire answered fully or not at all.

The benchmark of issue 5 uses ``full_assessment`` too, so both measure the same report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
import re

from pypdf import PdfReader

from aeo_assess.domain.assessment import Answer, AnswerValue, Assessment, Evidence, PlanEntry
from aeo_assess.domain.questionnaire import Question, QuestionKind, Questionnaire, QuestionType
from aeo_assess.questionnaires.registry import find

TRICKY_COMPANY = "Smith & Sons <Trading> Ltd. — Peña Ñandú"
GENERATED_AT = dt.datetime(2026, 3, 5, 9, 30, tzinfo=dt.UTC)


def safe_aeo() -> Questionnaire:
    questionnaire = find("safe-aeo")
    assert questionnaire is not None
    return questionnaire


def _value(question: Question, rng: random.Random) -> AnswerValue:
    if question.kind is QuestionKind.ELIGIBILITY:
        # The sample operator meets the legal conditions, so its report shows the criteria
        # verdicts (a knock-out report stops at the eligibility failure).
        if question.type is QuestionType.YES_NO:
            return bool(question.compliant)
        return max(question.options, key=lambda o: o.score or 0.0).value
    if question.type is QuestionType.MATURITY:
        return rng.choice([0, 1, 2, 3, 3, 4, 4])
    if question.type is QuestionType.YES_NO:
        return rng.random() < 0.8
    if question.type is QuestionType.CHOICE:
        return rng.choice(question.options).value
    if question.type is QuestionType.NUMBER:
        return 1234.5
    if question.type is QuestionType.DATE:
        return dt.date(2025, 11, 3)
    return "Our written procedure, version 3, covers this step by step. " * 4


def evidence_file(n: int) -> bytes:
    """The bytes of the ``n``-th evidence file: from 1 KB to a few MB."""
    size = 1077 + 5000 * n * n
    return (f"evidence {n} ".encode() * size)[:size]


def full_assessment(
    questionnaire: Questionnaire,
    *,
    company: str = TRICKY_COMPANY,
    evidence: int = 20,
    comment_sentences: int = 3,
    demo: bool = False,
    seed: int = 5,
) -> Assessment:
    """Every question answered with a comment; ``evidence`` files; a flag and a plan entry."""
    rng = random.Random(seed)
    questions = questionnaire.questions()
    answers = {
        q.id: Answer(
            _value(q, rng),
            comment=" ".join(
                f"Step {n} of {q.id} is recorded in register R-{n} & reviewed by the "
                "<quality> team every quarter." for n in range(1, comment_sentences + 1)
            ),
            flagged=i % 11 == 0,
        )
        for i, q in enumerate(questions)
    }
    files = tuple(
        Evidence(
            sha256=hashlib.sha256(evidence_file(n)).hexdigest(),
            name=f"Procedimiento de seguridad {n:02d} — versión final.pdf",
            media_type="application/pdf",
            size=len(evidence_file(n)),
            questions=frozenset({questions[n].id}),
        )
        for n in range(evidence)
    )
    return Assessment(
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        company=company,
        country="CR",
        roles=frozenset({"importer", "exporter", "warehouse"}),
        aeo_types=frozenset({"security", "compliance"}),
        answers=answers,
        plan={q.id: PlanEntry("Ana <QA> & Luis", dt.date(2026, 9, 30)) for q in questions},
        id="0f1e2d3c-4b5a-4697-8877-665544332211",
        tax_id="3-101-654321",
        demo=demo,
        evidence=files,
    )


def empty_assessment(questionnaire: Questionnaire) -> Assessment:
    return Assessment(
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        company="Empty Co.",
        country="PE",
        roles=frozenset({"importer"}),
        aeo_types=frozenset({"security"}),
    )


def text_of(pdf: bytes) -> str:
    """All the text of a PDF, whitespace (no-break spaces too) folded to single spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))
