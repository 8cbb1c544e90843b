"""Fast entry from paper: one line edit above the editor where a facilitator types what a
printed questionnaire says, ``A.01 3`` then Enter, and moves on to the next question without
the mouse. The id may be left out (the question shown next is meant), shortened to what
follows the questionnaire's prefix (``A.01`` for ``SAFE-A.01``), or typed alone to jump.
``na`` and a reason mark a question not applicable. Mistakes are said on the line below,
in the interface language, and nothing is saved for them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from aeo_assess.domain.answer_values import na_problem, parse_value
from aeo_assess.domain.assessment import Answer
from aeo_assess.domain.questionnaire import Question, Questionnaire, QuestionType
from aeo_assess.domain.text import localized
from aeo_assess.gui.background import error_text
from aeo_assess.i18n import _, language

if TYPE_CHECKING:
    from aeo_assess.gui.editor.assessment_editor import AssessmentEditor

SHORTCUT = "Ctrl+Shift+D"
NOT_APPLICABLE = ("na", "n/a")
ERROR_STYLE = "color: #B00020;"


class EntryError(Exception):
    """A typed line that cannot be saved; the message is for the user, translated."""


@dataclass(frozen=True)
class Entry:
    question_id: str
    answer: Answer | None
    """None: the line only named a question, to go to it."""


def find_question(token: str, questionnaire: Questionnaire) -> Question | None:
    """The question ``token`` names: its id, or the part after the prefix (``A.01`` for
    ``SAFE-A.01``, ``01`` for ``RISK-01``), in any case; None when it names none or several."""
    wanted = token.upper()
    found = [q for q in questionnaire.questions()
             if q.id.upper() == wanted or q.id.upper().endswith("-" + wanted)]
    return found[0] if len(found) == 1 else None


def hint(question: Question, questionnaire: Questionnaire) -> str:
    """What ``question`` accepts, in the words of the paper form's keys."""
    if question.type is QuestionType.MATURITY:
        return _("{id}: type a level from 0 to {top}").format(
            id=question.id, top=max(m.value for m in questionnaire.maturity_scale))
    if question.type is QuestionType.YES_NO:
        return _("{id}: type yes or no").format(id=question.id)
    if question.type is QuestionType.CHOICE:
        return _("{id}: type one of {keys}").format(
            id=question.id, keys=", ".join(o.value for o in question.options))
    if question.type is QuestionType.NUMBER:
        return _("{id}: type a number").format(id=question.id)
    if question.type is QuestionType.DATE:
        return _("{id}: type a date as YYYY-MM-DD").format(id=question.id)
    return _("{id}: type the answer").format(id=question.id)


def read_entry(text: str, questionnaire: Questionnaire, applies: set[str],
               expected: str | None) -> Entry:
    """The answer a typed line gives; raises EntryError saying what is wrong."""
    first, _space, rest = text.strip().partition(" ")
    question = find_question(first, questionnaire) if first else None
    if question is None:
        if first and ("." in first or "-" in first) and not first[:1].isdigit():
            raise EntryError(_("No question {id} in this questionnaire").format(id=first))
        if expected is None:
            raise EntryError(_("Type a question id first, for example {example}").format(
                example="A.01 3"))
        question, rest = questionnaire.question(expected), text.strip()
    elif not rest.strip():
        if question.id not in applies:
            raise EntryError(_("{id} does not apply to this assessment").format(id=question.id))
        return Entry(question.id, None)
    if question.id not in applies:
        raise EntryError(_("{id} does not apply to this assessment").format(id=question.id))
    rest = rest.strip()
    key, _space, reason = rest.partition(" ")
    if key.lower() in NOT_APPLICABLE:
        if na_problem(question, reason) is not None:  # the domain's rule, said in words here
            message = (_("{id}: say why it does not apply, after na") if question.na_allowed
                       else _("{id} is an eligibility condition of the programme: answer it"))
            raise EntryError(message.format(id=question.id))
        return Entry(question.id, Answer(na_reason=reason.strip()))
    try:
        return Entry(question.id, Answer(parse_value(question, rest)))
    except ValueError:
        raise EntryError(hint(question, questionnaire)) from None


class FastEntry(QWidget):
    """The prompt (the question that comes next), the line, and the message below it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fast_entry")
        self.title = QLabel()
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.line = QLineEdit()
        self.line.setClearButtonEnabled(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.line, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(top)
        layout.addWidget(self.prompt)
        layout.addWidget(self.message)
        self.setFocusProxy(self.line)

    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setAccessibleName(text)


class FastEntryHook(QObject):
    """What ``attach_fast_entry`` adds to an editor: the bar (hidden until asked for) and the
    checkable action that shows it. A child of the editor that reaches it as its parent."""

    def __init__(self, editor: AssessmentEditor) -> None:
        super().__init__(editor)
        self.bar = FastEntry(editor)
        self.bar.hide()
        layout = editor.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.bar)  # below the header, above the tabs
        self.next_id: str | None = None
        self.saved = 0
        self.action = QAction(editor)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action.toggled.connect(self.set_active)
        editor.addAction(self.action)
        self.bar.line.returnPressed.connect(self.enter)
        editor.gui.signals.language_changed.connect(self._on_language_changed)
        self.retranslate()

    @property
    def editor(self) -> AssessmentEditor:
        return cast("AssessmentEditor", self.parent())

    def retranslate(self) -> None:
        self.action.setText(_("Fast &entry from paper"))
        self.action.setToolTip(_("Type answers from a paper questionnaire: id, answer, Enter "
                                 "({key})").format(key=SHORTCUT))
        self.bar.title.setText(_("Fast entry:"))
        self.bar.line.setPlaceholderText(_("A.01 3, then Enter"))
        self.bar.line.setAccessibleName(_("Fast entry"))
        self._show_prompt()

    def _on_language_changed(self, _language: str) -> None:
        self.retranslate()

    def set_active(self, active: bool) -> None:
        self.bar.setVisible(active)
        if active:
            self.next_id = self.editor.tree.current or None
            self._show_prompt()
            self.bar.say("")
            self.bar.line.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def enter(self) -> None:
        """Save the typed answer and move on, or say what is wrong and keep the line."""
        editor, state = self.editor, self.editor.state
        text = self.bar.line.text()
        shown = editor.tree.shown_questions()
        if not text.strip():  # Enter alone: leave this one unanswered, go on
            self._advance(self.next_id, shown)
            return
        applies = {q.id for q in state.questionnaire.questions() if state.is_visible(q.id)}
        try:
            entry = read_entry(text, state.questionnaire, applies, self.next_id)
        except EntryError as error:
            self.bar.say(error_text(error), error=True)
            self.bar.line.selectAll()
            return
        self.bar.line.clear()
        if entry.answer is None:
            self.next_id = entry.question_id
            editor.reveal(entry.question_id)
            self._show_prompt()
            self.bar.say("")
            self.bar.line.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        before = state.answer(entry.question_id)
        editor.change_answer(entry.question_id, Answer(
            entry.answer.value, entry.answer.na_reason, before.comment, before.flagged))
        self.saved += 1
        self.bar.say(_("{id} saved: {answer}").format(id=entry.question_id,
                                                      answer=text.strip()))
        self._advance(entry.question_id, editor.tree.shown_questions())

    def _advance(self, after: str | None, shown: list[str]) -> None:
        """The question after ``after`` in the editor's order becomes the next one, shown."""
        index = shown.index(after) + 1 if after in shown else 0
        self.next_id = shown[index] if index < len(shown) else None
        if self.next_id is not None:
            self.editor.reveal(self.next_id)
        self._show_prompt()
        self.bar.line.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_prompt(self) -> None:
        if self.next_id is None:
            self.bar.prompt.setText(_("Every question shown is done; type an id to go back to "
                                      "one."))
            return
        question = self.editor.state.questionnaire.question(self.next_id)
        self.bar.prompt.setText(_("Next: {id} {text}").format(
            id=question.id, text=localized(question.text, language())))


def attach_fast_entry(editor: AssessmentEditor) -> FastEntryHook:
    return FastEntryHook(editor)
