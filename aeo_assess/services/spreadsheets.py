"""Answers, gaps and the action plan as an XLSX workbook, and answers read back from it (issue 18).

The first sheet holds one row per applicable question under the CSV import's column names
(``question_id``, ``value``, ``comment``, ``na_reason``) plus columns for the reader
(``criterion``, ``question``, ``answers``) that import ignores; import applies the CSV import's
row rules (``csv_answers.RowChecker``) and names cells in its messages: ``Answers!C14: …``.
Text that a spreadsheet would run as a formula (leading ``= + - @``, tab or carriage return) is
written behind an apostrophe, and read back without it.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aeo_assess.domain.answer_values import value_to_json
from aeo_assess.domain.assessment import Answer, Assessment
from aeo_assess.domain.questionnaire import Question, Questionnaire, QuestionType
from aeo_assess.domain.scorecard import ScoreCard
from aeo_assess.messages import Message
from aeo_assess.services.csv_answers import COLUMNS, CsvRow, RowChecker, apply_rows, header_problem
from aeo_assess.services.errors import ServiceError

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from aeo_assess.services.context import AppContext

INFORMATIONAL = ("criterion", "question", "answers")
"""Columns for whoever fills the sheet in; import ignores them."""
ANSWER_COLUMNS = ("question_id", "criterion", "question", "answers", *COLUMNS[1:])
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_XLSX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
"""A workbook is a ZIP: refuse one that would unpack to more than this (a ZIP bomb)."""


def N_(message: str) -> str:
    """Mark a message for translation; the workbook's ``Words`` translates it when written."""
    return message


SHEETS = (N_("Answers"), N_("Gaps"), N_("Action plan"))


def neutralise(text: str) -> str:
    """Text that no spreadsheet runs as a formula (OWASP's CSV-injection advice)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restore(text: str) -> str:
    """``neutralise`` undone: the text as the user typed it."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def answer_key(question: Question, answer: Answer | None) -> object:
    """The value as typed back in: maturity level, yes/no, option key, number, ISO date."""
    if answer is None or answer.value is None:
        return None
    if question.type is QuestionType.YES_NO and isinstance(answer.value, bool):
        return "yes" if answer.value else "no"
    return value_to_json(answer.value)


def allowed_keys(questionnaire: Questionnaire, question: Question) -> str:
    if question.type is QuestionType.MATURITY:
        return " | ".join(str(m.value) for m in questionnaire.maturity_scale)
    if question.type is QuestionType.YES_NO:
        return "yes | no"
    if question.type is QuestionType.CHOICE:
        return " | ".join(o.value for o in question.options)
    return {QuestionType.NUMBER: "0.0", QuestionType.DATE: "YYYY-MM-DD"}.get(question.type, "")


# -- writing --------------------------------------------------------------------------------


def workbook_bytes(
    questionnaire: Questionnaire, assessment: Assessment, card: ScoreCard, language: str
) -> bytes:
    """The three sheets, in ``language`` (sheet titles and the gap and plan headers)."""
    from openpyxl import Workbook

    from aeo_assess.reporting.readiness import KIND_NAMES  # the report's words for each kind
    from aeo_assess.reporting.words import Words
    from aeo_assess.scoring.visibility import applicable_questions

    w = Words(language)
    book = Workbook()
    answers = book.active
    assert answers is not None
    answers.title = w(SHEETS[0])
    rows: list[Sequence[object]] = []
    for question in applicable_questions(questionnaire, assessment):
        answer = assessment.answer(question.id)
        rows.append([
            question.id,
            question.criterion_id,
            w.text(question.text),
            allowed_keys(questionnaire, question),
            answer_key(question, answer),
            answer.comment if answer else "",
            answer.na_reason or "" if answer else "",
        ])
    _fill(answers, ANSWER_COLUMNS, rows, [14, 10, 60, 22, 10, 40, 30])

    gaps = book.create_sheet(w(SHEETS[1]))
    _fill(gaps, [w("Question"), w("Criterion"), w("Text"), w("Answer"), w("Score"),
                 w("Requirement"), w("Recommendation")],
          [[g.question_id, g.criterion_id, w.text(questionnaire.question(g.question_id).text),
            w.answer(questionnaire, questionnaire.question(g.question_id),
                     assessment.answer(g.question_id)),
            round(g.score, 4), w(KIND_NAMES[g.kind]),
            w.text(questionnaire.question(g.question_id).recommendation)]
           for g in card.gaps],
          [14, 10, 60, 24, 8, 10, 60])
    for row in gaps.iter_rows(min_row=2, min_col=5, max_col=5):
        row[0].number_format = "0%"

    plan = book.create_sheet(w(SHEETS[2]))
    _fill(plan, ["#", w("Question"), w("Criterion"), w("Action"), w("Requirement"), w("Owner"),
                 w("Due date")],
          [[item.rank, item.gap.question_id, item.gap.criterion_id,
            w.text(questionnaire.question(item.gap.question_id).recommendation),
            w(KIND_NAMES[item.gap.kind]), item.owner,
            item.due.isoformat() if item.due else ""]
           for item in card.action_plan],
          [5, 14, 10, 70, 10, 20, 12])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(sheet: Worksheet, header: Sequence[str], rows: Sequence[Sequence[object]],
          widths: Sequence[int]) -> None:
    """A bold frozen header, then ``rows`` with every text neutralised."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([neutralise(v) if isinstance(v, str) else v for v in row])
    sheet.freeze_panes = "A2"
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(vertical="top", wrap_text=True)


def export_xlsx(ctx: AppContext, assessment_id: str, out: Path, language: str | None = None
                ) -> Path:
    """Write the workbook of an assessment atomically (a failure leaves no file)."""
    from aeo_assess.services import assessments
    from aeo_assess.services.reports import write

    questionnaire, assessment, card = assessments.load(ctx, assessment_id)
    return write(out, workbook_bytes(questionnaire, assessment, card, language or ctx.language))


# -- reading --------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    """A cell as the text the CSV import would have read (numbers as typed, dates as ISO)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return restore(str(value).strip())


def parse_answers_xlsx(raw: bytes, file: str, questionnaire: Questionnaire) -> list[CsvRow]:
    """The first sheet's rows, checked by the CSV import's rules; raises ServiceError listing
    every problem as ``Sheet!CELL: message``."""
    if len(raw) > MAX_XLSX_BYTES:
        raise ServiceError(Message(
            "spreadsheets.file_over_mb",
            "{file}: the file is over {max_xlsx_bytes} MB",
            file=file, max_xlsx_bytes=MAX_XLSX_BYTES // 1024 // 1024,
        ))
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise ServiceError(Message(
                "spreadsheets.workbook_unpacks_to_over",
                "{file}: the workbook unpacks to over {max_unpacked_bytes} MB",
                file=file, max_unpacked_bytes=MAX_UNPACKED_BYTES // 1024 // 1024,
            ))
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ServiceError(Message(
            "spreadsheets.not_xlsx_workbook",
            "{file}: not an XLSX workbook ({error})",
            file=file, error=error,
        )) from None
    try:
        sheet = book.worksheets[0]
        return _check_sheet(sheet, questionnaire)
    finally:
        book.close()


def _check_sheet(sheet: Any, questionnaire: Questionnaire) -> list[CsvRow]:
    from openpyxl.utils import get_column_letter, quote_sheetname

    title = sheet.title if sheet.title.isalnum() else quote_sheetname(sheet.title)
    rows = sheet.iter_rows()
    header_cells = next(rows, None)
    if header_cells is None:
        raise ServiceError(Message(
            "spreadsheets.sheet_empty",
            "{title}: the sheet is empty",
            title=title,
        ))
    header = [_cell_text(c.value).lower() for c in header_cells]
    problem = header_problem(header, INFORMATIONAL)
    if problem:
        raise ServiceError(Message(
            "spreadsheets.a1",
            "{title}!A1: {problem}",
            title=title, problem=problem,
        ))
    columns = {name: number for number, name in enumerate(header) if name}

    def place(row: int, column: str) -> str:
        return f"{title}!{get_column_letter(columns[column] + 1)}{row}"

    checker = RowChecker(questionnaire, place, "row")
    for cells in rows:
        if not cells:
            continue
        row = cells[0].row
        formulas = [c for c in cells if getattr(c, "data_type", "") == "f"]
        for cell in formulas:
            checker.problems.append(Message(
                "spreadsheets.formula_not_value_type",
                "{title}!{cell_coordinate}: a formula, not a value: type the answer itself",
                title=title, cell_coordinate=cell.coordinate,
            ))
        texts = {name: _cell_text(cells[n].value) if n < len(cells) else ""
                 for name, n in columns.items() if name in COLUMNS}
        if formulas or not any(texts.values()):
            continue
        checker.check(row, texts)
    return checker.result(title)


def import_answers_xlsx(ctx: AppContext, path: Path, assessment_id: str) -> int:
    """Apply every answer row of the workbook in one transaction, or none (as CSV import)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ServiceError(Message(
            "spreadsheets.cannot_read",
            "cannot read {path}: {reason}",
            path=path, reason=error.strerror or error,
        )) from None
    return apply_rows(ctx, assessment_id, lambda q: parse_answers_xlsx(raw, str(path), q))
