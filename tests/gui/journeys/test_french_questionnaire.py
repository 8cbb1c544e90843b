"""Issue 14 as a user meets it: a Spanish-speaking user whose database was written before
French was added switches the Language menu to Français and opens an assessment: the editor
shows the SAFE questions, guidance and maturity levels in French."""

from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from aeo_assess.gui.editor.assessment_editor import AssessmentEditor
from aeo_assess.resources import data_path
from aeo_assess.services.context import AppContext
from aeo_assess.settings import Settings, save_settings
from tests.benchmarks.helpers import SAFE, random_assessment, store
from tests.gui.conftest import OpenWindow
from tests.gui.journeys.conftest import SIZE, choose_menu, toolbar_button

EN_ES = (data_path("questionnaires") / "previous" / "safe-aeo-2027.1-en-es.yaml").read_bytes()


def test_the_editor_shows_an_earlier_assessment_in_french(
    qtbot: QtBot, open_window: OpenWindow, ctx: AppContext, settings_file: Path
) -> None:
    (own,) = store(ctx, [random_assessment(random.Random(7), "CR")], raw=EN_ES)
    save_settings(Settings(language="es", profile="trader", profile_chosen=True,
                           first_start_done=True), settings_file)
    window = open_window()
    window.resize(*SIZE)

    choose_menu(window, "Idioma", "Français")
    assert window.language_menu.title() == "&Langue"
    window.list_page.select(own)
    toolbar_button(qtbot, window, "Ouvrir")
    qtbot.waitUntil(lambda: isinstance(window.editor, AssessmentEditor))
    editor = window.editor
    assert isinstance(editor, AssessmentEditor)
    qtbot.waitUntil(lambda: editor.panel.question is not None)
    question = editor.panel.question
    assert question is not None
    panel = editor.panel
    assert panel.text.text() == question.text["fr"] != question.text["en"]
    assert panel.guidance.text() == question.guidance["fr"]
    assert question.id == "SAFE-A.01"  # a choice question: its options in French
    buttons = [b.text().replace("&", "") for b in panel.options.findChildren(QAbstractButton)]
    assert [option.label["fr"] for option in question.options] == [
        b for b in buttons if b in {o.label["fr"] for o in question.options}
    ]
    assert SAFE.criteria[0].title["fr"] in _tree_text(editor)


def _tree_text(editor: AssessmentEditor) -> str:
    tree = editor.tree.tree
    texts = []
    for index in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(index)
        if item is not None:
            texts.append(" ".join(item.text(column) for column in range(tree.columnCount())))
    return " ".join(texts)
