"""Every string of the review GUI and the profile has a Spanish translation (and French where
the catalog exists) that keeps its ``{placeholders}`` and ``&`` mnemonics, read from the
sources with ``ast`` so that no new string can slip through."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import aeo_assess.gui.review
from aeo_assess.i18n import catalog_dir

PACKAGE = Path(aeo_assess.gui.review.__file__).parent
SOURCES = [*sorted(PACKAGE.glob("*.py")), PACKAGE.parent / "profile.py"]
CATALOG = "review_gui.po"


def messages() -> dict[str, str]:
    """Each ``_("literal")`` of the sources, with where it is."""
    found: dict[str, str] = {}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_":
                argument = node.args[0] if node.args else None
                assert isinstance(argument, ast.Constant) and isinstance(argument.value, str), (
                    f"{path.name}:{node.lineno}: _() needs a string literal to be translatable"
                )
                found.setdefault(argument.value, f"{path.name}:{node.lineno}")
    return found


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def mnemonics(text: str) -> int:
    return len(re.findall(r"&(?!&)", text))


def catalog(language: str) -> dict[str, str]:
    path = catalog_dir(language) / CATALOG
    if not path.is_file():
        pytest.skip(f"no {language}/{CATALOG}")
    with path.open("rb") as handle:
        return {
            str(m.id): str(m.string or "")
            for m in read_po(handle, locale=language)
            if m.id and not m.fuzzy
        }


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
