"""The action plan's CSV export never writes a cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from aeo_assess.services import assessments
from aeo_assess.services.context import AppContext
from tests.gui.editor.conftest import OpenEditor, click

OWNERS = {
    "SAFE-A.03": '=HYPERLINK("http://evil.example","click")',
    "SAFE-B.01": "+cmd|' /C calc'!A0",
    "SAFE-B.02": "@SUM(1+1)*cmd|' /C calc'!A0",
    "SAFE-B.03": "-2+3",
}


def test_owners_that_look_like_formulas_are_written_as_text(
    qtbot: QtBot,
    open_editor: OpenEditor,
    ctx: AppContext,
    assessment_id: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for question_id, owner in OWNERS.items():
        assessments.set_value(ctx, assessment_id, question_id, 0)
        assessments.set_plan_entry(ctx, assessment_id, question_id, owner, None)
    editor = open_editor()
    editor.tabs.setCurrentIndex(1)
    qtbot.waitUntil(editor.dashboard.isVisible)
    export = tmp_path / "plan.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(export), ""))
    click(qtbot, editor.dashboard.export_button)
    rows = list(csv.reader(io.StringIO(export.read_text("utf-8-sig"))))
    owners = {row[1]: row[7] for row in rows[1:]}
    for question_id, owner in OWNERS.items():
        assert owners[question_id] == "'" + owner
    assert all(row[0].isdigit() for row in rows[1:])  # numbers stay numbers
