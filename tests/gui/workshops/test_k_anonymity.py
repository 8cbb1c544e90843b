"""k-anonymity where people look: a country with 4 completed assessments (k = 5) never
appears as a peer group in the dashboard comparison, a readiness report or the workshop
summary; its neighbours with enough assessments do."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aeo_assess.domain.benchmark import PeerScope
from aeo_assess.gui.editor.assessment_editor import AssessmentEditor
from aeo_assess.services import reports, workshop_reports, workshops
from aeo_assess.services.context import AppContext
from tests.benchmarks.helpers import populate
from tests.gui.conftest import OpenWindow
from tests.reporting.samples import text_of


def dashboard_of(qtbot: QtBot, open_window: OpenWindow, assessment_id: str) -> AssessmentEditor:
    window = open_window()
    window.list_page.select(assessment_id)
    qtbot.keyClick(window.list_page.table, Qt.Key.Key_Return)
    editor = window.editor
    assert isinstance(editor, AssessmentEditor)
    qtbot.keyClick(editor, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # &Dashboard
    qtbot.waitUntil(editor.dashboard.isVisible)
    return editor


def test_four_in_a_country_never_show(
    qtbot: QtBot, open_window: OpenWindow, ctx: AppContext, tmp_path: Path
) -> None:
    costa_rica = populate(ctx, 1, CR=6)
    nicaragua = populate(ctx, 2, NI=4)
    workshop = workshops.create_workshop(ctx, name="Taller centroamericano")
    workshops.add_assessments(ctx, workshop, costa_rica + nicaragua)

    editor = dashboard_of(qtbot, open_window, nicaragua[0])
    comparison = editor.dashboard.comparison
    qtbot.waitUntil(lambda: not comparison.loading)  # fetched in the background
    assert comparison.current_scope is PeerScope.COUNTRY and comparison.peers is None
    assert "fewer than 5 other completed real assessments" in comparison.note.text()
    assert all(bar.peer is None for bar in (editor.dashboard.chart.chart or []).bars)  # type: ignore[union-attr]
    comparison.scope.setCurrentIndex(comparison.scope.findData(PeerScope.REGION))
    qtbot.waitUntil(lambda: not comparison.loading)
    assert comparison.peers is not None and comparison.peers.key == "Central America"
    assert "9 completed assessments by operators in Central America" in comparison.note.text()
    assert "9 from this database, 0 from imported benchmark packs" in comparison.note.text()
    chart = editor.dashboard.chart.chart
    assert chart is not None and all(bar.peer and bar.peer.n >= 5 for bar in chart.bars)
    comparison.scope.setCurrentIndex(comparison.scope.findData(PeerScope.COUNTRY))

    options = reports.ReportOptions(scope=PeerScope.COUNTRY)
    text = text_of(reports.render(ctx, nicaragua[0], options).pdf)
    assert "operators in Nicaragua" not in text and "AEO programme in Nicaragua" in text
    for target in costa_rica + nicaragua:
        text = text_of(reports.render(ctx, target, reports.ReportOptions()).pdf)
        assert "operators in Nicaragua" not in text
        assert "Compared with" in text  # each one has a group of 5 or more: country or region

    summary = text_of(workshop_reports.render_summary(ctx, workshop))
    assert "Costa Rica" in summary and "Nicaragua" not in summary
    assert "Other countries (fewer than 5 participants each)" in summary
