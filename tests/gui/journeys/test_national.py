"""Journey, a customs officer in Spanish on a national database (issue 19): the list shows its
first page and reads more as the officer scrolls; a search by tax id typed without separators
or by a company name typed without accents finds the file; a click on a column header sorts
in the database; the queue of applicant files shows the work left first, "Mostrar más" reads
the next page and its own search box finds any file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from aeo_assess.gui.assessment_list import Column
from aeo_assess.gui.main_window import MainWindow
from aeo_assess.services.context import AppContext
from aeo_assess.settings import Settings, save_settings
from benchmarks.seed import company_name, seed
from tests.gui.conftest import OpenWindow, activate
from tests.gui.journeys.conftest import SIZE, click

COUNT = 1500


def shown(window: MainWindow) -> list[str]:
    model = window.list_page.model
    return [str(model.index(r, Column.COMPANY).data()) for r in range(model.rowCount())]


def test_a_national_database(
    qtbot: QtBot, ctx: AppContext, open_window: OpenWindow, settings_file: Path
) -> None:
    seeded = seed(ctx.database, COUNT)
    save_settings(Settings(profile="officer", profile_chosen=True), settings_file)
    window = open_window("es")
    window.resize(*SIZE)
    page = window.list_page

    # --- the first page, then more as the officer scrolls ---------------------------------------
    assert page.count_label.text() == "1.500 evaluaciones"
    assert page.model.rowCount() == 200  # not 1,500 rows in the view
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 400)
    assert len(set(shown(window))) == 400

    # --- search by tax id, typed without its separators ------------------------------------------
    activate(qtbot, window)
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.filter_edit.hasFocus)
    qtbot.keyClicks(page.filter_edit, "3101000777")
    assert shown(window) == [company_name(777)]
    assert page.count_label.text() == "1 de 1.500 evaluaciones"

    # --- a company name typed without accents ---------------------------------------------------
    page.filter_edit.clear()
    assert company_name(1234) == "Montaña Exportadora 1234 SpA"
    qtbot.keyClicks(page.filter_edit, "montana exportadora 1234")
    assert shown(window) == ["Montaña Exportadora 1234 SpA"]
    page.filter_edit.clear()
    assert page.model.rowCount() == 200

    # --- a click on the Empresa header sorts the whole list, not the page read ---------------
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(Column.COMPANY) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    companies = shown(window)
    everyone = sorted(company_name(i) for i in range(COUNT))
    assert companies[0] in (everyone[0], everyone[-1])

    # --- the queue: the work left first, a page at a time, its own search ------------------------
    queue = window.review_hooks.queue
    qtbot.waitUntil(lambda: len(queue.rows) == 100)
    submissions = queue.matching
    assert 200 < submissions < 400  # a fifth of the files were sent by applicants
    assert queue.count_label.text() == f"100 de {submissions} archivos de solicitantes"
    assert all(row.outcome is None for row in queue.rows[:50])
    assert queue.more_button.text() == "Mostrar más"
    click(qtbot, queue.more_button)
    qtbot.waitUntil(lambda: len(queue.rows) == 200)
    assert queue.tree.topLevelItemCount() == 200
    wanted = queue.rows[150]
    index = seeded.ids.index(wanted.assessment_id)
    assert wanted.company == company_name(index)
    click(qtbot, queue.search_edit)
    qtbot.keyClicks(queue.search_edit, f"3-101-{index:06d}")
    qtbot.waitUntil(lambda: [r.assessment_id for r in queue.rows] == [wanted.assessment_id])
    assert queue.tree.topLevelItem(0).text(0) == wanted.company  # type: ignore[union-attr]
    assert not queue.more_button.isVisible()
