"""Reviews name the officer as they said, not the computer's login: asked before the first
review, written in the review report and the review file."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from aeo_assess.gui.profile import ReviewerDialog
from aeo_assess.services import transfer
from aeo_assess.settings import load_settings
from tests.gui.conftest import DialogAnswer, new_assessment, type_text
from tests.gui.review.conftest import OpenAs, choose_save
from tests.gui.review.test_round_trip import import_through_menu, open_from_queue
from tests.reporting.samples import text_of


def test_asked_before_the_first_review_and_written_on_it(
    qtbot: QtBot, open_as: OpenAs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    answer_dialog: Callable[[Callable[[QWidget], None]], DialogAnswer],
) -> None:
    trader = open_as("trader")
    own = new_assessment(trader.gui.app, "Café Volcán S.A.")
    submission = tmp_path / "cafe.aeoa"
    transfer.export_assessment(trader.gui.app, own, submission)

    officer = open_as("officer", reviewer="")
    import_through_menu(qtbot, officer, monkeypatch, submission)

    def introduce(dialog: QWidget) -> None:
        assert isinstance(dialog, ReviewerDialog)
        assert dialog.windowTitle() == "Reviewing officer"
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        assert not ok.isEnabled()  # a name is needed
        type_text(dialog.name, "María Pérez")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
        type_text(dialog.position, "Oficial de valoración")
        qtbot.keyClick(dialog.position, Qt.Key.Key_Tab)
        type_text(dialog.office, "Aduana Central")
        qtbot.keyClick(dialog.office, Qt.Key.Key_Return)

    asked = answer_dialog(introduce)
    workspace = open_from_queue(qtbot, officer, "Café Volcán S.A.")
    assert asked.seen
    settings = load_settings(tmp_path / "settings.json")
    assert (settings.reviewer_name, settings.reviewer_position, settings.reviewer_office) == (
        "María Pérez", "Oficial de valoración", "Aduana Central")

    out = tmp_path / "cafe.aeor"
    choose_save(monkeypatch, out)
    qtbot.mouseClick(workspace.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(out.exists)
    with zipfile.ZipFile(out) as archive:
        review = json.loads(archive.read("review.json"))
    assert review["reviewer"] == "María Pérez, Oficial de valoración, Aduana Central"

    workspace.show_report()
    dialog = workspace.report_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=30_000)
    text = text_of(dialog.pdf or b"")
    assert "María Pérez, Oficial de valoración, Aduana Central" in text
