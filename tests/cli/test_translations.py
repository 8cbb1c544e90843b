"""Every string the command line translates has a Spanish and a French translation that keeps
its ``{placeholders}``, read straight from the sources so that no new string can slip through."""

from __future__ import annotations

from pathlib import Path

import pytest

import aeo_assess.cli
from aeo_assess.i18n import catalog_dir
from tests.gui.translations import gettext_literals, placeholders, po_catalog

SOURCES = sorted(Path(aeo_assess.cli.__file__).parent.glob("*.py"))


@pytest.mark.parametrize("language", ["es", "fr"])
def test_every_command_line_string_is_translated_with_its_placeholders(language: str) -> None:
    messages = gettext_literals(SOURCES)
    assert messages
    translations = po_catalog(catalog_dir(language) / "cli.po", language)
    for message, where in messages.items():
        assert translations.get(message, "").strip(), f"{where}: {message!r} untranslated"
        assert placeholders(translations[message]) == placeholders(message), message
    assert not set(translations) - set(messages), "cli.po has entries no source uses"
