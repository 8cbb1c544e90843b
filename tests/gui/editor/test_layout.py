"""At 1280×720, in English and Spanish, at normal and double font size, no button or
one-line label is narrower than its text needs, and every control a user operates can take
the keyboard focus and has a name for screen readers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from aeo_assess import i18n
from aeo_assess.domain.questionnaire import QuestionType
from aeo_assess.gui.editor.assessment_editor import AssessmentEditor
from aeo_assess.gui.editor.widgets import ElidedLabel, WrapRadio
from aeo_assess.services import assessments
from aeo_assess.services.context import AppContext
from tests.gui.editor.conftest import OpenEditor

OPERATED = (QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit, QDateEdit)


def on_show(root: QWidget, kind: type[QWidget]) -> list[QWidget]:
    return [w for w in root.findChildren(kind) if w.isVisibleTo(root) and w.window() is root.window()]


def too_narrow(root: QWidget) -> list[str]:
    found = []
    for widget in on_show(root, QAbstractButton) + on_show(root, QLabel):
        if isinstance(widget, ElidedLabel) or (isinstance(widget, QLabel) and widget.wordWrap()):
            continue
        if widget.width() < widget.minimumSizeHint().width():
            text = widget.text() if isinstance(widget, QAbstractButton | QLabel) else ""
            found.append(f"{type(widget).__name__} {text!r}: {widget.width()} < {widget.minimumSizeHint().width()}")
    for radio in on_show(root, WrapRadio):
        if radio.height() < radio.heightForWidth(radio.width()):
            found.append(f"option {radio.text()!r}: {radio.height()} < {radio.heightForWidth(radio.width())} high")
    return found


def unnamed_or_unfocusable(root: QWidget) -> list[str]:
    found = []
    for kind in OPERATED:
        for widget in on_show(root, kind):
            if isinstance(widget, QHeaderView) or isinstance(widget.parent(), QComboBox | QDateEdit):
                continue  # parts of a view, a combo box or a date edit
            if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
                found.append(f"{type(widget).__name__} {widget.objectName()} takes no focus")
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            if not (widget.accessibleName() or text):
                found.append(f"{type(widget).__name__} has no accessible name")
    return found


def show_every_kind(editor: AssessmentEditor) -> list[str]:
    """One question of each type on show in the questionnaire, to check each answer widget."""
    kinds: dict[QuestionType, str] = {}
    for question_id in editor.tree.shown_questions():
        kinds.setdefault(editor.state.questionnaire.question(question_id).type, question_id)
    return list(kinds.values())


def open_on_a_number_question(ctx: AppContext, assessment_id: str, open_editor: OpenEditor) -> AssessmentEditor:
    """An editor whose first question (the first unanswered) has no options: the option
    buttons are then made while their box was never shown, which once left them too short."""
    questionnaire = assessments.load(ctx, assessment_id)[0]
    for question in questionnaire.questions():
        if question.type is QuestionType.NUMBER:
            break
        value: object = {
            QuestionType.MATURITY: 3,
            QuestionType.YES_NO: True,
            QuestionType.CHOICE: question.options[0].value if question.options else None,
        }.get(question.type)
        if value is not None:
            assessments.set_value(ctx, assessment_id, question.id, value)  # type: ignore[arg-type]
    editor = open_editor()
    assert editor.panel.question is not None
    assert editor.panel.question.type is QuestionType.NUMBER
    return editor


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_nothing_clipped_and_everything_reachable(
    qtbot: QtBot,
    open_editor: OpenEditor,
    ctx: AppContext,
    assessment_id: str,
    language: str,
    scale: float,
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    bigger = QFont(font)
    bigger.setPointSizeF(font.pointSizeF() * scale)
    app.setFont(bigger)
    try:
        i18n.set_language(language)
        editor = open_on_a_number_question(ctx, assessment_id, open_editor)
        kinds = show_every_kind(editor)
        for question_id in [*kinds, *reversed(kinds)]:  # every change of answer widget
            editor.go_to(question_id)
            QApplication.sendPostedEvents()  # let the layouts settle
            assert not too_narrow(editor), (question_id, too_narrow(editor))
            assert not unnamed_or_unfocusable(editor)
        editor.tabs.setCurrentIndex(1)
        qtbot.waitUntil(editor.dashboard.isVisible)
        QApplication.sendPostedEvents()
        assert not too_narrow(editor)
        assert not unnamed_or_unfocusable(editor)
    finally:
        app.setFont(font)
