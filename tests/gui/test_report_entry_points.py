"""The readiness report is found where a user looks for it: File › Readiness report…, Ctrl+P,
the toolbar, the list's context menu and the dashboard's button; all open the preview."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from aeo_assess.gui.editor.assessment_editor import AssessmentEditor
from aeo_assess.gui.main_window import MainWindow
from aeo_assess.gui.report_dialog import ReportDialog
from aeo_assess.services.context import AppContext
from tests.gui.conftest import OpenWindow, activate, new_assessment


def report_shown(qtbot: QtBot, window: MainWindow) -> ReportDialog:
    qtbot.waitUntil(lambda: isinstance(window.report_dialog, ReportDialog)
                    and window.report_dialog.isVisible())
    dialog = window.report_dialog
    assert isinstance(dialog, ReportDialog)
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=30_000)
    return dialog


def close(qtbot: QtBot, window: MainWindow, dialog: ReportDialog) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    window.report_dialog = None
    activate(qtbot, window)


def test_every_way_to_the_report(qtbot: QtBot, open_window: OpenWindow, ctx: AppContext) -> None:
    own = new_assessment(ctx, "Café Volcán S.A.")
    window = open_window("es")
    window.list_page.select(own)
    report = window.findChild(QAction, "report_action")
    assert report in window.file_menu.actions()
    assert report.text() == "Informe de &preparación…"

    qtbot.keyClick(window.list_page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = report_shown(qtbot, window)
    assert dialog.language.currentData() == "es"  # the interface's language
    assert dialog.assessment_id == own
    close(qtbot, window, dialog)

    toolbar = window.findChild(QToolBar, "main_toolbar")
    button = toolbar.widgetForAction(report)
    assert isinstance(button, QToolButton) and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    close(qtbot, window, report_shown(qtbot, window))

    assert report in window.list_page.table.actions()  # shown by its context menu
    assert window.list_page.table.contextMenuPolicy() is Qt.ContextMenuPolicy.ActionsContextMenu

    qtbot.keyClick(window.list_page.table, Qt.Key.Key_Return)
    editor = window.editor
    assert isinstance(editor, AssessmentEditor)
    editor.tabs.setCurrentWidget(editor.dashboard)
    qtbot.waitUntil(editor.dashboard.report_button.isVisible)
    assert editor.dashboard.report_button.text() == "In&forme de preparación…"
    qtbot.mouseClick(editor.dashboard.report_button, Qt.MouseButton.LeftButton)
    close(qtbot, window, report_shown(qtbot, window))


def test_no_report_without_an_assessment(open_window: OpenWindow) -> None:
    window = open_window()
    assert not window.report_action.isEnabled()
