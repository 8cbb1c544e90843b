"""The office bridges on the command line: questionnaire-pdf, export/import .xlsx, report .docx."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from aeo_assess.cli.main import main
from tests.reporting.samples import text_of


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'db.sqlite3'}"


def new(capsys: pytest.CaptureFixture[str], db: str) -> str:
    code, out, err = run(capsys, "--db", db, "new", "--company", "Transportes Ñandú", "--country",
                         "GT", "--role", "carrier", "--aeo-type", "security")
    assert code == 0, err
    return out.strip()


def test_a_blank_spanish_questionnaire_for_carriers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "carrier.pdf"
    code, printed, err = run(capsys, "questionnaire-pdf", "safe-aeo", "--role", "carrier",
                             "--aeo-type", "security", "--lang", "es", "-o", str(out))
    assert code == 0, err
    assert printed.strip() == str(out)
    text = text_of(out.read_bytes())
    assert "Cuestionario en blanco" in text and "Transportista" in text
    assert "SAFE-H.01" in text  # conveyance security applies to carriers


def test_a_pre_filled_questionnaire_and_a_checklist(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assessment_id = new(capsys, db)
    assert run(capsys, "--db", db, "answer", assessment_id, "SAFE-H.02", "3")[0] == 0
    filled = tmp_path / "filled.pdf"
    code, _, err = run(capsys, "--db", db, "questionnaire-pdf", "safe-aeo", "--assessment",
                       assessment_id[:8], "-o", str(filled))
    assert code == 0, err
    text = text_of(filled.read_bytes())
    assert "Pre-filled questionnaire" in text and "Transportes Ñandú" in text
    assert "☒ 3 · Applied with records" in text
    checklist = tmp_path / "checklist.pdf"
    code, _, err = run(capsys, "--db", db, "questionnaire-pdf", "safe-aeo", "--assessment",
                       assessment_id, "--checklist", "--lang", "fr", "-o", str(checklist))
    assert code == 0, err
    assert "Liste des justificatifs" in text_of(checklist.read_bytes())


def test_an_unknown_questionnaire_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "questionnaire-pdf", "nope", "-o", str(tmp_path / "x.pdf"))
    assert code == 1
    assert err.startswith("error: no questionnaire 'nope' (shipped: ") and err.count("\n") == 1
    assert not (tmp_path / "x.pdf").exists()


def test_workbook_out_and_answers_back_in(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assessment_id = new(capsys, db)
    book_path = tmp_path / "answers.xlsx"
    code, _, err = run(capsys, "--db", db, "--lang", "es", "export", assessment_id, "-o",
                       str(book_path))
    assert code == 0, err
    book = openpyxl.load_workbook(book_path)
    sheet = book.worksheets[0]
    assert sheet.title == "Respuestas"
    rows = {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2)}
    sheet[f"E{rows['SAFE-H.02']}"] = 4
    sheet[f"E{rows['SAFE-H.01']}"] = "maybe"
    book.save(book_path)
    code, _, err = run(capsys, "--db", db, "import", str(book_path), "--into", assessment_id)
    assert code == 1
    assert f"error: Respuestas!E{rows['SAFE-H.01']}: SAFE-H.01: a yes/no answer is yes or " \
           "no, not 'maybe'" in err
    sheet[f"E{rows['SAFE-H.01']}"] = None
    book.save(book_path)
    code, out, err = run(capsys, "--db", db, "import", str(book_path), "--into", assessment_id)
    assert code == 0, err
    assert "answers written to" in out
    code, out, _ = run(capsys, "--db", db, "score", assessment_id, "--json")
    assert '"answered": 1' in out


def test_report_picks_docx_by_extension(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assessment_id = new(capsys, db)
    out = tmp_path / "report.docx"
    code, _, err = run(capsys, "--db", db, "report", assessment_id, "-o", str(out), "--lang", "es")
    assert code == 0, err
    document = docx.Document(str(out))
    assert document.paragraphs[0].text or document.paragraphs[1].text
    assert any(p.style is not None and p.style.name == "Title"
               and p.text == "Informe de preparación OEA" for p in document.paragraphs)
