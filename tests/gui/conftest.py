"""GUI tests drive the real main window on a temporary SQLite database and settings file."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from aeo_assess.gui.app import launch
from aeo_assess.gui.language import install_qt_translations
from aeo_assess.gui.main_window import MainWindow
from aeo_assess.i18n import set_language
from aeo_assess.services import assessments
from aeo_assess.services.context import AppContext, open_context
from aeo_assess.settings import Settings, save_settings

OpenWindow = Callable[..., MainWindow]
SCREEN = (1280, 720)
"""The small laptop screen every window and dialog must fit (issue 12)."""


@pytest.fixture(scope="session")
def qapp_args(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Qt's offscreen screen is 800 × 800 unless told otherwise: give it the size of the
    smallest screen users have, so that the tests see what they see."""
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        return ["aeo-assess-tests"]
    config = tmp_path_factory.mktemp("screen") / "screen.json"
    width, height = SCREEN
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1,
    }]}), "utf-8")
    return ["aeo-assess-tests", "-platform", f"offscreen:configfile={config}"]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Every test starts and ends in English, whatever the previous one switched to."""
    set_language("en")
    yield
    set_language("en")
    install_qt_translations("en")


@pytest.fixture
def settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings of a user past the first start (its tests delete the file)."""
    path = tmp_path / "settings.json"
    monkeypatch.setenv("AEO_ASSESS_SETTINGS", str(path))
    save_settings(Settings(first_start_done=True), path)
    return path


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Give the window the keyboard, as a window manager does when a dialog closes (the
    offscreen platform leaves no window active), so that shortcuts reach it."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'aeo-assess.sqlite3'}"


@pytest.fixture
def ctx(db_url: str) -> Iterator[AppContext]:
    """The same database the window uses, for arranging data and checking what was saved."""
    context = open_context(db_url)
    yield context
    context.database.close()


@pytest.fixture
def open_window(qtbot: QtBot, db_url: str, settings_file: Path) -> Iterator[OpenWindow]:
    """Start the application as ``aeo-assess`` does (settings, language, database, window)."""
    windows: list[MainWindow] = []

    def open_(lang: str | None = None) -> MainWindow:
        window = launch(db_url, lang)
        qtbot.addWidget(window)
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.loaded)  # the list is read in the background
        if QApplication.activeModalWidget() is None:
            activate(qtbot, window)
        windows.append(window)
        return window

    yield open_
    for widget in QApplication.topLevelWidgets():  # dialogs a test left open die with it
        widget.close()
    for window in windows:
        window.gui.app.database.close()
        window.deleteLater()
    # Delete the windows now, through Qt, while their Python objects are alive: left to the
    # garbage collector, a window died in the middle of a later test and its widgets' Python
    # overrides ran on freed objects (a segmentation fault).
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def type_text(widget: QWidget | None, text: str) -> None:
    """Type like a user: QTest's keyClicks knows ASCII only, so other letters (ñ, ú) are sent
    as the text of a key event, as an input method sends them."""
    assert widget is not None
    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier
            )


def new_assessment(ctx: AppContext, company: str, country: str = "CR", **extra: object) -> str:
    fields: dict[str, object] = {
        "questionnaire_id": "safe-aeo",
        "roles": ["importer"],
        "aeo_types": ["security", "compliance"],
    }
    fields.update(extra)
    return assessments.create_assessment(
        ctx, company=company, country=country, **fields  # type: ignore[arg-type]
    )


class DialogAnswer:
    """Answers the next modal dialog from a timer: ``exec()`` blocks the test's own code, as
    it blocks a user's program, until someone clicks."""

    def __init__(self, handler: Callable[[QWidget], None]) -> None:
        self.handler = handler
        self.seen: list[QWidget] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._check)
        self.timer.start()

    def _check(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible():
            self.timer.stop()
            self.seen.append(dialog)
            self.handler(dialog)


@pytest.fixture
def answer_dialog() -> Iterator[Callable[[Callable[[QWidget], None]], DialogAnswer]]:
    pending: list[DialogAnswer] = []

    def answer(handler: Callable[[QWidget], None]) -> DialogAnswer:
        pending.append(DialogAnswer(handler))
        return pending[-1]

    yield answer
    for item in pending:
        item.timer.stop()
