"""A single finding filled while its table is narrow (hidden, before the first layout) is not
left as tall as the table once the table is shown at its width."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from aeo_assess.domain.review import Finding, Severity
from aeo_assess.gui.review.findings import fill_findings_table, new_findings_table


def test_one_finding_row_fits_its_text(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    table = new_findings_table(page)
    QVBoxLayout(page).addWidget(table)
    page.resize(200, 400)
    finding = Finding("F1", Severity.MAJOR, "SAFE-B",
                      "Business partner security is not assessed before contracting.",
                      "Screen every new partner.", dt.date(2027, 3, 31), "officer",
                      dt.datetime(2026, 12, 3, tzinfo=dt.UTC))
    fill_findings_table(table, (finding,))
    page.resize(1200, 400)
    page.show()
    qtbot.waitExposed(page)
    line = table.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: table.rowHeight(0) < 3 * line)
