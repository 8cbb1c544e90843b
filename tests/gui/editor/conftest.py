"""An editor on a fresh SQLite database, shown at 1280×720, with settings kept in tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from aeo_assess import i18n
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.editor.assessment_editor import AssessmentEditor
from aeo_assess.services import assessments
from aeo_assess.services.context import AppContext, open_context
from aeo_assess.settings import load_settings

OpenEditor = Callable[..., AssessmentEditor]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppContext]:
    monkeypatch.setenv("AEO_ASSESS_SETTINGS", str(tmp_path / "settings.json"))
    context = open_context(f"sqlite:///{tmp_path}/db.sqlite3")
    context.user = "tester"
    yield context
    context.database.close()


@pytest.fixture
def gui(ctx: AppContext) -> GuiContext:
    return GuiContext(ctx, load_settings())


@pytest.fixture
def assessment_id(ctx: AppContext) -> str:
    return assessments.create_assessment(
        ctx,
        questionnaire_id="safe-aeo",
        company="Café Andino S.A.",
        country="CR",
        roles=["importer", "exporter"],
        aeo_types=["security", "compliance"],
    )


@pytest.fixture
def open_editor(qtbot: QtBot, gui: GuiContext, assessment_id: str) -> OpenEditor:
    def open_(target: str = assessment_id, context: GuiContext = gui) -> AssessmentEditor:
        editor = AssessmentEditor(context, target)
        qtbot.addWidget(editor)
        editor.resize(1280, 720)
        editor.show()
        qtbot.waitExposed(editor)
        editor.activateWindow()
        qtbot.waitUntil(editor.isActiveWindow)
        return editor

    return open_


def wait_saved(qtbot: QtBot, editor: AssessmentEditor) -> None:
    """What a user waits for: the header saying everything is saved."""
    qtbot.waitUntil(lambda: editor.header.saved.text() == i18n._("All changes saved"))


def click(qtbot: QtBot, widget: QWidget) -> None:
    """Click where a user would: on a check box's box (its row may be wider than its label),
    elsewhere in the middle."""
    if isinstance(widget, QCheckBox):
        position = QPoint(widget.fontMetrics().height() // 2 + 2, widget.height() // 2)
    else:
        position = widget.rect().center()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=position)


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard does, accents included (QTest.keyClicks only knows ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def click_in_next_message_box(button: QMessageBox.StandardButton) -> None:
    """Press ``button`` in the next message box, once it is up and modal."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(button).click()
        else:
            QTimer.singleShot(10, answer)

    QTimer.singleShot(0, answer)

