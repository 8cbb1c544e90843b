"""Every string the editor shows has a Spanish (and French) translation that keeps its
``{placeholders}``, read straight from the sources so that no new string can slip through."""

from __future__ import annotations

from pathlib import Path

import pytest

import aeo_assess.gui.editor
from aeo_assess.i18n import catalog_dir
from tests.gui.translations import (
    gettext_literals,
    mnemonics,
    placeholders,
    po_catalog,
)

SOURCES = sorted(Path(aeo_assess.gui.editor.__file__).parent.glob("*.py"))


def editor_messages() -> dict[str, str]:
    return gettext_literals(SOURCES)


def catalog(language: str) -> dict[str, str]:
    return po_catalog(catalog_dir(language) / "editor.po", language)


def test_the_sources_have_strings_to_translate() -> None:
    assert len(editor_messages()) > 100


@pytest.mark.parametrize("language", ["es", "fr"])
def test_every_editor_string_is_translated(language: str) -> None:
    translations = catalog(language)
    missing = [f"{where}: {message!r}" for message, where in editor_messages().items()
               if not translations.get(message, "").strip()]
    assert not missing, f"{len(missing)} untranslated in {language}/editor.po:\n" + "\n".join(missing)


@pytest.mark.parametrize("language", ["es", "fr"])
def test_translations_keep_placeholders_and_mnemonics(language: str) -> None:
    translations = catalog(language)
    for message in editor_messages():
        translated = translations.get(message, "")
        assert placeholders(translated) == placeholders(message), (message, translated)
        assert mnemonics(translated) == mnemonics(message), (message, translated)


@pytest.mark.parametrize("language", ["es", "fr"])
def test_catalog_has_no_stale_entries(language: str) -> None:
    stale = set(catalog(language)) - set(editor_messages())
    assert not stale, f"{language}/editor.po has entries no source uses: {sorted(stale)}"
