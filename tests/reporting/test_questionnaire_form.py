"""Paper questionnaires: the profile's questions only, ids and answer keys printed, pre-filled
answers ticked, the evidence checklist, every message in Spanish and French."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from aeo_assess import i18n
from aeo_assess.domain.assessment import Answer
from aeo_assess.domain.questionnaire import Questionnaire, QuestionType
from aeo_assess.domain.text import localized
from aeo_assess.reporting.questionnaire_form import (
    BOX,
    TICKED,
    profile_questions,
    render_questionnaire_form,
)
from aeo_assess.services import spreadsheets
from tests.reporting.messages import OFFICE, report_messages
from tests.reporting.samples import (
    GENERATED_AT,
    TRICKY_COMPANY,
    empty_assessment,
    safe_aeo,
    text_of,
)

CARRIER = frozenset({"carrier"})
SPREADSHEETS = Path(spreadsheets.__file__)
BOTH = frozenset({"security", "compliance"})


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return safe_aeo()


def form(questionnaire: Questionnaire, roles: frozenset[str] = CARRIER,
         aeo_types: frozenset[str] = BOTH, language: str = "en", **extra: object) -> bytes:
    return render_questionnaire_form(
        questionnaire, roles=roles, aeo_types=aeo_types, language=language, page_size="A4",
        generated_at=GENERATED_AT, **extra,  # type: ignore[arg-type]
    )


def test_the_profile_keeps_only_questions_for_its_roles_and_types(
    questionnaire: Questionnaire,
) -> None:
    everything = questionnaire.questions()
    carrier_security = profile_questions(questionnaire, CARRIER, frozenset({"security"}))
    assert 0 < len(carrier_security) < len(everything)
    for question in carrier_security:
        assert not question.roles or "carrier" in question.roles
        assert not question.aeo_types or "security" in question.aeo_types
    kept = {q.id for q in carrier_security}
    left_out = [q for q in everything if q.id not in kept]
    assert any(q.roles and "carrier" not in q.roles for q in left_out)
    assert any(q.aeo_types == {"compliance"} for q in left_out)


def test_a_blank_form_prints_each_question_with_its_id_keys_and_evidence(
    questionnaire: Questionnaire,
) -> None:
    security = frozenset({"security"})
    text = text_of(form(questionnaire, aeo_types=security))
    questions = profile_questions(questionnaire, CARRIER, security)
    for question in questions:
        assert f"{question.id} " in text
    printed = set(re.findall(r"SAFE-[A-Z]+\.\d+", text))
    assert printed <= {q.id for q in questions}  # nothing of other profiles, not even in notes
    first = questions[0]
    assert localized(first.evidence[0], "en")[:40] in text
    assert "Blank questionnaire" in text and "Not applicable, because:" in text
    assert TICKED not in text
    assert text.count(BOX) >= len(questions)
    assert "3 · Applied with records [3]" in text  # the key typed back in
    assert "Yes [yes]" in text


def test_the_spanish_form_is_in_spanish(questionnaire: Questionnaire) -> None:
    text = text_of(form(questionnaire, roles=frozenset({"carrier", "importer"}), language="es"))
    assert "Cuestionario en blanco" in text
    assert "No aplica, porque:" in text
    assert "Pruebas que pedirá un validador:" in text
    assert "Blank questionnaire" not in text and "Comments" not in text


def test_a_pre_filled_form_ticks_the_answers_and_prints_comments(
    questionnaire: Questionnaire,
) -> None:
    assessment = empty_assessment(questionnaire)
    maturity = next(q for q in profile_questions(questionnaire, assessment.roles,
                                                 assessment.aeo_types) if q.type is QuestionType.MATURITY)
    answers = {maturity.id: Answer(3, comment=TRICKY_COMPANY)}
    filled = form(questionnaire, roles=assessment.roles, aeo_types=assessment.aeo_types,
                  assessment=dataclasses.replace(assessment, answers=answers))
    text = text_of(filled)
    assert "Pre-filled questionnaire" in text and "Empty Co." in text
    assert f"{TICKED} 3 · Applied with records [3]" in text
    assert text.count(TICKED) == 1
    assert TRICKY_COMPANY in text  # the comment, printed as typed


def test_the_evidence_checklist_lists_what_to_gather_per_criterion(
    questionnaire: Questionnaire,
) -> None:
    text = text_of(form(questionnaire, checklist=True))
    assert "Evidence checklist" in text and "Have it" in text and "Where" in text
    for question in profile_questions(questionnaire, CARRIER, BOTH)[:10]:
        for evidence in question.evidence:
            assert localized(evidence, "en")[:30] in text


@pytest.mark.parametrize("language", ["es", "fr"])
def test_every_message_of_the_forms_documents_and_sheets_is_translated(language: str) -> None:
    catalog = i18n._catalog(language)
    messages = report_messages([*OFFICE, SPREADSHEETS])
    assert len(messages) > 20
    missing = sorted(m for m in messages if m not in catalog)
    assert missing == []
    for message in messages:
        assert re.findall(r"{\w+}", message) == re.findall(r"{\w+}", catalog[message])
