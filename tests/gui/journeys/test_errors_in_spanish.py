"""A Spanish user imports a damaged applicant file through the menu and reads why it was
refused in Spanish (issue 14: service and file errors reached dialogs as English text)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from aeo_assess.gui.signing import SigningKeyDialog
from aeo_assess.services import keys, transfer
from aeo_assess.services.context import open_context
from aeo_assess.settings import Settings, save_settings
from tests.gui.conftest import OpenWindow, new_assessment
from tests.gui.journeys.conftest import SIZE, back_to, choose_menu, next_dialog, open_files


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


def test_an_altered_signed_file_and_an_unreadable_key_speak_spanish(
    qtbot: QtBot, open_window: OpenWindow, settings_file: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The errors of signed files (issue 16) are messages too: a manifest changed after
    signing is refused in Spanish, and Settings › My signing key says in Spanish why a key
    that other users can read is not used."""
    monkeypatch.setenv("AEO_ASSESS_KEYS", str(tmp_path / "trader-keys"))
    trader = open_context(f"sqlite:///{tmp_path / 'trader.sqlite3'}")
    try:
        signed = tmp_path / "firmado.aeoa"
        transfer.export_assessment(trader, new_assessment(trader, "Café Volcán S.A."), signed)
    finally:
        trader.database.close()
    with zipfile.ZipFile(signed) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(members["manifest.json"])
    manifest["signer"]["name"] = "Otra Persona"  # the signer's name is signed too
    members["manifest.json"] = json.dumps(manifest).encode()
    altered = tmp_path / "alterado.aeoa"
    with zipfile.ZipFile(altered, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)

    monkeypatch.setenv("AEO_ASSESS_KEYS", str(tmp_path / "officer-keys"))
    save_settings(Settings(language="es", profile="officer", profile_chosen=True,
                           first_start_done=True, reviewer_name="Rosa Quispe",
                           reviewer_office="Aduana de Santamaría"), settings_file)
    window = open_window()
    window.resize(*SIZE)
    open_files(monkeypatch, [altered])
    choose_menu(window, "Archivo", "Importar…")
    qtbot.waitUntil(lambda: window.import_summary is not None and window.import_summary.isVisible())
    summary = window.import_summary
    assert summary is not None
    row = summary.tree.topLevelItem(0)
    assert row is not None and row.text(0) == "alterado.aeoa"
    assert "la firma no corresponde al manifiesto" in row.text(2)
    assert "signature" not in row.text(2)
    qtbot.keyClick(summary, Qt.Key.Key_Escape)
    back_to(qtbot, window)

    keys.my_key(None, officer=True).path.chmod(0o644)
    shown: list[str] = []

    def read_identity(dialog: QWidget) -> None:
        assert isinstance(dialog, SigningKeyDialog)
        shown.append(dialog.identity.text())
        dialog.reject()

    answered = next_dialog(read_identity)
    choose_menu(window, "Configuración", "Mi clave de firma…")
    assert answered.seen
    (identity,) = shown
    assert "otros usuarios pueden leer la clave de firma" in identity and "chmod 600" in identity
    back_to(qtbot, window)
