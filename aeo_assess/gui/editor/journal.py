"""Answers (and officers' verdicts) waiting for an unreachable database, kept in a small file so
quitting loses none.

While the shared database server answers, autosave takes milliseconds and nothing is written
here. When it stops answering, the queued answers and verdicts are written to
``pending-answers.json`` in the user data directory (``AEO_ASSESS_PENDING`` names another
file), rewritten as the queue changes and removed once it is empty. Opening the assessment
(or the submission under review) again on the same database saves what the file still holds,
in order.

The file is read as hostile input (another version, a hand edit, a half-written disk): each
entry is checked against the questionnaire and the field rules, and a file that fails is set
aside whole (renamed ``.invalid``), never half applied.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aeo_assess.domain.answer_values import na_problem, value_problem, value_to_json
from aeo_assess.domain.assessment import Answer, AnswerValue
from aeo_assess.domain.fields import COMMENT, REMARK
from aeo_assess.domain.questionnaire import Question, Questionnaire, QuestionType
from aeo_assess.domain.vocabulary import Verdict
from aeo_assess.locations import user_data_dir

log = logging.getLogger(__name__)

ENV_VAR = "AEO_ASSESS_PENDING"
FILE_NAME = "pending-answers.json"
MAX_BYTES = 16 * 1024 * 1024
"""A queue of typed answers is far smaller; anything bigger is not this program's file."""


def journal_path() -> Path:
    configured = os.environ.get(ENV_VAR, "").strip()
    return Path(configured) if configured else user_data_dir() / FILE_NAME


@dataclass(frozen=True, eq=False)
class PendingAnswer:
    """One answer as the user left it, on one assessment of one database."""

    database: str
    assessment_id: str
    question_id: str
    answer: Answer


@dataclass(frozen=True, eq=False)
class PendingVerdict:
    """One officer's verdict and remark on a question of a submission under review."""

    database: str
    assessment_id: str
    question_id: str
    verdict: Verdict | None
    remark: str


Pending = PendingAnswer | PendingVerdict


def _entry_json(entry: Pending) -> dict[str, Any]:
    common = {"database": entry.database, "assessment": entry.assessment_id,
              "question": entry.question_id}
    if isinstance(entry, PendingVerdict):
        return common | {"verdict": None if entry.verdict is None else entry.verdict.value,
                         "remark": entry.remark}
    return common | {"answer": _answer_json(entry.answer)}


def _verdict(raw: dict[str, Any]) -> tuple[Verdict | None, str]:
    verdict, remark = raw.get("verdict"), raw.get("remark")
    if not isinstance(remark, str) or REMARK.message(remark):
        raise ValueError("a remark is a text within the remark rules")
    if verdict is None:
        return None, remark
    if verdict not in {v.value for v in Verdict}:
        raise ValueError(f"{verdict!r} is no verdict")
    return Verdict(verdict), remark


def _answer_json(answer: Answer) -> dict[str, Any]:
    value = None if answer.value is None else value_to_json(answer.value)
    return {"value": value, "na_reason": answer.na_reason, "comment": answer.comment,
            "flagged": answer.flagged}


def _value(question: Question, raw: Any) -> AnswerValue | None:
    if raw is None:
        return None
    if question.type is QuestionType.DATE and isinstance(raw, str):
        return dt.date.fromisoformat(raw)
    if question.type is QuestionType.NUMBER and isinstance(raw, int) and type(raw) is not bool:
        raw = float(raw)
    value: AnswerValue = raw
    problem = value_problem(question, value)
    if problem:
        raise ValueError(problem)
    return value


def _answer(question: Question, raw: Any) -> Answer:
    if not isinstance(raw, dict):
        raise ValueError("an answer is an object")
    comment, na_reason, flagged = raw.get("comment"), raw.get("na_reason"), raw.get("flagged")
    if not isinstance(comment, str) or not isinstance(flagged, bool):
        raise ValueError("an answer needs a comment text and a flag")
    problem = COMMENT.message(comment)
    if na_reason is not None:
        if not isinstance(na_reason, str):
            raise ValueError("a not-applicable reason is a text")
        problem = problem or na_problem(question, na_reason)
    if problem:
        raise ValueError(problem)
    return Answer(_value(question, raw.get("value")), na_reason, comment, flagged)


class AnswerJournal:
    """The pending answers or verdicts of one assessment on one database; the file is written
    only while some are stuck, and other assessments' entries in it (another editor's) are
    kept."""

    def __init__(self, database: str, assessment_id: str, path: Path | None = None) -> None:
        self.path = path or journal_path()
        self.database = database
        self.assessment_id = assessment_id
        self._entries: list[Pending] = []
        self._persist = False

    def add(self, key: object) -> None:
        if isinstance(key, PendingAnswer | PendingVerdict):
            self._entries.append(key)
            self._write()

    def remove(self, key: object) -> None:
        if any(e is key for e in self._entries):
            self._entries = [e for e in self._entries if e is not key]
            self._write()

    @property
    def persisting(self) -> bool:
        return self._persist

    def persist(self, on: bool) -> None:
        """Keep the file current (the server is unreachable) or stop writing it."""
        self._persist = on
        self._write(force=True)

    def take(self, questionnaire: Questionnaire) -> list[Pending]:
        """What a previous session left for this assessment, taken out of the file (the
        caller queues it again); [] when there is nothing or the file is unusable (then set
        aside, and logged)."""
        mine: list[Pending] = []
        try:
            for item in self._read():
                if not self._ours(item):
                    continue
                question_id = item.get("question")
                if not isinstance(question_id, str) or not questionnaire.has_question(
                        question_id):
                    raise ValueError(f"question {question_id!r} is not in the questionnaire")
                if "verdict" in item:
                    verdict, remark = _verdict(item)
                    mine.append(PendingVerdict(self.database, self.assessment_id, question_id,
                                               verdict, remark))
                    continue
                question = questionnaire.question(question_id)
                mine.append(PendingAnswer(self.database, self.assessment_id, question_id,
                                          _answer(question, item.get("answer"))))
        except (ValueError, TypeError) as error:
            self._set_aside(str(error))
            return []
        if mine:
            self._write(force=True)
        return mine

    def _ours(self, item: Any) -> bool:
        if not isinstance(item, dict):
            raise ValueError("each entry is an object")
        return (item.get("database"), item.get("assessment")) == (self.database,
                                                                   self.assessment_id)

    def _read(self) -> list[Any]:
        try:
            if self.path.stat().st_size > MAX_BYTES:
                self._set_aside("too large")
                return []
            data = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as error:
            self._set_aside(str(error))
            return []
        if not isinstance(data, dict) or not isinstance(data.get("pending"), list):
            self._set_aside("not a list of pending answers")
            return []
        pending: list[Any] = data["pending"]
        return pending

    def _set_aside(self, why: str) -> None:
        log.warning("%s is not usable (%s); set aside as .invalid", self.path, why)
        try:
            self.path.replace(self.path.with_name(self.path.name + ".invalid"))
        except OSError as error:
            log.warning("cannot set %s aside: %s", self.path, error)

    def _write(self, *, force: bool = False) -> None:
        """The file as it is, with this assessment's entries replaced by the queue's."""
        if not (self._persist or force):
            return
        try:
            others = [item for item in self._read() if not self._ours(item)]
        except ValueError:
            others = []
        pending = others + [_entry_json(e) for e in self._entries]
        try:
            if not pending:
                self.path.unlink(missing_ok=True)
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(self.path.name + ".partial")
            partial.write_text(json.dumps({"pending": pending}, ensure_ascii=False), "utf-8")
            partial.replace(self.path)
        except OSError as error:
            log.error("cannot keep the pending answers in %s: %s", self.path, error)
