"""The messages of user errors, read from the sources the way an extractor would: each
``Message(code, "text", plural="texts")``, with where it is."""

from __future__ import annotations

import ast
from pathlib import Path

import aeo_assess

ROOT = Path(aeo_assess.__file__).parent


def message_literals(sources: list[Path] | None = None) -> dict[str, str]:
    """Every msgid (singular and plural) of ``sources`` (default: the whole package), with
    where it first is; a Message whose text is not a literal fails, as it could not be
    extracted."""
    found: dict[str, str] = {}
    for path in sources if sources is not None else sorted(ROOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if node.func.id == "Message":
                texts = [node.args[1] if len(node.args) > 1 else None]
                texts += [k.value for k in node.keywords if k.arg == "plural"]
            else:
                continue
            for text in texts:
                assert isinstance(text, ast.Constant) and isinstance(text.value, str), (
                    f"{where}: a message's text must be a string literal"
                )
                found.setdefault(text.value, where)
    return found
