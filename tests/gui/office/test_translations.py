"""Every message of the office bridges (GUI, paper forms, Word documents, workbooks) is in
Spanish and French, keeping its ``{placeholders}`` and mnemonics; office.po holds nothing
that no source uses."""

from __future__ import annotations

from pathlib import Path

import pytest

import aeo_assess.gui.office
from aeo_assess import i18n
from aeo_assess.services import spreadsheets
from tests.gui.translations import (
    gettext_literals,
    language_catalog,
    mnemonics,
    placeholders,
    po_catalog,
)
from tests.reporting.messages import OFFICE, report_messages

GUI_SOURCES = sorted(Path(aeo_assess.gui.office.__file__).parent.glob("*.py"))


def office_messages() -> set[str]:
    return set(gettext_literals(GUI_SOURCES)) | report_messages([*OFFICE, Path(spreadsheets.__file__)])


def test_the_sources_have_messages() -> None:
    assert len(set(gettext_literals(GUI_SOURCES))) > 30


@pytest.mark.parametrize("language", ["es", "fr"])
def test_every_office_message_is_translated(language: str) -> None:
    catalog = language_catalog(language)  # office.po with the catalogs it shares messages with
    missing = sorted(m for m in office_messages() if not catalog.get(m, "").strip())
    assert missing == []
    for message in office_messages():
        assert placeholders(catalog[message]) == placeholders(message), message
        assert mnemonics(catalog[message]) == mnemonics(message), message


@pytest.mark.parametrize("language", ["es", "fr"])
def test_office_catalog_has_no_stale_entries(language: str) -> None:
    entries = set(po_catalog(i18n.catalog_dir(language) / "office.po", language))
    assert entries - office_messages() - report_messages() == set()
