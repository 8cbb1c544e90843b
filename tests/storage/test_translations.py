"""Every message the storage layer translates has a Spanish and a French entry in storage.po
that keeps its ``{placeholders}``, and storage.po holds nothing the sources no longer say."""

from __future__ import annotations

from pathlib import Path

import pytest

import aeo_assess.storage
from aeo_assess.i18n import catalog_dir
from tests.gui.translations import gettext_literals, placeholders, po_catalog

SOURCES = sorted(Path(aeo_assess.storage.__file__).parent.glob("*.py"))


@pytest.mark.parametrize("language", ["es", "fr"])
def test_every_storage_message_is_translated(language: str) -> None:
    messages = gettext_literals(SOURCES)
    catalog = po_catalog(catalog_dir(language) / "storage.po", language)
    assert messages and set(catalog) == set(messages)
    for message in messages:
        assert catalog[message].strip(), message
        assert placeholders(catalog[message]) == placeholders(message), message
