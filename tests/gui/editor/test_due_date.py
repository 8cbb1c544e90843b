"""The action plan's due date is typed as a Spanish user types it (31/3/2027 and 31/03/2027
both mean 31 March 2027); a year slip (3202) is refused with a message, never saved."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from aeo_assess import i18n
from aeo_assess.gui.editor.plan_table import DueDateEdit
from aeo_assess.services import assessments
from aeo_assess.services.context import AppContext
from tests.gui.editor.conftest import OpenEditor, click, wait_saved

CHOICE = "SAFE-A.01"


def type_due(qtbot: QtBot, table: object, text: str) -> DueDateEdit:
    from aeo_assess.gui.editor.plan_table import PlanTable

    assert isinstance(table, PlanTable)
    table.setCurrentItem(table.item(0, 6))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, DueDateEdit)
    editor.lineEdit().selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    return editor


def test_typed_due_dates(
    qtbot: QtBot, open_editor: OpenEditor, ctx: AppContext, assessment_id: str
) -> None:
    i18n.set_language("es")
    editor = open_editor()
    click(qtbot, editor.panel.options.buttons[3])  # a gap, so a plan row
    editor.tabs.setCurrentIndex(1)
    dashboard = editor.dashboard
    qtbot.waitUntil(dashboard.isVisible)
    table = dashboard.plan
    wanted = dt.date.today() + dt.timedelta(days=120)

    type_due(qtbot, table, f"{wanted.day}/{wanted.month}/{wanted.year}")
    qtbot.waitUntil(lambda: table.item(0, 6).text() == i18n.format_date(wanted))
    wait_saved(qtbot, editor)
    assert assessments.load(ctx, assessment_id)[1].plan[CHOICE].due == wanted
    assert not dashboard.plan_message.isVisible()

    slip = f"{wanted.day}/{wanted.month}/3202"
    date_editor = type_due(qtbot, table, slip)
    assert date_editor.maximumDate() == QDate.currentDate().addYears(10)
    assert date_editor.calendarPopup()
    qtbot.waitUntil(dashboard.plan_message.isVisible)
    message = dashboard.plan_message.text()
    assert message.startswith(f"«{slip}» no es una fecha límite válida")
    assert "d/m/yyyy" in message
    assert table.item(0, 6).text() == i18n.format_date(wanted)
    assert assessments.load(ctx, assessment_id)[1].plan[CHOICE].due == wanted

    type_due(qtbot, table, "")  # emptied: no date
    qtbot.waitUntil(lambda: table.item(0, 6).text() == i18n.format_date(None))
    wait_saved(qtbot, editor)
    assert CHOICE not in assessments.load(ctx, assessment_id)[1].plan  # no owner, no date


def test_what_to_do_in_full(qtbot: QtBot, open_editor: OpenEditor) -> None:
    """The plan's "What to do" is cut in its column; the selected row's shows in full."""
    editor = open_editor()
    click(qtbot, editor.panel.options.buttons[3])
    editor.tabs.setCurrentIndex(1)
    dashboard = editor.dashboard
    qtbot.waitUntil(dashboard.isVisible)
    assert not dashboard.plan_detail.isVisible()
    table = dashboard.plan
    table.setCurrentCell(0, 4)
    recommendation = editor.state.questionnaire.question(CHOICE).recommendation["en"]
    assert dashboard.plan_detail.isVisible()
    assert dashboard.plan_detail.text() == f"{CHOICE}: {recommendation}"
