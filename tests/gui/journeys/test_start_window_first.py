"""Issue 19, in Spanish: the window comes first and the list behind it. While the database
opens and the first page is read (a slow disk here), the user already sees the window with its
menus and toolbar, disabled, and "Leyendo las evaluaciones…" where the list goes; then the list,
with the keyboard in it, and the toolbar works. A database that cannot be opened is said in a
message and the program ends."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolBar, QWidget
from pytestqt.qtbot import QtBot

from aeo_assess.gui import app as gui_app
from aeo_assess.gui.main_window import MainWindow
from aeo_assess.gui.new_assessment_wizard import NewAssessmentWizard
from aeo_assess.services import listing
from aeo_assess.services.context import AppContext
from tests.gui.conftest import activate, new_assessment
from tests.gui.journeys.conftest import SIZE, choose_menu, menu_action, toolbar_button


def _toolbar_enabled(window: MainWindow, text: str) -> bool:
    toolbar = window.findChild(QToolBar, "main_toolbar")
    assert toolbar is not None
    action = next(a for a in toolbar.actions() if a.iconText() == text)
    button = toolbar.widgetForAction(action)
    return button is not None and button.isEnabled()


@pytest.mark.usefixtures("settings_file")
def test_the_window_shows_first_and_the_list_follows(
    qtbot: QtBot, ctx: AppContext, db_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    for company in ("Café Volcán S.A.", "Transportes Ñandú Ltda.", "Exportadora Río Sur"):
        new_assessment(ctx, company)
    release = threading.Event()
    real = listing.list_page

    def slow(context: AppContext, *args: Any, **kwargs: Any) -> object:
        release.wait(10)  # a slow disk, or a server across the country
        return real(context, *args, **kwargs)

    monkeypatch.setattr(listing, "list_page", slow)
    window = gui_app.launch(db_url, "es")
    qtbot.addWidget(window)
    window.resize(*SIZE)
    qtbot.waitExposed(window)

    # At once: the window, its menus and toolbar, and what it is doing.
    assert window.isVisible() and not window.loaded
    shown = [label.text() for label in window.findChildren(QLabel) if label.isVisible()]
    assert "Leyendo las evaluaciones…" in shown
    assert not _toolbar_enabled(window, "Nueva")
    assert not menu_action(window, "Archivo", "Nueva evaluación…").isEnabled()
    assert menu_action(window, "Archivo", "Salir").isEnabled()

    release.set()
    qtbot.waitUntil(lambda: window.loaded)
    activate(qtbot, window)
    assert window.list_page.visible_count() == 3
    assert QApplication.focusWidget() is window.list_page.table  # the keyboard is in the list
    assert "Leyendo las evaluaciones…" not in [
        label.text() for label in window.findChildren(QLabel) if label.isVisible()
    ]
    assert [a.text().replace("&", "") for a in window.menuBar().actions()] == [
        "Archivo", "Editar", "Ver", "Idioma", "Configuración", "Ayuda"
    ]

    toolbar_button(qtbot, window, "Nueva")
    qtbot.waitUntil(lambda: isinstance(window.wizard, NewAssessmentWizard)
                    and window.wizard.isVisible())
    assert window.wizard is not None
    window.wizard.reject()
    choose_menu(window, "Ayuda", "Acerca de aeo-assess")
    about = window.about_box
    assert about is not None and str(Path(db_url.removeprefix("sqlite:///"))) in (
        about.informativeText()
    )
    about.close()
    window.gui.app.database.close()


@pytest.mark.usefixtures("settings_file")
def test_a_database_that_cannot_be_opened_is_said_and_the_program_ends(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
) -> None:
    said: list[tuple[str, str]] = []

    def critical(_parent: QWidget | None, title: str, text: str) -> None:
        said.append((title, text))

    monkeypatch.setattr(QMessageBox, "critical", critical)
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", exits.append)
    window = gui_app.launch("sqlite://", "es")  # in memory: refused, it would keep nothing
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(said))
    assert said[0][0] == "No se puede abrir la base de datos"
    assert "sqlite://" in said[0][1]
    assert exits == [1] and not window.isVisible() and not window.attached


@pytest.mark.usefixtures("settings_file")
def test_quitting_before_the_list_comes_leaves_nothing_open(
    qtbot: QtBot, ctx: AppContext, db_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    new_assessment(ctx, "Café Volcán S.A.")
    release, read = threading.Event(), threading.Event()
    real = listing.list_page

    def slow(context: AppContext, *args: Any, **kwargs: Any) -> object:
        release.wait(10)
        try:
            return real(context, *args, **kwargs)
        finally:
            read.set()

    monkeypatch.setattr(listing, "list_page", slow)
    window = gui_app.launch(db_url, "es")
    qtbot.addWidget(window)
    window.resize(*SIZE)
    qtbot.waitExposed(window)
    choose_menu(window, "Archivo", "Salir")
    assert not window.isVisible()
    release.set()
    qtbot.waitUntil(read.is_set)  # the page read in the background arrives after the close
    qtbot.wait(100)
    assert not window.attached and not window.loaded
