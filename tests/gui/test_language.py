"""The interface's language: the system's until the user chooses one, and Qt's own dialogs
(the non-native file dialog) and date formats in it too, at start and after a switch."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from aeo_assess import i18n
from aeo_assess.gui.app import dates_environment
from aeo_assess.gui.language import install_qt_translations
from aeo_assess.gui.review.findings import FindingDialog
from tests.gui.conftest import OpenWindow
from tests.reporting.samples import safe_aeo

LABELS = {
    "en": ["&Look in:", "File &name:", "Files of &type:"],
    "es": ["&Ver en:", "&Nombre de fichero:", "&Ficheros de tipo:"],
    "fr": ["&Voir dans\xa0:", "&Nom de fichier\xa0:", "&Fichiers de type\xa0:"],
}
BUTTONS = {"en": ["&Open", "Cancel"], "es": ["&Abrir", "Cancelar"], "fr": ["&Ouvrir", "Annuler"]}


def file_dialog_texts(qtbot: QtBot) -> tuple[list[str], list[str]]:
    dialog = QFileDialog(None, "Import")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    texts = ([label.text() for label in dialog.findChildren(QLabel) if label.text()],
             [button.text() for button in dialog.findChildren(QPushButton)])
    dialog.close()
    return texts


@pytest.mark.parametrize("language", ["es", "fr"])
def test_qt_dialogs_speak_the_chosen_language_after_a_switch(
    qtbot: QtBot, open_window: OpenWindow, language: str
) -> None:
    window = open_window()
    assert file_dialog_texts(qtbot) == (LABELS["en"], BUTTONS["en"])
    window.language_menu.actions_by_language[language].trigger()
    assert file_dialog_texts(qtbot) == (LABELS[language], BUTTONS[language])
    assert QLocale().language() == QLocale(language).language()  # dates in its formats
    long_date = QLocale().toString(QDate(2026, 12, 3), QLocale.FormatType.LongFormat)
    assert {"es": "3 de diciembre de 2026", "fr": "3 décembre 2026"}[language] in long_date
    window.language_menu.actions_by_language["en"].trigger()
    assert file_dialog_texts(qtbot) == (LABELS["en"], BUTTONS["en"])


def test_the_system_language_until_the_user_chooses(
    qtbot: QtBot, open_window: OpenWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "es_CR.UTF-8")
    window = open_window()  # the settings hold no language yet
    assert i18n.language() == "es" and window.file_menu.title() == "&Archivo"
    assert file_dialog_texts(qtbot) == (LABELS["es"], BUTTONS["es"])


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "Mar 3, 2027"), ("es", "3 mar 2027"), ("fr", "3 mars 2027")],
)
def test_a_finding_s_deadline_in_the_medium_date_format(
    qtbot: QtBot, language: str, shown: str
) -> None:
    """Not the short format ("3/3/27"): the same medium format as the findings table."""
    i18n.set_language(language)
    install_qt_translations(language)
    dialog = FindingDialog(safe_aeo(), None)
    qtbot.addWidget(dialog)
    dialog.due.setDate(QDate(2027, 3, 3))
    assert dialog.due.text() == shown == i18n.format_date(dt.date(2027, 3, 3))


@pytest.mark.parametrize(("environ", "added"), [
    ({"LANG": "C.UTF-8"}, {"LC_TIME": "es"}),
    ({}, {"LC_TIME": "es"}),
    ({"LC_ALL": "POSIX", "LANG": "fr_FR.UTF-8"}, {"LC_TIME": "es"}),
    ({"LANG": "en_US.UTF-8"}, {}),  # the user's own formats stay
    ({"LC_TIME": "fr_FR.UTF-8", "LANG": "C"}, {}),
])
def test_qt_s_dates_follow_the_language_where_the_system_names_none(
    environ: dict[str, str], added: dict[str, str]
) -> None:
    assert dates_environment(environ, "es") == added


@pytest.mark.slow
def test_the_file_dialog_s_dates_in_spanish_on_a_c_locale() -> None:
    """Qt reads the system's locale once, when the application starts: a process of its own."""
    code = (
        "import sys\n"
        "from PySide6.QtCore import QDateTime, QDate, QTime, QLocale\n"
        "from aeo_assess.gui.app import _create_application\n"
        "app = _create_application('es')\n"
        "moment = QDateTime(QDate(2026, 12, 3), QTime(15, 15))\n"
        "print(QLocale.system().toString(moment, QLocale.FormatType.ShortFormat))\n"
    )
    env = {**os.environ, "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
    env.pop("LC_ALL", None)
    env.pop("LC_TIME", None)
    shown = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                           text=True, check=True).stdout.strip()
    assert shown == "3/12/26 15:15"  # not the C locale's "3 12 2026 15:15"
