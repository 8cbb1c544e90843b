"""The LibreOffice baseline's input: a flat OpenDocument text equivalent to a readiness report.

Two documents. ``same_structure`` walks the report's own story: every heading, paragraph
(bold runs kept), table (column widths, repeating header rows), chart (as SVG), page break,
and a running header and a "page X of Y" footer, so that LibreOffice lays out what our
report lays out. ``same_text`` keeps only the text, line for line and page for page: a
lower bound for LibreOffice, kept to show how much of its time the structure costs.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterator

from pypdf import PdfReader
from reportlab.graphics.renderSVG import drawToString
from reportlab.graphics.shapes import Drawing
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table

from aeo_assess.reporting.readiness import ReadinessReport
from aeo_assess.reporting.style import FONT_BOLD
from aeo_assess.reporting.text import Text

NAMESPACES = """xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""""

STYLES = """<office:styles>
 <style:style style:name="Standard" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.1cm"/>
  <style:text-properties style:font-name="DejaVu Sans" fo:font-family="DejaVu Sans"
   fo:font-size="9pt"/>
 </style:style>
 <style:style style:name="Line" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0cm"/>
  <style:text-properties fo:font-size="8pt"/>
 </style:style>
 <style:style style:name="Page" style:family="paragraph" style:parent-style-name="Line">
  <style:paragraph-properties fo:break-before="page"/>
 </style:style>
 <style:style style:name="Cell" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:font-size="8.5pt"/>
 </style:style>
 <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm"
   fo:keep-with-next="always"/>
  <style:text-properties fo:font-size="14pt" fo:font-weight="bold" fo:color="#0065A0"/>
 </style:style>
 <style:style style:name="Heading2" style:family="paragraph" style:parent-style-name="Heading">
  <style:text-properties fo:font-size="11pt" fo:color="#1F2933"/>
 </style:style>
 <style:style style:name="B" style:family="text">
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
</office:styles>"""

PAGE_LAYOUT = """<style:page-layout style:name="Layout">
  <style:page-layout-properties fo:page-width="{width}pt" fo:page-height="{height}pt"
   fo:margin-top="1.3cm" fo:margin-bottom="1.1cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0.8cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.8cm"/></style:footer-style>
 </style:page-layout>"""

MASTER = """<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="Layout">{furniture}
 </style:master-page>
</office:master-styles>"""
FURNITURE = """
  <style:header><text:p text:style-name="Line">{header}</text:p></style:header>
  <style:footer><text:p text:style-name="Line">{footer} · <text:page-number/> / <text:page-count/>
  </text:p></style:footer>"""


def _document(
    body: str, automatic: str, page: tuple[float, float], header: str = "", footer: str = ""
) -> str:
    furniture = FURNITURE.format(header=html.escape(header), footer=html.escape(footer))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NAMESPACES}'
        ' office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">\n'
        f"{STYLES}\n<office:automatic-styles>\n"
        f"{PAGE_LAYOUT.format(width=page[0], height=page[1])}\n{automatic}\n"
        f"</office:automatic-styles>\n"
        f"{MASTER.format(furniture=furniture if header else '')}\n"
        f"<office:body><office:text>\n{body}\n</office:text></office:body></office:document>\n"
    )


def _runs(text: Text) -> str:
    parts = []
    for run in text.runs:
        if run.text == "\n":
            parts.append("<text:line-break/>")
        elif run.font == FONT_BOLD:
            parts.append(f'<text:span text:style-name="B">{html.escape(run.text)}</text:span>')
        else:
            parts.append(html.escape(run.text))
    return "".join(parts)


class _Writer:
    def __init__(self) -> None:
        self.body: list[str] = []
        self.automatic: list[str] = []
        self.tables = 0
        self.images = 0
        self.page_break = False

    def paragraph(self, text: Text, style: str = "Standard") -> str:
        name = text.style.name
        if name in ("h1", "title"):
            return f'<text:h text:style-name="Heading" text:outline-level="1">{_runs(text)}</text:h>'
        if name in ("h2", "company"):
            return f'<text:h text:style-name="Heading2" text:outline-level="2">{_runs(text)}</text:h>'
        return f'<text:p text:style-name="{style}">{_runs(text)}</text:p>'

    def add(self, flowable: Flowable) -> None:
        if isinstance(flowable, PageBreak):
            self.page_break = True
        elif isinstance(flowable, KeepTogether):
            for inner in flowable._content:
                self.add(inner)
        elif isinstance(flowable, (Spacer, CondPageBreak)):
            return
        elif isinstance(flowable, Text):
            self.emit(self.paragraph(flowable))
        elif isinstance(flowable, Table):
            self.emit(self.table(flowable))
        elif isinstance(flowable, Drawing):
            self.emit(self.image(flowable))
        else:
            raise TypeError(f"no OpenDocument equivalent for {type(flowable).__name__}")

    def emit(self, xml: str) -> None:
        if self.page_break:
            self.body.append('<text:p text:style-name="Page"/>')
            self.page_break = False
        self.body.append(xml)

    def table(self, table: Table) -> str:
        self.tables += 1
        name = f"T{self.tables}"
        widths = table._colWidths
        columns = []
        for number, width in enumerate(widths):
            column = f"{name}.{number}"
            self.automatic.append(
                f'<style:style style:name="{column}" style:family="table-column">'
                f'<style:table-column-properties style:column-width="{width:.1f}pt"/>'
                "</style:style>")
            columns.append(f'<table:table-column table:style-name="{column}"/>')
        self.automatic.append(
            f'<style:style style:name="{name}" style:family="table"><style:table-properties '
            f'style:width="{sum(widths):.1f}pt" table:align="left"/></style:style>')
        rows = []
        for cells in table._cellvalues:
            row = "".join(
                '<table:table-cell office:value-type="string">'
                + "".join(self.paragraph(c, "Cell") for c in _texts(cell))
                + "</table:table-cell>"
                for cell in cells)
            rows.append(f"<table:table-row>{row}</table:table-row>")
        head = ""
        if table.repeatRows:
            head = f"<table:table-header-rows>{rows[0]}</table:table-header-rows>"
            rows = rows[1:]
        return (f'<table:table table:name="{name}" table:style-name="{name}">'
                f'{"".join(columns)}{head}{"".join(rows)}</table:table>')

    def image(self, drawing: Drawing) -> str:
        self.images += 1
        svg = base64.b64encode(drawToString(drawing).encode()).decode()
        return (f'<text:p text:style-name="Standard"><draw:frame draw:name="Chart{self.images}" '
                f'text:anchor-type="as-char" svg:width="{drawing.width:.1f}pt" '
                f'svg:height="{drawing.height:.1f}pt"><draw:image>'
                f"<office:binary-data>{svg}</office:binary-data></draw:image></draw:frame>"
                "</text:p>")


def _texts(cell: object) -> Iterator[Text]:
    if isinstance(cell, Text):
        yield cell
    elif isinstance(cell, (list, tuple)):
        for inner in cell:
            yield from _texts(inner)
    elif cell:
        raise TypeError(f"no OpenDocument equivalent for a cell of {type(cell).__name__}")


def same_structure(report: ReadinessReport) -> str:
    """The report's story as OpenDocument: same headings, paragraphs, tables and charts."""
    writer = _Writer()
    for flowable in report.story():
        writer.add(flowable)
    words = report.words
    return _document(
        "\n".join(writer.body),
        "\n".join(writer.automatic),
        report.pagesize,
        f"{report.assessment.company} · {words.date(report.generated_at.date())}",
        words("AEO readiness report"),
    )


def same_text(pdf: bytes, page: tuple[float, float]) -> str:
    """The PDF's text only, one paragraph per line and a page break per page."""
    lines = []
    for number, pdf_page in enumerate(PdfReader(io.BytesIO(pdf)).pages):
        for line_number, line in enumerate(pdf_page.extract_text().splitlines()):
            style = "Page" if line_number == 0 and number else "Line"
            lines.append(f'<text:p text:style-name="{style}">{html.escape(line)}</text:p>')
    return _document("\n".join(lines), "", page)
