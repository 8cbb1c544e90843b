"""No user-facing error is raised as finished English text: every one carries a Message (code,
English template, arguments) that each edge renders in its user's language. Read from the
sources with ``ast``, so that a new ``raise ServiceError(f"...")`` fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import aeo_assess

ROOT = Path(aeo_assess.__file__).parent
USER_ERRORS = {
    "ServiceError", "FileFormatError", "StorageError", "NotFound", "FieldError", "_Invalid",
    "AnswerValueError", "UserError", "ArgumentTypeError", "_HookError", "UpgradeError",
    "QuestionnaireError", "Unreachable", "WrongPassphrase",
}
"""The errors a user reads (ArgumentTypeError: argparse shows its text)."""
FAILS = {"_fail": 1, "fail": 1, "problem": 1, "Problem": 3}
"""Helpers that make a user error or a questionnaire problem from a place and a problem: the
problem's position."""
PACKAGES = ("services", "files", "storage", "cli", "domain", "questionnaires")


def _english(node: ast.expr) -> bool:
    """Text written in English right there: a literal, an f-string, a literal's ``format``,
    ``%`` or ``join``, or a concatenation with one; or text translated where it is raised
    (``_("...")``, its ``format``), which speaks the process's language, not its reader's."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id in ("_", "N_", "gettext", "ngettext")
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _english(node.left) or _english(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in ("format", "join") and _english(node.func.value)
    return False


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else ""


def english_errors(path: Path) -> list[str]:
    found = []
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        arguments: list[ast.expr] = []
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name in USER_ERRORS:
                arguments = list(node.args)
            elif name in FAILS and len(node.args) > FAILS[name]:
                arguments = [node.args[FAILS[name]]]
            elif name == "append" and _name(getattr(node.func, "value", node.func)) == "problems":
                arguments = list(node.args)
        elif isinstance(node, ast.FunctionDef) and "problem" in node.name:
            for returned in ast.walk(node):
                if isinstance(returned, ast.Return) and returned.value is not None:
                    value = returned.value
                    arguments += [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
        found += [f"{path}:{a.lineno}" for a in arguments if _english(a)]
    return found


def test_the_scan_sees_english_errors(tmp_path: Path) -> None:
    source = tmp_path / "sample.py"
    source.write_text(
        'raise ServiceError(f"no assessment {x}")\n'
        'raise FileFormatError("bad " + name)\n'
        'raise self.fail(path, "must be text")\n'
        'problems.append("{} is wrong".format(x))\n'
        'def name_problem(x):\n    return "bad" if x else None\n'
        'raise ServiceError(Message("a.b", "no assessment {x}", x=x))\n'
        'raise ServiceError(error)\n'
        'raise Unreachable(_("the server {x} cannot be reached").format(x=x))\n'
        'raise StorageError(_("refused"))\n'
    )
    assert len(english_errors(source)) == 7


def test_no_user_error_is_raised_as_english_text() -> None:
    sources = [p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))
               if "migrations" not in p.parts]
    found = [where for path in sources for where in english_errors(path)]
    assert not found, "\n".join(found)
