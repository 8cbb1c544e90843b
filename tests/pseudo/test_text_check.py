"""The check itself: it sees English, and excuses only what it should."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from aeo_assess import i18n
from aeo_assess.domain.text import localized
from tests.pseudo.text_check import GAP, Allowed, outside_brackets, wrap
from tests.pseudo.widgets import window_texts


@pytest.fixture(scope="module")
def allowed() -> Iterator[Allowed]:
    yield Allowed(["Café Volcán S.A."])


def test_the_pseudo_language_wraps_messages_plurals_and_content(pseudo: str) -> None:
    assert i18n.gettext("Save") == "⟦Save⟧"
    assert i18n.ngettext("{n} answer", "{n} answers", 2) == "⟦{n} answers⟧"
    assert localized({"en": "Security", "es": "Seguridad"}, pseudo) == "⟦Security⟧"
    assert i18n.format_percent(0.5) == "50%"  # English formats, borrowed


def test_nested_brackets_are_inside() -> None:
    assert outside_brackets("⟦a ⟦b⟧ c⟧ d") == GAP + " d"


@pytest.mark.parametrize("text", [
    "⟦Save⟧", "Café Volcán S.A. — ⟦draft⟧", "SAFE-A.01  ⟦Question⟧", "85%", "Mar 3, 2027",
    "Costa Rica", "Guatemala", "/tmp/x/aeo.sqlite3", "⟦Accepted⟧ (A)", "12.5 kB", "",
])
def test_excused(allowed: Allowed, text: str) -> None:
    assert allowed.leftover(text) == ""


@pytest.mark.parametrize("text", ["Save", "⟦Score⟧: overall", "Letter", "3 answered"])
def test_english_is_seen(allowed: Allowed, text: str) -> None:
    assert allowed.leftover(text)


def test_a_widget_in_english_is_named(qtbot: QtBot, allowed: Allowed) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    layout.addWidget(QLabel(wrap("Company")))
    button = QPushButton("&Print")
    button.setObjectName("print")
    layout.addWidget(button)
    window.show()
    found = [(where, text) for where, text in window_texts(window) if allowed.leftover(text)]
    assert found == [("QWidget/print", "Print")]
