"""Readiness and review reports as editable Word documents (DOCX, python-docx; issue 18).

The PDF reports build a story of flowables; ``WordOutput`` replaces only their last step,
``build``, and writes that same story as Word content: headings as Word headings, tables as
Word tables (header rows repeat on each page), charts as PNG pictures, page breaks, and the
running header and "page X of Y" footer as fields. Same content, same order, by construction.

Charts are drawn to PNG here from the ``reportlab.graphics`` drawing with Pillow (ReportLab's
own bitmap renderer needs pycairo, a compiled system library).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any, cast

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib.colors import Color
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table

from aeo_assess.domain.assessment import Assessment
from aeo_assess.domain.benchmark import CountryProgramme, PeerGroup
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.review import Review, SubmissionDiff
from aeo_assess.domain.scorecard import ScoreCard
from aeo_assess.reporting.readiness import ReadinessReport
from aeo_assess.reporting.review_report import ReviewReport
from aeo_assess.reporting.style import FONT, FONT_BOLD, INK
from aeo_assess.resources import data_path

HEADINGS = {"title": 0, "h1": 1, "h2": 2, "h3": 3}
"""Report styles that become Word headings (0 is Word's Title)."""
SMALL_STYLES = {"muted", "note", "cell-small", "hash", "kicker", "figure-label"}
PICTURE_SCALE = 3
"""Chart pixels per point: 216 dpi, sharp on paper."""
FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}


# -- charts -----------------------------------------------------------------------------------


def _rgba(colour: Color | None, opacity: float = 1.0) -> tuple[int, int, int, int] | None:
    if colour is None:
        return None
    red, green, blue = (round(part * 255) for part in colour.rgb())
    alpha = colour.alpha if colour.alpha is not None else 1.0
    return red, green, blue, round(255 * alpha * opacity)


def chart_png(drawing: Drawing) -> bytes:
    """The drawing's rectangles, lines, polygons, circles and strings as a PNG."""
    scale = PICTURE_SCALE
    width, height = round(drawing.width * scale), round(drawing.height * scale)
    image = Image.new("RGBA", (width, height), (255, 255, 255, 255))
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    pen = ImageDraw.Draw(layer)
    fonts: dict[tuple[str, float], ImageFont.FreeTypeFont] = {}

    def point(x: float, y: float) -> tuple[float, float]:
        return x * scale, (drawing.height - y) * scale

    def font(name: str, size: float) -> ImageFont.FreeTypeFont:
        key = (name, size)
        if key not in fonts:
            path = data_path("resources") / "fonts" / FONT_FILES.get(name, FONT_FILES[FONT])
            fonts[key] = ImageFont.truetype(str(path), round(size * scale))
        return fonts[key]

    def draw(shape: Any) -> None:
        if isinstance(shape, Group):
            for child in shape.contents:
                draw(child)
        elif isinstance(shape, Rect):
            (x0, y1), (x1, y0) = point(shape.x, shape.y), point(shape.x + shape.width,
                                                                 shape.y + shape.height)
            pen.rectangle((x0, y0, x1, y1), fill=_rgba(shape.fillColor, shape.fillOpacity or 1),
                          outline=_rgba(shape.strokeColor),
                          width=max(1, round((shape.strokeWidth or 0) * scale)))
        elif isinstance(shape, Line):
            pen.line((point(shape.x1, shape.y1), point(shape.x2, shape.y2)),
                     fill=_rgba(shape.strokeColor), width=max(1, round(shape.strokeWidth * scale)))
        elif isinstance(shape, Polygon):
            points = [point(shape.points[i], shape.points[i + 1])
                      for i in range(0, len(shape.points), 2)]
            pen.polygon(points, fill=_rgba(shape.fillColor, shape.fillOpacity or 1),
                        outline=_rgba(shape.strokeColor),
                        width=max(1, round((shape.strokeWidth or 0) * scale)))
        elif isinstance(shape, Circle):
            x, y = point(shape.cx, shape.cy)
            r = shape.r * scale
            pen.ellipse((x - r, y - r, x + r, y + r), fill=_rgba(shape.fillColor),
                        outline=_rgba(shape.strokeColor))
        elif isinstance(shape, String):
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}.get(shape.textAnchor, "ls")
            pen.text(point(shape.x, shape.y), shape.text, fill=_rgba(shape.fillColor),
                     font=font(shape.fontName, shape.fontSize), anchor=anchor)

    for shape in drawing.contents:
        draw(shape)
    image.alpha_composite(layer)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "PNG", dpi=(72 * scale, 72 * scale))
    return buffer.getvalue()


# -- the story as Word content ----------------------------------------------------------------


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when laying out."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _shade(cell: _Cell, colour: Color) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), colour.hexval()[2:].upper())
    cell._tc.get_or_add_tcPr().append(shading)


def _backgrounds(table: Table, rows: int, columns: int) -> dict[tuple[int, int], Color]:
    """The fill of each cell that a BACKGROUND command colours (badges, banners, header rows):
    white text on such a fill must stay readable in Word too."""
    fills: dict[tuple[int, int], Color] = {}
    for command in cast(Any, table)._bkgrndcmds:
        if command[0] != "BACKGROUND" or not isinstance(command[3], Color):
            continue
        (c0, r0), (c1, r1) = command[1], command[2]
        for row in range(r0 % rows, r1 % rows + 1):
            for column in range(c0 % columns, c1 % columns + 1):
                fills[(row, column)] = command[3]
    return fills


def _repeat_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


class WordOutput:
    """Mixed in before a report class: ``render()`` then returns DOCX bytes of its story."""

    words: Any
    _style_ids: dict[str, str]
    pagesize: tuple[float, float]
    margin_left: float
    margin_right: float
    margin_top: float
    margin_bottom: float
    generated_at: dt.datetime

    if TYPE_CHECKING:  # the report class's own, found after this class at run time

        def story(self) -> list[Flowable]: ...

    def build(
        self,
        *,
        title: str,
        author: str,
        subject: str,
        keywords: list[str],
        header_left: str,
        footer_left: str,
        warning: str = "",
    ) -> bytes:
        document = Document()
        section = document.sections[0]
        section.page_width, section.page_height = (Pt(side) for side in self.pagesize)
        section.left_margin, section.right_margin = Pt(self.margin_left), Pt(self.margin_right)
        section.top_margin, section.bottom_margin = Pt(self.margin_top), Pt(self.margin_bottom)
        normal = document.styles["Normal"]
        normal.font.name = "DejaVu Sans"
        normal.font.size = Pt(9.5)
        header = section.header.paragraphs[0]
        date = self.words.date(self.generated_at.date())
        header.text = " · ".join(part for part in (header_left, warning, date) if part)
        footer = section.footer.paragraphs[0]
        before, _, rest = self.words("Page {page} of {pages}").partition("{page}")
        between, _, after = rest.partition("{pages}")
        footer.add_run(f"{footer_left} · {before}")
        _field(footer, "PAGE")
        footer.add_run(between)
        _field(footer, "NUMPAGES")
        footer.add_run(after)
        self._style_ids = {name: document.styles[name].style_id
                           for name in ("Title", "Heading 1", "Heading 2", "Heading 3",
                                        "Table Grid")}
        """Looked up once: python-docx searches the styles part at every use by name."""
        properties = document.core_properties
        properties.title, properties.author, properties.subject = title, author, subject
        properties.keywords = ", ".join(keywords)
        properties.language = self.words.language
        for flowable in self.story():
            self._add(document, flowable)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    def _add(self, document: DocxDocument, flowable: Flowable) -> None:
        from aeo_assess.reporting.text import Text

        if isinstance(flowable, Text):
            self._paragraph(document, flowable)
        elif isinstance(flowable, Table):
            self._table(document, flowable)
        elif isinstance(flowable, KeepTogether):
            for part in cast(Any, flowable)._content:  # ReportLab keeps no public copy
                self._add(document, part)
        elif isinstance(flowable, Drawing):
            document.add_picture(io.BytesIO(chart_png(flowable)), width=Pt(flowable.width))
        elif isinstance(flowable, PageBreak):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif not isinstance(flowable, Spacer | CondPageBreak):
            raise TypeError(f"no Word form for {type(flowable).__name__}")

    def _paragraph(self, target: DocxDocument | _Cell, text: Any) -> None:
        name = text.style.name
        level = HEADINGS.get(name)
        paragraph = target.add_paragraph()
        if level is not None and isinstance(target, DocxDocument):
            name_of_level = "Title" if level == 0 else f"Heading {level}"
            paragraph._p.style = self._style_ids[name_of_level]
        if text.bullet:
            paragraph.add_run(f"{text.bullet} ")
            paragraph.paragraph_format.left_indent = Pt(text.style.leftIndent)
        for run in text.runs:
            if run.text == "\n":
                paragraph.add_run().add_break()
                continue
            piece = paragraph.add_run(run.text)
            if level is not None:
                continue  # the heading style's own font and colour
            if run.font == FONT_BOLD:
                piece.bold = True
            if run.colour != INK:
                piece.font.color.rgb = RGBColor.from_string(run.colour.hexval()[2:].upper())
            if name in SMALL_STYLES or name.startswith("cell"):
                piece.font.size = Pt(text.style.fontSize)

    def _table(self, document: DocxDocument, table: Table) -> None:
        rows: list[list[Any]] = cast(Any, table)._cellvalues  # as the table was given them
        columns = max(len(row) for row in rows)
        word_table = document.add_table(rows=len(rows), cols=columns)
        word_table._tbl.tblStyle_val = self._style_ids["Table Grid"]
        word_table.autofit = False
        widths = [Pt(width) for width in cast(Any, table)._colWidths if width is not None]
        if len(widths) == columns:
            for column, width in zip(word_table.columns, widths, strict=True):
                column.width = width
        fills = _backgrounds(table, len(rows), columns)
        for number, (row, word_row) in enumerate(zip(rows, word_table.rows, strict=True)):
            cells = word_row.cells
            if number < table.repeatRows:
                _repeat_header(word_row)
            for column, value in enumerate(row):
                cell = cells[column]
                if (number, column) in fills:
                    _shade(cell, fills[(number, column)])
                if len(widths) == columns:
                    cell.width = widths[column]
                first = cell.paragraphs[0]
                for part in value if isinstance(value, list | tuple) else [value]:
                    self._cell_part(cell, part)
                if len(cell.paragraphs) > 1 and not first.text:
                    first._p.getparent().remove(first._p)
        document.add_paragraph()

    def _cell_part(self, cell: _Cell, part: Any) -> None:
        from aeo_assess.reporting.text import Text

        if isinstance(part, Text):
            self._paragraph(cell, part)
        elif isinstance(part, str):
            cell.add_paragraph(part)
        elif isinstance(part, Table):  # a table inside a cell: its text, row by row
            for row in cast(Any, part)._cellvalues:
                for value in row:
                    for inner in value if isinstance(value, list | tuple) else [value]:
                        self._cell_part(cell, inner)
        elif not isinstance(part, Spacer):
            raise TypeError(f"no Word form for {type(part).__name__} in a table")


class ReadinessDocx(WordOutput, ReadinessReport):
    """The readiness report's story as DOCX."""


class ReviewDocx(WordOutput, ReviewReport):
    """The review report's story as DOCX."""


def render_readiness_docx(
    questionnaire: Questionnaire,
    assessment: Assessment,
    card: ScoreCard,
    *,
    language: str,
    page_size: str,
    peers: PeerGroup | None = None,
    k: int = 5,
    country: CountryProgramme | None = None,
    generated_at: dt.datetime,
    signature: tuple[str, str] | None = None,
) -> bytes:
    """``render_readiness_report`` as an editable Word document."""
    return ReadinessDocx(questionnaire, assessment, card, language=language, page_size=page_size,
                         peers=peers, k=k, country=country, generated_at=generated_at,
                         signature=signature).render()


def render_review_docx(
    questionnaire: Questionnaire,
    assessment: Assessment,
    card: ScoreCard,
    review: Review,
    *,
    diff: SubmissionDiff | None = None,
    previous: Assessment | None = None,
    language: str,
    page_size: str,
    generated_at: dt.datetime,
    signatures: tuple[tuple[str, str], ...] = (),
    signature_warning: str = "",
) -> bytes:
    """``render_review_report`` as an editable Word document."""
    return ReviewDocx(questionnaire, assessment, card, review, diff=diff, previous=previous,
                      language=language, page_size=page_size, generated_at=generated_at,
                      signatures=signatures, signature_warning=signature_warning).render()
