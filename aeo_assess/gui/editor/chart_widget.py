"""Paints the criterion-score chart description of ``scoring.chart`` with QPainter.

Bars run horizontally, one row per criterion, so criterion ids never collide however many
there are; every size comes from the font metrics, so the chart grows with the font instead
of clipping, and the legend wraps to the width it is given.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from aeo_assess.i18n import _, format_percent
from aeo_assess.scoring.chart import (
    BAND_COLOURS,
    Band,
    Bar,
    ScoreChart,
    Threshold,
    ThresholdKind,
)


@dataclass(frozen=True)
class _LegendItem:
    text: str
    colour: str
    line: bool
    """A dashed line sample (threshold) rather than a filled box (band)."""


@dataclass(frozen=True)
class Geometry:
    """Where everything goes at one width: painting, sizing, tooltips and tests share it."""

    pad: int
    caption: QRect
    label_right: int
    plot: QRect
    row_height: int
    ticks: tuple[float, ...]
    axis_top: int
    legend: tuple[tuple[QRect, QRect, _LegendItem], ...]
    """(swatch, text, item) per legend entry."""
    height: int


class ScoreChartWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: ScoreChart | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_chart(self, chart: ScoreChart) -> None:
        self.chart = chart
        self.setAccessibleName(_("Chart of criterion scores"))
        self.setAccessibleDescription(
            "; ".join(f"{bar.key} {bar.label}: {format_percent(bar.value)}" for bar in chart.bars)
        )
        self.updateGeometry()
        self.update()

    # --- geometry --------------------------------------------------------------------------

    def _legend_items(self, chart: ScoreChart) -> list[_LegendItem]:
        limits = {t.kind: t.value for t in chart.thresholds}
        items = [_LegendItem(band_label(kind, limits), BAND_COLOURS[kind], False) for kind in chart.bands]
        items += [
            _LegendItem(threshold_label(threshold), "#505050", True)
            for threshold in chart.thresholds
        ]
        if any(bar.peer for bar in chart.bars):
            items.append(_LegendItem(_("Peers: median and middle half"), "#202020", True))
        return items

    def geometry_for(self, width: int) -> Geometry:
        chart = self.chart or ScoreChart((), (), None, "#000000")
        metrics = self.fontMetrics()
        pad = max(4, metrics.height() // 2)
        caption_height = metrics.height() if chart.demo else 0
        caption = QRect(pad, pad, max(1, width - 2 * pad), caption_height)
        label_width = max(
            (QFontMetrics(_label_font(self.font(), bar)).horizontalAdvance(bar.key) for bar in chart.bars),
            default=0,
        )
        value_width = metrics.horizontalAdvance(format_percent(1.0))
        label_right = pad + label_width
        row_height = metrics.height() + max(6, metrics.height() // 2)
        plot_left = label_right + pad
        plot_right = max(plot_left + 1, width - pad - value_width - pad // 2)
        top = caption.bottom() + 1 + (pad if chart.demo else 0) + pad // 2
        plot = QRect(plot_left, top, plot_right - plot_left, len(chart.bars) * row_height)
        ticks = self._ticks(chart, plot.width(), metrics)
        axis_top = plot.bottom() + 4
        legend_top = axis_top + metrics.height() + pad
        legend, bottom = self._legend(chart, width, pad, legend_top, metrics)
        return Geometry(pad, caption, label_right, plot, row_height, ticks, axis_top, legend, bottom + pad)

    def _ticks(self, chart: ScoreChart, plot_width: int, metrics: QFontMetrics) -> tuple[float, ...]:
        """As many of the chart's ticks as fit without their labels touching."""
        widest = max((metrics.horizontalAdvance(format_percent(t)) for t in chart.ticks), default=0)
        ticks = chart.ticks
        while len(ticks) > 2:
            spacing = plot_width / (len(ticks) - 1)
            if spacing >= widest + metrics.averageCharWidth() * 2:
                break
            halved = ticks[::2]
            ticks = halved if halved[-1] == ticks[-1] else (*halved, ticks[-1])
        return ticks

    def _legend(
        self, chart: ScoreChart, width: int, pad: int, top: int, metrics: QFontMetrics
    ) -> tuple[tuple[tuple[QRect, QRect, _LegendItem], ...], int]:
        """Flow the legend entries left to right, wrapping lines and, if need be, texts."""
        placed = []
        available = max(1, width - 2 * pad)
        x, y, line_height = pad, top, 0
        gap = metrics.averageCharWidth() * 2
        swatch_size = round(metrics.height() * 0.75)
        for item in self._legend_items(chart):
            text_width = metrics.horizontalAdvance(item.text)
            entry_width = swatch_size + 6 + text_width
            if x > pad and x + entry_width > pad + available:
                x, y, line_height = pad, y + line_height + 4, 0
            room = pad + available - x - swatch_size - 6
            text = metrics.boundingRect(QRect(0, 0, max(1, room), 10_000), int(Qt.TextFlag.TextWordWrap), item.text)
            text_rect = QRect(x + swatch_size + 6, y, min(text.width(), room), text.height())
            swatch = QRect(x, y + (metrics.height() - swatch_size) // 2, swatch_size, swatch_size)
            placed.append((swatch, text_rect, item))
            line_height = max(line_height, text.height())
            x = text_rect.right() + 1 + gap
        return tuple(placed), y + line_height

    def tick_labels(self, geometry: Geometry, width: int) -> list[tuple[QRect, str]]:
        """Where each axis label goes: centred on its tick, kept inside the widget."""
        assert self.chart is not None
        low, high = self.chart.scale
        plot, metrics = geometry.plot, self.fontMetrics()
        placed = []
        for tick in geometry.ticks:
            label = format_percent(tick)
            label_width = metrics.horizontalAdvance(label) + 1
            centre = plot.left() + (tick - low) / (high - low) * plot.width()
            left = max(0, min(round(centre - label_width / 2), width - label_width))
            placed.append((QRect(left, geometry.axis_top, label_width, metrics.height()), label))
        return placed

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.geometry_for(width).height

    def sizeHint(self) -> QSize:
        width = 40 * self.fontMetrics().averageCharWidth()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        """Wide enough for the ids, the value labels and a 0 %…100 % axis whose two labels
        do not touch."""
        metrics = self.fontMetrics()
        geometry = self.geometry_for(0)
        widest = metrics.horizontalAdvance(format_percent(1.0))
        width = geometry.label_right + 2 * geometry.pad + 3 * widest + 4 * metrics.averageCharWidth()
        return QSize(width, self.heightForWidth(width))

    def _row_at(self, point: QPoint) -> Bar | None:
        if self.chart is None:
            return None
        geometry = self.geometry_for(self.width())
        if not geometry.pad <= point.x() <= self.width() or not geometry.plot.top() <= point.y():
            return None
        index = (point.y() - geometry.plot.top()) // geometry.row_height
        return self.chart.bars[index] if 0 <= index < len(self.chart.bars) else None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            bar = self._row_at(event.pos())
            if bar is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), _bar_tooltip(bar), self)
            return True
        return super().event(event)

    # --- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        chart = self.chart
        if chart is None:
            return
        geometry = self.geometry_for(self.width())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.windowText().color()
        metrics = self.fontMetrics()
        plot = geometry.plot

        if chart.demo:
            caption_font = QFont(self.font())
            caption_font.setItalic(True)
            painter.setFont(caption_font)
            painter.setPen(text_colour)
            painter.drawText(geometry.caption, int(Qt.AlignmentFlag.AlignLeft), _("Demonstration data"))
            painter.setFont(self.font())

        def x_of(value: float) -> float:
            low, high = chart.scale
            return plot.left() + (value - low) / (high - low) * plot.width()

        grid = QColor(palette.mid().color())
        grid.setAlpha(90)
        painter.setPen(QPen(grid, 1))
        for tick in geometry.ticks:
            painter.drawLine(round(x_of(tick)), plot.top(), round(x_of(tick)), plot.bottom())

        for threshold in chart.thresholds:
            painter.setPen(QPen(QColor("#505050"), 1, Qt.PenStyle.DashLine))
            painter.drawLine(round(x_of(threshold.value)), plot.top(), round(x_of(threshold.value)), plot.bottom())

        thickness = max(6, round(geometry.row_height * 0.6))
        for index, bar in enumerate(chart.bars):
            row_top = plot.top() + index * geometry.row_height
            centre = row_top + geometry.row_height // 2
            label_rect = QRect(geometry.pad, row_top, geometry.label_right - geometry.pad, geometry.row_height)
            painter.setFont(_label_font(self.font(), bar))
            painter.setPen(text_colour)
            painter.drawText(label_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), bar.key)
            painter.setFont(self.font())
            end = text_left = plot.left()
            if bar.value is not None:
                end = round(x_of(bar.value))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(bar.colour))
                painter.drawRect(QRectF(plot.left(), centre - thickness / 2, end - plot.left(), thickness))
            if bar.peer is not None:
                painter.setPen(QPen(QColor("#202020"), 1))
                painter.drawLine(round(x_of(bar.peer.q1)), centre, round(x_of(bar.peer.q3)), centre)
                median = round(x_of(bar.peer.median))
                painter.setPen(QPen(QColor("#202020"), 2))
                painter.drawLine(median, centre - thickness // 2 - 2, median, centre + thickness // 2 + 2)
                text_left = max(round(x_of(bar.peer.q3)), median + 1)  # the value never under a peer mark
            text_left = max(text_left, end)
            value_text = format_percent(bar.value)
            painter.setPen(text_colour if bar.value is not None else palette.mid().color())
            painter.drawText(
                QRect(text_left + 4, row_top, metrics.horizontalAdvance(value_text) + 2, geometry.row_height),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                value_text,
            )

        painter.setPen(QPen(text_colour, 1))
        painter.drawLine(plot.left(), plot.bottom(), plot.right(), plot.bottom())
        for rect, label in self.tick_labels(geometry, self.width()):
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), label)

        for swatch, text_rect, item in geometry.legend:
            if item.line:
                painter.setPen(QPen(QColor(item.colour), 2, Qt.PenStyle.DashLine))
                painter.drawLine(swatch.left(), swatch.center().y(), swatch.right(), swatch.center().y())
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(item.colour))
                painter.drawRect(swatch)
            painter.setPen(text_colour)
            painter.drawText(text_rect, int(Qt.TextFlag.TextWordWrap), item.text)


def _label_font(base: QFont, bar: Bar) -> QFont:
    """Extension criteria (beyond the SAFE letters) in italics."""
    font = QFont(base)
    font.setItalic(bar.extension)
    return font


def band_label(kind: Band, limits: dict[ThresholdKind, float]) -> str:
    gap = format_percent(limits.get(ThresholdKind.GAP))
    minimum = format_percent(limits.get(ThresholdKind.CRITERION_MINIMUM))
    return {
        Band.STRONG: _("{gap} or more: no gap on average").format(gap=gap),
        Band.FAIR: _("{minimum} to {gap}").format(minimum=minimum, gap=gap),
        Band.WEAK: _("Below {minimum}: holds readiness back").format(minimum=minimum),
        Band.UNSCORED: _("Nothing scored yet"),
    }[kind]


def threshold_label(threshold: Threshold) -> str:
    value = format_percent(threshold.value)
    if threshold.kind is ThresholdKind.CRITERION_MINIMUM:
        return _("Minimum per criterion ({value})").format(value=value)
    return _("Gap threshold ({value})").format(value=value)


def _bar_tooltip(bar: Bar) -> str:
    text = f"{bar.key} · {bar.label}: {format_percent(bar.value)}"
    if bar.peer is not None:
        text += "\n" + _("Peers (n = {n}): median {median}, middle half {q1} to {q3}").format(
            n=bar.peer.n,
            median=format_percent(bar.peer.median),
            q1=format_percent(bar.peer.q1),
            q3=format_percent(bar.peer.q3),
        )
    return text

