"""Every string of the customs-administration screens has its Spanish and French translation
with the same placeholders and mnemonics (read from the source, so none is forgotten) and no
other part's (the administration report's are in report.po), and the
administration's wizard is keyboard-reachable from the File menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from aeo_assess.gui import administration
from aeo_assess.i18n import catalog_dir
from tests.gui.conftest import OpenWindow
from tests.gui.translations import gettext_literals, mnemonics, placeholders, po_catalog

SOURCE = Path(administration.__file__)


@pytest.mark.parametrize("language", ["es", "fr"])
def test_every_administration_string_is_translated(language: str) -> None:
    messages = gettext_literals([SOURCE])
    assert len(messages) > 20
    catalog = po_catalog(catalog_dir(language) / "administration.po", language)
    missing = sorted(m for m in messages if not catalog.get(m, "").strip())
    assert not missing, missing
    for message in messages:
        assert placeholders(catalog[message]) == placeholders(message), message
        assert mnemonics(catalog[message]) == mnemonics(message), message
    assert not set(catalog) - set(messages), "administration.po has entries no source uses"


def test_the_file_menu_starts_an_administration_assessment(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    action = window.new_administration_action
    assert action in window.file_menu.actions()
    assert action.text() == "New a&dministration assessment…"
    action.trigger()
    qtbot.waitUntil(lambda: window.wizard is not None and window.wizard.isVisible())
    wizard = window.wizard
    assert wizard is not None and wizard.windowTitle() == "New administration assessment"
    pages = [wizard.page(i) for i in wizard.pageIds()]  # no roles and AEO type page
    assert pages == [wizard.company_page, wizard.questionnaire_page]
    assert wizard.company_page.unit_label.buddy() is wizard.company_page.unit
    wizard.reject()


def test_a_company_wizard_offers_no_administration_questionnaire(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    window.new_action.trigger()
    qtbot.waitUntil(lambda: window.wizard is not None and window.wizard.isVisible())
    wizard = window.wizard
    assert wizard is not None and isinstance(wizard, QWizard)
    assert "customs-rm@2027.1" not in wizard.questionnaire_page.buttons
    assert len(wizard.pageIds()) == 3
    wizard.reject()
