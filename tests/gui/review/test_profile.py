"""Who I am: chosen on first use without blocking the window, changed from View › Profile,
remembered, and arranging the window for the work; it says it is not security."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from aeo_assess.gui.main_window import MainWindow
from aeo_assess.gui.profile import Profile
from aeo_assess.settings import load_settings
from tests.gui.conftest import activate
from tests.gui.review.conftest import OpenAs


def toolbar_texts(window: MainWindow) -> list[str]:
    return [a.iconText() for a in window.toolbar.actions() if not a.isSeparator()]


def test_first_use_asks_without_blocking_and_arranges_for_an_officer(
    qtbot: QtBot, open_as: OpenAs, tmp_path: Path
) -> None:
    window = open_as("trader", chosen=False)
    hooks = window.review_hooks
    assert hooks.banner.isVisible()
    assert "not a password" in hooks.banner.question.text()
    assert "Customs remarks" in toolbar_texts(window)
    assert not hooks.queue.isVisible()

    qtbot.mouseClick(hooks.banner.buttons[Profile.OFFICER], Qt.MouseButton.LeftButton)
    assert not hooks.banner.isVisible()
    assert toolbar_texts(window)[:3] == ["All assessments", "Import applicant file", "Review"]
    assert "New" not in toolbar_texts(window) and "Customs remarks" not in toolbar_texts(window)
    assert hooks.queue.isVisible()
    qtbot.waitUntil(lambda: hooks.queue.empty.isVisible())
    assert "File › Import" in hooks.queue.empty.text()
    saved = load_settings(tmp_path / "settings.json")
    assert (saved.profile, saved.profile_chosen) == ("officer", True)
    assert hooks.menu.actions_by_profile[Profile.OFFICER].isChecked()
    hooks.queue.tree.setFocus()
    qtbot.keyClick(hooks.queue.tree, Qt.Key.Key_Tab)  # the keyboard goes on to the list
    assert window.list_page.filter_edit.hasFocus()

    hooks.menu.actions_by_profile[Profile.TRADER].trigger()  # View › Profile › Trader
    assert toolbar_texts(window)[1:] == ["New", "Open", "Import", "Export", "Report", "Delete",
                                         "Customs remarks"]
    assert not hooks.queue.isVisible()
    assert load_settings(tmp_path / "settings.json").profile == "trader"

    hooks.menu.actions_by_profile[Profile.FACILITATOR].trigger()
    assert toolbar_texts(window)[1:3] == ["Workshops", "Import"]


def test_the_profile_dialog_explains_it_is_not_security(
    qtbot: QtBot, open_as: OpenAs
) -> None:
    window = open_as("trader")
    hooks = window.review_hooks
    assert not hooks.banner.isVisible()  # chosen before
    hooks.menu.explain_action.trigger()  # View › Profile › Who I am…
    dialog = hooks.profile_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    activate(qtbot, dialog)
    assert "not security" in dialog.note.text()
    assert "database role" in dialog.advice.text() and "TLS" in dialog.advice.text()
    assert dialog.choices[Profile.TRADER].hasFocus()
    qtbot.keyClick(dialog.choices[Profile.TRADER], Qt.Key.Key_Down)  # arrows move the choice
    assert dialog.chosen() is Profile.OFFICER
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert hooks.profile is Profile.OFFICER and hooks.queue.isVisible()

    hooks.access_action.trigger()  # Help › Profiles and access…
    qtbot.waitUntil(lambda: isinstance(hooks.access_box, QMessageBox) and hooks.access_box.isVisible())
    assert hooks.access_box is not None
    assert "no passwords" in hooks.access_box.text()
    assert "superuser" in hooks.access_box.informativeText()
    hooks.access_box.close()


def test_spanish_profile_texts(qtbot: QtBot, open_as: OpenAs) -> None:
    window = open_as("officer", chosen=False, language="es")
    hooks = window.review_hooks
    assert hooks.banner.buttons[Profile.OFFICER].text() == "Funcionario de aduanas"
    assert hooks.menu.title() == "&Perfil"
    assert "Importar archivo de solicitante" in toolbar_texts(window)
