"""Undo and redo of answer changes: each command holds the whole answer before and after."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from aeo_assess.domain.assessment import Answer
from aeo_assess.gui.editor.state import EditorState
from aeo_assess.i18n import _


class AnswerCommand(QUndoCommand):
    """Setting ``new`` on one question; undo puts ``old`` back. Both go through
    ``EditorState.set_answer``, which saves them like any other change, and both bring the
    question into view so the user sees what was undone."""

    def __init__(
        self,
        state: EditorState,
        question_id: str,
        old: Answer,
        new: Answer,
        reveal: Callable[[str], None],
    ) -> None:
        super().__init__()
        self._state = state
        self.question_id = question_id
        self.old = old
        self.new = new
        self._reveal = reveal
        self._first = True
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(_("change to {question}").format(question=self.question_id))

    def redo(self) -> None:
        if not self._first:
            self._reveal(self.question_id)
        self._first = False
        self._state.set_answer(self.question_id, self.new)

    def undo(self) -> None:
        self._reveal(self.question_id)
        self._state.set_answer(self.question_id, self.old)
