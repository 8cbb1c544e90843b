"""The customs-rm questionnaire (issue 15): a customs administration's self-assessment of its risk
management and SAFE Pillar 1 standards, in English, Spanish and French."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from aeo_assess.domain.assessment import Answer, Assessment
from aeo_assess.domain.questionnaire import Question, QuestionKind, Questionnaire, QuestionType
from aeo_assess.questionnaires import load_questionnaire
from aeo_assess.questionnaires.registry import find, shipped_files

ROOT = Path(__file__).resolve().parents[3]
FILE = ROOT / "questionnaires" / "customs-rm.yaml"
LANGUAGES = ("en", "es", "fr")
# Reference keys the file uses: SAFE pillar or Pillar 1 standard, WCO Risk Management Compendium,
# WTO TFA article, Revised Kyoto Convention General Annex standard, other WCO instrument.
REF_KEYS = {"safe", "rmc", "tfa", "rkc", "wco"}
# Only the Pillar 1 standards verified as the risk-management standards are cited by number;
# everything else stays at pillar level.
SAFE_REFS = {"P1-S4", "P1-S7", "Pillar 1", "Pillar 2", "Pillar 3"}
TFA_ARTICLES = {"7.1", "7.4", "7.5", "7.6", "7.7", "8", "10.4", "12", "12.1", "12.2"}


@pytest.fixture(scope="module")
def customs() -> Questionnaire:
    return load_questionnaire(FILE)


def texts(questionnaire: Questionnaire) -> Iterator[tuple[str, dict[str, str]]]:
    """Every localized text of the file, named by where it sits."""
    yield "title", questionnaire.title
    yield "source", questionnaire.source
    for rule in questionnaire.readiness:
        yield f"readiness {rule.level}", rule.label
        yield f"readiness {rule.level} description", rule.description
    for criterion in questionnaire.criteria:
        yield criterion.id, criterion.title
        yield f"{criterion.id} summary", criterion.summary
        for question in criterion.questions:
            for name, text in question_texts(question):
                yield f"{question.id} {name}", text


def question_texts(question: Question) -> Iterator[tuple[str, dict[str, str]]]:
    yield "text", question.text
    yield "guidance", question.guidance
    yield "recommendation", question.recommendation
    for number, item in enumerate(question.evidence):
        yield f"evidence {number}", item
    if question.unit:
        yield "unit", question.unit


def test_the_file_validates_with_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    from aeo_assess.cli.main import main

    assert main(["questionnaires", "validate", str(FILE)]) == 0, capsys.readouterr().err


def test_it_is_shipped_and_found(customs: Questionnaire) -> None:
    assert FILE.name in {p.name for p in shipped_files()}
    assert find("customs-rm") == customs
    assert (customs.id, customs.version) == ("customs-rm", "2027.1")
    assert customs.languages == LANGUAGES


def test_counts(customs: Questionnaire) -> None:
    assert 10 <= len(customs.criteria) <= 14
    assert 60 <= len(customs.questions()) <= 90
    assert all(len(c.questions) >= 4 for c in customs.criteria)
    assert not any(c.extension for c in customs.criteria)


def test_every_text_exists_in_the_three_languages(customs: Questionnaire) -> None:
    for where, text in texts(customs):
        for language in LANGUAGES:
            assert text.get(language, "").strip(), f"{where}: no {language}"


def test_no_question_text_is_an_untranslated_copy(customs: Questionnaire) -> None:
    for question in customs.questions():
        assert question.text["en"] != question.text["es"], question.id
        assert question.text["en"] != question.text["fr"], question.id
        assert question.text["es"] != question.text["fr"], question.id
        for name, text in question_texts(question):
            if len(text["en"]) >= 12:
                assert text["en"] != text["es"], f"{question.id} {name}"
                assert text["en"] != text["fr"], f"{question.id} {name}"


def test_indicators_are_unscored_numbers_with_unit_and_range(customs: Questionnaire) -> None:
    numbers = [q for q in customs.questions() if q.type is QuestionType.NUMBER]
    assert 8 <= len(numbers) <= 12
    for question in numbers:
        assert question.unit and all(question.unit[lang].strip() for lang in LANGUAGES), question.id
        assert question.min_value is not None and question.max_value is not None, question.id
        assert question.min_value < question.max_value, question.id
        assert question.kind is QuestionKind.SHOULD, question.id
        assert question.text["en"].startswith("Indicator:"), question.id
    percentages = [q for q in numbers if q.unit["en"].startswith("%")]
    assert percentages and all((q.min_value, q.max_value) == (0, 100) for q in percentages)


def test_an_administration_is_assessed_with_musts_and_shoulds_only(customs: Questionnaire) -> None:
    questions = customs.questions()
    kinds = {q.kind for q in questions}
    assert kinds == {QuestionKind.MUST, QuestionKind.SHOULD}
    assert sum(q.kind is QuestionKind.MUST for q in questions) >= 20
    for question in questions:
        assert not question.roles and not question.aeo_types, question.id
        assert "your company" not in question.text["en"].lower(), question.id
    assert sum("your administration" in q.text["en"].lower() for q in questions) >= 40
    assert sum("su administración" in q.text["es"].lower() for q in questions) >= 40
    assert sum("votre administration" in q.text["fr"].lower() for q in questions) >= 40


def test_every_question_has_evidence_and_references(customs: Questionnaire) -> None:
    for question in customs.questions():
        assert question.evidence, question.id
        refs = dict(question.refs)
        assert set(refs) <= REF_KEYS, question.id
        assert refs["safe"] in SAFE_REFS, question.id
        if "tfa" in refs:
            assert refs["tfa"] in TFA_ARTICLES, question.id
    cited = {dict(q.refs).get("tfa") for q in customs.questions()}
    assert {"7.4", "7.5", "7.7", "8", "10.4"} <= cited
    assert sum("rmc" in dict(q.refs) for q in customs.questions()) >= 20


def test_the_aeo_criterion_cross_references_the_trader_questionnaire(
    customs: Questionnaire,
) -> None:
    safe = find("safe-aeo")
    assert safe is not None
    letters = {c.id for c in safe.criteria}
    aeo = next(c for c in customs.criteria if c.id == "CRM-K")
    mentioned = " ".join([aeo.summary["en"], *(q.guidance["en"] for q in aeo.questions)])
    for letter in ("SAFE-A", "SAFE-B", "SAFE-C", "SAFE-D", "SAFE-M"):
        assert letter in mentioned and letter in letters


def _answered(customs: Questionnaire, maturity: int, **overrides: int) -> Assessment:
    answers: dict[str, Answer] = {}
    for question in customs.questions():
        if question.type is QuestionType.MATURITY:
            answers[question.id] = Answer(overrides.get(question.id, maturity))
        elif question.type is QuestionType.YES_NO:
            answers[question.id] = Answer(True)
        else:
            answers[question.id] = Answer(12.5)
    return Assessment(
        questionnaire_id=customs.id,
        questionnaire_version=customs.version,
        company="Dirección General de Aduanas",
        country="CR",
        roles=frozenset(),
        aeo_types=frozenset(),
        answers=answers,
    )


def test_the_readiness_levels_are_reached_as_their_rules_say(customs: Questionnaire) -> None:
    from aeo_assess.scoring.score import score

    unanswered = replace(_answered(customs, 0), answers={})
    empty = score(customs, unanswered)
    assert empty.provisional and empty.level == "not_ready" and empty.overall is None

    applied = score(customs, _answered(customs, 3))
    assert not applied.provisional and applied.level == "ready"
    assert applied.answered == applied.applicable == len(customs.questions())

    one_must_short = score(customs, _answered(customs, 3, **{"CRM-E.04": 2}))
    assert one_must_short.level == "nearly_ready"
    assert [g.question_id for g in one_must_short.gaps] == ["CRM-E.04"]

    ad_hoc = score(customs, _answered(customs, 1))
    assert ad_hoc.level == "not_ready"
