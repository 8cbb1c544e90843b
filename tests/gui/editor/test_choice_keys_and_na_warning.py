"""Digits pick a choice question's options; declaring a required question not applicable
warns that the validator checks the reason, and Alt+C brings the reason into view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from aeo_assess import i18n
from aeo_assess.domain.questionnaire import QuestionType
from tests.gui.editor.conftest import OpenEditor, wait_saved

CHOICE, REQUIRED_MATURITY, PLAIN_MATURITY = "SAFE-A.01", "SAFE-B.01", "SAFE-A.05"


def test_digits_pick_options(qtbot: QtBot, open_editor: OpenEditor) -> None:
    editor = open_editor()
    editor.go_to(CHOICE)
    question = editor.state.questionnaire.question(CHOICE)
    assert question.type is QuestionType.CHOICE and len(question.options) >= 2
    assert editor.panel.keys_hint.text() == f"Keys 1 to {len(question.options)} choose an option."
    tree = editor.tree.tree
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_2)
    assert editor.state.answer(CHOICE).value == question.options[1].value
    qtbot.keyClick(tree, Qt.Key.Key_0)  # no option 0: nothing changes
    qtbot.keyClick(tree, Qt.Key.Key_9)
    assert editor.state.answer(CHOICE).value == question.options[1].value
    wait_saved(qtbot, editor)


def test_a_required_question_not_applicable_warns(qtbot: QtBot, open_editor: OpenEditor) -> None:
    i18n.set_language("es")  # "No apli&ca": Alt+C
    editor = open_editor()
    editor.resize(1280, 400)  # short: the reason starts below the fold
    panel = editor.panel
    for question_id, required in ((REQUIRED_MATURITY, True), (PLAIN_MATURITY, False)):
        assert editor.state.questionnaire.question(question_id).blocking is required
        editor.go_to(question_id)
        editor.tree.tree.setFocus()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(panel.na_check.isChecked)  # a mnemonic clicks a moment later
        assert panel.na_reason.hasFocus()
        assert panel.na_must.isVisible() is required
        if required:
            assert panel.na_must.text().startswith("Esta es una pregunta obligatoria")
        viewport = panel.scroll_area.viewport()
        top = panel.na_reason.mapTo(viewport, panel.na_reason.rect().topLeft()).y()
        assert 0 <= top < viewport.height()  # scrolled into view
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: not panel.na_check.isChecked())
