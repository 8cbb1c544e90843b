"""The pending-answers file: written only while answers are stuck, read back per assessment
and database, checked like any file from outside, set aside whole when anything is wrong."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from aeo_assess.domain.assessment import Answer
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.review import Verdict
from aeo_assess.gui.editor.journal import (
    AnswerJournal,
    PendingAnswer,
    PendingVerdict,
    journal_path,
)
from aeo_assess.questionnaires.registry import find, parse_known
from tests.conftest import MINIMAL

DB = "postgresql+psycopg://maria@aduana.example/aeo"


@pytest.fixture
def safe_aeo() -> Questionnaire:
    questionnaire = find("safe-aeo")
    assert questionnaire is not None
    return questionnaire


def test_the_file_is_the_tests_own() -> None:
    assert journal_path().parent.name.startswith("settings")


def test_written_only_while_persisting_and_read_back_in_order(
    tmp_path: Path, safe_aeo: Questionnaire,
) -> None:
    path = tmp_path / "pending.json"
    journal = AnswerJournal(DB, "a1", path)
    first = PendingAnswer(DB, "a1", "SAFE-A.03", Answer(3, comment="Registro en papel"))
    journal.add(first)
    assert not path.exists()  # online: no file at all
    journal.persist(True)
    second = PendingAnswer(DB, "a1", "SAFE-A.03", Answer(4, comment="Registro digital"))
    journal.add(second)
    other = AnswerJournal(DB, "b2", path)
    other.persist(True)
    other.add(PendingAnswer(DB, "b2", "SAFE-A.04", Answer(None, na_reason="Sin bodegas")))
    journal.remove(first)
    assert len(json.loads(path.read_text("utf-8"))["pending"]) == 2

    again = AnswerJournal(DB, "a1", path).take(safe_aeo)
    assert [(p.question_id, p.answer) for p in again] == [
        ("SAFE-A.03", Answer(4, comment="Registro digital"))]
    kept = json.loads(path.read_text("utf-8"))["pending"]
    assert [item["assessment"] for item in kept] == ["b2"]  # another editor's entry stays
    assert AnswerJournal("sqlite:///other", "b2", path).take(safe_aeo) == []


def test_an_officers_verdicts_come_back_in_order(tmp_path: Path, safe_aeo: Questionnaire) -> None:
    path = tmp_path / "pending.json"
    journal = AnswerJournal(DB, "s1", path)
    journal.persist(True)
    journal.add(PendingVerdict(DB, "s1", "SAFE-A.03", Verdict.NOT_ACCEPTED, "Falta el registro"))
    journal.add(PendingVerdict(DB, "s1", "SAFE-A.04", None, ""))
    back = AnswerJournal(DB, "s1", path).take(safe_aeo)
    assert [(p.question_id, p.verdict, p.remark) for p in back
            if isinstance(p, PendingVerdict)] == [
        ("SAFE-A.03", Verdict.NOT_ACCEPTED, "Falta el registro"), ("SAFE-A.04", None, "")]


def test_a_date_answer_comes_back_as_a_date(tmp_path: Path) -> None:
    questionnaire, problems = parse_known(MINIMAL.encode(), "q.yaml")
    assert questionnaire is not None, problems
    path = tmp_path / "pending.json"
    journal = AnswerJournal(DB, "a1", path)
    journal.persist(True)
    journal.add(PendingAnswer(DB, "a1", "C2.02", Answer(dt.date(2026, 3, 1))))
    (back,) = AnswerJournal(DB, "a1", path).take(questionnaire)
    assert back.answer.value == dt.date(2026, 3, 1)


@pytest.mark.parametrize("content", [
    b"not json",
    b'{"pending": {}}',
    json.dumps({"pending": [{"database": DB, "assessment": "a1", "question": "SAFE-Z.99",
                             "answer": {"value": 3, "comment": "", "flagged": False}}]}).encode(),
    json.dumps({"pending": [{"database": DB, "assessment": "a1", "question": "SAFE-A.03",
                             "answer": {"value": 9, "comment": "", "flagged": False}}]}).encode(),
    json.dumps({"pending": [{"database": DB, "assessment": "a1", "question": "SAFE-A.03",
                             "answer": {"value": 3, "comment": "x" * 30_000,
                                        "flagged": False}}]}).encode(),
    json.dumps({"pending": [{"database": DB, "assessment": "a1", "question": "SAFE-A.03",
                             "verdict": "granted", "remark": ""}]}).encode(),
])
def test_a_damaged_file_is_set_aside_whole(
    tmp_path: Path, safe_aeo: Questionnaire, content: bytes,
) -> None:
    path = tmp_path / "pending.json"
    path.write_bytes(content)
    assert AnswerJournal(DB, "a1", path).take(safe_aeo) == []
    assert not path.exists() and (tmp_path / "pending.json.invalid").read_bytes() == content
