"""Every string of the review GUI and the profile has a Spanish translation (and French where
the catalog exists) that keeps its ``{placeholders}`` and ``&`` mnemonics, read from the
sources with ``ast`` so that no new string can slip through."""

from __future__ import annotations

from pathlib import Path

import pytest

import aeo_assess.gui.review
from aeo_assess.i18n import catalog_dir
from tests.gui.translations import (
    gettext_literals,
    mnemonics,
    placeholders,
    po_catalog,
)

PACKAGE = Path(aeo_assess.gui.review.__file__).parent
SOURCES = [*sorted(PACKAGE.glob("*.py")), PACKAGE.parent / "profile.py"]
CATALOG = "review_gui.po"


def messages() -> dict[str, str]:
    return gettext_literals(SOURCES)


def catalog(language: str) -> dict[str, str]:
    path = catalog_dir(language) / CATALOG
    if not path.is_file():
        pytest.skip(f"no {language}/{CATALOG}")
    return po_catalog(path, language)


def test_the_sources_have_strings_to_translate() -> None:
    assert len(messages()) > 100


@pytest.mark.parametrize("language", ["es", "fr"])
def test_every_string_is_translated(language: str) -> None:
    translations = catalog(language)
    missing = [f"{where}: {message!r}" for message, where in messages().items()
               if not translations.get(message, "").strip()]
    assert not missing, f"{len(missing)} untranslated in {language}/{CATALOG}:\n" + "\n".join(missing)


@pytest.mark.parametrize("language", ["es", "fr"])
def test_translations_keep_placeholders_and_mnemonics(language: str) -> None:
    translations = catalog(language)
    for message in messages():
        translated = translations.get(message, "")
        assert placeholders(translated) == placeholders(message), (message, translated)
        assert mnemonics(translated) == mnemonics(message), (message, translated)


@pytest.mark.parametrize("language", ["es", "fr"])
def test_catalog_has_no_stale_entries(language: str) -> None:
    stale = set(catalog(language)) - set(messages())
    assert not stale, f"{language}/{CATALOG} has entries no source uses: {sorted(stale)}"
