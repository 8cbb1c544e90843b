"""XLSX workbooks: answers, gaps and plan out; answers back in with the CSV import's rules,
cell references in messages, and no formula ever run or taken for an answer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from aeo_assess.domain.assessment import Answer
from aeo_assess.services import assessments, csv_answers, spreadsheets
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError

EVIL = '=HYPERLINK("http://example.com","click")'


def new(ctx: AppContext) -> str:
    return assessments.create_assessment(
        ctx, questionnaire_id="safe-aeo", company="Café Ñandú S.A.", country="CR",
        roles=["importer", "carrier"], aeo_types=["security", "compliance"],
    )


@pytest.fixture
def answered(ctx: AppContext) -> str:
    assessment_id = new(ctx)
    assessments.set_answer(ctx, assessment_id, "SAFE-B.01", Answer(3, comment=EVIL))
    assessments.set_answer(ctx, assessment_id, "SAFE-A.02", Answer(False))
    assessments.set_answer(ctx, assessment_id, "SAFE-A.01", Answer("minor_corrected"))
    assessments.set_answer(ctx, assessment_id, "SAFE-G.02", Answer(1, comment="@SUM(1)"))
    assessments.set_answer(ctx, assessment_id, "SAFE-D.03", Answer(na_reason="-no storage"))
    return assessment_id


def rows_of(path: Path, sheet: int = 0) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(path)
    return [tuple(row) for row in book.worksheets[sheet].iter_rows(values_only=True)]


def test_three_sheets_with_question_ids(ctx: AppContext, answered: str, tmp_path: Path) -> None:
    out = spreadsheets.export_xlsx(ctx, answered, tmp_path / "book.xlsx", "es")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Respuestas", "Brechas", "Plan de acción"]
    answers = {row[0]: row for row in rows_of(out)[1:]}
    assert rows_of(out)[0] == spreadsheets.ANSWER_COLUMNS
    assert answers["SAFE-B.01"][4] == 3 and answers["SAFE-A.02"][4] == "no"
    assert answers["SAFE-A.01"][4] == "minor_corrected"
    assert answers["SAFE-D.03"][6] == "'-no storage"
    _questionnaire, _assessment, card = assessments.load(ctx, answered)
    gaps = rows_of(out, 1)
    assert [row[0] for row in gaps[1:]] == [g.question_id for g in card.gaps]
    assert "SAFE-G.02" in {row[0] for row in gaps[1:]}
    plan = rows_of(out, 2)
    assert plan[0][:2] == ("#", "Pregunta")
    assert [row[1] for row in plan[1:]] == [item.gap.question_id for item in card.action_plan]


def test_formulas_are_written_as_text(ctx: AppContext, answered: str, tmp_path: Path) -> None:
    out = spreadsheets.export_xlsx(ctx, answered, tmp_path / "book.xlsx")
    sheet = openpyxl.load_workbook(out).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {cell.value for cell in cells if isinstance(cell.value, str)}
    assert "'" + EVIL in texts and "'@SUM(1)" in texts
    assert not any(text.startswith(spreadsheets.FORMULA_STARTS) for text in texts)


def test_round_trip_keeps_every_answer_and_comment(
    ctx: AppContext, answered: str, tmp_path: Path
) -> None:
    out = spreadsheets.export_xlsx(ctx, answered, tmp_path / "book.xlsx")
    copy = new(ctx)
    assert spreadsheets.import_answers_xlsx(ctx, out, copy) > 5
    _q, before, card_before = assessments.load(ctx, answered)
    _q, after, card_after = assessments.load(ctx, copy)
    for question_id, answer in before.answers.items():
        assert after.answer(question_id) == answer, question_id
    assert after.answer("SAFE-B.01") == Answer(3, comment=EVIL)
    assert card_after.overall == card_before.overall


def test_answers_typed_into_the_sheet_are_imported(
    ctx: AppContext, answered: str, tmp_path: Path
) -> None:
    out = spreadsheets.export_xlsx(ctx, answered, tmp_path / "book.xlsx")
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    rows = {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2)}
    sheet[f"E{rows['SAFE-B.02']}"] = 4
    sheet[f"E{rows['SAFE-B.03']}"] = 2.0  # what a spreadsheet stores for a typed 2
    sheet[f"E{rows['SAFE-A.02']}"] = True
    sheet[f"F{rows['SAFE-B.02']}"] = "ERP audit trail"
    book.save(out)
    spreadsheets.import_answers_xlsx(ctx, out, answered)
    _q, assessment, _card = assessments.load(ctx, answered)
    assert assessment.answer("SAFE-B.02") == Answer(4, comment="ERP audit trail")
    assert assessment.answer("SAFE-B.03") == Answer(2)
    assert assessment.answer("SAFE-A.02") == Answer(True)


def test_bad_rows_are_named_by_cell_and_nothing_is_written(
    ctx: AppContext, answered: str, tmp_path: Path
) -> None:
    out = spreadsheets.export_xlsx(ctx, answered, tmp_path / "book.xlsx")
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    rows = {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2)}
    sheet[f"E{rows['SAFE-B.02']}"] = 9
    sheet[f"E{rows['SAFE-B.03']}"] = "=1+2"
    sheet[f"A{rows['SAFE-B.04']}"] = "SAFE-Z.99"
    sheet[f"E{rows['SAFE-B.05']}"] = 3
    sheet[f"G{rows['SAFE-B.05']}"] = "because"
    sheet[f"E{rows['SAFE-B.06']}"] = 4  # a good row: not written either
    book.save(out)
    with pytest.raises(ServiceError) as raised:
        spreadsheets.import_answers_xlsx(ctx, out, answered)
    lines = str(raised.value).splitlines()
    assert f"Answers!E{rows['SAFE-B.02']}: SAFE-B.02: a maturity answer is a whole number " \
           "from 0 to 4, not 9" in lines
    assert f"Answers!E{rows['SAFE-B.03']}: a formula, not a value: type the answer itself" in lines
    assert f"Answers!A{rows['SAFE-B.04']}: unknown question 'SAFE-Z.99'" in lines
    assert f"Answers!E{rows['SAFE-B.05']}: SAFE-B.05 has both a value and a not-applicable " \
           "reason" in lines
    assert len(lines) == 4
    _q, assessment, _card = assessments.load(ctx, answered)
    assert assessment.answer("SAFE-B.06") is None


def test_csv_and_xlsx_say_the_same_after_the_place(tmp_path: Path, ctx: AppContext) -> None:
    """One set of row rules: the same bad rows give the same messages in both formats."""
    _q = assessments.load(ctx, new(ctx))[0]
    rows = [("SAFE-B.01", "3", "", ""), ("SAFE-B.01", "2", "", ""), ("SAFE-C.07", "x", "", ""),
            ("SAFE-D.01", "", "", "n/a"), ("NOPE", "1", "", "")]
    csv_text = "question_id,value,comment,na_reason\n" + "".join(",".join(r) + "\n" for r in rows)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["question_id", "value", "comment", "na_reason"])
    for row in rows:
        sheet.append(list(row))
    path = tmp_path / "same.xlsx"
    book.save(path)

    def messages(error: pytest.ExceptionInfo[ServiceError]) -> list[str]:
        return [line.split(": ", 1)[1].replace(" row ", " line ")
                for line in str(error.value).splitlines()]

    with pytest.raises(ServiceError) as from_csv:
        csv_answers.parse_answers_csv(csv_text.encode(), "same.csv", _q)
    with pytest.raises(ServiceError) as from_xlsx:
        spreadsheets.parse_answers_xlsx(path.read_bytes(), "same.xlsx", _q)
    assert messages(from_xlsx) == messages(from_csv)
    assert len(messages(from_csv)) == 3


def test_a_header_problem_names_the_sheet(ctx: AppContext, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Mis respuestas"
    sheet.append(["question_id", "answer"])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    with pytest.raises(ServiceError, match=r"^'Mis respuestas'!A1: missing column 'value'; "
                                           r"unknown column 'answer'"):
        spreadsheets.import_answers_xlsx(ctx, path, new(ctx))


def test_what_is_not_a_workbook_is_refused(ctx: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"question_id,value\n")
    with pytest.raises(ServiceError, match="not an XLSX workbook"):
        spreadsheets.import_answers_xlsx(ctx, path, new(ctx))


def test_cells_read_as_the_csv_import_reads_text() -> None:
    assert spreadsheets._cell_text(3.0) == "3"
    assert spreadsheets._cell_text(3.5) == "3.5"
    assert spreadsheets._cell_text(dt.datetime(2026, 1, 2, 0, 0)) == "2026-01-02"
    assert spreadsheets._cell_text(False) == "no"
    assert spreadsheets._cell_text("'=1") == "=1"
    assert spreadsheets._cell_text("'ok") == "'ok"
