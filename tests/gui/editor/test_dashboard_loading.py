"""The dashboard never waits on the database for peer statistics (a shared server can take
seconds): the page shows at once with the comparison "loading", and the figures fill in when
the background fetch ends; a failed fetch is a sentence, not a dialog or a traceback."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aeo_assess import i18n
from aeo_assess.gui import comparison as comparison_module
from aeo_assess.storage.errors import Unreachable
from tests.gui.editor.conftest import OpenEditor


def test_peer_statistics_load_in_the_background(
    qtbot: QtBot, open_editor: OpenEditor, monkeypatch: pytest.MonkeyPatch,
) -> None:
    i18n.set_language("es")
    release = threading.Event()
    real = comparison_module.benchmarks.compare

    def slow_compare(*args: object, **kwargs: object) -> object:
        release.wait(10)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(comparison_module.benchmarks, "compare", slow_compare)
    editor = open_editor()
    qtbot.keyClick(editor, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # &Tablero
    dashboard = editor.dashboard
    qtbot.waitUntil(dashboard.isVisible)
    note = dashboard.comparison.note
    assert note.text() == "Cargando la comparación con los pares…"  # the page did not wait
    assert dashboard.overall.value.text()  # the rest of the page is there already
    release.set()
    qtbot.waitUntil(lambda: note.text().startswith("Sin comparación"))


def test_a_failed_fetch_says_why(
    qtbot: QtBot, open_editor: OpenEditor, monkeypatch: pytest.MonkeyPatch,
) -> None:
    def lost(*_args: object, **_kwargs: object) -> object:
        raise Unreachable("the database server cannot be reached")

    monkeypatch.setattr(comparison_module.benchmarks, "compare", lost)
    editor = open_editor()
    qtbot.keyClick(editor, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    note = editor.dashboard.comparison.note
    qtbot.waitUntil(lambda: note.text() == "No comparison: the database server cannot be reached")
