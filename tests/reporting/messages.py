"""The report's translatable messages (the reporting package and the report dialog), found in
the source the way ``pybabel extract`` would."""

from __future__ import annotations

import ast
from pathlib import Path

import aeo_assess.gui
import aeo_assess.reporting

_ONE = {"_", "self", "w", "words", "say", "N_", "Column"}
"""Callables whose first argument is a message."""


REVIEW_REPORT = Path(aeo_assess.reporting.__file__).with_name("review_report.py")
"""Its messages are in review.po, not report.po."""
OFFICE = [Path(aeo_assess.reporting.__file__).with_name(name)
          for name in ("questionnaire_form.py", "word.py")]
"""The paper forms and Word documents of issue 18: their messages are in office.po."""


def report_messages(sources: list[Path] | None = None) -> set[str]:
    """Every literal message that ``sources`` translate; by default the reports (but the
    review report) and the report dialog."""
    found: set[str] = set()
    if sources is None:
        sources = [*(p for p in Path(aeo_assess.reporting.__file__).parent.glob("*.py")
                     if p != REVIEW_REPORT and p not in OFFICE),
                   Path(aeo_assess.gui.__file__).with_name("report_dialog.py")]
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in _ONE:
                arguments = node.args[:1]
            elif name in ("count", "say_count"):
                arguments = node.args[1:3]
            elif name == "ngettext":
                arguments = node.args[:2]
            else:
                continue
            found.update(
                a.value
                for a in arguments
                if isinstance(a, ast.Constant) and isinstance(a.value, str) and a.value
            )
    return found
