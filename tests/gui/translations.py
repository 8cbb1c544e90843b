"""What the GUI translation tests share: the ``_("literal")`` messages of a set of sources,
read with ``ast`` so that no new string can slip through, and a catalog as Babel reads it."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterable
from pathlib import Path

from babel.messages.pofile import read_po


def gettext_literals(sources: Iterable[Path]) -> dict[str, str]:
    """Each ``_("literal")`` of ``sources`` with where it first is; ``_`` of anything but a
    string literal fails, since it could not be extracted for translation."""
    found: dict[str, str] = {}
    for path in sources:
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


def po_catalog(path: Path, language: str) -> dict[str, str]:
    """The catalog's non-fuzzy messages (untranslated ones as "")."""
    with path.open("rb") as handle:
        return {
            str(m.id): str(m.string or "")
            for m in read_po(handle, locale=language)
            if m.id and not m.fuzzy
        }
