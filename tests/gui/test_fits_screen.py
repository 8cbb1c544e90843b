"""Every window and dialog fits a 1280×720 screen: each of its buttons lies inside the screen,
where a user can click it (the GUI tests' offscreen screen is that size, see conftest)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEventLoop, QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QWidget
from pytestqt.qtbot import QtBot

from aeo_assess.gui.main_window import MainWindow
from aeo_assess.services.context import AppContext
from tests.gui.conftest import SCREEN, OpenWindow, new_assessment

Opener = Callable[[MainWindow], QWidget | None]


def _report(window: MainWindow) -> QWidget | None:
    window.report_action.trigger()
    return window.report_dialog


def _countries(window: MainWindow) -> QWidget | None:
    window.countries_action.trigger()
    return window.countries_page


def _workshops(window: MainWindow) -> QWidget | None:
    window.workshops_action.trigger()
    return window.workshops_window


def _wizard(window: MainWindow) -> QWidget | None:
    window.new_action.trigger()
    return window.wizard


def _first_start(window: MainWindow) -> QWidget | None:
    window.show_first_start()
    return window.first_start_dialog


def _profile(window: MainWindow) -> QWidget | None:
    window.review_hooks.menu.explain_requested.emit()
    return window.review_hooks.profile_dialog


def _about(window: MainWindow) -> QWidget | None:
    window.about_action.trigger()
    return window.about_box


def _reviewer(window: MainWindow) -> QWidget | None:
    window.review_hooks.menu.identity_action.trigger()
    return window.review_hooks.reviewer_dialog


def _import_summary(window: MainWindow) -> QWidget | None:
    """The summary of a refused file (it comes once the background import is done)."""
    window.import_paths([Path("not-a-file.txt")])
    while window.import_summary is None:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    return window.import_summary


def _editor(window: MainWindow) -> QWidget | None:
    window.open_selected()
    return window


OPENERS: dict[str, Opener] = {
    "main window": lambda window: window,
    "editor": _editor,
    "report": _report,
    "countries": _countries,
    "workshops": _workshops,
    "wizard": _wizard,
    "first start": _first_start,
    "profile": _profile,
    "about": _about,
    "reviewing officer": _reviewer,
    "import summary": _import_summary,
}


def scrolled(button: QWidget) -> bool:
    """Inside a scroll area, where the user scrolls to it."""
    parent = button.parentWidget()
    while parent is not None:
        if isinstance(parent.parentWidget(), QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def outside(widget: QWidget, screen: QRect) -> list[str]:
    """The visible buttons of ``widget`` that are not wholly on the screen."""
    found = []
    for button in widget.findChildren(QAbstractButton):
        if not button.isVisibleTo(widget) or button.window() is not widget or scrolled(button):
            continue
        rect = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
        if not screen.contains(rect):
            found.append(f"{button.text() or button.objectName() or type(button).__name__} {rect}")
    return found


@pytest.mark.parametrize("name", OPENERS)
def test_fits_1280_by_720(
    qtbot: QtBot, open_window: OpenWindow, ctx: AppContext, name: str
) -> None:
    own = new_assessment(ctx, "Exportadora Tropical de Café y Cacao Sociedad Anónima")
    window = open_window("es")
    screen = window.screen().availableGeometry()
    assert (screen.width(), screen.height()) == SCREEN
    window.list_page.select(own)
    shown = OPENERS[name](window)
    assert shown is not None
    qtbot.waitUntil(shown.isVisible)
    QApplication.processEvents()
    frame = shown.frameGeometry()
    assert frame.width() <= screen.width() and frame.height() <= screen.height(), frame
    assert outside(shown, screen) == []
