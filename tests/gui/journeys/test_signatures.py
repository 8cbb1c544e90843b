"""Journey 5, signed files in Spanish (issue 16): the officer imports a trader's signed file and
reads who signed it; the trader trusts the customs administration's keys, imports the
officer's review (trusted) and a forged one (the warning, persistently); a passphrase set in
Settings › My signing key is asked for when the next file is signed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from aeo_assess.domain.review import Outcome, Verdict
from aeo_assess.gui.editor.assessment_editor import AssessmentEditor
from aeo_assess.gui.review.workspace import ReviewWorkspace
from aeo_assess.gui.signing import SigningKeyDialog, TrustedKeysDialog
from aeo_assess.services import assessments, keys, reviews, transfer
from aeo_assess.services.context import AppContext, open_context
from aeo_assess.settings import Settings, save_settings
from tests.gui.conftest import OpenWindow, activate, new_assessment, type_text
from tests.gui.journeys.conftest import (
    SIZE,
    back_to,
    choose_menu,
    click,
    next_dialog,
    open_files,
    press_button,
    save_as,
    toolbar_button,
)

COMPANY = "Café Volcán S.A."
OFFICER = "Rosa Quispe"
OFFICE = "Aduana de Santamaría"


def as_user(monkeypatch: pytest.MonkeyPatch, folder: Path, who: str) -> None:
    """Whose keys sign from now on (each installation keeps its own)."""
    monkeypatch.setenv("AEO_ASSESS_KEYS", str(folder / f"{who}-keys"))


def settings(settings_file: Path, profile: str) -> None:
    save_settings(Settings(language="es", profile=profile, profile_chosen=True,
                           first_start_done=True, reviewer_name=OFFICER,
                           reviewer_office=OFFICE), settings_file)


def applicant(ctx: AppContext, folder: Path) -> tuple[str, Path]:
    own = new_assessment(ctx, COMPANY)
    assessments.set_value(ctx, own, "SAFE-A.02", True)
    out = folder / "cafe.aeoa"
    transfer.export_assessment(ctx, own, out)
    return own, out


def review_of(submission: Path, folder: Path, who: str) -> Path:
    """A review written in ``who``'s installation, signed with ``who``'s key."""
    officer = open_context(f"sqlite:///{folder / (who + '.sqlite3')}")
    try:
        imported = transfer.import_applicant_file(officer, submission).assessment_id
        reviews.set_verdict(officer, imported, "SAFE-A.02", Verdict.ACCEPTED)
        reviews.set_outcome(officer, imported, Outcome.GRANT)
        out = folder / f"{who}.aeor"
        reviews.export_review(officer, imported, out)
    finally:
        officer.database.close()
    return out


def close_box(box: QWidget) -> None:
    assert isinstance(box, QMessageBox), box
    assert box.isVisible()
    box.accept()


def signature_column(window: QWidget) -> str:
    summary = getattr(window, "import_summary", None)
    assert summary is not None
    item = summary.tree.topLevelItem(0)
    assert item is not None and not item.icon(3).isNull()  # an icon beside the words
    return str(item.text(3))


def test_the_officer_sees_who_signed_the_applicant_file(
    qtbot: QtBot, open_window: OpenWindow, settings_file: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings(settings_file, "officer")
    as_user(monkeypatch, tmp_path, "trader")
    trader = open_context(f"sqlite:///{tmp_path / 'trader.sqlite3'}")
    try:
        _own, submission = applicant(trader, tmp_path)
        fingerprint = keys.my_key(None, officer=False).fingerprint
    finally:
        trader.database.close()
    as_user(monkeypatch, tmp_path, "officer")
    window = open_window("es")
    window.resize(*SIZE)

    open_files(monkeypatch, [submission])
    choose_menu(window, "Archivo", "Importar…")
    qtbot.waitUntil(lambda: window.import_summary is not None and window.import_summary.isVisible())
    words = signature_column(window)
    assert words.startswith("firmado por ") and fingerprint in words
    assert "primer archivo firmado de este solicitante" in words
    summary = window.import_summary
    assert summary is not None
    qtbot.keyClick(summary, Qt.Key.Key_Escape)
    back_to(qtbot, window)

    queue = window.review_hooks.queue
    qtbot.waitUntil(lambda: any(row.company == COMPANY for row in queue.rows))
    item = queue.tree.topLevelItem(0)
    assert item is not None
    click(qtbot, queue.tree.viewport(), queue.tree.visualItemRect(item).center())
    qtbot.keyClick(queue.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.editor, ReviewWorkspace))
    workspace = window.editor
    assert isinstance(workspace, ReviewWorkspace)
    assert workspace.signature.isVisible()
    assert workspace.signature.text.text() == words
    assert not workspace.accept_key_button.isVisible()


def test_the_trader_trusts_customs_and_a_forged_review_shows_the_warning(
    qtbot: QtBot, open_window: OpenWindow, ctx: AppContext, settings_file: Path,
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings(settings_file, "trader")
    as_user(monkeypatch, tmp_path, "trader")
    own, submission = applicant(ctx, tmp_path)
    as_user(monkeypatch, tmp_path, "officer")
    genuine = review_of(submission, tmp_path, "officer")
    officer_key = keys.export_public_key(None, tmp_path / "rosa.aeok", officer=True)
    officer_fingerprint = keys.my_key(None, officer=True).fingerprint
    as_user(monkeypatch, tmp_path, "administration")
    trust_file = tmp_path / "aduanas.aeot"
    keys.publish_trust_list(None, "Dirección General de Aduanas", "CR",
                            [(officer_key, None, None)], trust_file)
    as_user(monkeypatch, tmp_path, "mallory")
    forged = review_of(submission, tmp_path, "mallory")  # anyone can review a copy
    as_user(monkeypatch, tmp_path, "trader")
    window = open_window("es")
    window.resize(*SIZE)

    # --- Configuración › Claves de aduana de confianza… › Agregar archivo de confianza… --------
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(trust_file), ""))

    def add_trust(dialog: QWidget) -> None:
        assert isinstance(dialog, TrustedKeysDialog)
        added = next_dialog(close_box)
        press_button(dialog, "Agregar archivo de confianza…")
        assert added.seen and isinstance(added.seen[0], QMessageBox)
        assert dialog.table.rowCount() == 1
        assert dialog.table.item(0, 0).text() == officer_fingerprint
        assert dialog.table.item(0, 3).text() == "Dirección General de Aduanas"
        dialog.reject()

    trusted = next_dialog(add_trust)
    choose_menu(window, "Configuración", "Claves de aduana de confianza…")
    assert trusted.seen
    back_to(qtbot, window)

    # --- Archivo › Importar… the genuine review, then the forged one ----------------------------
    window.list_page.select(own)
    for path, expected in (
        (genuine, f"firmado por {OFFICER}, {OFFICE}, una clave de confianza "
                  f"({officer_fingerprint})"),
        (forged, "firmado con una clave en la que usted no ha confiado"),
    ):
        window.import_summary = None
        open_files(monkeypatch, [path])
        choose_menu(window, "Archivo", "Importar…")
        qtbot.waitUntil(
            lambda: window.import_summary is not None and window.import_summary.isVisible()
        )
        assert signature_column(window).startswith(expected)
        summary = window.import_summary
        assert summary is not None
        qtbot.keyClick(summary, Qt.Key.Key_Escape)
        back_to(qtbot, window)

    # --- the customs remarks: the newest review, forged, never without the warning -------------
    toolbar_button(qtbot, window, "Observaciones de aduana")
    qtbot.waitUntil(lambda: isinstance(window.editor, AssessmentEditor))
    editor = window.editor
    assert isinstance(editor, AssessmentEditor)
    tab = editor.customs_remarks.tab
    qtbot.waitUntil(tab.signature.isVisible)
    assert tab.signature.text.text().startswith(
        "firmado con una clave en la que usted no ha confiado")
    assert "verifíquela con su aduana" in tab.signature.text.text()
    tab.round.setCurrentIndex(1)  # the older review: the genuine one
    assert tab.signature.text.text().startswith(f"firmado por {OFFICER}")

    # --- the administration's list removed again: the list is empty ------------------------------
    def remove(dialog: QWidget) -> None:
        assert isinstance(dialog, TrustedKeysDialog)
        dialog.table.selectRow(0)
        press_button(dialog, "Quitar")
        assert dialog.table.rowCount() == 0
        dialog.reject()

    removed = next_dialog(remove)
    choose_menu(window, "Configuración", "Claves de aduana de confianza…")
    assert removed.seen and keys.trusted_keys() == []


def test_a_passphrase_set_in_the_settings_is_asked_for_when_signing(
    qtbot: QtBot, open_window: OpenWindow, ctx: AppContext, settings_file: Path,
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings(settings_file, "trader")
    as_user(monkeypatch, tmp_path, "trader")
    own = new_assessment(ctx, COMPANY)
    window = open_window("es")
    window.resize(*SIZE)
    passphrase = "mi frase de contraseña"

    def type_into(dialog: QWidget, text: str) -> None:
        assert isinstance(dialog, QInputDialog)
        field = dialog.findChild(QLineEdit)
        assert field is not None and field.echoMode() == QLineEdit.EchoMode.Password
        type_text(field, text)
        qtbot.keyClick(field, Qt.Key.Key_Return)

    shown: list[str] = []
    armed: list[object] = []  # a dialog answer lives until its dialog comes

    def set_passphrase(dialog: QWidget) -> None:
        assert isinstance(dialog, SigningKeyDialog)
        shown.append(dialog.fingerprint.text())
        assert dialog.protection.text().startswith("Sin frase de contraseña")

        def first(box: QWidget) -> None:
            armed.append(next_dialog(lambda again: type_into(again, passphrase)))
            type_into(box, passphrase)

        armed.append(next_dialog(first))
        press_button(dialog, "Definir frase de contraseña…")
        assert dialog.protection.text() == "Protegida con una frase de contraseña."
        dialog.reject()

    answered = next_dialog(set_passphrase)
    choose_menu(window, "Configuración", "Mi clave de firma…")
    assert answered.seen
    (fingerprint,) = shown
    assert len(fingerprint) == 24 and [len(g) for g in fingerprint.split("-")] == [4] * 5
    back_to(qtbot, window)

    # --- the next export asks for it, then signs -----------------------------------------------
    out = tmp_path / "cafe.aeoa"
    save_as(monkeypatch, out, [])

    asked = []

    def export_anyway(box: QWidget) -> None:
        asked.append(next_dialog(lambda prompt: type_into(prompt, passphrase)))
        press_button(box, "Exportar de todos modos")  # then the passphrase is asked for

    window.list_page.select(own)
    activate(qtbot, window)
    exported = next_dialog(export_anyway)
    toolbar_button(qtbot, window, "Exportar")
    qtbot.waitUntil(out.exists, timeout=20_000)
    assert exported.seen and asked[0].seen
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert "signature.json" in archive.namelist()
    assert manifest["signer"]["organisation"] == COMPANY
    assert keys.my_key(lambda: passphrase).fingerprint == fingerprint


def test_the_officer_accepts_a_resubmissions_new_key(
    qtbot: QtBot, open_window: OpenWindow, settings_file: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings(settings_file, "officer")
    as_user(monkeypatch, tmp_path, "trader")
    trader = open_context(f"sqlite:///{tmp_path / 'trader.sqlite3'}")
    try:
        own, first = applicant(trader, tmp_path)
        assessments.set_value(trader, own, "SAFE-A.02", False)
        as_user(monkeypatch, tmp_path, "new-laptop")  # the applicant signs with another key
        second = tmp_path / "cafe-2.aeoa"
        transfer.export_assessment(trader, own, second)
    finally:
        trader.database.close()
    as_user(monkeypatch, tmp_path, "officer")
    window = open_window("es")
    window.resize(*SIZE)
    open_files(monkeypatch, [first, second])
    choose_menu(window, "Archivo", "Importar…")
    qtbot.waitUntil(lambda: window.import_summary is not None and window.import_summary.isVisible())
    summary = window.import_summary
    assert summary is not None
    flagged = summary.tree.topLevelItem(1)
    assert flagged is not None and flagged.text(3).startswith(
        "firmado con una clave distinta de la presentación anterior")
    qtbot.keyClick(summary, Qt.Key.Key_Escape)
    back_to(qtbot, window)

    queue = window.review_hooks.queue
    qtbot.waitUntil(lambda: len(queue.rows) >= 1)
    item = queue.tree.topLevelItem(0)  # the queue shows an applicant's latest submission
    assert item is not None
    click(qtbot, queue.tree.viewport(), queue.tree.visualItemRect(item).center())
    qtbot.keyClick(queue.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.editor, ReviewWorkspace))
    workspace = window.editor
    assert isinstance(workspace, ReviewWorkspace)
    assert workspace.signature.text.text().startswith("firmado con una clave distinta")
    assert workspace.accept_key_button.isVisible()

    confirmed = next_dialog(lambda box: cast(QMessageBox, box).button(
        QMessageBox.StandardButton.Yes).click())
    click(qtbot, workspace.accept_key_button)
    assert confirmed.seen
    assert "una clave cambiada que usted aceptó" in workspace.signature.text.text()
    assert not workspace.accept_key_button.isVisible()


def test_the_public_key_is_exported_and_the_key_pair_backed_up_from_the_settings(
    qtbot: QtBot, open_window: OpenWindow, settings_file: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from aeo_assess.files.signing import read_public_key_file

    settings(settings_file, "officer")
    as_user(monkeypatch, tmp_path, "officer")
    window = open_window("es")
    window.resize(*SIZE)
    public, backup = tmp_path / "rosa.aeok", tmp_path / "copia.pem"

    def export_and_back_up(dialog: QWidget) -> None:
        assert isinstance(dialog, SigningKeyDialog)
        save_as(monkeypatch, public, [])
        press_button(dialog, "Exportar clave pública…")
        save_as(monkeypatch, backup, [])
        press_button(dialog, "Copia de seguridad…")
        shown.append(dialog.fingerprint.text())
        dialog.reject()

    shown: list[str] = []
    answered = next_dialog(export_and_back_up)
    choose_menu(window, "Configuración", "Mi clave de firma…")
    assert answered.seen
    info = read_public_key_file(public.read_bytes(), str(public))
    assert (info.fingerprint, info.name, info.organisation) == (shown[0], OFFICER, OFFICE)
    assert backup.stat().st_mode & 0o777 == 0o600
    assert keys.restore_key(None, backup).fingerprint == shown[0]
