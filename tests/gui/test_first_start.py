"""First start on an empty database: demonstration data, or the user's own assessment."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from aeo_assess import languages
from aeo_assess.gui.assessment_list import SUMMARY_ROLE, Column
from aeo_assess.gui.first_start import FirstStartDialog
from aeo_assess.gui.main_window import MainWindow
from aeo_assess.services import assessments
from aeo_assess.services.context import AppContext
from aeo_assess.settings import Settings, load_settings, save_settings
from tests.gui.conftest import OpenWindow, activate, new_assessment


def first_start(qtbot: QtBot, window: MainWindow) -> FirstStartDialog:
    qtbot.waitUntil(lambda: window.first_start_dialog is not None)
    dialog = window.first_start_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_demonstration_data_is_created_and_marked(
    qtbot: QtBot, ctx: AppContext, open_window: OpenWindow, settings_file: Path
) -> None:
    settings_file.unlink()
    window = open_window()
    dialog = first_start(qtbot, window)
    assert dialog.isModal() or dialog.windowModality() != Qt.WindowModality.NonModal
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: window.list_page.visible_count() >= 40, timeout=10_000)
    rows = assessments.list_assessments(ctx)
    assert len(rows) >= 40
    assert all(r.demo and r.company.endswith(" (demo)") for r in rows)
    proxy = window.list_page.model
    assert {
        proxy.index(r, Column.COMPANY).data(Qt.ItemDataRole.AccessibleDescriptionRole)
        for r in range(proxy.rowCount())
    } == {"Demonstration data"}
    assert window.list_page.demo_legend.isVisible()
    assert window.list_page.demo_legend.accessibleName() == "Demonstration data"
    assert window.list_page.demo_legend.text().endswith("> Demonstration data")
    qtbot.waitUntil(lambda: window.list_page.current() is not None)
    assert window.list_page.details.demo_badge.isVisible()
    assert load_settings(settings_file).first_start_done

    window.close()
    again = open_window()
    assert again.first_start_dialog is None  # offered once only
    assert again.list_page.visible_count() == len(rows)


def test_start_my_own_opens_the_wizard(
    qtbot: QtBot, ctx: AppContext, open_window: OpenWindow, settings_file: Path
) -> None:
    settings_file.unlink()
    window = open_window()
    dialog = first_start(qtbot, window)
    activate(qtbot, dialog)
    assert dialog.own_button.hasFocus()
    qtbot.keyClick(dialog.own_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.wizard is not None and window.wizard.isVisible())
    assert assessments.list_assessments(ctx) == []
    assert load_settings(settings_file).first_start_done


def test_not_offered_when_the_database_has_assessments(
    qtbot: QtBot, ctx: AppContext, open_window: OpenWindow, settings_file: Path
) -> None:
    settings_file.unlink()
    new_assessment(ctx, "Ya trabaja S.A.")
    window = open_window()
    assert window.first_start_dialog is None
    row = window.list_page.model.index(0, 0).data(SUMMARY_ROLE)
    assert row.company == "Ya trabaja S.A." and not row.demo
    assert not window.list_page.demo_legend.isVisible()


def test_spanish_first_start(
    qtbot: QtBot, open_window: OpenWindow, settings_file: Path
) -> None:
    settings_file.unlink()
    window = open_window(lang="es")
    dialog = first_start(qtbot, window)
    assert dialog.demo_button.title.text() == "Crear evaluaciones de demostración"
    assert dialog.demo_button.accessibleName() == "Crear evaluaciones de demostración"
    assert "«Datos de demostración»" in dialog.demo_button.description.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # "Ahora no"
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert load_settings(settings_file).first_start_done


def test_welcome_in_the_system_language_switchable_on_it(
    qtbot: QtBot, open_window: OpenWindow, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings_file.unlink()
    monkeypatch.setattr(languages, "system_language", lambda: "es")
    window = open_window()
    dialog = first_start(qtbot, window)
    assert dialog.windowTitle() == "Bienvenido a aeo-assess"
    assert dialog.language.currentText() == "Español"
    activate(qtbot, dialog)
    dialog.language.setFocus()
    qtbot.keyClick(dialog.language, Qt.Key.Key_Up)  # English, as a user picks it
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Welcome to aeo-assess")
    assert window.file_menu.title() == "&File"  # the whole interface follows
    assert load_settings(settings_file).language == "en"


def test_the_officer_imports_from_the_welcome(
    qtbot: QtBot, open_window: OpenWindow, settings_file: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    save_settings(Settings(profile="officer", profile_chosen=True), settings_file)
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: asked.append(a[1]) or ([], "")
    )
    window = open_window("es")
    dialog = first_start(qtbot, window)
    assert dialog.import_button.title.text() == "Importar un archivo de solicitud"
    activate(qtbot, dialog)
    assert dialog.import_button.hasFocus()  # the officer's first step comes first
    qtbot.keyClick(dialog.import_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: bool(asked))
    assert not dialog.isVisible()
