"""Journey 3, the trader again, in Spanish: the review file from customs imported → every
remark read on its tab and on its question → the answer changed → the applicant file sent
again, which customs receives as a resubmission."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from aeo_assess.domain.review import Outcome, Verdict
from aeo_assess.gui.editor.assessment_editor import AssessmentEditor
from aeo_assess.services import assessments, reviews, transfer
from aeo_assess.services.context import AppContext, open_context
from aeo_assess.settings import Settings, save_settings
from tests.gui.conftest import OpenWindow, activate, new_assessment
from tests.gui.journeys.conftest import (
    SIZE,
    back_to,
    choose_menu,
    click,
    next_dialog,
    open_files,
    press_button,
    save_as,
    toolbar_button,
)

COMPANY = "Café Volcán S.A."
REMARK = ("Falta el registro digital de visitantes: envíe el procedimiento firmado y aprobado, "
          "con los registros de los últimos doce meses de cada portón y la lista de las "
          "personas responsables de revisarlos cada semana.")


def review_from_customs(ctx: AppContext, own: str, folder: Path) -> Path:
    """The first round, off screen: the trader's export, the officer's review of it."""
    sent = folder / "cafe-1.aeoa"
    transfer.export_assessment(ctx, own, sent)
    officer = open_context(f"sqlite:///{folder / 'officer.sqlite3'}")
    try:
        submission = transfer.import_applicant_file(officer, sent).assessment_id
        reviews.set_verdict(officer, submission, "SAFE-A.02", Verdict.ACCEPTED)
        reviews.set_verdict(officer, submission, "SAFE-A.03", Verdict.NOT_ACCEPTED, REMARK)
        reviews.set_outcome(officer, submission, Outcome.GRANT_AFTER_IMPROVEMENTS)
        out = folder / "cafe-1.aeor"
        reviews.export_review(officer, submission, out)
    finally:
        officer.database.close()
    return out


def test_the_trader_reads_the_remarks_and_resubmits(
    qtbot: QtBot, open_window: OpenWindow, ctx: AppContext, settings_file: Path,
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    own = new_assessment(ctx, COMPANY)
    assessments.set_value(ctx, own, "SAFE-A.02", True)
    assessments.set_value(ctx, own, "SAFE-A.03", 1)
    review_file = review_from_customs(ctx, own, tmp_path)
    save_settings(Settings(language="es", profile="trader", profile_chosen=True,
                           first_start_done=True), settings_file)
    window = open_window()
    window.resize(*SIZE)
    window.list_page.select(own)

    # --- File › Import… the review file ---------------------------------------------------------
    open_files(monkeypatch, [review_file])
    choose_menu(window, "Archivo", "Importar…")
    qtbot.waitUntil(lambda: window.import_summary is not None and window.import_summary.isVisible())
    summary = window.import_summary
    assert summary is not None and summary.heading.text().startswith("Importados: 1")
    qtbot.keyClick(summary, Qt.Key.Key_Escape)
    back_to(qtbot, window)
    row = window.list_page.model.row_of(own)
    assert row is not None and window.list_page.model.summary(row).status == "reviewed"

    # --- the remarks: on their tab, and on the question -------------------------------------------
    toolbar_button(qtbot, window, "Observaciones de aduana")
    qtbot.waitUntil(lambda: isinstance(window.editor, AssessmentEditor))
    editor = window.editor
    assert isinstance(editor, AssessmentEditor)
    hook = editor.customs_remarks
    assert editor.tabs.currentIndex() == hook.index
    assert editor.tabs.tabText(hook.index) == "Observaciones de &aduana (1 abierta)"
    remarks = hook.tab.remarks
    first = remarks.topLevelItem(0)
    assert first is not None and first.text(2) == REMARK
    line = remarks.fontMetrics().lineSpacing()
    assert remarks.visualItemRect(first).height() >= 2 * line  # wrapped, not cut to "…"
    click(qtbot, remarks.viewport(), remarks.visualItemRect(first).center())
    assert remarks.currentItem() is first, hook.tab.shown_questions()
    qtbot.keyClick(remarks, Qt.Key.Key_Return)  # go to its question
    qtbot.waitUntil(lambda: editor.panel.question is not None
                    and editor.panel.question.id == "SAFE-A.03")
    assert hook.note.isVisible() and hook.note.text.text() == REMARK

    # --- the answer changed, then sent again -------------------------------------------------------
    activate(qtbot, window)
    qtbot.keyClick(editor.tree.tree, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: editor.header.saved.text() == "Todos los cambios guardados")
    assert editor.state.answer("SAFE-A.03").value == 3

    def export_anyway(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        press_button(box, "Exportar de todos modos")

    again = tmp_path / "cafe-2.aeoa"
    save_as(monkeypatch, again, [])
    answered = next_dialog(export_anyway)
    qtbot.keyClick(editor.tree.tree, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(again.exists)
    assert answered.seen
    click(qtbot, editor.tabs.tabBar(), editor.tabs.tabBar().tabRect(0).center())
    window.close_action.trigger()  # back to the list
    row = window.list_page.model.row_of(own)
    assert row is not None and window.list_page.model.summary(row).status == "resubmitted"

    officer = open_context(f"sqlite:///{tmp_path / 'officer.sqlite3'}")
    try:
        result = transfer.import_applicant_file(officer, again)
        assert result.previous_submission_id is not None  # customs sees a resubmission
        changes = reviews.changes_since_previous(officer, result.assessment_id)
        assert changes is not None
        assert [c.question_id for c in changes.answers] == ["SAFE-A.03"]
    finally:
        officer.database.close()
