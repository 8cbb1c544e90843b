"""Cells for every CSV the application writes, safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` is a formula to Excel, LibreOffice and
Google Sheets, and tab or carriage return can start one after the program strips them: an
action-plan owner typed as ``=HYPERLINK("http://evil", "click")`` would run when the plan is
opened (OWASP "CSV injection"). Such text cells are written with a leading apostrophe, which
spreadsheets show as plain text; numbers stay numbers.
"""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """``value`` as a spreadsheet will read it as text, not as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[object]) -> list[object]:
    return [safe_cell(value) for value in values]
