"""The command line speaks the language asked for (``--lang``), else the one saved in the GUI,
else the system's (DESIGN §9)."""

from __future__ import annotations

import pytest

from aeo_assess.cli.main import main
from aeo_assess.settings import Settings, save_settings, settings_path

SPANISH_TITLE = "Gestión de riesgos de la cadena de suministro"
ENGLISH_TITLE = "Supply-chain risk management"


def titles(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main([*argv, "questionnaires", "list"]) == 0
    return capsys.readouterr().out


def test_english_for_a_system_in_no_language_of_ours(capsys: pytest.CaptureFixture[str]) -> None:
    assert ENGLISH_TITLE in titles(capsys)


def test_the_system_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "es_CR.UTF-8")
    assert SPANISH_TITLE in titles(capsys)


def test_the_language_saved_in_the_gui_wins_over_the_system(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    save_settings(Settings(language="es"), settings_path())
    assert SPANISH_TITLE in titles(capsys)


def test_lang_wins_over_everything(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "es_CR.UTF-8")
    save_settings(Settings(language="es"), settings_path())
    assert ENGLISH_TITLE in titles(capsys, "--lang", "en")
