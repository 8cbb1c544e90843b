"""CSV cells that a spreadsheet would run as formulas become text; others are untouched."""

from __future__ import annotations

import pytest

from aeo_assess.files.csv_cells import safe_cell, safe_row


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_starts_are_neutralised(start: str) -> None:
    assert safe_cell(f"{start}SUM(A1:A9)") == f"'{start}SUM(A1:A9)"


def test_other_cells_are_untouched() -> None:
    assert safe_row([3, -2.5, "María", "a=b", "", None]) == [3, -2.5, "María", "a=b", "", None]
