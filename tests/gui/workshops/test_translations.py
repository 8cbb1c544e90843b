"""Every message of the countries page, the dashboard comparison, the workshops window and the
workshop summary has its Spanish and French translation (read from the source, so none is
forgotten)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.gui.translations import language_catalog
from tests.reporting.messages import report_messages

ROOT = Path(__file__).resolve().parents[3] / "aeo_assess"
FILES = [
    ROOT / "gui" / "countries.py",
    ROOT / "gui" / "comparison.py",
    ROOT / "gui" / "workshops" / "dialogs.py",
    ROOT / "gui" / "workshops" / "window.py",
    ROOT / "reporting" / "workshop_report.py",
]
HOOKS = ["&Countries", "Countries", "&Workshops", "Workshops",
         "Median and middle half of participants (Q1 to Q3)", "too few participants to show"]
"""Messages of this work in files shared with others (the main window, the chart drawing)."""


def test_the_files_have_messages() -> None:
    assert all(report_messages([path]) for path in FILES)


@pytest.mark.parametrize("language", ["es", "fr"])
def test_every_message_is_translated(language: str) -> None:
    catalog = language_catalog(language)
    wanted = set(HOOKS).union(*(report_messages([path]) for path in FILES))
    missing = sorted(m for m in wanted if m not in catalog)
    assert not missing, f"{len(missing)} messages without a {language} translation: {missing}"
    for message in wanted:  # the same {fields}, or format() fails at run time
        fields = sorted(re.findall(r"{\w+}", message))
        assert fields == sorted(re.findall(r"{\w+}", catalog[message])), message
