"""Bulk answers from a CSV filled on paper at a workshop: all rows or none.

Columns ``question_id,value,comment,na_reason``; UTF-8 with or without BOM; comma or semicolon.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from dataclasses import dataclass
from pathlib import Path

from aeo_assess.domain.answer_values import na_problem, parse_value
from aeo_assess.domain.assessment import Answer
from aeo_assess.domain.fields import COMMENT, NA_REASON, printable
from aeo_assess.domain.questionnaire import Questionnaire
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


def parse_answers_csv(raw: bytes, file: str, questionnaire: Questionnaire) -> list[CsvRow]:
    """Every row checked; raises ServiceError listing each bad row as ``file:line: message``."""
    if len(raw) > MAX_CSV_BYTES:
        raise ServiceError(f"{file}: the file is over {MAX_CSV_BYTES // 1024 // 1024} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ServiceError(f"{file}:{line}: not UTF-8 (save the sheet as 'CSV UTF-8')") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    # strict: an unterminated quote is an error, not a cell that swallows the rest of the file
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise ServiceError(f"{file}: the file is empty") from None
    except csv.Error as error:
        raise ServiceError(f"{file}:1: not a valid CSV row ({error})") from None
    missing = [c for c in ("question_id", "value") if c not in header]
    unknown = [h for h in header if h not in COLUMNS]
    if missing or unknown:
        detail = "; ".join(
            [f"missing column '{c}'" for c in missing] + [f"unknown column '{c}'" for c in unknown]
        )
        raise ServiceError(f"{file}:1: {detail} (expected {','.join(COLUMNS)})")
    rows: list[CsvRow] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # a cell over 131,072 characters, a quote left open
            problems.append(f"{file}:{reader.line_num}: not a valid CSV row ({error})")
            break
        line = reader.line_num
        problem = _row_problem(record, header, questionnaire, seen, line)
        if isinstance(problem, str):
            problems.append(f"{file}:{line}: {problem}")
        elif problem is not None:
            rows.append(problem)
    if problems:
        more = len(problems) - SHOWN_PROBLEMS
        shown = problems[:SHOWN_PROBLEMS]
        if more > 0:
            shown.append(f"{file}: and {more:,} more problems")
        raise ServiceError("\n".join(shown))
    return rows


def _row_problem(
    record: list[str],
    header: list[str],
    questionnaire: Questionnaire,
    seen: dict[str, int],
    line: int,
) -> CsvRow | str | None:
    """The row's answer, what is wrong with it, or None for an empty row."""
    if not any(cell.strip() for cell in record):
        return None
    if len(record) > len(header):
        return f"{len(record)} cells but {len(header)} columns"
    cells = dict(zip(header, (c.strip() for c in record), strict=False))
    qid = cells.get("question_id", "")
    value_text = cells.get("value", "")
    na_reason = cells.get("na_reason", "")
    comment = cells.get("comment", "")
    if not questionnaire.has_question(qid):
        return f"unknown question '{printable(qid[:80])}'"
    if qid in seen:
        return f"question '{qid}' already answered on line {seen[qid]}"
    seen[qid] = line
    if value_text and na_reason:
        return f"{qid} has both a value and a not-applicable reason"
    if na_reason and (problem := na_problem(questionnaire.question(qid), na_reason)):
        return problem
    problem = COMMENT.message(comment) or NA_REASON.message(na_reason)
    if problem:
        return f"{qid}: {problem}"
    try:
        value = parse_value(questionnaire.question(qid), value_text) if value_text else None
    except ValueError as error:
        return f"{qid}: {error}"
    return CsvRow(line, qid, Answer(value=value, na_reason=na_reason or None, comment=comment))


def import_answers_csv(ctx: AppContext, path: Path, assessment_id: str) -> int:
    """Apply every row in one transaction; returns how many answers were written.

    An empty comment cell keeps the comment already typed, and flags are left as they are.
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ServiceError(f"cannot read {path}: {error.strerror or error}") from None
    with ctx.database.session() as session:
        refuse_if_submission(session, assessment_id)
        questionnaire = repo.get_questionnaire_for(session, assessment_id)
        existing = repo.get_assessment(session, assessment_id)
        rows = parse_answers_csv(raw, str(path), questionnaire)
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
