"""A facilitator's workshop, end to end in the GUI: create it, import a pile of files (one of
them broken), print every participant's report, the summary and the benchmark pack."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from aeo_assess.gui.workshops.window import WorkshopsWindow
from aeo_assess.services import transfer
from aeo_assess.services.context import AppContext, open_context
from aeo_assess.services.demo import create_demo_data
from tests.benchmarks.helpers import random_assessment, store
from tests.gui.conftest import OpenWindow, type_text
from tests.reporting.samples import reader, text_of

COUNTRIES = ("CR", "CR", "CR", "GT", "GT", "PE")


@pytest.fixture
def participants(tmp_path: Path) -> Iterator[tuple[list[Path], list[str]]]:
    """Applicant files written on the participants' own installation, and their companies."""
    other = open_context(f"sqlite:///{tmp_path / 'participants.sqlite3'}")
    rng = random.Random(6)
    made = [random_assessment(rng, country) for country in COUNTRIES]
    ids = store(other, made)
    folder = tmp_path / "inbox"
    folder.mkdir()
    files = [transfer.export_assessment(other, a, folder / f"{a[:8]}.aeoa") for a in ids]
    other.database.close()
    yield files, [a.company for a in made]


def open_workshops(qtbot: QtBot, open_window: OpenWindow) -> WorkshopsWindow:
    window = open_window()
    window.workshops_action.trigger()  # View › Workshops
    page = window.workshops_window
    assert isinstance(page, WorkshopsWindow)
    qtbot.waitExposed(page)
    return page


def create_workshop(qtbot: QtBot, page: WorkshopsWindow) -> None:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.new_dialog is not None and page.new_dialog.isVisible())
    dialog = page.new_dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)  # Create, no name
    assert dialog.isVisible() and "name" in dialog.error.text()
    type_text(dialog.name, "Taller OEA Tegucigalpa")
    type_text(dialog.place, "Tegucigalpa")
    type_text(dialog.facilitator, "Ana Pérez")
    with qtbot.waitSignal(dialog.created):
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.title.text() == "Taller OEA Tegucigalpa")


def test_workshop_from_import_to_printed_reports(
    qtbot: QtBot,
    open_window: OpenWindow,
    participants: tuple[list[Path], list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files, companies = participants
    broken = tmp_path / "inbox" / "broken.aeoa"
    broken.write_bytes(b"this is not a ZIP container")
    page = open_workshops(qtbot, open_window)
    assert not page.import_button.isEnabled()
    create_workshop(qtbot, page)
    assert "Ana Pérez" in page.facts.text()

    chosen = [*files[:3], broken, *files[3:]]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *args, **kwargs: ([str(p) for p in chosen], ""))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.summary_dialog is not None, timeout=30_000)
    summary = page.summary_dialog
    assert summary is not None and summary.isVisible()
    assert "Imported: 6" in summary.heading.text() and "Refused: 1" in summary.heading.text()
    refused = [row for row in summary.rows() if row[1] == "Refused"]
    assert [row[0] for row in refused] == ["broken.aeoa"]
    assert "ZIP" in refused[0][2]  # the reason, as the import service gives it
    summary.close()
    qtbot.waitUntil(lambda: page.members_loaded)  # read in the background
    assert page.members.topLevelItemCount() == 6

    out = tmp_path / "reports"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(out))
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_print is not None, timeout=180_000)
    assert page.last_print is not None and not page.last_print.failed
    printed = sorted(out.glob("*.pdf"))
    assert len(printed) == 6
    assert "6 reports written" in page.status.text()
    first = text_of(printed[0].read_bytes())
    assert "Comparison with peers" in first and "AEO programme in" in first

    pdf = tmp_path / "summary.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(pdf), ""))
    qtbot.mouseClick(page.summary_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "summary written" in page.status.text(), timeout=60_000)
    text = text_of(pdf.read_bytes())
    assert "Workshop summary" in text and "Taller OEA Tegucigalpa" in text
    for company in companies:
        assert company not in text


def test_demonstration_workshop_exports_its_pack_and_says_so(
    qtbot: QtBot, open_window: OpenWindow, ctx: AppContext, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    create_demo_data(ctx)
    page = open_workshops(qtbot, open_window)
    assert page.list.count() == 1 and "Demonstration data" in page.list.item(0).text()
    assert page.demo_banner.isVisible()
    pack = tmp_path / "taller.aeob"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(pack), ""))
    qtbot.mouseClick(page.pack_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Benchmark pack written" in page.status.text(), timeout=60_000)
    assert pack.exists() and "demonstration data" in page.status.text()

    summary = tmp_path / "demo-summary.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(summary), ""))
    qtbot.mouseClick(page.summary_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "summary written" in page.status.text(), timeout=60_000)
    pages = reader(summary.read_bytes()).pages
    assert len(pages) > 1
    assert all("Demonstration data" in p.extract_text() for p in pages)

