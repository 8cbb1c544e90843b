"""The trader ↔ officer round trip driven as users drive it: two installations (two databases),
files passed between them, verdicts given with keys and clicks, remarks read by the trader,
a changed answer resubmitted and seen by the officer as a change."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from aeo_assess.domain.review import Outcome, RemarkStatus, Severity, Verdict
from aeo_assess.gui.editor.assessment_editor import AssessmentEditor
from aeo_assess.gui.main_window import MainWindow
from aeo_assess.gui.review.workspace import CHANGES_TAB, FINDINGS_TAB, OUTCOME_TAB, ReviewWorkspace
from aeo_assess.services import assessments, reviews
from tests.gui.conftest import DialogAnswer, activate, new_assessment, type_text
from tests.gui.review.conftest import OpenAs, choose_open, choose_save


def click(qtbot: QtBot, widget: QWidget, pos: QPoint | None = None) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos or widget.rect().center())


def import_through_menu(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, path: Path
) -> None:
    """File › Import (Ctrl+I), the file chosen, the summary read and closed."""
    activate(qtbot, window)
    window.import_summary = None
    choose_open(monkeypatch, [path])
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.import_summary is not None and window.import_summary.isVisible())
    summary = window.import_summary
    assert summary is not None
    assert summary.heading.text().startswith("Imported: 1"), summary.tree.topLevelItem(0).text(2)  # type: ignore[union-attr]
    qtbot.keyClick(summary, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not summary.isVisible())
    activate(qtbot, window)


def open_from_queue(qtbot: QtBot, officer: MainWindow, company: str) -> ReviewWorkspace:
    queue = officer.review_hooks.queue
    qtbot.waitUntil(lambda: any(row.company == company for row in queue.rows))
    index = next(i for i, row in enumerate(queue.rows) if row.company == company)
    item = queue.tree.topLevelItem(index)
    assert item is not None
    rect = queue.tree.visualItemRect(item)
    qtbot.mouseClick(queue.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert queue.current_id() == queue.rows[index].assessment_id
    qtbot.keyClick(queue.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(officer.editor, ReviewWorkspace))
    workspace = officer.editor
    assert isinstance(workspace, ReviewWorkspace)
    return workspace


def saved(workspace: ReviewWorkspace) -> bool:
    return workspace.saved.text() == "All changes saved"


def export_anyway(window: MainWindow) -> DialogAnswer:
    """File › Export of an incomplete assessment: read what is missing, export anyway."""

    def answer(box: QWidget) -> None:
        assert box.objectName() == "export_incomplete"
        button = box.findChild(QPushButton, "export_anyway")
        assert button is not None
        button.click()

    checker = DialogAnswer(answer)
    window.export_action.trigger()
    return checker


def test_two_review_rounds_with_files_alone(
    qtbot: QtBot, open_as: OpenAs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # --- the trader answers and exports an applicant file ----------------------------------
    trader = open_as("trader")
    ctx = trader.gui.app
    own = new_assessment(ctx, "Café Volcán S.A.", "CR")
    assessments.set_value(ctx, own, "SAFE-A.03", 3)
    assessments.set_value(ctx, own, "SAFE-A.04", 1)
    assessments.set_comment(ctx, own, "SAFE-A.04", "Plan en preparación")
    trader.reload()
    trader.list_page.select(own)
    first = tmp_path / "cafe-1.aeoa"
    choose_save(monkeypatch, first)
    assert export_anyway(trader).seen
    qtbot.waitUntil(first.exists)

    # --- the officer imports it and reviews with keys and clicks ---------------------------
    officer = open_as("officer")
    import_through_menu(qtbot, officer, monkeypatch, first)
    workspace = open_from_queue(qtbot, officer, "Café Volcán S.A.")
    assert workspace.tabs.currentIndex() == 0  # a first submission opens on its questions
    workspace.go_to("SAFE-A.03")
    workspace.questions.tree.setFocus()
    qtbot.keyClick(workspace.questions.tree, Qt.Key.Key_A)  # accepted
    assert workspace.page.verdict_buttons[Verdict.ACCEPTED].isChecked()
    qtbot.keyClick(workspace.questions.tree, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert workspace.page.question is not None and workspace.page.question.id == "SAFE-A.04"
    assert workspace.page.answer.text() == "1 · Informal"  # the applicant's answer, in words
    qtbot.keyClick(workspace.questions.tree, Qt.Key.Key_X)  # not accepted
    click(qtbot, workspace.page.remark)
    type_text(workspace.page.remark, "Falta el procedimiento escrito y aprobado.")
    workspace.page.remark.commit()
    qtbot.waitUntil(lambda: saved(workspace))
    assert workspace.progress.text() == f"2 of {workspace.state.review.total} questions reviewed"

    workspace.tabs.setCurrentIndex(FINDINGS_TAB)
    click(qtbot, workspace.findings.add_button)
    qtbot.waitUntil(lambda: workspace.findings.dialog is not None and workspace.findings.dialog.isVisible())
    dialog = workspace.findings.dialog
    assert dialog is not None
    dialog.severity.setCurrentIndex(dialog.severity.findData(Severity.MAJOR.value))
    type_text(dialog.text, "Sin análisis de riesgos de socios")
    type_text(dialog.action, "Evaluar a los socios comerciales")
    click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: workspace.findings.table.rowCount() == 1)
    assert workspace.findings.table.item(0, 0).text() == "Major"  # type: ignore[union-attr]

    workspace.tabs.setCurrentIndex(OUTCOME_TAB)
    radio = workspace.outcome.choices[Outcome.GRANT_AFTER_IMPROVEMENTS]
    click(qtbot, radio)
    qtbot.waitUntil(lambda: saved(workspace))
    review = reviews.load_review(officer.gui.app, workspace.assessment_id)
    assert review.questions["SAFE-A.04"].remark_status is RemarkStatus.OPEN
    assert review.outcome is Outcome.GRANT_AFTER_IMPROVEMENTS

    verdict_file = tmp_path / "cafe-1.aeor"
    choose_save(monkeypatch, verdict_file)
    click(qtbot, workspace.export_button)
    qtbot.waitUntil(verdict_file.exists)

    # --- the trader imports the review and reads the remarks -------------------------------
    import_through_menu(qtbot, trader, monkeypatch, verdict_file)
    trader.list_page.select(own)
    trader.review_hooks.remarks_action.trigger()  # toolbar: Customs remarks
    editor = trader.editor
    assert isinstance(editor, AssessmentEditor)
    hook = editor.customs_remarks
    assert editor.tabs.currentIndex() == hook.index
    assert editor.tabs.tabText(hook.index) == "Customs &remarks (1 open)"
    assert hook.tab.shown_questions() == ["SAFE-A.04", "SAFE-A.03"]  # open remarks first
    row = hook.tab.remarks.topLevelItem(0)
    assert row is not None
    assert [row.text(c) for c in (1, 2, 3)] == [
        "✗ Not accepted", "Falta el procedimiento escrito y aprobado.", "Open remark"
    ]
    assert hook.tab.findings.item(0, 2).text() == "Sin análisis de riesgos de socios"  # type: ignore[union-attr]
    qtbot.mouseClick(hook.tab.report_button, Qt.MouseButton.LeftButton)  # the received review
    qtbot.waitUntil(lambda: hook.tab.report_dialog is not None)
    report = hook.tab.report_dialog
    assert report is not None
    qtbot.waitUntil(report.save_button.isEnabled, timeout=20_000)
    report.close()
    activate(qtbot, trader)
    hook.tab.remarks.setCurrentItem(row)
    qtbot.keyClick(hook.tab.remarks, Qt.Key.Key_Return)  # to the question
    qtbot.waitUntil(lambda: editor.panel.question is not None and editor.panel.question.id == "SAFE-A.04")
    assert hook.note.isVisible()
    assert hook.note.text.text() == "Falta el procedimiento escrito y aprobado."

    # ... changes the answer the officer did not accept, and resubmits
    editor.panel.focus_answer()
    qtbot.keyClick(editor.tree.tree, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: editor.header.saved.text() == "All changes saved")
    assert assessments.load(ctx, own)[1].answers["SAFE-A.04"].value == 3
    trader.close_assessment()
    second = tmp_path / "cafe-2.aeoa"
    choose_save(monkeypatch, second)
    trader.list_page.select(own)
    assert export_anyway(trader).seen
    qtbot.waitUntil(second.exists)

    # --- the officer imports the resubmission and sees what changed ------------------------
    officer.close_assessment()
    import_through_menu(qtbot, officer, monkeypatch, second)
    queue = officer.review_hooks.queue
    qtbot.waitUntil(lambda: len(queue.rows) == 2)
    resubmission = next(
        r.assessment_id for r in queue.rows if r.assessment_id != workspace.assessment_id
    )
    officer.review_hooks._open(resubmission)
    again = officer.editor
    assert isinstance(again, ReviewWorkspace)
    assert again.tabs.currentIndex() == CHANGES_TAB
    changes = again.changes.tree
    rows = [[changes.topLevelItem(i).text(c) for c in range(5)]  # type: ignore[union-attr]
            for i in range(changes.topLevelItemCount())]
    assert rows[0][:2] == ["Answer", "Changed"] and rows[0][2].startswith("SAFE-A.04")
    assert rows[0][3] == "1 · Informal" and rows[0][4].startswith("3 · ")
    item = changes.topLevelItem(0)
    assert item is not None
    click(qtbot, changes.viewport(), changes.visualItemRect(item).center())
    assert again.tabs.currentIndex() == 0
    assert again.page.question is not None and again.page.question.id == "SAFE-A.04"
