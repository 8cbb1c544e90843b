"""A Spanish user imports a damaged applicant file through the menu and reads why it was
refused in Spanish (issue 14: service and file errors reached dialogs as English text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aeo_assess.settings import Settings, save_settings
from tests.gui.conftest import OpenWindow
from tests.gui.journeys.conftest import SIZE, back_to, choose_menu, open_files


def test_a_damaged_applicant_file_is_refused_in_spanish(
    qtbot: QtBot, open_window: OpenWindow, settings_file: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    damaged = tmp_path / "cafe.aeoa"
    damaged.write_bytes(b"PK\x03\x04 cortado por el correo")
    save_settings(Settings(language="es", profile="officer", profile_chosen=True,
                           first_start_done=True), settings_file)
    window = open_window()
    window.resize(*SIZE)

    open_files(monkeypatch, [damaged])
    choose_menu(window, "Archivo", "Importar…")
    qtbot.waitUntil(lambda: window.import_summary is not None and window.import_summary.isVisible())
    summary = window.import_summary
    assert summary is not None
    assert "Rechazados: 1" in summary.heading.text()
    row = summary.tree.topLevelItem(0)
    assert row is not None
    assert row.text(0) == "cafe.aeoa"
    assert row.text(2) == f"{damaged}: no es un archivo ZIP, o está dañado"
    assert "not a ZIP" not in row.text(2)
    qtbot.keyClick(summary, Qt.Key.Key_Escape)
    back_to(qtbot, window)
    assert window.list_page.empty_label.isVisible()
