"""Word documents of the readiness and review reports: the PDF's sections in the same order as
real Word headings, tables with repeating header rows, charts as pictures, text as typed; and,
where LibreOffice is installed, a document it opens and converts."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.document import Document
from PIL import Image

from aeo_assess.domain.assessment import Assessment
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.review import Review
from aeo_assess.reporting import render_readiness_report
from aeo_assess.reporting.charts import bar_chart
from aeo_assess.reporting.review_report import render_review_report
from aeo_assess.reporting.word import chart_png, render_readiness_docx, render_review_docx
from aeo_assess.reporting.words import Words
from aeo_assess.scoring import chart as score_chart
from aeo_assess.scoring import score
from tests.reporting.samples import GENERATED_AT, TRICKY_COMPANY, full_assessment, safe_aeo, text_of
from tests.reporting.test_review_report import assessment, review  # noqa: F401  (fixtures)

HEADING_STYLES = ("Title", "Heading 1", "Heading 2")


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return safe_aeo()


@pytest.fixture(scope="module")
def readiness(questionnaire: Questionnaire) -> Assessment:
    return full_assessment(questionnaire, evidence=3)


def options(language: str) -> dict[str, object]:
    return {"language": language, "page_size": "A4", "generated_at": GENERATED_AT}


def open_docx(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def headings(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None
            and p.style.name in HEADING_STYLES]


def in_order(needles: list[str], haystack: str) -> list[str]:
    """The needles that are not found after the previous one (empty when all are in order)."""
    missing, position = [], 0
    for needle in needles:
        found = haystack.find(" ".join(needle.split()), position)
        if found < 0:
            missing.append(needle)
        else:
            position = found + len(needle)
    return missing


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_readiness_document_has_the_pdf_sections_in_order(
    questionnaire: Questionnaire, readiness: Assessment, language: str
) -> None:
    card = score(questionnaire, readiness)
    pdf = render_readiness_report(questionnaire, readiness, card, **options(language))  # type: ignore[arg-type]
    document = open_docx(render_readiness_docx(questionnaire, readiness, card,
                                               **options(language)))  # type: ignore[arg-type]
    found = headings(document)
    assert len(found) > 25
    assert in_order(found, text_of(pdf)) == []
    title = "AEO readiness report" if language == "en" else "Informe de preparación OEA"
    assert found[0] == title
    assert document.core_properties.title.endswith(TRICKY_COMPANY)
    assert document.core_properties.language == language
    body = "\n".join(p.text for p in document.paragraphs)
    assert TRICKY_COMPANY in body  # printed as typed, no markup left
    assert "&amp;" not in body and "<b>" not in body


def test_tables_charts_and_page_furniture(questionnaire: Questionnaire,
                                          readiness: Assessment) -> None:
    card = score(questionnaire, readiness)
    document = open_docx(render_readiness_docx(questionnaire, readiness, card, **options("en")))  # type: ignore[arg-type]
    assert len(document.inline_shapes) == 2  # score per criterion and the profile
    plan = next(t for t in document.tables
                if len(t.columns) > 1 and t.rows[0].cells[1].text == "Action")
    assert len(plan.rows) == len(card.action_plan) + 1
    assert plan.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # repeats on every page
    footer = document.sections[0].footer.paragraphs[0]
    assert "Page" in footer.text
    assert [f.get(f"{{{footer._p.nsmap['w']}}}instr") for f in footer._p.xpath("./w:fldSimple")] \
        == ["PAGE", "NUMPAGES"]
    assert TRICKY_COMPANY in document.sections[0].header.paragraphs[0].text


def test_the_review_document_has_the_pdf_sections_in_order(
    questionnaire: Questionnaire, assessment: Assessment, review: Review  # noqa: F811
) -> None:
    card = score(questionnaire, assessment)
    pdf = render_review_report(questionnaire, assessment, card, review, **options("es"))  # type: ignore[arg-type]
    document = open_docx(render_review_docx(questionnaire, assessment, card, review,
                                            **options("es")))  # type: ignore[arg-type]
    found = headings(document)
    assert found[0] == "Informe de revisión OEA"
    assert len(found) > 4
    assert in_order(found, text_of(pdf)) == []
    body = " ".join(cell.text for table in document.tables for row in table.rows
                    for cell in row.cells)
    assert "No seal check at gate 2 <urgent> & more." in body


def test_a_chart_becomes_a_picture_of_its_size(questionnaire: Questionnaire,
                                               readiness: Assessment) -> None:
    words = Words("en")
    chart = score_chart.build_chart(questionnaire, score(questionnaire, readiness), "en")
    drawing = bar_chart(chart, words, 400)
    image = Image.open(io.BytesIO(chart_png(drawing)))
    assert image.size == (round(drawing.width * 3), round(drawing.height * 3))
    colours = {colour for _count, colour in image.getcolors(1_000_000) or []}
    assert len(colours) > 10  # bars, labels and rules, not a blank picture


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed: the DOCX is not converted")
def test_libreoffice_converts_the_document(
    questionnaire: Questionnaire, readiness: Assessment, tmp_path: Path
) -> None:
    card = score(questionnaire, readiness)
    source = tmp_path / "report.docx"
    source.write_bytes(render_readiness_docx(questionnaire, readiness, card, **options("es")))  # type: ignore[arg-type]
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(source)], check=True, timeout=300, capture_output=True)
    converted = (tmp_path / "report.pdf").read_bytes()
    assert in_order(headings(open_docx(source.read_bytes()))[:10], text_of(converted)) == []
