"""Journey 2, a customs officer in Spanish: first start with the officer's profile → the
applicant file imported from the welcome → who they are → verdicts by keys, a remark, a
finding, the outcome → the review report → the review file exported."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from aeo_assess.domain.review import Outcome, Severity, Verdict
from aeo_assess.gui.profile import ReviewerDialog
from aeo_assess.gui.review.workspace import FINDINGS_TAB, OUTCOME_TAB, ReviewWorkspace
from aeo_assess.services import assessments, transfer
from aeo_assess.services.context import open_context
from aeo_assess.settings import Settings, save_settings
from tests.gui.conftest import OpenWindow, activate, new_assessment, type_text
from tests.gui.journeys.conftest import (
    SIZE,
    back_to,
    click,
    next_dialog,
    open_files,
    report_ready,
    save_as,
)
from tests.reporting.samples import text_of

COMPANY = "Café Volcán S.A."


def applicant_file(folder: Path) -> Path:
    """What the trader sent (their own installation, answered as in journey 1)."""
    trader = open_context(f"sqlite:///{folder / 'trader.sqlite3'}")
    try:
        own = new_assessment(trader, COMPANY)
        assessments.set_value(trader, own, "SAFE-A.02", True)
        assessments.set_value(trader, own, "SAFE-A.03", 1)
        assessments.set_comment(trader, own, "SAFE-A.03", "Registro en papel")
        out = folder / "cafe.aeoa"
        transfer.export_assessment(trader, own, out)
    finally:
        trader.database.close()
    return out


def test_the_officers_journey(
    qtbot: QtBot, open_window: OpenWindow, settings_file: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    submission = applicant_file(tmp_path)
    save_settings(Settings(profile="officer", profile_chosen=True), settings_file)
    window = open_window("es")
    window.resize(*SIZE)

    # --- the welcome offers the import first ----------------------------------------------------
    qtbot.waitUntil(lambda: window.first_start_dialog is not None
                    and window.first_start_dialog.isVisible())
    welcome = window.first_start_dialog
    assert welcome is not None
    assert welcome.import_button.title.text() == "Importar un archivo de solicitud"
    open_files(monkeypatch, [submission])
    click(qtbot, welcome.import_button)
    qtbot.waitUntil(lambda: window.import_summary is not None and window.import_summary.isVisible())
    summary = window.import_summary
    assert summary is not None and summary.heading.text().startswith("Importados: 1")
    qtbot.keyClick(summary, Qt.Key.Key_Escape)
    back_to(qtbot, window)
    assert not window.list_page.empty_label.isVisible()

    # --- the queue, then who they are, then the review ------------------------------------------
    queue = window.review_hooks.queue
    qtbot.waitUntil(lambda: any(row.company == COMPANY for row in queue.rows))
    item = queue.tree.topLevelItem(0)
    assert item is not None
    click(qtbot, queue.tree.viewport(), queue.tree.visualItemRect(item).center())

    def introduce(dialog: QWidget) -> None:
        assert isinstance(dialog, ReviewerDialog)
        type_text(dialog.name, "María Pérez")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
        type_text(dialog.position, "Oficial de valoración")
        qtbot.keyClick(dialog.position, Qt.Key.Key_Tab)
        type_text(dialog.office, "Aduana Santamaría")
        qtbot.keyClick(dialog.office, Qt.Key.Key_Return)

    asked = next_dialog(introduce)
    qtbot.keyClick(queue.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.editor, ReviewWorkspace))
    assert asked.seen
    workspace = window.editor
    assert isinstance(workspace, ReviewWorkspace)
    activate(qtbot, window)

    tree = workspace.questions.tree
    workspace.go_to("SAFE-A.02")
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_A)  # aceptada
    assert workspace.page.verdict_buttons[Verdict.ACCEPTED].isChecked()
    qtbot.keyClick(tree, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert workspace.page.question is not None and workspace.page.question.id == "SAFE-A.03"
    qtbot.keyClick(tree, Qt.Key.Key_X)  # no aceptada
    click(qtbot, workspace.page.remark)
    type_text(workspace.page.remark, "Falta el registro digital de visitantes.")
    workspace.page.remark.commit()
    qtbot.waitUntil(lambda: workspace.saved.text() == "Todos los cambios guardados")

    workspace.tabs.setCurrentIndex(FINDINGS_TAB)
    click(qtbot, workspace.findings.add_button)
    qtbot.waitUntil(lambda: workspace.findings.dialog is not None
                    and workspace.findings.dialog.isVisible())
    finding = workspace.findings.dialog
    assert finding is not None
    finding.severity.setCurrentIndex(finding.severity.findData(Severity.MAJOR.value))
    type_text(finding.text, "Control de acceso sin registro")
    type_text(finding.action, "Llevar un registro de visitantes")
    buttons = finding.findChild(QDialogButtonBox)
    assert buttons is not None
    click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: workspace.findings.table.rowCount() == 1)

    workspace.tabs.setCurrentIndex(OUTCOME_TAB)
    click(qtbot, workspace.outcome.choices[Outcome.GRANT_AFTER_IMPROVEMENTS])
    qtbot.waitUntil(lambda: workspace.saved.text() == "Todos los cambios guardados")

    # --- the review report ------------------------------------------------------------------------
    click(qtbot, workspace.report_button)
    report = report_ready(qtbot, workspace.report_dialog)
    saved = tmp_path / "informe-revision.pdf"
    suggested: list[str] = []
    save_as(monkeypatch, saved, suggested)
    click(qtbot, report.save_button)
    assert suggested == [f"{COMPANY} – informe de revisión.pdf"]
    text = text_of(saved.read_bytes())
    assert "María Pérez, Oficial de valoración, Aduana Santamaría" in text
    assert "Control de acceso sin registro" in text
    qtbot.keyClick(report, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not report.isVisible())
    back_to(qtbot, window)

    # --- the review file ---------------------------------------------------------------------------
    out = tmp_path / "revision.aeor"
    suggested.clear()
    save_as(monkeypatch, out, suggested)
    click(qtbot, workspace.export_button)
    qtbot.waitUntil(out.exists)
    assert suggested == [f"{COMPANY} – revisión.aeor"]
    with zipfile.ZipFile(out) as archive:
        review = json.loads(archive.read("review.json"))
    assert review["reviewer"] == "María Pérez, Oficial de valoración, Aduana Santamaría"
    assert review["outcome"] == Outcome.GRANT_AFTER_IMPROVEMENTS.value
    window.close_assessment()
    row = window.list_page.model.row_of(workspace.assessment_id)
    assert row is not None and window.list_page.model.summary(row).status == "reviewed"
