"""The editor on SQLite with a database that fails like an unreachable server (the service
calls raise ``Unreachable`` while it is "down"): what the user sees, in Spanish, and that the
answers reach the database in order once it is back. The same on a real PostgreSQL behind a
cut network: tests/gui/journeys/test_lost_connection.py."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aeo_assess import i18n
from aeo_assess.gui.editor import saver as saver_module
from aeo_assess.services import assessments
from aeo_assess.services.context import AppContext
from aeo_assess.storage.errors import Unreachable
from tests.gui.editor.conftest import OpenEditor


def test_answers_wait_for_the_database_and_are_saved_in_order(
    qtbot: QtBot, open_editor: OpenEditor, ctx: AppContext, assessment_id: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    i18n.set_language("es")
    monkeypatch.setattr(saver_module, "FIRST_RETRY_MS", 100)
    down = True
    real = assessments.set_value

    def set_value(*args: Any, **kwargs: Any) -> Any:
        if down:
            raise Unreachable("no se puede conectar con el servidor")
        return real(*args, **kwargs)

    monkeypatch.setattr(assessments, "set_value", set_value)
    editor = open_editor()
    tree, header = editor.tree.tree, editor.header
    editor.go_to("SAFE-A.03")
    qtbot.keyClick(tree, Qt.Key.Key_1)
    qtbot.keyClick(tree, Qt.Key.Key_2)
    qtbot.keyClick(tree, Qt.Key.Key_4)
    qtbot.waitUntil(lambda: header.connection.text() == (
        "Sin conexión con la base de datos compartida; 3 respuestas pendientes, se guardarán "
        "al volver la conexión."))
    assert header.saved.text() == "Sin conexión"
    assert editor.state.answer("SAFE-A.03").value == 4

    down = False
    qtbot.waitUntil(lambda: header.connection.text()
                    == "Conexión restablecida: se guardaron los 3 cambios pendientes.",
                    timeout=10_000)
    assert header.saved.text() == "Todos los cambios guardados"
    assert assessments.load(ctx, assessment_id)[1].answers["SAFE-A.03"].value == 4
