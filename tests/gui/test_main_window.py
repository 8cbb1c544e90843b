"""The main window as a user drives it: list, sort, filter, open, import, export, delete,
language, and what is remembered between runs."""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from aeo_assess.cli import main as cli_main
from aeo_assess.gui import app as gui_app
from aeo_assess.gui.assessment_list import SUMMARY_ROLE, Column
from aeo_assess.gui.company_dialog import CompanyProfileDialog
from aeo_assess.gui.editor.assessment_editor import AssessmentEditor
from aeo_assess.gui.main_window import MainWindow
from aeo_assess.i18n import catalog_dir
from aeo_assess.services import assessments, listing, transfer
from aeo_assess.services.context import AppContext, open_context
from aeo_assess.services.demo import create_demo_data
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage.models import AssessmentRow
from tests.gui.conftest import DialogAnswer, OpenWindow, activate, new_assessment
from tests.gui.translations import gettext_literals, po_catalog

GUI_SOURCES = [
    "aeo_assess/gui/app.py",
    "aeo_assess/gui/main_window.py",
    "aeo_assess/gui/assessment_list.py",
    "aeo_assess/gui/new_assessment_wizard.py",
    "aeo_assess/gui/first_start.py",
    "aeo_assess/gui/language.py",
    "aeo_assess/gui/background.py",
    "aeo_assess/gui/company_dialog.py",
    "aeo_assess/gui/file_names.py",
    "aeo_assess/gui/signing.py",
    "aeo_assess/gui/cycles.py",
]
ROOT = Path(__file__).resolve().parents[2]
FIELD = re.compile(r"{\w+}")
AnswerDialog = Callable[[Callable[[QWidget], None]], DialogAnswer]


def companies(window: MainWindow) -> list[str]:
    proxy = window.list_page.model
    return [str(proxy.index(r, Column.COMPANY).data()) for r in range(proxy.rowCount())]


def click_row(qtbot: QtBot, window: MainWindow, company: str) -> None:
    table = window.list_page.table
    row = companies(window).index(company)
    rect = table.visualRect(window.list_page.model.index(row, Column.COUNTRY))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.list_page.current() is not None
    assert window.list_page.current().company == company  # type: ignore[union-attr]


def press(qtbot: QtBot, widget: QWidget, key: str) -> None:
    """A key combination as a user types it, e.g. "Ctrl+F"."""
    *modifiers, name = key.split("+")
    flags = Qt.KeyboardModifier.NoModifier
    for modifier in modifiers:
        flags |= {"Ctrl": Qt.KeyboardModifier.ControlModifier,
                  "Shift": Qt.KeyboardModifier.ShiftModifier,
                  "Alt": Qt.KeyboardModifier.AltModifier}[modifier]
    qtbot.keyClick(widget, getattr(Qt.Key, f"Key_{name}"), flags)


def test_list_sorts_and_filters(qtbot: QtBot, ctx: AppContext, open_window: OpenWindow) -> None:
    new_assessment(ctx, "Zeta Logística S.A.", "PE")
    new_assessment(ctx, "Alfa Exportadora", "CR")
    new_assessment(ctx, "Café del Monte", "CL")
    window = open_window()
    assert window.database_label.text() == f"Database: {ctx.database.location}"
    assert sorted(companies(window)) == ["Alfa Exportadora", "Café del Monte", "Zeta Logística S.A."]

    header = window.list_page.table.horizontalHeader()
    x = header.sectionViewportPosition(Column.COMPANY) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    first = companies(window)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert {tuple(first), tuple(companies(window))} == {
        ("Alfa Exportadora", "Café del Monte", "Zeta Logística S.A."),
        ("Zeta Logística S.A.", "Café del Monte", "Alfa Exportadora"),
    }

    press(qtbot, window.list_page.table, "Ctrl+F")
    qtbot.waitUntil(window.list_page.filter_edit.hasFocus)
    qtbot.keyClicks(window.list_page.filter_edit, "logistica")  # accents need not be typed
    assert companies(window) == ["Zeta Logística S.A."]
    assert window.list_page.count_label.text() == "1 of 3 assessments"
    window.list_page.filter_edit.clear()
    qtbot.keyClicks(window.list_page.filter_edit, "chile")  # the country name, not its code
    assert companies(window) == ["Café del Monte"]
    # Enter in the filter with one match left opens it.
    qtbot.keyClick(window.list_page.filter_edit, Qt.Key.Key_Return)
    assert window.editor is not None
    assert window.windowTitle() == "Café del Monte — aeo-assess"


def test_open_with_enter_and_close_with_ctrl_w(
    qtbot: QtBot, ctx: AppContext, open_window: OpenWindow
) -> None:
    assessment_id = new_assessment(ctx, "Bodegas Andinas")
    window = open_window()
    click_row(qtbot, window, "Bodegas Andinas")
    qtbot.keyClick(window.list_page.table, Qt.Key.Key_Return)
    assert window.editor_id == assessment_id
    assert window.stack.currentWidget() is window.editor
    assert not window.delete_action.isEnabled() and window.close_action.isEnabled()
    press(qtbot, window.editor, "Ctrl+W")  # type: ignore[arg-type]
    assert window.editor is None
    assert window.stack.currentWidget() is window.list_page
    assert window.list_page.current_id() == assessment_id


def test_company_profile_fixes_a_name_the_export_would_refuse(
    qtbot: QtBot, ctx: AppContext, open_window: OpenWindow, tmp_path: Path
) -> None:
    assessment_id = new_assessment(ctx, "Bodegas Andinas", "CR")
    with ctx.database.session() as session:  # as an older release stored it
        row = session.get(AssessmentRow, assessment_id)
        assert row is not None
        row.company = "Bodegas\x1b[2J Andinas"
    window = open_window()
    click_row(qtbot, window, "Bodegas\x1b[2J Andinas")
    assert window.edit_profile_action.isEnabled()
    window.edit_profile_action.trigger()
    dialog = window.findChild(CompanyProfileDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.tax_id.setText("9" * 65)  # more than the field takes: cut at 64 as typed
    assert dialog.tax_id.text() == "9" * 64
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and "U+001B" in dialog.problem.text()  # refused, stays open
    dialog.company.setText("Bodegas Andinas S.A.")
    dialog.country.setCurrentIndex(dialog.country.findData("PE"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    _, stored, _ = assessments.load(ctx, assessment_id)
    assert (stored.company, stored.tax_id, stored.country) == (
        "Bodegas Andinas S.A.", "9" * 64, "PE"
    )
    qtbot.waitUntil(lambda: companies(window) == ["Bodegas Andinas S.A."])
    transfer.export_assessment(ctx, assessment_id, tmp_path / "fixed.aeoa")


def test_delete_asks_naming_the_company_and_removes(
    qtbot: QtBot, ctx: AppContext, open_window: OpenWindow, answer_dialog: AnswerDialog
) -> None:
    kept = new_assessment(ctx, "Transportes del Norte")
    new_assessment(ctx, "Almacenes del Sur")
    window = open_window()
    click_row(qtbot, window, "Almacenes del Sur")

    asked: list[str] = []

    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        asked.append(dialog.text())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    answer_dialog(cancel)
    qtbot.keyClick(window.list_page.table, Qt.Key.Key_Delete)
    assert asked == ["Delete the assessment of “Almacenes del Sur”?"]
    assert len(assessments.list_assessments(ctx)) == 2
    activate(qtbot, window)

    def confirm(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        delete = next(b for b in dialog.buttons() if b.text() == "Delete")
        qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)

    answer_dialog(confirm)
    qtbot.keyClick(window.list_page.table, Qt.Key.Key_Delete)
    assert [r.id for r in assessments.list_assessments(ctx)] == [kept]
    assert companies(window) == ["Transportes del Norte"]


def _choose_files(monkeypatch: pytest.MonkeyPatch, paths: list[Path]) -> None:
    """The file dialog is the platform's; the test answers it as the user would."""
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(p) for p in paths], "")
    )


def test_import_summarises_imported_duplicate_and_refused(
    qtbot: QtBot,
    ctx: AppContext,
    open_window: OpenWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = open_context(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    sent = new_assessment(other, "Exportadora Maya", "GT")
    assessments.set_value(other, sent, "SAFE-A.03", 3)
    good = transfer.export_assessment(other, sent, tmp_path / "maya.aeoa")
    other.database.close()
    corrupt = tmp_path / "broken.aeoa"
    corrupt.write_bytes(b"PK\x03\x04 this is not a zip archive")
    window = open_window()

    _choose_files(monkeypatch, [good, good, corrupt])
    press(qtbot, window.list_page.table, "Ctrl+I")
    qtbot.waitUntil(lambda: window.import_summary is not None and window.import_summary.isVisible())
    summary = window.import_summary
    assert summary is not None
    assert summary.heading.text().splitlines() == [
        "Imported: 1", "Already in this database: 1", "Refused: 1"
    ]
    results = [
        [summary.tree.topLevelItem(i).text(c) for c in range(3)]  # type: ignore[union-attr]
        for i in range(summary.tree.topLevelItemCount())
    ]
    assert results[0] == ["maya.aeoa", "Imported", "Exportadora Maya"]
    assert results[1][:2] == ["maya.aeoa", "Already here"]
    assert results[2][:2] == ["broken.aeoa", "Refused"] and "not a ZIP file" in results[2][2]
    assert companies(window) == ["Exportadora Maya"]
    qtbot.keyClick(summary, Qt.Key.Key_Escape)


def test_failing_import_shows_why_and_changes_nothing(
    qtbot: QtBot,
    ctx: AppContext,
    open_window: OpenWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    new_assessment(ctx, "Agencia Aduanal Pacífico")
    before = assessments.list_assessments(ctx)
    corrupt = tmp_path / "damaged.aeoa"
    corrupt.write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    window = open_window()
    _choose_files(monkeypatch, [corrupt])
    window.import_action.trigger()
    qtbot.waitUntil(lambda: window.import_summary is not None)
    assert window.import_summary is not None
    assert "Refused: 1" in window.import_summary.heading.text()
    reason = window.import_summary.tree.topLevelItem(0).text(2)  # type: ignore[union-attr]
    assert "damaged.aeoa" in reason and "Traceback" not in reason
    assert assessments.list_assessments(ctx) == before


def test_csv_answers_go_into_the_selected_assessment(
    qtbot: QtBot,
    ctx: AppContext,
    open_window: OpenWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = new_assessment(ctx, "Consolidadora Caribe", "DO")
    sheet = tmp_path / "answers.csv"
    sheet.write_text("question_id;value;comment\nSAFE-A.03;3;hecho en taller\nSAFE-B.01;2;\n")
    window = open_window()
    _choose_files(monkeypatch, [sheet])
    window.import_action.trigger()  # nothing selected: refused, with what to do
    qtbot.waitUntil(lambda: window.import_summary is not None)
    assert window.import_summary is not None
    assert window.import_summary.tree.topLevelItem(0).text(2) == (  # type: ignore[union-attr]
        "Select the assessment these answers belong to, then import again."
    )
    window.import_summary.close()
    window.import_summary = None

    click_row(qtbot, window, "Consolidadora Caribe")
    window.import_action.trigger()
    qtbot.waitUntil(lambda: window.import_summary is not None)
    assert window.import_summary is not None
    assert window.import_summary.tree.topLevelItem(0).text(2) == (  # type: ignore[union-attr]
        "2 answers into Consolidadora Caribe"
    )
    _q, assessment, _card = assessments.load(ctx, target)
    assert assessment.answers["SAFE-A.03"].value == 3


def test_export_says_what_is_missing_then_writes_an_applicant_file(
    qtbot: QtBot,
    ctx: AppContext,
    open_window: OpenWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer_dialog: AnswerDialog,
) -> None:
    vinos = new_assessment(ctx, "Vinos del Valle", "CL")
    assessments.mark_not_applicable(ctx, vinos, "SAFE-D.01", "No aplica a nuestra bodega")
    window = open_window()
    click_row(qtbot, window, "Vinos del Valle")
    out = tmp_path / "vinos"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    messages: list[str] = []

    def choose(name: str) -> Callable[[QWidget], None]:
        def click_it(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            messages.append(box.text() + "\n" + box.informativeText())
            button = box.findChild(QPushButton, name)
            assert button is not None
            button.click()
        return click_it

    answer_dialog(choose("go_back"))  # what is missing, before anything is written
    press(qtbot, window.list_page.table, "Ctrl+E")
    qtbot.waitUntil(lambda: window.editor_id == vinos)  # back to the questions
    editor = window.editor
    assert isinstance(editor, AssessmentEditor)
    question = editor.panel.question
    assert question is not None and question.id == "SAFE-A.01"  # the first required one open
    missing = transfer.missing_before_export(ctx, vinos)
    assert messages[0].startswith("This assessment is not complete yet.")
    assert f"{missing.unanswered} questions are not answered yet." in messages[0]
    assert "Required questions not answered: SAFE-A.01, SAFE-A.02" in messages[0]
    assert "declared not applicable (the validator will check each reason): SAFE-D.01" in (
        messages[0])
    assert not any(tmp_path.glob("*.aeoa"))

    answer_dialog(choose("export_anyway"))
    activate(qtbot, window)
    press(qtbot, window, "Ctrl+E")
    written = tmp_path / "vinos.aeoa"
    qtbot.waitUntil(written.exists)
    qtbot.waitUntil(lambda: "vinos.aeoa" in window.statusBar().currentMessage())
    assert transfer.read_file(written).assessment.company == "Vinos del Valle"
    window.close_assessment()
    row = window.list_page.model.row_of(vinos)
    assert row is not None
    assert window.list_page.model.index(row, Column.STATUS).data() == "Submitted"


def test_switching_to_spanish_changes_the_labels(
    qtbot: QtBot, ctx: AppContext, open_window: OpenWindow, settings_file: Path
) -> None:
    new_assessment(ctx, "Frutas Tropicales", "HN")
    window = open_window()
    assert window.file_menu.title() == "&File"
    window.language_menu.actions_by_language["es"].trigger()
    assert window.file_menu.title() == "&Archivo"
    assert window.new_action.text() == "&Nueva evaluación…"
    model = window.list_page.model
    assert model.headerData(Column.COMPANY, Qt.Orientation.Horizontal) == "Empresa"
    assert model.index(0, Column.STATUS).data() == "Borrador"
    assert model.index(0, Column.LEVEL).data() == "No preparado (provisional)"
    assert window.database_label.text().startswith("Base de datos: ")
    assert window.list_page.count_label.text() == "1 evaluación"  # not "1 evaluaciones"
    assert json.loads(settings_file.read_text("utf-8"))["language"] == "es"
    window.language_menu.actions_by_language["en"].trigger()
    assert model.index(0, Column.COUNTRY).data() == "Honduras"
    assert window.edit_menu.title() == "&Edit"


def test_reopening_finds_everything_and_the_last_assessment(
    qtbot: QtBot, ctx: AppContext, open_window: OpenWindow
) -> None:
    assessment_id = new_assessment(ctx, "Textiles Quetzal", "GT")
    window = open_window()
    window.language_menu.actions_by_language["es"].trigger()
    window.resize(760, 540)  # within the offscreen platform's 800 x 600 screen
    window.list_page.splitter.setSizes([480, 260])
    splitter = window.list_page.splitter.sizes()
    click_row(qtbot, window, "Textiles Quetzal")
    window.open_action.trigger()
    window.close()

    again = open_window()
    assert again.editor_id == assessment_id
    assert again.stack.currentWidget() is again.editor
    assert again.file_menu.title() == "&Archivo"
    assert (again.width(), again.height()) == (760, 540)
    assert again.list_page.splitter.sizes() == splitter
    assert companies(again) == ["Textiles Quetzal"]

    again.close_action.trigger()  # closed before quitting: the next start shows the list
    again.close()
    third = open_window()
    assert third.editor is None


def test_demonstration_rows_are_marked(
    qtbot: QtBot, ctx: AppContext, open_window: OpenWindow
) -> None:
    create_demo_data(ctx, count=3)
    new_assessment(ctx, "Mi Empresa Real")
    window = open_window()
    proxy = window.list_page.model
    marked = {
        str(proxy.index(r, 0).data()): proxy.index(r, 0).data(Qt.ItemDataRole.AccessibleDescriptionRole)
        for r in range(proxy.rowCount())
    }
    assert marked.pop("Mi Empresa Real") is None
    assert set(marked.values()) == {"Demonstration data"}
    assert all(name.endswith(" (demo)") for name in marked)
    assert window.list_page.demo_legend.isVisible()
    demo_row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(SUMMARY_ROLE).demo)
    tooltip = proxy.index(demo_row, Column.STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.endswith("\nDemonstration data: a made-up company, not a real operator")
    window.list_page.table.selectRow(demo_row)
    assert window.list_page.details.demo_badge.isVisible()

    window.show_demo_action.trigger()  # View > Show demonstration data, unchecked
    assert companies(window) == ["Mi Empresa Real"]


def test_about_names_version_database_and_data_protection(
    qtbot: QtBot, ctx: AppContext, open_window: OpenWindow
) -> None:
    window = open_window()
    window.about_action.trigger()
    text = window.about_box.informativeText()
    assert ctx.database.location in text and "sends nothing over the network" in text
    assert "0.1.0" in window.about_box.text()
    window.about_box.close()


def test_unexpected_errors_are_logged_and_shown_readably(
    qtbot: QtBot, tmp_path: Path, answer_dialog: AnswerDialog
) -> None:
    log_file = tmp_path / "logs" / "aeo-assess.log"
    gui_app._attach_log_file(log_file)
    shown: list[str] = []

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        shown.append(dialog.text())
        dialog.accept()

    try:
        raise KeyError("criterion")
    except KeyError:
        kind, error, tb = sys.exc_info()
    reporter = gui_app.ErrorReporter(log_file)
    answer_dialog(read)
    reporter(kind, error, tb)  # type: ignore[arg-type]
    assert "Something unexpected went wrong: 'criterion'" in shown[0]
    assert "Traceback" not in shown[0] and str(log_file) in shown[0]
    answer_dialog(read)
    reporter(ServiceError, ServiceError("no assessment with id 'x'"), None)
    assert shown[1] == "no assessment with id 'x'"
    for handler in list(gui_app._logger.handlers):
        handler.flush()
        if isinstance(handler, logging.FileHandler):
            gui_app._logger.removeHandler(handler)
            handler.close()
    assert "KeyError: 'criterion'" in log_file.read_text("utf-8")


def test_cli_without_a_command_starts_the_gui(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[tuple[str | None, str | None]] = []
    monkeypatch.setattr(gui_app, "main", lambda db, lang: started.append((db, lang)) or 0)
    monkeypatch.delenv("AEO_ASSESS_DB", raising=False)
    assert cli_main.main([]) == 0
    assert cli_main.main(["--lang", "es", "--db", "sqlite:///x.sqlite3"]) == 0
    assert started == [(None, None), ("sqlite:///x.sqlite3", "es")]


@pytest.mark.parametrize("language", ["es", "fr"])
def test_every_interface_string_is_translated(language: str) -> None:
    catalog = po_catalog(catalog_dir(language) / "gui.po", language)
    messages = set(gettext_literals(ROOT / source for source in GUI_SOURCES))
    assert len(messages) > 100
    missing = sorted(m for m in messages if not catalog.get(m))
    assert missing == []
    for message in messages:  # the same {fields}, or format() fails at run time
        assert set(FIELD.findall(message)) == set(FIELD.findall(str(catalog[message]))), message


def test_the_window_fits_1280_by_720(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    window.resize(1280, 720)
    assert window.minimumSizeHint().width() <= 1280
    assert window.minimumSizeHint().height() <= 720


def test_the_window_shows_before_the_list_is_read(
    qtbot: QtBot, ctx: AppContext, db_url: str, settings_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    new_assessment(ctx, "Lenta S.A.")
    release = threading.Event()
    real = listing.list_page

    def slow(context: AppContext, *args: Any, **kwargs: Any) -> object:
        release.wait(10)  # a modest laptop's disk
        return real(context, *args, **kwargs)

    monkeypatch.setattr(listing, "list_page", slow)
    window = gui_app.launch(db_url, None)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    assert window.isVisible() and not window.loaded
    release.set()
    qtbot.waitUntil(lambda: window.loaded)
    assert window.list_page.visible_count() == 1
    window.gui.app.database.close()


@pytest.mark.slow
def test_the_window_is_drawn_before_the_database_layer_is_imported(tmp_path: Path) -> None:
    """Issue 19's "window first": the frame a user sees at start comes from light modules; the
    database layer, the services and PDF rendering load behind it. A top-level import in a
    module the frame needs (gui.cycles did) would put them all back in front of the first
    paint, making the start several times slower."""
    import os
    import subprocess

    code = (
        "import sys\n"
        "from aeo_assess.gui.app import _create_application\n"
        "from aeo_assess.gui.main_window import MainWindow\n"
        "from aeo_assess.settings import load_settings\n"
        "app = _create_application('es')\n"
        "window = MainWindow.opening(load_settings(), None)\n"
        "window.show()\n"
        "app.processEvents()\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"first_start_done": True}), "utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "AEO_ASSESS_SETTINGS": str(settings)}
    loaded = set(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                                text=True, check=True).stdout.split())
    assert "aeo_assess.gui.main_window" in loaded
    heavy = {"sqlalchemy", "alembic", "reportlab", "aeo_assess.storage.repository",
             "aeo_assess.services.assessments", "aeo_assess.services.cycles"}
    assert not heavy & loaded
