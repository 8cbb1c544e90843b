"""What the GUI translation tests share: the ``_("literal")`` messages of a set of sources,
read with ``ast`` so that no new string can slip through, and a catalog as Babel reads it."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterable
from pathlib import Path

from babel.messages.pofile import read_po

from aeo_assess.i18n import catalog_dir

_MESSAGES = {"_": 1, "ngettext": 2}
"""How many leading arguments of each translating function are messages."""


def gettext_literals(sources: Iterable[Path]) -> dict[str, str]:
    """Each ``_("literal")`` of ``sources``, and both forms of each ``ngettext("one", "many",
    n)``, with where it first is; anything but a string literal there fails, since it could not
    be extracted for translation."""
    found: dict[str, str] = {}
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in _MESSAGES):
                continue
            arguments = node.args[: _MESSAGES[node.func.id]]
            for argument in arguments or [None]:
                assert isinstance(argument, ast.Constant) and isinstance(argument.value, str), (
                    f"{path.name}:{node.lineno}: {node.func.id}() needs string literals to be "
                    "translatable"
                )
                found.setdefault(argument.value, f"{path.name}:{node.lineno}")
    return found


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def mnemonics(text: str) -> int:
    return len(re.findall(r"&(?!&)", text))


def po_catalog(path: Path, language: str) -> dict[str, str]:
    """The catalog's non-fuzzy messages (untranslated ones as ""); a plural entry as its
    singular with the first form and its plural with the last, as a source names them."""
    catalog: dict[str, str] = {}
    with path.open("rb") as handle:
        for m in read_po(handle, locale=language):
            if not m.id or m.fuzzy:
                continue
            if isinstance(m.id, str):
                catalog[m.id] = str(m.string or "")
            else:
                forms = [str(form or "") for form in m.string]
                catalog[m.id[0]] = forms[0] if all(forms) else ""
                catalog[m.id[1]] = forms[-1] if all(forms) else ""
    return catalog


def language_catalog(language: str) -> dict[str, str]:
    """Every catalog of ``language``, merged as the program merges them."""
    merged: dict[str, str] = {}
    for path in sorted(catalog_dir(language).glob("*.po")):
        merged |= po_catalog(path, language)
    return merged
