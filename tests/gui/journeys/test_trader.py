"""Journey 1, a Spanish-speaking trader on a 1280×720 screen, through what they see only:
first start → Español → new assessment → answers by mouse and keys → not applicable with a
reason, a comment, evidence → dashboard and plan → the readiness report previewed, saved and
printed → the applicant file exported → the program restarted, and the work goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox, QWizard
from pytestqt.qtbot import QtBot

from aeo_assess import languages
from aeo_assess.gui import report_dialog
from aeo_assess.gui.editor.assessment_editor import AssessmentEditor
from aeo_assess.services import transfer
from aeo_assess.settings import load_settings
from tests.gui.conftest import OpenWindow, activate, type_text
from tests.gui.journeys.conftest import (
    SIZE,
    back_to,
    choose_menu,
    click,
    next_dialog,
    open_files,
    press_button,
    report_ready,
    save_as,
    toolbar_button,
)
from tests.reporting.samples import reader, text_of

COMPANY = "Café Volcán S.A."


def test_the_traders_journey(
    qtbot: QtBot, open_window: OpenWindow, settings_file: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # --- first start, in the system's English, switched to Spanish on the welcome ----------
    settings_file.unlink()
    monkeypatch.setattr(languages, "system_language", lambda: "en")
    window = open_window()
    window.resize(*SIZE)
    qtbot.waitUntil(lambda: window.first_start_dialog is not None
                    and window.first_start_dialog.isVisible())
    welcome = window.first_start_dialog
    assert welcome is not None and welcome.windowTitle() == "Welcome to aeo-assess"
    activate(qtbot, welcome)
    welcome.language.setFocus()
    qtbot.keyClick(welcome.language, Qt.Key.Key_Down)  # English → Español
    qtbot.waitUntil(lambda: welcome.windowTitle() == "Bienvenido a aeo-assess")
    assert welcome.own_button.title.text() == "Comenzar mi propia evaluación"
    click(qtbot, welcome.own_button)

    # --- the wizard ----------------------------------------------------------------------------
    qtbot.waitUntil(lambda: window.wizard is not None and window.wizard.isVisible())
    wizard = window.wizard
    assert wizard is not None
    activate(qtbot, wizard)
    page = wizard.company_page
    type_text(page.company, COMPANY)
    page.country.setFocus()
    qtbot.keyClicks(page.country.lineEdit(), "costa")
    popup = page.country.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert page.country.currentText() == "Costa Rica"
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    profile = wizard.profile_page
    box = profile.role_boxes["exporter"]
    click(qtbot, box, QPoint(10, box.height() // 2))
    assert box.isChecked()
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert "Exportador" in wizard.questionnaire_page.summary.text()
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: isinstance(window.editor, AssessmentEditor))
    editor = window.editor
    assert isinstance(editor, AssessmentEditor)
    assert window.windowTitle() == f"{COMPANY} — aeo-assess"
    activate(qtbot, window)

    # --- answers: a click, then keys ----------------------------------------------------------
    panel = editor.panel
    assert panel.question is not None and panel.question.id == "SAFE-A.01"
    click(qtbot, panel.options.buttons[0])  # the first option, with the mouse
    tree = editor.tree.tree
    qtbot.keyClick(tree, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)  # next question
    assert panel.question.id == "SAFE-A.02"
    qtbot.keyClick(tree, Qt.Key.Key_S)  # "sí"
    qtbot.keyClick(tree, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert panel.question.id == "SAFE-A.03"
    qtbot.keyClick(tree, Qt.Key.Key_3)  # maturity 3
    qtbot.waitUntil(lambda: editor.header.saved.text() == "Todos los cambios guardados")
    assert editor.state.answer("SAFE-A.02").value is True
    assert editor.state.answer("SAFE-A.03").value == 3

    # --- a comment and evidence on SAFE-A.03, then SAFE-A.05 not applicable ----------------------
    click(qtbot, panel.comment)
    type_text(panel.comment, "Registro de visitantes en papel, pasando a digital")
    proof = tmp_path / "registro de visitantes.pdf"
    proof.write_bytes(b"%PDF-1.4 registro")
    open_files(monkeypatch, [proof])
    click(qtbot, panel.evidence.attach_button)
    qtbot.waitUntil(lambda: panel.evidence.list.count() == 1)
    for _ in range(2):
        click(qtbot, panel.navigation.next_button)
    assert panel.question.id == "SAFE-A.05"
    click(qtbot, panel.na_check, QPoint(8, panel.na_check.height() // 2))
    assert panel.na_reason.hasFocus()
    type_text(panel.na_reason, "No tenemos instalaciones propias")
    qtbot.keyClick(panel.na_reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.state.answer("SAFE-A.05").not_applicable)
    qtbot.waitUntil(lambda: editor.header.saved.text() == "Todos los cambios guardados")
    assert editor.state.answer("SAFE-A.03").comment.startswith("Registro de visitantes")

    # --- dashboard and plan -------------------------------------------------------------------
    tabs = editor.tabs
    click(qtbot, tabs.tabBar(), tabs.tabBar().tabRect(1).center())
    assert tabs.tabText(1) == "&Tablero"
    dashboard = editor.dashboard
    qtbot.waitUntil(dashboard.isVisible)
    assert dashboard.plan.rowCount() >= 1
    assert dashboard.plan.horizontalHeaderItem(4).text() == "Qué hacer"

    # --- the readiness report: preview, save, print -------------------------------------------
    click(qtbot, dashboard.report_button)
    report = report_ready(qtbot, window.report_dialog)
    assert report.windowTitle() == "Informe de preparación"
    assert report.document.pageCount() > 1  # the preview shows the pages
    frame = report.frameGeometry()
    assert frame.height() <= SIZE[1] and frame.width() <= SIZE[0]
    saved = tmp_path / "informe.pdf"
    suggested: list[str] = []
    save_as(monkeypatch, saved, suggested)
    click(qtbot, report.save_button)
    assert suggested == [f"{COMPANY} – informe de preparación.pdf"]
    text = text_of(saved.read_bytes())
    assert COMPANY in text and "Informe de preparación OEA" in text
    assert "No tenemos instalaciones propias" in text

    printed = tmp_path / "impreso.pdf"

    class PrintToFile:
        """The print dialog, answered: the printer is a PDF file."""

        def __init__(self, printer: QPrinter, _parent: object) -> None:
            self.printer = printer

        def exec(self) -> QDialog.DialogCode:
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(printed))
            self.printer.setResolution(72)  # keeps the test quick
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(report_dialog, "QPrintDialog", PrintToFile)
    click(qtbot, report.print_button)
    assert len(reader(printed.read_bytes()).pages) == report.document.pageCount()
    qtbot.keyClick(report, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not report.isVisible())
    back_to(qtbot, window)

    # --- export the applicant file (incomplete: what is missing, then export anyway) ------------
    missing: list[str] = []

    def export_anyway(box: object) -> None:
        assert isinstance(box, QMessageBox)
        missing.append(box.informativeText())
        press_button(box, "Exportar de todos modos")

    out = tmp_path / "solicitud.aeoa"
    suggested.clear()
    save_as(monkeypatch, out, suggested)
    answered = next_dialog(export_anyway)
    toolbar_button(qtbot, window, "Exportar")
    assert answered.seen
    assert "preguntas aún no tienen respuesta" in missing[0]
    qtbot.waitUntil(out.exists)
    assert suggested == [f"{COMPANY} – archivo de solicitud.aeoa"]
    sent = transfer.read_file(out).assessment
    assert sent.company == COMPANY
    assert sent.answers["SAFE-A.05"].na_reason == "No tenemos instalaciones propias"
    assert [e.name for e in sent.evidence] == ["registro de visitantes.pdf"]

    # --- restart: the same assessment, where they left off --------------------------------------
    assessment_id = window.editor_id
    choose_menu(window, "Archivo", "Salir")
    qtbot.waitUntil(lambda: not window.isVisible())
    assert load_settings(settings_file).language == "es"
    again = open_window()
    again.resize(*SIZE)
    qtbot.waitUntil(lambda: isinstance(again.editor, AssessmentEditor))
    assert again.editor_id == assessment_id
    editor = again.editor
    assert isinstance(editor, AssessmentEditor)
    assert editor.panel.question is not None
    assert editor.panel.question.id == "SAFE-A.04"  # the first question still unanswered
    activate(qtbot, again)
    qtbot.keyClick(editor.tree.tree, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: editor.header.saved.text() == "Todos los cambios guardados")
    again.close_assessment()
    row = again.list_page.model.row_of(assessment_id or "")
    assert row is not None
    assert again.list_page.model.summary(row).status == "submitted"
