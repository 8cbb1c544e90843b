"""The Customs remarks tab before any review says so, instead of showing an empty combo, a
blank button and tables headed 1 2 3 4."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from aeo_assess.gui.editor.assessment_editor import AssessmentEditor
from tests.gui.conftest import new_assessment
from tests.gui.review.conftest import OpenAs


def test_no_review_received_yet(qtbot: QtBot, open_as: OpenAs) -> None:
    trader = open_as("trader", language="es")
    own = new_assessment(trader.gui.app, "Café Volcán S.A.")
    trader.reload()
    trader.list_page.select(own)
    trader.review_hooks.remarks_action.trigger()  # toolbar: Observaciones de aduana
    editor = trader.editor
    assert isinstance(editor, AssessmentEditor)
    tab = editor.customs_remarks.tab
    qtbot.waitUntil(tab.isVisible)
    assert tab.empty.isVisible()
    assert tab.empty.text().startswith("Aún no hay revisión de la aduana")
    for part in (tab.round, tab.report_button, tab.splitter, tab.summary):
        assert not part.isVisible()
    assert tab.remarks.headerItem().text(0) == "Pregunta"


def test_the_officers_empty_list_suggests_importing(qtbot: QtBot, open_as: OpenAs) -> None:
    officer = open_as("officer", language="es")
    empty = officer.list_page.empty_label
    assert empty.isVisible()
    assert "Ctrl+N" not in empty.text()
    assert empty.text().endswith("Importar archivo de solicitante (Ctrl+I).")
