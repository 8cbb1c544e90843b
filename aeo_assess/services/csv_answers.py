"""Bulk answers from a CSV filled on paper at a workshop: all rows or none. The row rules and
the transaction are shared with the XLSX import (``services.spreadsheets``).

Columns ``question_id,value,comment,na_reason``; UTF-8 with or without BOM; comma or semicolon.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from aeo_assess.domain.answer_values import na_problem, parse_value
from aeo_assess.domain.assessment import Answer
from aeo_assess.domain.fields import COMMENT, NA_REASON, printable
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.messages import Message
from aeo_assess.services.assessments import refuse_if_submission
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage import repository as repo

COLUMNS = ("question_id", "value", "comment", "na_reason")
MAX_CSV_BYTES = 5 * 1024 * 1024
SHOWN_PROBLEMS = 50
"""A sheet of 400,000 bad rows says what is wrong with the first 50 and how many more."""


@dataclass(frozen=True)
class CsvRow:
    line: int
    question_id: str
    answer: Answer


Place = Callable[[int, str], str]
"""Where a cell is, for messages: ``place(row, column)`` as ``file:3`` or ``Answers!B3``."""


def header_problem(header: list[str], informational: tuple[str, ...] = ()) -> Message | None:
    """What is wrong with a header row (lower-cased names), or None; ``informational`` names
    columns a sheet may carry for the reader and that import ignores."""
    missing = [c for c in ("question_id", "value") if c not in header]
    unknown = [h for h in header if h not in COLUMNS and h not in informational]
    if not missing and not unknown:
        return None
    detail = [
        *(Message(
            "answers.missing_column",
            "missing column '{column}'",
            column=c,
        ) for c in missing),
        *(Message(
            "answers.unknown_column",
            "unknown column '{column}'",
            column=c,
        ) for c in unknown),
    ]
    return Message("answers.header", "{detail} (expected {columns})", detail=detail,
                   columns=",".join(COLUMNS))


class RowChecker:
    """The row rules every answer sheet shares (CSV, XLSX): known question, once only, a value
    or a not-applicable reason but not both, a value the question accepts. Problems collect
    with their place so that a user sees every bad row at once."""

    def __init__(self, questionnaire: Questionnaire, place: Place, row_name: str) -> None:
        self.questionnaire = questionnaire
        self.place = place
        self.row_name = row_name
        """How messages call an earlier row: "line" in a CSV file, "row" in a workbook."""
        self.rows: list[CsvRow] = []
        self.problems: list[Message] = []
        self._seen: dict[str, int] = {}

    def check(self, row: int, cells: dict[str, str]) -> None:
        qid = cells.get("question_id", "")
        value_text = cells.get("value", "")
        na_reason = cells.get("na_reason", "")
        comment = cells.get("comment", "")
        if not self.questionnaire.has_question(qid):
            self.problems.append(
                Message(
                    "csv_answers.unknown_question",
                    "{place_row}: unknown question '{printable_qid}'",
                    place_row=self.place(row, 'question_id'), printable_qid=printable(qid[:80]),
                )
            )
            return
        if qid in self._seen:
            self.problems.append(
                Message("answers.already_answered_on_line",
                        "{place}: question '{qid}' already answered on line {earlier}",
                        place=self.place(row, "question_id"), qid=qid,
                        earlier=str(self._seen[qid]))
                if self.row_name == "line"
                else Message("answers.already_answered_on_row",
                             "{place}: question '{qid}' already answered on row {earlier}",
                             place=self.place(row, "question_id"), qid=qid,
                             earlier=str(self._seen[qid]))
            )
            return
        self._seen[qid] = row
        if value_text and na_reason:
            self.problems.append(
                Message(
                    "csv_answers.has_both_value_and",
                    "{place_row}: {qid} has both a value and a not-applicable reason",
                    place_row=self.place(row, 'value'), qid=qid,
                )
            )
            return
        question = self.questionnaire.question(qid)
        if na_reason and (problem := na_problem(question, na_reason)):
            self.problems.append(Message(
                "answers.na_reason_problem",
                "{place_row}: {problem}",
                place_row=self.place(row, 'na_reason'), problem=problem,
            ))
            return
        for column, rule, text in (("comment", COMMENT, comment), ("na_reason", NA_REASON, na_reason)):
            if rule_problem := rule.message(text):
                self.problems.append(Message(
                    "answers.field_problem",
                    "{place}: {qid}: {rule_problem}",
                    place=self.place(row, column), qid=qid, rule_problem=rule_problem,
                ))
                return
        try:
            value = parse_value(question, value_text) if value_text else None
        except ValueError as error:
            self.problems.append(Message(
                "answers.value_problem",
                "{place_row}: {qid}: {error}",
                place_row=self.place(row, 'value'), qid=qid, error=error,
            ))
            return
        answer = Answer(value=value, na_reason=na_reason or None, comment=comment)
        self.rows.append(CsvRow(row, qid, answer))

    def result(self, where: str) -> list[CsvRow]:
        """The checked rows; raises ServiceError listing the problems found (the first
        SHOWN_PROBLEMS, then how many more, named after ``where``)."""
        if self.problems:
            shown = self.problems[:SHOWN_PROBLEMS]
            more = len(self.problems) - SHOWN_PROBLEMS
            if more > 0:
                shown.append(Message("answers.more_problems", "{where}: and {count} more problem",
                                     plural="{where}: and {count} more problems", count=more,
                                     where=where))
            raise ServiceError(*shown)
        return self.rows


def parse_answers_csv(raw: bytes, file: str, questionnaire: Questionnaire) -> list[CsvRow]:
    """Every row checked; raises ServiceError listing each bad row as ``file:line: message``."""
    if len(raw) > MAX_CSV_BYTES:
        raise ServiceError(Message(
            "csv_answers.file_over_mb",
            "{file}: the file is over {max_csv_bytes} MB",
            file=file, max_csv_bytes=MAX_CSV_BYTES // 1024 // 1024,
        ))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ServiceError(Message(
            "csv_answers.not_utf_8_save",
            "{file}:{line}: not UTF-8 (save the sheet as 'CSV UTF-8')",
            file=file, line=str(line),
        )) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    # strict: an unterminated quote is an error, not a cell that swallows the rest of the file
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise ServiceError(Message(
            "csv_answers.file_empty",
            "{file}: the file is empty",
            file=file,
        )) from None
    except csv.Error as error:
        raise ServiceError(Message(
            "csv_answers.1_not_valid_csv",
            "{file}:1: not a valid CSV row ({error})",
            file=file, error=error,
        )) from None
    problem = header_problem(header)
    if problem:
        raise ServiceError(Message(
            "csv_answers.1",
            "{file}:1: {problem}",
            file=file, problem=problem,
        ))
    checker = RowChecker(questionnaire, lambda line, _column: f"{file}:{line}", "line")
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # a cell over 131,072 characters, a quote left open
            checker.problems.append(Message(
                "csv_answers.not_valid_csv_row",
                "{file}:{reader_line_num}: not a valid CSV row ({error})",
                file=file, reader_line_num=str(reader.line_num), error=error,
            ))
            break
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header):
            checker.problems.append(Message(
                "csv_answers.cells_but_columns",
                "{file}:{line}: {record_count} cells but {header_count} columns",
                file=file, line=str(line), record_count=len(record), header_count=len(header),
            ))
            continue
        checker.check(line, dict(zip(header, (c.strip() for c in record), strict=False)))
    return checker.result(file)


def apply_rows(ctx: AppContext, assessment_id: str, read: Callable[[Questionnaire], list[CsvRow]]
               ) -> int:
    """Check the rows that ``read`` finds against the assessment's questionnaire and write them
    all in one transaction, or none; returns how many answers were written.

    An empty comment cell keeps the comment already typed, and flags are left as they are.
    """
    with ctx.database.session() as session:
        refuse_if_submission(session, assessment_id)
        questionnaire = repo.get_questionnaire_for(session, assessment_id)
        existing = repo.get_assessment(session, assessment_id)
        rows = read(questionnaire)
        for row in rows:
            before = existing.answer(row.question_id) or Answer()
            answer = dataclasses.replace(
                row.answer,
                comment=row.answer.comment or before.comment,
                flagged=before.flagged,
            )
            repo.set_answer(session, assessment_id, row.question_id, answer, ctx.user)
        repo.refresh_summary(session, assessment_id)
    return len(rows)


def import_answers_csv(ctx: AppContext, path: Path, assessment_id: str) -> int:
    """Apply every row of the CSV file in one transaction (``apply_rows``)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ServiceError(Message(
            "csv_answers.cannot_read",
            "cannot read {path}: {reason}",
            path=path, reason=error.strerror or error,
        )) from None
    return apply_rows(ctx, assessment_id, lambda q: parse_answers_csv(raw, str(path), q))
