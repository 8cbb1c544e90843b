"""Help › How the verdict works: reachable from the menu, in the user's language, with every
threshold read from the questionnaire of the open assessment."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from aeo_assess.gui.verdict_help import VerdictHelpDialog
from aeo_assess.i18n import catalog_dir, format_percent
from aeo_assess.questionnaires.registry import find
from tests.gui.conftest import OpenWindow
from tests.gui.translations import gettext_literals, placeholders, po_catalog

SOURCE = Path(__file__).resolve().parents[2] / "aeo_assess" / "gui" / "verdict_help.py"


def test_the_verdict_help_is_reached_from_the_help_menu_in_spanish(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window("es")
    window.resize(1280, 720)
    assert window.help_menu.title() == "A&yuda"
    (action,) = [a for a in window.help_menu.actions() if a.objectName() == "verdict_help"]
    assert action.text() == "Cómo funciona el &dictamen"
    action.trigger()
    dialog = window.verdict_help.dialog
    assert isinstance(dialog, VerdictHelpDialog)
    qtbot.waitExposed(dialog)
    text = dialog.browser.toPlainText().replace("\xa0", " ")
    safe = find("safe-aeo")
    assert safe is not None
    ready = safe.readiness[0]
    assert ready.min_overall is not None and ready.min_each_criterion is not None
    percent = lambda value: format_percent(value).replace("\xa0", " ")  # noqa: E731
    assert f"puntuación global de al menos {percent(ready.min_overall)}" in text
    assert f"ningún criterio por debajo de {percent(ready.min_each_criterion)}" in text
    assert f"menos de {percent(safe.completeness_floor)} de las preguntas" in text
    assert "Condición de elegibilidad" in text and "No demostrado" in text
    assert dialog.frameGeometry().height() <= 720
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.verdict_help.dialog is None)
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, VerdictHelpDialog) and w.isVisible()]


@pytest.mark.parametrize("language", ["es", "fr"])
def test_every_help_string_is_translated_with_its_placeholders(language: str) -> None:
    catalog = po_catalog(catalog_dir(language) / "verdict_help.po", language)
    messages = gettext_literals([SOURCE])
    assert len(messages) > 20
    for message in messages:
        assert catalog.get(message, "").strip(), message
        assert placeholders(catalog[message]) == placeholders(message), message
    assert set(catalog) == set(messages)


def test_the_glossary_is_reached_from_the_help_menu_and_filters_as_one_types(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window("es")
    (action,) = [a for a in window.help_menu.actions() if a.objectName() == "glossary"]
    assert action.text() == "&Glosario"
    action.trigger()
    dialog = window.verdict_help.glossary
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert "Operador Económico Autorizado (OEA)" in dialog.browser.toPlainText()
    qtbot.keyClicks(dialog.search, "precinto")
    text = dialog.browser.toPlainText()
    assert "precinto" in text.casefold() and "Operador Económico Autorizado" not in text
    qtbot.keyClicks(dialog.search, "zzz")
    assert "Ningún término coincide" in dialog.browser.toPlainText()
