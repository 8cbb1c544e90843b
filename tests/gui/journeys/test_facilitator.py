"""Journey 4, a workshop facilitator in Spanish: the demonstration workshop from the welcome →
the Countries page (and closing it as a dialog) → every participant's report printed into a
folder → the workshop summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from aeo_assess.gui.countries import CountriesPage
from aeo_assess.gui.workshops.window import WorkshopsWindow
from aeo_assess.settings import Settings, save_settings
from tests.gui.conftest import OpenWindow, activate
from tests.gui.journeys.conftest import SIZE, choose_menu, click, save_as, toolbar_button
from tests.reporting.samples import reader, text_of


def test_the_facilitators_journey(
    qtbot: QtBot, open_window: OpenWindow, settings_file: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    save_settings(Settings(language="es", profile="facilitator", profile_chosen=True),
                  settings_file)
    window = open_window()
    window.resize(*SIZE)

    # --- the demonstration workshop from the welcome ------------------------------------------------
    qtbot.waitUntil(lambda: window.first_start_dialog is not None
                    and window.first_start_dialog.isVisible())
    welcome = window.first_start_dialog
    assert welcome is not None
    assert welcome.demo_button.title.text() == "Crear evaluaciones de demostración"
    click(qtbot, welcome.demo_button)
    qtbot.waitUntil(lambda: window.list_page.visible_count() >= 40, timeout=60_000)
    activate(qtbot, window)

    # --- the countries page, closed with Esc ------------------------------------------------------------
    choose_menu(window, "Ver", "Países")
    countries = window.countries_page
    assert isinstance(countries, CountriesPage)
    qtbot.waitUntil(countries.isVisible)
    assert countries.windowTitle() == "Países: programas OEA"
    countries.select("CR")
    assert "Costa Rica" in countries.details.toPlainText()
    activate(qtbot, countries)
    qtbot.keyClick(countries.list, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not countries.isVisible())
    activate(qtbot, window)

    # --- every participant's report, then the summary -----------------------------------------------------
    toolbar_button(qtbot, window, "Talleres")
    workshops = window.workshops_window
    assert isinstance(workshops, WorkshopsWindow)
    qtbot.waitUntil(workshops.isVisible)
    assert workshops.list.count() == 2 and workshops.demo_banner.isVisible()  # companies, administrations
    (companies,) = workshops.list.findItems("Taller regional OEA", Qt.MatchFlag.MatchStartsWith)
    workshops.list.scrollToItem(companies)
    qtbot.mouseClick(workshops.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=workshops.list.visualItemRect(companies).center())
    qtbot.waitUntil(lambda: workshops.members_loaded)  # read in the background
    members = workshops.members.topLevelItemCount()
    assert members >= 40
    folder = tmp_path / "informes"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(folder))
    click(qtbot, workshops.print_button)
    qtbot.waitUntil(lambda: workshops.last_print is not None, timeout=300_000)
    assert workshops.last_print is not None and not workshops.last_print.failed
    printed = sorted(folder.glob("*.pdf"))
    assert len(printed) == members
    assert f"{members} informes escritos" in workshops.status.text()
    assert "Informe de preparación OEA" in text_of(printed[0].read_bytes())

    summary = tmp_path / "resumen.pdf"
    suggested: list[str] = []
    save_as(monkeypatch, summary, suggested)
    click(qtbot, workshops.summary_button)
    qtbot.waitUntil(lambda: "Resumen del taller escrito" in workshops.status.text(),
                    timeout=60_000)
    assert suggested[0].endswith(" – resumen del taller.pdf")
    pages = reader(summary.read_bytes()).pages
    assert len(pages) > 1
    assert all("Datos de demostración" in page.extract_text() for page in pages)
