"""The shipped questionnaires meet the content bar of issue 2 (and customs-rm, issue 15)."""

from __future__ import annotations

from collections import Counter

import pytest

from aeo_assess.domain.questionnaire import QuestionKind, Questionnaire, QuestionType
from aeo_assess.questionnaires.registry import find

SAFE_LETTERS = [f"SAFE-{letter}" for letter in "ABCDEFGHIJKLM"]


@pytest.fixture(scope="module")
def safe() -> Questionnaire:
    questionnaire = find("safe-aeo")
    assert questionnaire is not None
    return questionnaire


@pytest.fixture(scope="module")
def risk() -> Questionnaire:
    questionnaire = find("risk-management")
    assert questionnaire is not None
    return questionnaire


def test_safe_has_the_thirteen_letters_and_a_marked_extension(safe: Questionnaire) -> None:
    ids = [c.id for c in safe.criteria]
    assert ids[:13] == SAFE_LETTERS
    extensions = [c for c in safe.criteria if c.extension]
    assert [c.id for c in extensions] == ["CYBER"]
    assert "extension" in extensions[0].title["en"].lower()
    assert "extensión" in extensions[0].title["es"].lower()
    assert all(not c.extension for c in safe.criteria if c.id in SAFE_LETTERS)


def test_safe_counts(safe: Questionnaire) -> None:
    questions = safe.questions()
    assert len(questions) >= 100
    assert all(len(c.questions) >= 5 for c in safe.criteria)
    kinds = Counter(q.kind for q in questions)
    # 2027.1 (issue 11): four legal conditions, 23 musts; the list is pinned in kinds-2027.1.txt.
    assert kinds[QuestionKind.ELIGIBILITY] == 4
    assert kinds[QuestionKind.MUST] == 23
    cyber = next(c for c in safe.criteria if c.extension)
    assert all(q.kind is QuestionKind.SHOULD for q in cyber.questions)


def test_risk_counts(risk: Questionnaire) -> None:
    assert len(risk.questions()) >= 15
    kinds = Counter(q.kind for q in risk.questions())
    assert kinds[QuestionKind.MUST] == 3 and kinds[QuestionKind.ELIGIBILITY] == 0


@pytest.mark.parametrize("qid", ["safe-aeo", "risk-management", "customs-rm"])
def test_every_question_is_complete_in_english_and_spanish(qid: str) -> None:
    questionnaire = find(qid)
    assert questionnaire is not None
    assert questionnaire.languages[:2] == ("en", "es")
    for question in questionnaire.questions():
        texts = [question.text, question.guidance, question.recommendation, *question.evidence]
        assert question.evidence, question.id
        for text in texts:
            assert text["en"].strip() and text["es"].strip(), question.id
            assert text["en"] != text["es"] or len(text["en"]) < 12, question.id
        refs = dict(question.refs)
        assert refs.get("safe"), question.id


def test_safe_refs_point_to_the_letter(safe: Questionnaire) -> None:
    for criterion in safe.criteria:
        for question in criterion.questions:
            refs = dict(question.refs)
            if criterion.extension:
                assert refs["safe"] == "extension"
            elif refs["safe"] == "—":
                # Not a SAFE condition but another programme's criterion, which the refs name
                # (SAFE-A.09, customs competence, is an EU AEOC criterion).
                assert set(refs) - {"safe", "eu_saq", "ctpat"}, question.id
            else:
                assert refs["safe"] == criterion.id.removeprefix("SAFE-"), question.id
    with_saq = [q for q in safe.questions() if "eu_saq" in dict(q.refs)]
    with_ctpat = [q for q in safe.questions() if "ctpat" in dict(q.refs)]
    assert len(with_saq) >= 50 and len(with_ctpat) >= 40


def test_profile_filters_are_used(safe: Questionnaire) -> None:
    questions = safe.questions()
    assert any(q.roles for q in questions)
    assert any(q.aeo_types == frozenset({"compliance"}) for q in questions)
    assert any(q.aeo_types == frozenset({"security"}) for q in questions)
    assert any(q.show_if for q in questions)
    kinds = Counter(q.type for q in questions)
    assert kinds[QuestionType.MATURITY] >= 60


def test_readiness_levels_have_labels_in_both_languages(safe: Questionnaire) -> None:
    assert [r.level for r in safe.readiness] == ["ready", "nearly_ready", "developing", "not_ready"]
    assert len(safe.maturity_scale) == 5
    for rule in safe.readiness:
        assert rule.label["es"] and rule.description["es"]


@pytest.mark.parametrize("qid", ["safe-aeo", "risk-management", "customs-rm"])
def test_fast_shipped_load_equals_the_fully_checked_one(qid: str) -> None:
    from aeo_assess.questionnaires import load_questionnaire
    from aeo_assess.questionnaires.registry import parse_known, shipped_files

    path = next(p for p in shipped_files() if p.stem == qid)
    checked = load_questionnaire(path)
    assert find(qid) == checked
    assert parse_known(path.read_bytes(), "x") == (checked, [])
    assert parse_known(path.read_bytes() + b"\n# edited\n", "x")[0] == checked
