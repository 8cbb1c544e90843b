"""The office bridges as a Spanish-speaking facilitator reaches them at 1280×720: through the
visible menus, with the saved files read back (pypdf, openpyxl, python-docx)."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QFileDialog, QMenu, QWidget
from pytestqt.qtbot import QtBot

from aeo_assess.domain.assessment import Answer
from aeo_assess.gui.editor.assessment_editor import AssessmentEditor
from aeo_assess.gui.main_window import MainWindow
from aeo_assess.gui.report_dialog import ReportDialog
from aeo_assess.reporting.questionnaire_form import profile_questions
from aeo_assess.services import assessments, spreadsheets
from aeo_assess.services.context import AppContext
from tests.gui.conftest import OpenWindow, new_assessment
from tests.reporting.samples import safe_aeo, text_of

COMPANY = "Transportes Ñandú & Hijos"


def click(qtbot: QtBot, widget: QWidget, pos: QPoint | None = None) -> None:
    if pos is None and isinstance(widget, QCheckBox):  # on the box, as a user aims
        pos = QPoint(widget.fontMetrics().height() // 2 + 2, widget.height() // 2)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos or widget.rect().center())


def choose(qtbot: QtBot, window: MainWindow, menu: QMenu, text: str) -> None:
    """Open ``menu`` from the menu bar and click the entry that reads ``text``."""
    bar = window.menuBar()
    click(qtbot, bar, bar.actionGeometry(menu.menuAction()).center())
    qtbot.waitUntil(menu.isVisible)
    action: QAction = next(a for a in menu.actions() if a.text() == text)
    assert action.isVisible() and action.isEnabled(), text
    click(qtbot, menu, menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: not menu.isVisible())


def select(qtbot: QtBot, window: MainWindow, company: str) -> None:
    table = window.list_page.table
    proxy = window.list_page.model
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == company)
    rect = table.visualRect(proxy.index(row, 1))
    click(qtbot, table.viewport(), rect.center())
    assert window.list_page.current() is not None


@pytest.fixture
def window(open_window: OpenWindow, ctx: AppContext, qtbot: QtBot) -> MainWindow:
    new_assessment(ctx, COMPANY, roles=["carrier", "importer"], aeo_types=["security"])
    shown = open_window("es")
    shown.resize(1280, 720)
    qtbot.waitUntil(lambda: window_has(shown, COMPANY))
    return shown


def window_has(window: MainWindow, company: str) -> bool:
    return any(row.company == company for row in window.list_page.model.rows())


def test_print_a_blank_questionnaire_for_two_roles(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    choose(qtbot, window, window.file_menu, "Im&primir cuestionario en blanco…")
    dialog = window.office_hooks.form_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Imprimir cuestionario en blanco"
    assert dialog.language.currentText() == "Español"
    for role in ("carrier", "importer"):
        click(qtbot, dialog.roles[role])
    click(qtbot, dialog.types["compliance"])  # security only
    assert [r for r, box in dialog.roles.items() if box.isChecked()] == ["importer", "carrier"]
    out = tmp_path / "cuestionario.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(out.exists, timeout=60_000)
    qtbot.waitUntil(lambda: "cuestionario.pdf" in window.statusBar().currentMessage())
    text = text_of(out.read_bytes())
    assert "Cuestionario en blanco" in text and "Importador, Transportista" in text
    expected = profile_questions(safe_aeo(), frozenset({"carrier", "importer"}),
                                 frozenset({"security"}))
    assert all(f"{q.id} " in text for q in expected)
    assert "Pruebas que pedirá un validador:" in text


def test_the_evidence_checklist_of_the_selected_assessment(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    select(qtbot, window, COMPANY)
    choose(qtbot, window, window.file_menu, "Im&primir cuestionario en blanco…")
    dialog = window.office_hooks.form_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    click(qtbot, dialog.checklist)
    assert not dialog.roles["carrier"].isEnabled()  # the assessment's own roles apply
    out = tmp_path / "pruebas.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(out.exists, timeout=60_000)
    text = text_of(out.read_bytes())
    assert "Lista de pruebas" in text and COMPANY in text and "Lo tengo" in text


def test_spreadsheet_out_answers_typed_in_and_back(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    select(qtbot, window, COMPANY)
    book_path = tmp_path / "respuestas.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(book_path), ""))
    choose(qtbot, window, window.file_menu, "Exportar &hoja de cálculo…")
    qtbot.waitUntil(lambda: "respuestas.xlsx" in window.statusBar().currentMessage(),
                    timeout=30_000)
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames == ["Respuestas", "Brechas", "Plan de acción"]
    sheet = book["Respuestas"]
    rows = {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2)}
    assert "SAFE-H.02" in rows  # carriers' conveyance security
    sheet[f"E{rows['SAFE-H.02']}"] = 3
    sheet[f"E{rows['SAFE-H.01']}"] = "sí"
    comment = sheet[f"F{rows['SAFE-H.01']}"]
    comment.value = "=precinto"
    comment.data_type = "s"  # typed as text (after an apostrophe): kept as text
    book.save(book_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(book_path), ""))
    choose(qtbot, window, window.file_menu, "Importar respuestas de una hoja de cá&lculo…")
    qtbot.waitUntil(lambda: "respuestas importadas de respuestas.xlsx"
                    in window.statusBar().currentMessage(), timeout=30_000)
    summary = window.list_page.current()
    assert summary is not None
    _q, assessment, _card = assessments.load(ctx, summary.id)
    assert assessment.answer("SAFE-H.02") == Answer(3)
    assert assessment.answer("SAFE-H.01") == Answer(True, comment="=precinto")


def test_importing_into_the_open_assessment_shows_the_answers(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    select(qtbot, window, COMPANY)
    summary = window.list_page.current()
    assert summary is not None
    book_path = tmp_path / "hoja.xlsx"
    spreadsheets.export_xlsx(ctx, summary.id, book_path)
    book = openpyxl.load_workbook(book_path)
    sheet = book.worksheets[0]
    rows = {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2)}
    sheet[f"E{rows['SAFE-H.02']}"] = 2
    book.save(book_path)
    qtbot.keyClick(window.list_page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.editor, AssessmentEditor))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(book_path), ""))
    choose(qtbot, window, window.file_menu, "Importar respuestas de una hoja de cá&lculo…")
    qtbot.waitUntil(lambda: isinstance(window.editor, AssessmentEditor)
                    and window.editor.state.answer("SAFE-H.02") == Answer(2), timeout=30_000)


def test_fast_entry_from_the_edit_menu(
    qtbot: QtBot, window: MainWindow, ctx: AppContext
) -> None:
    select(qtbot, window, COMPANY)
    qtbot.keyClick(window.list_page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.editor, AssessmentEditor))
    editor = window.editor
    assert isinstance(editor, AssessmentEditor)
    choose(qtbot, window, window.edit_menu, "&Captura rápida desde papel")
    bar = editor.fast_entry.bar
    qtbot.waitUntil(lambda: bar.isVisible() and bar.line.hasFocus())
    assert bar.prompt.text().startswith("Siguiente: SAFE-")
    qtbot.keyClicks(bar.line, "H.02 9")
    qtbot.keyClick(bar.line, Qt.Key.Key_Return)
    assert bar.message.text() == "SAFE-H.02: escriba un nivel de 0 a 4"
    bar.line.clear()
    qtbot.keyClicks(bar.line, "H.02 4")
    qtbot.keyClick(bar.line, Qt.Key.Key_Return)
    assert bar.message.text() == "SAFE-H.02 guardada: H.02 4"
    editor.state.wait_saved()
    _q, assessment, _card = assessments.load(ctx, editor.assessment_id)
    assert assessment.answer("SAFE-H.02") == Answer(4)


def test_the_report_dialog_saves_a_word_document(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    select(qtbot, window, COMPANY)
    summary = window.list_page.current()
    assert summary is not None
    dialog = ReportDialog(window.gui, summary.id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=60_000)
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    out = tmp_path / "informe.pdf"  # the name offered, with the Word filter chosen
    word = "Documentos de Word, editables (*.docx)"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), word))
    click(qtbot, dialog.save_button)
    saved = tmp_path / "informe.docx"
    qtbot.waitUntil(saved.exists, timeout=60_000)
    document = docx.Document(str(saved))
    titles = [p.text for p in document.paragraphs if p.style is not None
              and p.style.name in ("Title", "Heading 1")]
    assert titles[:2] == ["Informe de preparación OEA", "Resumen ejecutivo"]
    assert COMPANY in document.sections[0].header.paragraphs[0].text
