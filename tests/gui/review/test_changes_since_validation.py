"""A re-validation in Spanish: the officer validated last year's applicant file of a company;
this year's (its next cycle, one answer changed) arrives as a first submission. The changes tab
compares it with last year's, so the officer re-checks only what moved."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from aeo_assess.services import assessments, cycles, transfer
from aeo_assess.services.context import open_context
from tests.gui.conftest import new_assessment
from tests.gui.journeys.conftest import click
from tests.gui.review.conftest import OpenAs
from tests.gui.review.test_review_mode import review_of


def two_years(tmp_path: Path) -> tuple[Path, Path]:
    trader = open_context(f"sqlite:///{tmp_path / 'trader.sqlite3'}")
    first = new_assessment(trader, "Textiles Andinos S.A.", "PE", tax_id="20100123456")
    assessments.set_value(trader, first, "SAFE-A.03", 2)
    last_year = transfer.export_assessment(trader, first, tmp_path / "2026.aeoa")
    second = cycles.start_next_cycle(trader, first).assessment_id
    assessments.set_value(trader, second, "SAFE-A.03", 3)
    assessments.set_comment(trader, second, "SAFE-A.03", "Registros de 2027 adjuntos")
    cycles.confirm(trader, second)
    this_year = transfer.export_assessment(trader, second, tmp_path / "2027.aeoa")
    trader.database.close()
    return last_year, this_year


def test_the_officer_sees_what_changed_since_the_last_validation(
    qtbot: QtBot, open_as: OpenAs, tmp_path: Path
) -> None:
    last_year, this_year = two_years(tmp_path)
    officer = open_as("officer", language="es")
    transfer.import_applicant_file(officer.gui.app, last_year)
    workspace = review_of(officer, this_year)
    bar = workspace.tabs.tabBar()
    click(qtbot, bar, bar.tabRect(3).center())
    changes = workspace.changes
    assert changes.baseline_label.text() == "Co&mparar con:"
    assert changes.baseline.count() == 1
    assert changes.baseline.currentText().startswith("La evaluación del ")
    assert changes.summary.text() == "2 cambios desde la evaluación elegida."
    rows = [
        [changes.tree.topLevelItem(i).text(c) for c in (0, 3, 4)]
        for i in range(changes.tree.topLevelItemCount())
    ]
    assert ["Comentario", "", "Registros de 2027 adjuntos"] in rows
    assert any(row[0] == "Respuesta" and row[1].startswith("2") and row[2].startswith("3")
               for row in rows), rows
