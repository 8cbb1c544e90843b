"""A paragraph flowable for the small markup our reports write, several times faster than
ReportLab's Paragraph.

A full report holds about 1,400 paragraphs; ReportLab's Paragraph parses each with an HTML
parser and breaks lines fragment by fragment, which was most of a report's rendering time.
Reports only ever write ``<b>``, ``<i>``, ``<font color>``, ``<br/>`` and the XML entities
that ``words.markup`` produces, so this class reads just those, breaks lines greedily with
cached word widths, and draws each line as a few text runs.

Text in any script: the embedded DejaVu Sans covers Latin, Greek, Cyrillic, Hebrew and
Arabic; Chinese, Japanese and Korean characters are drawn in ReportLab's built-in CID fonts
(which PDF readers supply), right-to-left runs are reordered for display line by line
(python-bidi), and a character no font here can draw prints as ``?`` and is remembered, so
that the report says so (``missing_characters``) instead of printing empty boxes.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, NamedTuple

from bidi import get_display
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
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

KOREAN, JAPANESE, CHINESE = "HYSMyeongJo-Medium", "HeiseiMin-W3", "STSong-Light"
"""ReportLab's built-in CID fonts: nothing to embed, every PDF reader has them."""
_RANGES = (
    (KOREAN, ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF))),
    (JAPANESE, ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))),
    (
        CHINESE,
        (
            (0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3100, 0x312F), (0x31A0, 0x31EF),
            (0x3200, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F),
            (0xFF00, 0xFF65), (0xFFE0, 0xFFEF), (0x20000, 0x3134F),
        ),
    ),
)
MISSING = "?"
"""What prints instead of a character that no font here can draw."""
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_missing: set[str] = set()


@cache
def _glyphs(font: str) -> frozenset[str]:
    """The characters an embedded TrueType font can draw (control characters count: they
    never reach the page as glyphs)."""
    face = pdfmetrics.getFont(font).face  # type: ignore[attr-defined]
    return frozenset(map(chr, face.charToGlyph)) | frozenset(map(chr, range(0x20)))


@cache
def _cid_font(name: str) -> str:
    pdfmetrics.registerFont(UnicodeCIDFont(name))
    return name


def _cjk_font(code: int) -> str | None:
    for font, ranges in _RANGES:
        if any(low <= code <= high for low, high in ranges):
            return _cid_font(font)
    return None


def script_runs(text: str, font: str) -> list[tuple[str, str]]:
    """``text`` as (piece, font) runs: CJK characters in a CID font, the rest in ``font``;
    a character neither can draw becomes ``MISSING`` and is remembered."""
    glyphs = _glyphs(font)
    if set(text) <= glyphs:  # nearly every text: no per-character work
        return [(text, font)]
    runs: list[tuple[str, str]] = []
    for char in text:
        chosen = font
        if char not in glyphs:
            cjk = _cjk_font(ord(char))
            if cjk is None:
                _missing.add(char)
                char = MISSING
            else:
                chosen = cjk
        if runs and runs[-1][1] == chosen:
            runs[-1] = (runs[-1][0] + char, chosen)
        else:
            runs.append((char, chosen))
    return runs


def forget_missing() -> None:
    """Start a new report: no character is missing yet."""
    _missing.clear()


def missing_characters() -> list[str]:
    """The characters printed as ``MISSING`` since ``forget_missing``, as U+ code points."""
    return [f"U+{ord(char):04X}" for char in sorted(_missing)]


def visual(text: str) -> str:
    """A run of one line in display order: right-to-left text (Hebrew, Arabic) reversed as
    the Unicode bidirectional algorithm says; other text as it is."""
    return get_display(text) if _RIGHT_TO_LEFT.search(text) else text


def draw_string(canvas: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """One line of plain text at (x, y), in any script (page headers and footers)."""
    line = canvas.beginText(x, y)
    for piece, piece_font in script_runs(visual(text), font):
        line.setFont(piece_font, size)
        line.textOut(piece)
    canvas.drawText(line)


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
            for piece, font in script_runs(text, FONT_BOLD if bolds else FONT):
                runs.append(Run(piece, font, colours[-1]))

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
            # All of it fits at this width: a table cell can ask at a width other than the one
            # it measured at, and wants two parts back (ReportLab's _splitCell).
            rest = Text("", self.style, runs=self.runs, lines=[])
            rest.spaceBefore = rest.spaceAfter = 0
            return [self, rest]
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
                text.textOut(visual(run.text))
            y -= leading
        canvas.drawText(text)
