"""The plan's overdue items stand out: a due date that has passed on a gap still open reads
'(overdue)' in red, with a tooltip saying why (a reminder of the yearly cycle, issue 17)."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from aeo_assess.services import assessments
from aeo_assess.services.context import AppContext
from tests.gui.editor.conftest import OpenEditor


def test_an_overdue_plan_item_is_marked(
    qtbot: QtBot, open_editor: OpenEditor, ctx: AppContext, assessment_id: str
) -> None:
    _, _, card = assessments.load(ctx, assessment_id)
    late, later = (item.gap.question_id for item in card.action_plan[:2])
    yesterday = dt.date.today() - dt.timedelta(days=1)
    assessments.set_plan_entry(ctx, assessment_id, late, "Ana", yesterday)
    assessments.set_plan_entry(ctx, assessment_id, later, "Luis", dt.date.today())
    editor = open_editor()
    editor.tabs.setCurrentIndex(1)
    table = editor.dashboard.plan
    qtbot.waitUntil(lambda: table.rowCount() > 1)
    rows = {table.question_at(row): table.item(row, 6) for row in range(table.rowCount())}
    assert rows[late].text().endswith("(overdue)") and "has passed" in rows[late].toolTip()
    assert not rows[later].text().endswith("(overdue)")
