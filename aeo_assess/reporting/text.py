"""A paragraph flowable for the small markup our reports write, several times faster than
ReportLab's Paragraph.

A full report holds about 1,400 paragraphs; ReportLab's Paragraph parses each with an HTML
parser and breaks lines fragment by fragment, which was most of a report's rendering time.
Reports only ever write ``<b>``, ``<i>``, ``<font color>``, ``<br/>`` and the XML entities
that ``words.markup`` produces, so this class reads just those, breaks lines greedily with
cached word widths, and draws each line as a few text runs.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from aeo_assess.reporting.style import FONT, FONT_BOLD

_TOKEN = re.compile(r"<(/?)(b|i|font|br)\b([^>]*?)/?>|&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);")
_COLOUR = re.compile(r"""color\s*=\s*["']([^"']+)["']""")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_BREAK = "\n"
_SPACE = re.compile(r"([ \t]+)")


class Run(NamedTuple):
    """A piece of text in one font and colour."""

    text: str
    font: str
    colour: Color


Line = tuple[list[Run], float]
"""The runs of one printed line and its width in points."""


_units: dict[tuple[str, str], float] = {}


def _unit_width(text: str, font: str) -> float:
    """Width at size 1000; widths scale with the size, so each word is measured once."""
    unit = _units.get((text, font))
    if unit is None:
        unit = _units[(text, font)] = pdfmetrics.stringWidth(text, font, 1000.0)
    return unit


def _entity(name: str) -> str:
    if name.startswith("#x"):
        return chr(int(name[2:], 16))
    if name.startswith("#"):
        return chr(int(name[1:]))
    return _ENTITIES[name]


def parse(markup: str, colour: Color, bold: bool = False) -> list[Run]:
    """Runs of ``markup``; a line break is a run of ``"\\n"``. Other tags are a programming
    error: every piece of data reaches a report through ``words.markup``, which escapes it."""
    runs: list[Run] = []
    bolds = 1 if bold else 0
    colours = [colour]
    position = 0

    def add(text: str) -> None:
        if text:
            runs.append(Run(text, FONT_BOLD if bolds else FONT, colours[-1]))

    for match in _TOKEN.finditer(markup):
        add(markup[position:match.start()])
        position = match.end()
        closing, tag, attributes, entity = match.groups()
        if entity:
            add(_entity(entity))
        elif tag == "b":
            bolds += -1 if closing else 1
        elif tag == "font":
            if closing:
                colours.pop()
            else:
                found = _COLOUR.search(attributes)
                colours.append(HexColor(found.group(1)) if found else colours[-1])
        elif tag == "br":
            runs.append(Run(_BREAK, FONT, colour))
    tail = markup[position:]
    if "<" in tail or ">" in tail:
        raise ValueError(f"unsupported markup in report text: {markup!r}")
    add(tail)
    return runs


Piece = tuple[str, str, Color]
"""Text, font and colour of part of a word."""


def _words(runs: list[Run]) -> list[tuple[Piece, ...] | None]:
    """Words (a word may change font midway, as in ``<b>A.1</b>:``); None for a space between
    words and ``()`` for a line break."""
    words: list[tuple[Piece, ...] | None] = []
    current: list[Piece] = []
    for text, font, colour in runs:
        if text == _BREAK:
            if current:
                words.append(tuple(current))
                current = []
            words.append(())
            continue
        for number, part in enumerate(text.replace("\t", " ").split(" ")):
            if number:
                if current:
                    words.append(tuple(current))
                    current = []
                words.append(None)
            if part:
                current.append((part, font, colour))
    if current:
        words.append(tuple(current))
    return words


def break_lines(runs: list[Run], size: float, room: float) -> list[Line]:
    """Greedy line breaking; a word wider than the line is split between characters.

    Widths are summed at size 1000 and scaled once per line. A line may overrun by a
    twentieth of a point, which no one sees, so that a column label measured to fit its
    column exactly (``ReadinessReport.head``) stays on one line."""
    scale = size / 1000.0
    limit = (room + 0.05) / scale
    lines: list[Line] = []
    line: list[Run] = []
    pieces: list[str] = []
    font = ""
    colour: Color | None = None
    used = 0.0
    space = False

    def close() -> None:
        if pieces:
            assert colour is not None
            line.append(Run("".join(pieces), font, colour))
            pieces.clear()

    def finish() -> None:
        nonlocal line, used
        close()
        lines.append((line, used * scale))
        line, used = [], 0.0

    def put(text: str, piece_font: str, piece_colour: Color) -> None:
        nonlocal font, colour
        if piece_font != font or piece_colour is not colour:
            close()
            font, colour = piece_font, piece_colour
        pieces.append(text)

    for word in _words(runs):
        if word is None:
            space = used > 0
            continue
        if not word:
            finish()
            space = False
            continue
        width = sum(_unit_width(text, piece_font) for text, piece_font, _ in word)
        gap = _unit_width(" ", font) if space and used else 0.0
        if used and used + gap + width > limit:
            finish()
            gap = 0.0
        if gap:
            pieces.append(" ")
            used += gap
        space = False
        if width <= limit:
            for text, piece_font, piece_colour in word:
                put(text, piece_font, piece_colour)
            used += width
            continue
        for text, piece_font, piece_colour in word:
            for char in text:
                char_width = _unit_width(char, piece_font)
                if used and used + char_width > limit:
                    finish()
                put(char, piece_font, piece_colour)
                used += char_width
    if used or pieces or not lines:
        finish()
    if lines == [([], 0.0)]:
        return []
    return lines


class Text(Flowable):
    """A paragraph of report markup in one ``ParagraphStyle`` (font size, leading, colour,
    alignment, indents, space before and after, an optional bullet)."""

    def __init__(
        self,
        markup: str,
        style: ParagraphStyle,
        bullet: str = "",
        *,
        runs: list[Run] | None = None,
        lines: list[Line] | None = None,
    ) -> None:
        super().__init__()
        self.style = style
        self.bullet = bullet
        bold = style.fontName == FONT_BOLD
        self.runs = runs if runs is not None else parse(markup, style.textColor, bold)
        self._lines = lines
        self._fixed = lines is not None
        """A part of a split paragraph keeps the lines it was given."""
        self._wrapped_at: float | None = None
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter

    @property
    def text(self) -> str:
        """The printed text, line breaks as spaces (for tests and debugging)."""
        return "".join(" " if r.text == _BREAK else r.text for r in self.runs)

    def _room(self, available: float) -> float:
        return available - self.style.leftIndent - self.style.rightIndent

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if not self._fixed and self._wrapped_at != availWidth:
            self._lines = break_lines(self.runs, self.style.fontSize, self._room(availWidth))
            self._wrapped_at = availWidth
        self.width = availWidth
        self.height = len(self._lines or []) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        lines = self._lines or []
        fits = int(availHeight // self.style.leading)
        if fits >= len(lines):
            return [self]
        if fits < 2:
            return []  # neither a lone first line at a page's foot nor nothing at all
        first = Text("", self.style, self.bullet, runs=self.runs, lines=lines[:fits])
        rest = Text("", self.style, runs=self.runs, lines=lines[fits:])
        first.spaceAfter = 0
        rest.spaceBefore = 0
        return [first, rest]

    def draw(self) -> None:
        style = self.style
        canvas: Any = self.canv
        size, leading = style.fontSize, style.leading
        left = style.leftIndent
        room = self._room(self.width)
        y = self.height - size
        if self.bullet:  # its own text object, so that text extraction keeps a space after it
            canvas.setFont(style.fontName, size)
            canvas.setFillColor(style.textColor)
            canvas.drawString(style.bulletIndent, y, self.bullet)
        text = canvas.beginText()
        font: str | None = None
        colour: Color | None = None
        for runs, used in self._lines or []:
            x = left
            if style.alignment == TA_RIGHT:
                x += room - used
            elif style.alignment == TA_CENTER:
                x += (room - used) / 2
            text.setTextOrigin(x, y)
            for run in runs:
                if run.font != font:
                    font = run.font
                    text.setFont(font, size, leading)
                if run.colour != colour:
                    colour = run.colour
                    text.setFillColor(colour)
                text.textOut(run.text)
            y -= leading
        canvas.drawText(text)
