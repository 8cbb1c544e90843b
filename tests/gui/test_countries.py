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
        if p.operators.count is None:
            assert "Certified operators\nunknown" in text
        for figure in (p.operators, *profile.operators_history):
            if figure.count is not None:
                assert all(f"Source: {s.text}" in text for s in figure.sources)
        for mra in p.mras:
            assert all(s.text in text for s in mra.sources) or "Source: not stated" in text
        if p.notes:
            assert p.notes["en"] in text

    page.select("CR")
    text = page.details.toPlainText()
    assert ">30 (as of Dec 19, 2019)\n" in text and "Colombia (2019)" in text
    assert "Mexico (year unknown) · not verified" in text
    assert "Decreto 36461-H" in text  # where the launch year comes from, under it
    page.select("US")
    assert ">11,400 (as of Jan 21, 2021)\n" in page.details.toPlainText()  # verified: no mark
    links = page.details.toHtml()
    assert "href=\"https://cbp.gov\"" in links


def test_filter_and_spanish(qtbot: QtBot, open_window: OpenWindow) -> None:
    page = open_countries(qtbot, open_window, "es")
    assert page.windowTitle() == "Países: programas OEA"
    page.filter.setFocus()
    type_text(page.filter, "guat")
    assert visible(page) == ["Guatemala (GT)"]
    qtbot.keyClick(page.filter, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.filter, Qt.Key.Key_Delete)
    assert len(visible(page)) == page.list.count()
    page.select("GT")
    text = page.details.toPlainText()
    assert "Operadores certificados\n>115 actores certificados (fecha desconocida) · " \
        "no verificado\n" in text
    assert "Acuerdos de reconocimiento mutuo" in text
    assert "ARM Regional de las Américas (2022)" in text
    assert "El Acuerdo de Reconocimiento Mutuo (ARM) con EE. UU. (abril de 2023)" in text
    assert "26 (al 6 sept 2018)\n" in text  # an earlier count, with its date in Spanish
    page.select("SV")
    text = page.details.toPlainText()
    assert "21 (al 2025, fuente sin fecha) · no verificado" in text
    assert "14 (al mediados de 2024)\n" in text


def test_french(qtbot: QtBot, open_window: OpenWindow) -> None:
    page = open_countries(qtbot, open_window, "fr")
    page.select("US")
    text = page.details.toPlainText()
    assert ">11 400 (au 21 janv. 2021)\n" in text  # plain text shows Babel's U+202F as a space
    assert "Nouvelle-Zélande (2007)" in text
    assert "Critères minimaux de sûreté mis à jour en juin 2020" in text
    page.select("PE")
    assert "72 (au juil. 2018) · non vérifié" in page.details.toPlainText()



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
