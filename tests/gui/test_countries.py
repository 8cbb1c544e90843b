"""View › Countries: every researched programme, each figure with its source, unknown as
unknown, in English and Spanish."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from aeo_assess.benchmarks.countries import shipped_profiles
from aeo_assess.gui.countries import CountriesPage
from aeo_assess.gui.main_window import MainWindow
from tests.gui.conftest import OpenWindow, activate, type_text


def open_countries(qtbot: QtBot, open_window: OpenWindow, lang: str | None = None) -> CountriesPage:
    window = open_window(lang)
    window.countries_action.trigger()  # View › Countries
    page = window.countries_page
    assert isinstance(page, CountriesPage)
    qtbot.waitExposed(page)
    return page


def visible(page: CountriesPage) -> list[str]:
    return [page.list.item(i).text() for i in range(page.list.count())
            if not page.list.item(i).isHidden()]


def test_every_profile_with_its_sources(qtbot: QtBot, open_window: OpenWindow) -> None:
    page = open_countries(qtbot, open_window)
    profiles = shipped_profiles().profiles
    assert page.list.count() == len(profiles) >= 19
    for code, profile in profiles.items():
        page.select(code)
        text = page.details.toPlainText()
        p = profile.programme
        assert p.name_original in text and p.name_english in text and p.authority in text
        assert (str(p.launch_year) if p.launch_year else "Launched\nunknown") in text
        if p.operators is None:
            assert "Certified operators\nunknown" in text
        else:
            assert f"Source: {p.operators_source}" in text
            assert (p.operators_as_of or "unknown") in text
        for mra in p.mras:
            assert (f"Source: {mra.source}" if mra.source else "Source: not stated") in text

    page.select("CR")
    text = page.details.toPlainText()
    assert ">30 as of 2019-12-19" in text and "Colombia (2019)" in text
    assert "Source: Decreto 36461-H" in text  # the launch year's source, under it


def test_filter_and_spanish(qtbot: QtBot, open_window: OpenWindow) -> None:
    page = open_countries(qtbot, open_window, "es")
    assert page.windowTitle() == "Países: programas OEA"
    page.filter.setFocus()
    type_text(page.filter, "guat")
    assert visible(page) == ["Guatemala (GT)"]
    qtbot.keyClick(page.filter, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.filter, Qt.Key.Key_Delete)
    assert len(visible(page)) == page.list.count()
    page.select("AR")
    text = page.details.toPlainText()
    assert "Iniciado\ndesconocido" in text or "desconocido" in text
    assert "Acuerdos de reconocimiento mutuo" in text



def test_closes_like_a_dialog(qtbot: QtBot, open_window: OpenWindow) -> None:
    """A close button, Esc and Ctrl+W: the window manager's close box is not always there."""
    page = open_countries(qtbot, open_window)
    buttons = page.findChild(QDialogButtonBox)
    assert buttons is not None
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    assert close.isVisible()
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.isVisible())

    window = page.parentWidget()
    assert isinstance(window, MainWindow)
    window.countries_action.trigger()
    qtbot.waitExposed(page)
    activate(qtbot, page)
    qtbot.keyClick(page.list, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not page.isVisible())
