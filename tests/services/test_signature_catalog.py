"""Every message of the signature services (issue 16) has a Spanish and a French translation
in ``signatures.po`` that keeps its ``{placeholders}``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import aeo_assess.services
from aeo_assess.i18n import catalog_dir
from tests.gui.translations import gettext_literals, placeholders, po_catalog

SOURCES = [
    Path(aeo_assess.services.__file__).parent / n
    for n in ("keys.py", "signatures.py", "reviews.py")
]


def deferred(path: Path) -> set[str]:
    return {
        node.args[0].value
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        and node.func.id == "N_" and isinstance(node.args[0], ast.Constant)
    }


@pytest.mark.parametrize("language", ["es", "fr"])
def test_every_signature_message_is_translated(language: str) -> None:
    messages = set(gettext_literals(SOURCES))
    for source in SOURCES:
        messages |= deferred(source)
    translations = po_catalog(catalog_dir(language) / "signatures.po", language)
    for message in messages:
        assert translations.get(message, "").strip(), message
        assert placeholders(translations[message]) == placeholders(message), message
    assert not set(translations) - messages, "signatures.po has entries no source uses"
