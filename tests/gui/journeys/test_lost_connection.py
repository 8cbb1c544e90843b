"""Journey: a Spanish-speaking officer's office shares one PostgreSQL server, and the network
drops while a trader's self-assessment is being answered (a TCP forwarder the test cuts). The
answers typed meanwhile show as pending, nothing is lost; when the network is back they are
saved in order and the editor says so. Then the network drops again, the program is closed
with an answer still pending, and opening it again with the network back saves it. An
officer's verdicts wait the same way."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aeo_assess.domain.review import Verdict
from aeo_assess.gui.editor.assessment_editor import AssessmentEditor
from aeo_assess.gui.editor.journal import journal_path
from aeo_assess.gui.review.workspace import ReviewWorkspace
from aeo_assess.services import assessments, reviews, transfer
from aeo_assess.services.context import AppContext, open_context
from aeo_assess.settings import Settings, save_settings
from tests.db_fixtures import PG_ENV, PG_SKIP_REASON, fresh_database_url
from tests.gui.conftest import OpenWindow, activate, new_assessment
from tests.gui.journeys.conftest import SIZE, click
from tests.tcp_proxy import TcpProxy, proxy_for

pytestmark = pytest.mark.skipif(not os.environ.get(PG_ENV), reason=PG_SKIP_REASON)

COMPANY = "Transportes Cordillera S.A."
SAVED = "Todos los cambios guardados"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, TcpProxy]]:
    """The shared database (its direct URL) and the network to it, which the test controls."""
    with fresh_database_url("postgresql", tmp_path) as url, proxy_for(url) as proxy:
        yield url, proxy


@pytest.fixture
def db_url(server: tuple[str, TcpProxy]) -> str:
    """What the program is given: the server, through the network the test cuts."""
    url, proxy = server
    return proxy.url(url)


def stored(url: str, assessment_id: str) -> dict[str, object]:
    """The answers as the server holds them, read past the cut network."""
    direct = open_context(url)
    try:
        answers = assessments.load(direct, assessment_id)[1].answers
        return {q: a.value for q, a in answers.items()}
    finally:
        direct.database.close()


def test_answers_typed_without_a_connection_are_saved_when_it_is_back(
    qtbot: QtBot, open_window: OpenWindow, ctx: AppContext, settings_file: Path,
    server: tuple[str, TcpProxy],
) -> None:
    url, network = server
    own = new_assessment(ctx, COMPANY, roles=["exporter"])
    save_settings(Settings(language="es", profile="trader", profile_chosen=True,
                           first_start_done=True), settings_file)
    window = open_window()
    window.resize(*SIZE)
    assert window.list_page.select(own)
    click(qtbot, window.list_page.details.open_button)
    qtbot.waitUntil(lambda: isinstance(window.editor, AssessmentEditor))
    editor = window.editor
    assert isinstance(editor, AssessmentEditor)
    panel, tree, header = editor.panel, editor.tree.tree, editor.header
    assert panel.question is not None and panel.question.id == "SAFE-A.01"
    click(qtbot, panel.options.buttons[0])
    qtbot.waitUntil(lambda: header.saved.text() == SAVED)

    # --- the network drops; the user goes on answering -----------------------------------------
    network.cut()
    qtbot.keyClick(tree, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert panel.question.id == "SAFE-A.02"
    qtbot.keyClick(tree, Qt.Key.Key_S)  # "sí"
    qtbot.keyClick(tree, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(tree, Qt.Key.Key_3)  # maturity 3
    pending = ("Sin conexión con la base de datos compartida; 2 respuestas pendientes, se "
               "guardarán al volver la conexión.")
    qtbot.waitUntil(lambda: header.connection.text() == pending, timeout=15_000)
    assert header.saved.text() == "Sin conexión" and header.connection.isVisible()
    assert editor.state.answer("SAFE-A.03").value == 3  # the screen keeps what was typed
    assert "SAFE-A.02" not in stored(url, own)

    # --- the network is back: saved in order, and the user is told -------------------------------
    network.restore()
    qtbot.waitUntil(lambda: header.connection.text()
                    == "Conexión restablecida: se guardaron los 2 cambios pendientes.",
                    timeout=40_000)
    assert header.saved.text() == SAVED
    answers = stored(url, own)
    assert answers["SAFE-A.02"] is True and answers["SAFE-A.03"] == 3

    # --- dropped again, and the program closed with an answer pending --------------------------
    network.cut()
    qtbot.keyClick(tree, Qt.Key.Key_2)  # SAFE-A.03 to maturity 2
    qtbot.waitUntil(lambda: header.connection.text().startswith(
        "Sin conexión con la base de datos compartida; 1 respuesta pendiente, se guardará"),
        timeout=15_000)
    window.close()
    assert journal_path().exists()
    assert stored(url, own)["SAFE-A.03"] == 3

    # --- opened again with the network back: the pending answer is saved ----------------------
    network.restore()
    again = open_window()
    again.resize(*SIZE)
    qtbot.waitUntil(lambda: isinstance(again.editor, AssessmentEditor))
    reopened = again.editor
    assert isinstance(reopened, AssessmentEditor)
    assert reopened.state.answer("SAFE-A.03").value == 2
    qtbot.waitUntil(lambda: reopened.header.saved.text() == SAVED, timeout=15_000)
    assert stored(url, own)["SAFE-A.03"] == 2
    assert not journal_path().exists()


def test_an_officers_verdicts_wait_for_the_connection_too(
    qtbot: QtBot, open_window: OpenWindow, ctx: AppContext, settings_file: Path,
    server: tuple[str, TcpProxy], tmp_path: Path,
) -> None:
    url, network = server
    own = new_assessment(ctx, COMPANY, roles=["exporter"])
    assessments.set_value(ctx, own, "SAFE-A.02", True)
    out = tmp_path / "solicitud.aeoa"
    transfer.export_assessment(ctx, own, out)
    submission = transfer.import_applicant_file(ctx, out).assessment_id
    save_settings(Settings(language="es", profile="officer", profile_chosen=True,
                           first_start_done=True, reviewer_name="María Pérez",
                           reviewer_position="Oficial de valoración",
                           reviewer_office="Aduana Santamaría"), settings_file)
    window = open_window()
    window.resize(*SIZE)
    assert window.list_page.select(submission)
    click(qtbot, window.list_page.details.open_button)
    qtbot.waitUntil(lambda: isinstance(window.editor, ReviewWorkspace))
    workspace = window.editor
    assert isinstance(workspace, ReviewWorkspace)
    activate(qtbot, window)
    workspace.go_to("SAFE-A.02")

    network.cut()
    accepted = workspace.page.verdict_buttons[Verdict.ACCEPTED]
    assert accepted.text() == "Aceptada (A)"
    click(qtbot, accepted)
    assert accepted.isChecked()
    qtbot.waitUntil(lambda: workspace.saved.text() == (
        "Sin conexión con la base de datos compartida; 1 cambio pendiente, se guardará al "
        "volver la conexión."), timeout=15_000)
    network.restore()
    qtbot.waitUntil(lambda: workspace.saved.text() == SAVED, timeout=40_000)
    assert verdict_of(url, submission) is Verdict.ACCEPTED

    # --- dropped again, another verdict, the program closed, opened with the network back -----
    network.cut()
    click(qtbot, workspace.page.verdict_buttons[Verdict.NOT_ACCEPTED])
    qtbot.waitUntil(lambda: workspace.saved.text().startswith(
        "Sin conexión con la base de datos compartida; 1 cambio pendiente"), timeout=15_000)
    window.close()
    assert journal_path().exists()
    network.restore()
    again = open_window()
    again.resize(*SIZE)
    qtbot.waitUntil(lambda: isinstance(again.editor, ReviewWorkspace))
    reopened = again.editor
    assert isinstance(reopened, ReviewWorkspace)
    qtbot.waitUntil(lambda: reopened.saved.text() == SAVED, timeout=15_000)
    assert verdict_of(url, submission) is Verdict.NOT_ACCEPTED
    assert not journal_path().exists()


def verdict_of(url: str, submission: str) -> Verdict | None:
    """The verdict on SAFE-A.02 as the server holds it, read past the cut network."""
    direct = open_context(url)
    try:
        return reviews.load_review(direct, submission).questions["SAFE-A.02"].verdict
    finally:
        direct.database.close()
