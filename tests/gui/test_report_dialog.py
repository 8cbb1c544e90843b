"""Report…: generates in the background, previews with QtPdf, saves, prints, shows errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.report_dialog import ReportDialog
from aeo_assess.i18n import set_language
from aeo_assess.services import assessments
from aeo_assess.services.context import AppContext, open_context
from aeo_assess.settings import Settings
from tests.reporting.samples import reader, text_of


@pytest.fixture
def gui(tmp_path: Path) -> Iterator[GuiContext]:
    set_language("es")  # the report is in the interface's language by default
    app = open_context(f"sqlite:///{tmp_path / 'dialog.sqlite3'}")
    set_language("es")  # the report's language follows the interface's
    yield GuiContext(app=app, settings=Settings(language="es", page_size="Letter"))
    app.database.close()


def create(ctx: AppContext) -> str:
    return assessments.create_assessment(
        ctx, questionnaire_id="safe-aeo", company="Café <Tostado> & Hijos", country="HN",
        roles=["exporter"], aeo_types=["security"],
    )


def open_dialog(qtbot: QtBot, gui: GuiContext, assessment_id: str) -> ReportDialog:
    dialog = ReportDialog(gui, assessment_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_generates_previews_saves_and_prints(
    qtbot: QtBot, gui: GuiContext, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, gui, create(gui.app))
    assert dialog.language.currentData() == "es" and dialog.page_size.currentData() == "Letter"
    assert dialog.page_size.currentText() == "Carta (EE. UU.)"  # A4 is A4 everywhere
    qtbot.waitUntil(lambda: dialog.document.pageCount() > 0, timeout=30_000)
    assert dialog.save_button.isEnabled() and dialog.print_button.isEnabled()
    assert dialog.view.document() is dialog.document
    pages = dialog.document.pageCount()
    assert dialog.pdf is not None and len(reader(dialog.pdf).pages) == pages

    saved = dialog.save_to(tmp_path / "saved.pdf")
    assert "Café <Tostado> & Hijos" in text_of(saved.read_bytes())

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer)
    assert len(reader((tmp_path / "printed.pdf").read_bytes()).pages) == pages


def test_regenerates_in_the_chosen_language(qtbot: QtBot, gui: GuiContext) -> None:
    dialog = open_dialog(qtbot, gui, create(gui.app))
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=30_000)
    assert "Resumen ejecutivo" in text_of(dialog.pdf or b"")
    first = dialog.pdf
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.generate()
    qtbot.waitUntil(lambda: dialog.pdf is not first, timeout=30_000)
    assert "Executive summary" in text_of(dialog.pdf or b"")


def test_an_error_is_a_readable_message(qtbot: QtBot, gui: GuiContext) -> None:
    dialog = open_dialog(qtbot, gui, "no-such-assessment")
    qtbot.waitUntil(lambda: "no-such-assessment" in dialog.status.text(), timeout=30_000)
    assert dialog.status.text().endswith(  # the interface's language, not the log's English
        "no hay ninguna evaluación con el identificador 'no-such-assessment'")
    assert not dialog.save_button.isEnabled() and dialog.generate_button.isEnabled()
