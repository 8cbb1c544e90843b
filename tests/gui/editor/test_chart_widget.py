"""The painted chart: one row per bar, and no label overlapping another or leaving the widget,
from a narrow pane at double font size to a wide one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QFont
from pytestqt.qtbot import QtBot

from aeo_assess.domain.assessment import Answer, Assessment
from aeo_assess.gui.editor.chart_widget import ScoreChartWidget
from aeo_assess.questionnaires.registry import find
from aeo_assess.scoring import score
from aeo_assess.scoring.chart import PeerStats, ScoreChart, build_chart


def safe_chart(demo: bool = True) -> ScoreChart:
    questionnaire = find("safe-aeo")
    assert questionnaire is not None
    answers = {
        q.id: Answer(i % 5) for i, q in enumerate(questionnaire.questions()) if q.type == "maturity"
    }
    assessment = Assessment(questionnaire.id, questionnaire.version, "ACME", "CR",
                            frozenset({"importer", "carrier"}), frozenset({"security", "compliance"}),
                            answers)
    peers = {"SAFE-A": PeerStats(0.5, 0.3, 0.7, 9), "CYBER": PeerStats(0.8, 0.6, 0.9, 9)}
    return build_chart(questionnaire, score(questionnaire, assessment), "es", peers=peers, demo=demo)


def no_overlaps(rects: list[QRect]) -> bool:
    return not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("width", [260, 420, 900])
def test_labels_fit_and_never_overlap(qtbot: QtBot, scale: float, width: int) -> None:
    widget = ScoreChartWidget()
    qtbot.addWidget(widget)
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    widget.setFont(font)
    chart = safe_chart()
    widget.set_chart(chart)
    width = max(width, widget.minimumSizeHint().width())  # no layout gives it less
    geometry = widget.geometry_for(width)
    metrics = widget.fontMetrics()

    assert geometry.row_height >= metrics.height()
    assert geometry.plot.height() == len(chart.bars) * geometry.row_height
    assert all(metrics.horizontalAdvance(bar.key) <= geometry.label_right - geometry.pad for bar in chart.bars)
    ticks = [rect for rect, _label in widget.tick_labels(geometry, width)]
    assert no_overlaps(ticks)
    assert all(r.left() >= 0 and r.right() < width for r in ticks)
    assert {0.0, 1.0} <= set(geometry.ticks)
    legend = [text for _swatch, text, _item in geometry.legend]
    swatches = [swatch for swatch, _text, _item in geometry.legend]
    assert no_overlaps(legend + swatches)
    assert all(r.right() < width for r in legend)
    for rect, (_s, _t, item) in zip(legend, geometry.legend, strict=True):
        needed = metrics.boundingRect(QRect(0, 0, rect.width(), 10_000), 0x1000, item.text)
        assert needed.height() <= rect.height()  # 0x1000: Qt.TextWordWrap
    assert widget.heightForWidth(width) >= max(r.bottom() for r in legend)
    assert geometry.axis_top > geometry.plot.bottom()


def test_paints_each_bar_in_its_band_colour(qtbot: QtBot) -> None:
    widget = ScoreChartWidget()
    qtbot.addWidget(widget)
    chart = safe_chart(demo=False)
    widget.set_chart(chart)
    widget.resize(500, widget.heightForWidth(500))
    image = widget.grab().toImage()
    geometry = widget.geometry_for(500)
    for index, bar in enumerate(chart.bars):
        if not bar.value or bar.peer is not None:
            continue
        y = geometry.plot.top() + index * geometry.row_height + geometry.row_height // 2
        x = geometry.plot.left() + 2
        assert image.pixelColor(x, y) == QColor(bar.colour), bar.key
    assert "SAFE-A" in widget.accessibleDescription()
