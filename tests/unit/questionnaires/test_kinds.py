"""Every question of the 2027.1 questionnaires with its kind, pinned in a fixture (issue 11).

A change of kind (should, must, eligibility) changes verdicts: it has to be a visible decision,
made in ``kinds-2027.1.txt`` next to the questionnaire edit, not a side effect of one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aeo_assess.domain.questionnaire import QuestionKind, Questionnaire
from aeo_assess.questionnaires.registry import find

FIXTURE = Path(__file__).with_name("kinds-2027.1.txt")
QUESTIONNAIRES = ("safe-aeo", "risk-management")


def _fixture() -> list[tuple[str, str]]:
    rows = []
    for number, line in enumerate(FIXTURE.read_text("utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        assert len(parts) == 2, f"{FIXTURE.name}:{number}: expected 'ID kind', got {line!r}"
        rows.append((parts[0], parts[1]))
    return rows


def _questionnaire(qid: str) -> Questionnaire:
    questionnaire = find(qid, "2027.1")
    assert questionnaire is not None, qid
    return questionnaire


def _shipped() -> list[tuple[str, str]]:
    return [
        (question.id, question.kind.value)
        for qid in QUESTIONNAIRES
        for question in _questionnaire(qid).questions()
    ]


def test_the_fixture_lists_valid_kinds_once_per_id() -> None:
    rows = _fixture()
    ids = [qid for qid, _ in rows]
    assert len(ids) == len(set(ids))
    assert {kind for _, kind in rows} <= {kind.value for kind in QuestionKind}


def test_every_question_has_the_kind_the_fixture_says() -> None:
    expected = dict(_fixture())
    actual = dict(_shipped())
    added = sorted(set(actual) - set(expected))
    removed = sorted(set(expected) - set(actual))
    changed = sorted(
        f"{qid}: {expected[qid]} -> {actual[qid]}"
        for qid in set(actual) & set(expected)
        if actual[qid] != expected[qid]
    )
    assert not (added or removed or changed), (
        f"questions not in {FIXTURE.name}: {added}; listed but gone: {removed}; "
        f"kind changed: {changed}. Update the fixture only as a deliberate decision."
    )
    assert [qid for qid, _ in _fixture()] == [qid for qid, _ in _shipped()], "file order"


@pytest.mark.parametrize("qid", ["SAFE-A.01", "SAFE-A.02", "SAFE-C.08", "SAFE-C.02"])
def test_the_legal_conditions_are_eligibility_questions(qid: str) -> None:
    question = _questionnaire("safe-aeo").question(qid)
    assert question.kind is QuestionKind.ELIGIBILITY
    assert not question.na_allowed


def test_extensions_and_the_risk_questionnaire_have_no_eligibility_question() -> None:
    safe = _questionnaire("safe-aeo")
    for criterion in safe.criteria:
        if criterion.extension:
            assert all(q.kind is not QuestionKind.ELIGIBILITY for q in criterion.questions)
            assert all(q.kind is not QuestionKind.MUST for q in criterion.questions)
    risk = _questionnaire("risk-management")
    assert all(q.kind is not QuestionKind.ELIGIBILITY for q in risk.questions())
