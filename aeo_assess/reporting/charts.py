"""Draw the shared chart description (``scoring.chart.ScoreChart``) with reportlab.graphics."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth

from aeo_assess.reporting.style import FONT, FONT_BOLD, INK, MUTED, RULE, WARNING
from aeo_assess.reporting.words import Words
from aeo_assess.scoring.chart import Band, ScoreChart, ThresholdKind

ROW = 15.0
BAR = 9.0
SMALL = 7.0
LABEL = 7.5
DASH = [2.0, 1.5]
THRESHOLD_COLOURS = {
    ThresholdKind.CRITERION_MINIMUM: colors.HexColor("#B8470A"),
    ThresholdKind.GAP: colors.HexColor("#1F2933"),
}
PEER_BOX = colors.HexColor("#D5DDE5")
PEER_MEDIAN = colors.HexColor("#8E3B8E")
APPLICANT = colors.HexColor("#0065A0")
Anchor = Literal["start", "middle", "end"]


def fit(text: str, width: float, font: str = FONT, size: float = LABEL) -> str:
    """``text`` cut with an ellipsis so that it fits ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def band_names(words: Words) -> dict[Band, str]:
    return {
        Band.STRONG: words("At or above the gap threshold"),
        Band.FAIR: words("Between the minimum per criterion and the gap threshold"),
        Band.WEAK: words("Below the minimum per criterion"),
        Band.UNSCORED: words("Not answered yet"),
    }


def threshold_name(kind: ThresholdKind, value: float, words: Words) -> str:
    if kind is ThresholdKind.GAP:
        return words("Gap threshold ({value})").format(value=words.percent(value))
    return words("Minimum per criterion ({value})").format(value=words.percent(value))


def _rect(x: float, y: float, width: float, height: float, fill: Color,
          stroke: Color | None = None, opacity: float = 1.0) -> Rect:
    shape = Rect(x, y, width, height)
    shape.fillColor = fill
    shape.fillOpacity = opacity
    shape.strokeColor = stroke
    shape.strokeWidth = 0.5
    return shape


def _line(x1: float, y1: float, x2: float, y2: float, colour: Color, width: float,
          dashed: bool = False) -> Line:
    shape = Line(x1, y1, x2, y2, strokeColor=colour, strokeWidth=width)
    if dashed:
        shape.strokeDashArray = DASH
    return shape


def _text(x: float, y: float, text: str, *, bold: bool = False, size: float = LABEL,
          colour: Color = INK, anchor: Anchor = "start") -> String:
    return String(x, y, text, fontName=FONT_BOLD if bold else FONT, fontSize=size,
                  fillColor=colour, textAnchor=anchor)


@dataclass(frozen=True)
class Swatch:
    kind: Literal["fill", "line", "dot", "box"]
    colour: Color
    dashed: bool = False


class _Legend:
    """Legend entries laid out left to right, wrapping to a new line when the width is used."""

    def __init__(self, width: float) -> None:
        self.width = width
        self.entries: list[tuple[str, Swatch]] = []

    def add(self, text: str, swatch: Swatch) -> None:
        self.entries.append((text, swatch))

    def height(self) -> float:
        return len(self._lines()) * 12.0

    def _lines(self) -> list[list[tuple[str, Swatch, float]]]:
        lines: list[list[tuple[str, Swatch, float]]] = [[]]
        used = 0.0
        for text, swatch in self.entries:
            size = 16 + stringWidth(text, FONT, SMALL) + 12
            if lines[-1] and used + size > self.width:
                lines.append([])
                used = 0.0
            lines[-1].append((text, swatch, used))
            used += size
        return lines

    def draw(self, drawing: Drawing, top: float) -> None:
        for number, line in enumerate(self._lines()):
            y = top - 9 - number * 12.0
            for text, swatch, x in line:
                if swatch.kind == "line":
                    drawing.add(_line(x, y + 3, x + 12, y + 3, swatch.colour, 1.2, swatch.dashed))
                elif swatch.kind == "dot":
                    drawing.add(Circle(x + 6, y + 3, 3.4, fillColor=swatch.colour,
                                       strokeColor=None))
                elif swatch.kind == "box":
                    drawing.add(_rect(x, y - 0.5, 12, 7, PEER_BOX, MUTED))
                    drawing.add(_line(x + 6, y - 1.5, x + 6, y + 7.5, swatch.colour, 1.5))
                else:
                    drawing.add(_rect(x, y, 12, 6.5, swatch.colour))
                drawing.add(_text(x + 16, y, text, size=SMALL))


class _Rows:
    """A horizontal scale with one row per criterion, labels on the left (bars, peer boxes)."""

    def __init__(self, chart: ScoreChart, words: Words, width: float, rows: int,
                 legend: _Legend, right: float) -> None:
        self.chart, self.words = chart, words
        self.label_width = min(190.0, width * 0.38)
        self.x0, self.x1 = self.label_width + 6, width - right
        self.height = 14 + rows * ROW + 6 + 14 + legend.height()
        self.top = self.height - 14
        self.bottom = self.top - rows * ROW - 6
        self.drawing = Drawing(width, self.height)
        for tick in chart.ticks:
            x = self.x(tick)
            self.drawing.add(_line(x, self.bottom, x, self.top, RULE, 0.4))
            self.drawing.add(_text(x, self.bottom - 9, words.percent(tick), size=SMALL,
                                   colour=MUTED, anchor="middle"))
        if chart.demo:
            self.drawing.add(_text(width, self.height - 8, words("Demonstration data"),
                                   bold=True, size=SMALL, colour=WARNING, anchor="end"))
        legend.draw(self.drawing, self.bottom - 14)

    def x(self, value: float) -> float:
        low, high = self.chart.scale
        return self.x0 + (min(max(value, low), high) - low) / (high - low) * (self.x1 - self.x0)

    def y(self, row: int) -> float:
        return self.top - (row + 1) * ROW

    def label(self, row: int, key: str, title: str) -> None:
        y = self.y(row) + 3
        self.drawing.add(_text(0, y, key, bold=True))
        key_width = stringWidth(key, FONT_BOLD, LABEL) + 5
        if title:
            self.drawing.add(_text(key_width, y, fit(title, self.label_width - key_width),
                                   colour=MUTED))

    def note(self, row: int, text: str) -> None:
        self.drawing.add(_text(self.x0 + 3, self.y(row) + 3, text, size=SMALL, colour=MUTED))


def bar_chart(chart: ScoreChart, words: Words, width: float) -> Drawing:
    """One horizontal bar per criterion, the overall score last, threshold lines across."""
    legend = _Legend(width)
    for band in chart.bands:
        colour = next(b.colour for b in chart.bars if b.band is band)
        legend.add(band_names(words)[band], Swatch("fill", colors.HexColor(colour)))
    for threshold in chart.thresholds:
        legend.add(threshold_name(threshold.kind, threshold.value, words),
                   Swatch("line", THRESHOLD_COLOURS[threshold.kind], dashed=True))
    rows = _Rows(chart, words, width, len(chart.bars) + 1, legend, right=36)
    entries = [(b.key, b.label, b.value, b.colour) for b in chart.bars]
    entries.append((words("Overall"), "", chart.overall, chart.overall_colour))
    for row, (key, title, value, colour) in enumerate(entries):
        rows.label(row, key, title)
        y = rows.y(row)
        if value is None:
            rows.note(row, words("not answered yet"))
            continue
        rows.drawing.add(_rect(rows.x0, y + 1, max(rows.x(value) - rows.x0, 0.8), BAR,
                               colors.HexColor(colour)))
        rows.drawing.add(_text(width, y + 3, words.percent(value), bold=True, anchor="end"))
    separator = rows.y(len(chart.bars)) + ROW - 1.5
    rows.drawing.add(_line(0, separator, rows.x1, separator, MUTED, 0.6))
    for threshold in chart.thresholds:
        x = rows.x(threshold.value)
        rows.drawing.add(_line(x, rows.bottom, x, rows.top + 4, THRESHOLD_COLOURS[threshold.kind],
                               0.9, dashed=True))
    return rows.drawing


def peer_chart(chart: ScoreChart, words: Words, width: float) -> Drawing:
    """Per criterion: the peers' middle half (Q1 to Q3) as a box, their median as a tick, and
    this company's score as a dot."""
    legend = _Legend(width)
    legend.add(words("This company"), Swatch("dot", APPLICANT))
    legend.add(words("Peer median and middle half of peers (Q1 to Q3)"),
               Swatch("box", PEER_MEDIAN))
    rows = _Rows(chart, words, width, len(chart.bars), legend, right=12)
    for row, bar in enumerate(chart.bars):
        rows.label(row, bar.key, bar.label)
        y = rows.y(row)
        if bar.peer is None:
            rows.note(row, words("no peer figures"))
        else:
            q1, q3, median = rows.x(bar.peer.q1), rows.x(bar.peer.q3), rows.x(bar.peer.median)
            rows.drawing.add(_rect(q1, y + 1, max(q3 - q1, 1.0), BAR, PEER_BOX, MUTED))
            rows.drawing.add(_line(median, y - 0.5, median, y + BAR + 2.5, PEER_MEDIAN, 1.6))
        if bar.value is not None:
            rows.drawing.add(Circle(rows.x(bar.value), y + 1 + BAR / 2, 3.4, fillColor=APPLICANT,
                                    strokeColor=colors.white, strokeWidth=0.8))
    return rows.drawing


def radar_chart(chart: ScoreChart, words: Words, width: float, size: float = 250) -> Drawing:
    """The same criterion scores around a circle; the peers' medians too when given."""
    legend = _Legend(width)
    legend.add(words("This company"), Swatch("fill", APPLICANT))
    peers = any(bar.peer for bar in chart.bars)
    if peers:
        legend.add(words("Peer median"), Swatch("line", PEER_MEDIAN))
    for threshold in chart.thresholds:
        legend.add(threshold_name(threshold.kind, threshold.value, words),
                   Swatch("line", THRESHOLD_COLOURS[threshold.kind], dashed=True))
    height = size + 8 + legend.height()
    drawing = Drawing(width, height)
    cx, cy = width / 2, legend.height() + 8 + size / 2
    radius = size / 2 - 24
    count = max(len(chart.bars), 3)
    low, high = chart.scale

    def angle(index: int) -> float:
        return math.pi / 2 - 2 * math.pi * index / count

    def point(index: int, value: float) -> tuple[float, float]:
        r = radius * (min(max(value, low), high) - low) / (high - low)
        return cx + r * math.cos(angle(index)), cy + r * math.sin(angle(index))

    def polygon(values: list[float], colour: Color, stroke: float, dashed: bool = False,
                fill: Color | None = None) -> Polygon:
        shape = Polygon([c for i, v in enumerate(values) for c in point(i, v)],
                        fillColor=fill, strokeColor=colour, strokeWidth=stroke)
        if fill is not None:
            shape.fillOpacity = 0.18
        if dashed:
            shape.strokeDashArray = DASH
        return shape

    for tick in chart.ticks:
        if tick > low:
            drawing.add(polygon([tick] * count, RULE, 0.5))
    for threshold in chart.thresholds:
        drawing.add(polygon([threshold.value] * count, THRESHOLD_COLOURS[threshold.kind], 0.8,
                            dashed=True))
    for index, bar in enumerate(chart.bars):
        x, y = point(index, high)
        drawing.add(_line(cx, cy, x, y, RULE, 0.5))
        cos, sin = math.cos(angle(index)), math.sin(angle(index))
        anchor: Anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
        label_y = cy + (radius + 8) * sin - 2.5 + 3 * sin
        drawing.add(_text(cx + (radius + 8) * cos, label_y, bar.key, bold=True, size=SMALL,
                          colour=INK if bar.value is not None else MUTED, anchor=anchor))
        if bar.value is None:  # said in words: an unanswered criterion is not a score of 0
            drawing.add(_text(cx + (radius + 8) * cos, label_y - SMALL - 1,
                              words("not answered yet"), size=SMALL - 1, colour=MUTED,
                              anchor=anchor))
    if peers:
        drawing.add(polygon([b.peer.median if b.peer else 0.0 for b in chart.bars], PEER_MEDIAN,
                            1.2))
    answered = [(index, bar.value) for index, bar in enumerate(chart.bars) if bar.value is not None]
    if len(answered) >= 3:  # the outline joins the answered criteria only
        outline = Polygon([c for i, v in answered for c in point(i, v)], fillColor=APPLICANT,
                          strokeColor=APPLICANT, strokeWidth=1.4)
        outline.fillOpacity = 0.18
        drawing.add(outline)
    for index, value in answered:
        x, y = point(index, value)
        drawing.add(Circle(x, y, 2.2, strokeColor=APPLICANT, strokeWidth=0.8,
                           fillColor=APPLICANT))
    for tick in chart.ticks:
        if low < tick < high:  # the outer ring needs no label, and the first axis label is there
            x, y = point(0, tick)
            text = words.percent(tick)
            text_width = stringWidth(text, FONT, 6)
            drawing.add(_rect(x - 1 - text_width, y - 1.5, text_width + 2, 7, colors.white,
                              opacity=0.75))
            drawing.add(_text(x - 1, y, text, size=6, colour=MUTED, anchor="end"))
    if chart.demo:
        drawing.add(_text(width, height - 8, words("Demonstration data"), bold=True, size=SMALL,
                          colour=WARNING, anchor="end"))
    legend.draw(drawing, legend.height())
    return drawing


def distribution_chart(chart: ScoreChart, words: Words, width: float) -> Drawing:
    """Per criterion, a group's spread without anyone's own score: the middle half (Q1 to Q3)
    as a box and the median as a tick, how many scores it holds on the right."""
    legend = _Legend(width)
    legend.add(words("Median and middle half of participants (Q1 to Q3)"),
               Swatch("box", PEER_MEDIAN))
    rows = _Rows(chart, words, width, len(chart.bars), legend, right=34)
    for row, bar in enumerate(chart.bars):
        rows.label(row, bar.key, bar.label)
        y = rows.y(row)
        if bar.peer is None:
            rows.note(row, words("too few participants to show"))
            continue
        q1, q3, median = rows.x(bar.peer.q1), rows.x(bar.peer.q3), rows.x(bar.peer.median)
        rows.drawing.add(_rect(q1, y + 1, max(q3 - q1, 1.0), BAR, PEER_BOX, MUTED))
        rows.drawing.add(_line(median, y - 0.5, median, y + BAR + 2.5, PEER_MEDIAN, 1.6))
        rows.drawing.add(_text(width, y + 3, f"n = {bar.peer.n}", size=SMALL, colour=MUTED,
                               anchor="end"))
    return rows.drawing
