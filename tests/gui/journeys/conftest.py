"""What the journeys share: the user's actions as the user performs them (menus and toolbar
buttons found by their translated text, clicks, keys), and modal dialogs answered from a
timer, as a user answers them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QPushButton, QToolBar, QWidget
from pytestqt.qtbot import QtBot

from aeo_assess.gui.main_window import MainWindow
from aeo_assess.gui.report_dialog import ReportDialog
from tests.gui.conftest import DialogAnswer, activate

SIZE = (1280, 720)


def menu_action(window: MainWindow, menu_title: str, text: str) -> QAction:
    """The entry a user reads in a menu of the menu bar (titles and entries without &)."""
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu) and top.text().replace("&", "") == menu_title:
            for action in menu.actions():
                if action.text().replace("&", "") == text:
                    return action
            raise AssertionError(f"no “{text}” in {menu_title}: "
                                 f"{[a.text() for a in menu.actions()]}")
    raise AssertionError(f"no menu “{menu_title}”")


def choose_menu(window: MainWindow, menu_title: str, text: str) -> None:
    action = menu_action(window, menu_title, text)
    assert action.isEnabled(), text
    action.trigger()


def toolbar_button(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Click the main toolbar's button that shows ``text``."""
    toolbar = window.findChild(QToolBar, "main_toolbar")
    assert toolbar is not None
    for action in toolbar.actions():
        if action.iconText() == text and action.isVisible():
            button = toolbar.widgetForAction(action)
            assert button is not None and button.isEnabled(), text
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            return
    raise AssertionError(f"no toolbar button “{text}”: {[a.iconText() for a in toolbar.actions()]}")


def click(qtbot: QtBot, widget: QWidget, pos: QPoint | None = None) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos or widget.rect().center())


def press_button(dialog: QWidget, text: str) -> None:
    """Click the dialog's button labelled ``text`` (mnemonic & ignored)."""
    for button in dialog.findChildren(QPushButton):
        if button.text().replace("&", "") == text and button.isVisible():
            button.click()
            return
    raise AssertionError(f"no button “{text}”: {[b.text() for b in dialog.findChildren(QPushButton)]}")


def next_dialog(handler: Callable[[QWidget], None]) -> DialogAnswer:
    """Answer the next modal dialog with ``handler`` (arm before the action that opens it)."""
    return DialogAnswer(handler)


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path, suggested: list[str]) -> None:
    """The save dialogs answer ``path``; the names they suggested go to ``suggested``."""

    def answer(_parent: object, _title: str, proposed: str = "", *_rest: object) -> tuple[str, str]:
        suggested.append(Path(proposed).name)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)


def open_files(monkeypatch: pytest.MonkeyPatch, paths: list[Path]) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(p) for p in paths], "")
    )


def report_ready(qtbot: QtBot, dialog: QWidget | None) -> ReportDialog:
    assert isinstance(dialog, ReportDialog)
    qtbot.waitUntil(dialog.isVisible)
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=60_000)
    return dialog


def back_to(qtbot: QtBot, window: QWidget) -> None:
    """After a dialog closes, the window has the keyboard again."""
    if QApplication.activeModalWidget() is None:
        activate(qtbot, window)
