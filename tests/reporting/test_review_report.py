"""The review report: verdict counts equal the review's, user text prints as typed, the changes
section appears for a resubmission only, English and Spanish (checked with pypdf)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from aeo_assess.domain.assessment import Answer, Assessment
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.review import (
    Change,
    ChangeKind,
    Finding,
    Outcome,
    QuestionReview,
    RemarkStatus,
    Review,
    Severity,
    SubmissionDiff,
    Verdict,
)
from aeo_assess.i18n import catalog_dir
from aeo_assess.reporting.review_report import render_review_report
from aeo_assess.scoring import score
from aeo_assess.scoring.visibility import is_visible
from tests.gui.translations import po_catalog
from tests.reporting.messages import REVIEW_REPORT, report_messages
from tests.reporting.samples import (
    GENERATED_AT,
    TRICKY_COMPANY,
    full_assessment,
    reader,
    safe_aeo,
    text_of,
)

REMARK = "Show the visitor log & the <badge> register — Peña."
FINDING = "No seal check at gate 2 <urgent> & more."
VERDICTS = (Verdict.ACCEPTED, Verdict.NOT_ACCEPTED, Verdict.NEEDS_EVIDENCE)


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return safe_aeo()


@pytest.fixture(scope="module")
def assessment(questionnaire: Questionnaire) -> Assessment:
    return dataclasses.replace(full_assessment(questionnaire, evidence=2),
                               submission_sha256="ab" * 32)


@pytest.fixture(scope="module")
def review(questionnaire: Questionnaire, assessment: Assessment) -> Review:
    """31 applicable questions judged in turn accepted, not accepted, needing evidence; every
    fourth with an open remark, one resolved; three findings."""
    ids = [q.id for q in questionnaire.questions() if is_visible(q, questionnaire, assessment)]
    questions = {}
    for i, question_id in enumerate(ids[:31]):
        remark = REMARK if i % 4 == 1 else ""
        status = (RemarkStatus.RESOLVED if i == 1 else RemarkStatus.OPEN) if remark else None
        questions[question_id] = QuestionReview(
            question_id, VERDICTS[i % 3], remark, status, "officer", GENERATED_AT)
    findings = (
        Finding("F1", Severity.CRITICAL, "SAFE-A", FINDING, "Check every seal.",
                dt.date(2026, 6, 30), "officer", GENERATED_AT),
        Finding("F2", Severity.MAJOR, "SAFE-B", "Badges not reviewed.", "", None, "officer",
                GENERATED_AT),
        Finding("F3", Severity.MAJOR, "SAFE-C", "Budget unclear.", "", None, "officer",
                GENERATED_AT),
    )
    return Review(assessment.id, "ab" * 32, questions, findings,
                  Outcome.GRANT_AFTER_IMPROVEMENTS, "Close F1 within <3> months.", 31, len(ids),
                  reviewer="María Rojas Peña")


def render(
    questionnaire: Questionnaire,
    assessment: Assessment,
    review: Review,
    *,
    language: str = "en",
    diff: SubmissionDiff | None = None,
) -> bytes:
    return render_review_report(
        questionnaire, assessment, score(questionnaire, assessment), review,
        diff=diff, previous=None if diff is None else assessment,
        language=language, page_size="A4", generated_at=GENERATED_AT,
    )


@pytest.fixture(scope="module")
def english(questionnaire: Questionnaire, assessment: Assessment, review: Review) -> bytes:
    return render(questionnaire, assessment, review)


@pytest.fixture(scope="module")
def spanish(questionnaire: Questionnaire, assessment: Assessment, review: Review) -> bytes:
    return render(questionnaire, assessment, review, language="es")


def test_headings_counts_findings_and_outcome(english: bytes, review: Review) -> None:
    text = text_of(english)
    for heading in ("AEO review report", "Verdicts by criterion",
                    "Answers not accepted or needing evidence", "Findings by severity",
                    "Open remarks", "Signature of the reviewing officer"):
        assert heading in text
    total = review.total
    assert f"31 / {total} 11 10 10 {total - 31} Questions reviewed Accepted" in text
    assert f"Overall 11 10 10 {total - 31}" in text
    assert "3 findings (Critical: 1, Major: 2, Minor: 0, Observation: 0) · 7 open remarks" in text
    assert "Critical (1)" in text and "Major (2)" in text and "Minor (" not in text
    assert "Recommended outcome: Grant after improvements" in text
    assert "7 remarks are open" in text
    assert "Changes since the last submission" not in text  # a first submission


def test_user_text_prints_as_typed(english: bytes) -> None:
    text = text_of(english)
    for typed in (TRICKY_COMPANY, FINDING, REMARK, "Close F1 within <3> months.",
                  "María Rojas Peña", "ab" * 32):
        assert typed in text


def test_page_x_of_y_metadata_and_language(english: bytes, spanish: bytes) -> None:
    pages = len(reader(english).pages)
    assert pages > 1
    assert f"Page 1 of {pages}" in text_of(english)
    assert f"Page {pages} of {pages}" in text_of(english)
    info = reader(english).metadata
    assert info is not None and info.title == f"AEO review report: {TRICKY_COMPANY}"
    assert info.author == "María Rojas Peña"
    assert reader(english).trailer["/Root"]["/Lang"] == "en"
    assert reader(spanish).trailer["/Root"]["/Lang"] == "es"
    assert b"DejaVuSans" in english  # the embedded Unicode font


def test_spanish(spanish: bytes, review: Review) -> None:
    text = text_of(spanish)
    for heading in ("Informe de revisión OEA", "Dictámenes por criterio", "Hallazgos por gravedad",
                    "Observaciones abiertas", "Firma del funcionario revisor",
                    "Resultado recomendado: Otorgar tras mejoras", "Funcionario revisor"):
        assert heading in text
    assert "3 hallazgos (Crítico: 1, Mayor: 2, Menor: 0, Observación: 0)" in text
    assert f"Global 11 10 10 {review.total - 31}" in text
    assert "Página 1 de" in text


def test_french(questionnaire: Questionnaire, assessment: Assessment, review: Review) -> None:
    text = text_of(render(questionnaire, assessment, review, language="fr"))
    for heading in ("Rapport d’examen OEA", "Avis par critère", "Constats par gravité",
                    "Remarques ouvertes", "Signature de l’agent examinateur",
                    "Décision recommandée : Accorder après améliorations", "Page 1 sur"):
        assert heading in text
    assert "3 constats (Critique : 1, Majeur : 2, Mineur : 0, Observation : 0)" in text
    assert "7 remarques sont ouvertes" in text


def test_changes_since_the_last_submission(
    questionnaire: Questionnaire, assessment: Assessment, review: Review
) -> None:
    diff = SubmissionDiff(
        previous_id="p",
        answers=(Change("SAFE-A.03", ChangeKind.CHANGED, Answer(1), Answer(3)),),
        comments=(Change("SAFE-A.04", ChangeKind.ADDED, None, "Now <logged> & kept."),),
    )
    text = text_of(render(questionnaire, assessment, review, diff=diff))
    assert "Changes since the last submission" in text
    assert "1 answer, 1 comment and 0 evidence files" in text
    assert "SAFE-A.03 Answer Changed 1 · Informal 3 · Applied with records" in text
    assert "SAFE-A.04 Comment Added – Now <logged> & kept." in text
    empty = text_of(render(questionnaire, assessment, review, diff=SubmissionDiff("p")))
    assert "Nothing changed since the previous submission." in empty


def test_an_empty_review(questionnaire: Questionnaire, assessment: Assessment) -> None:
    empty = Review(assessment.id, "ab" * 32, {}, (), None, "", 0, 90)
    text = text_of(render(questionnaire, assessment, empty))
    assert "Recommended outcome: No recommendation yet" in text
    assert "The officer recorded no findings." in text and "No remark is open." in text


@pytest.mark.parametrize("language", ["es", "fr"])
def test_every_review_report_message_is_translated(language: str) -> None:
    catalog = {
        m: t for m, t in po_catalog(catalog_dir(language) / "review.po", language).items() if t
    }
    assert not sorted(report_messages([REVIEW_REPORT]) - catalog.keys())
    for message, translated in catalog.items():
        assert re.findall(r"{\w+}", str(message)) == re.findall(r"{\w+}", str(translated))


def test_the_officer_sees_the_applicants_verdict_and_declared_not_applicable_musts(
    questionnaire: Questionnaire, assessment: Assessment, review: Review
) -> None:
    must = next(q for q in questionnaire.questions()
                if q.kind == "must" and is_visible(q, questionnaire, assessment))
    declared = dataclasses.replace(assessment, answers={
        **assessment.answers, must.id: Answer(na_reason="We never <load> containers & co."),
    })
    card = score(questionnaire, declared)
    assert card.declared_na_musts == (must.id,)
    text = text_of(render(questionnaire, declared, review, language="es"))
    section = text.split("Dictamen según las respuestas del solicitante", 1)[1]
    assert "Un validador encontraría" in section or "Un validador se detendría" in section
    listed = section.split("Declarados no aplicables", 1)[1]
    assert f"{must.id} " in listed and "We never <load> containers & co." in listed
