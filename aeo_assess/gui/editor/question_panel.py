"""The centre of the editor: one question with what it is after, its answer, and its evidence.

The panel never saves by itself: it turns what the user did into the whole new ``Answer`` and
emits ``change_requested`` so that the editor can record it on the undo stack. Widgets are
built once and refilled for each question, so moving to the next question is cheap.
"""

from __future__ import annotations

import dataclasses
import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.domain.assessment import Answer, AnswerValue, CarryState
from aeo_assess.domain.questionnaire import Question, QuestionKind, QuestionType
from aeo_assess.domain.text import localized
from aeo_assess.gui.editor.answer_inputs import (
    AnswerInput,
    DateInput,
    NumberInput,
    OptionsInput,
    TextInput,
)
from aeo_assess.gui.editor.evidence_box import EvidenceBox
from aeo_assess.gui.editor.state import EditorState
from aeo_assess.gui.editor.widgets import AutosaveText, QuestionNavigation, ScrollPage
from aeo_assess.i18n import _, format_percent, language

_WARNING_STYLE = "color: #B00020;"
_TAG_STYLE = "background: #B8470A; color: white; border-radius: 3px; padding: 1px 6px;"
_RECOMMENDATION_STYLE = (
    "QFrame#recommendation { background: #FFF4E0; border: 1px solid #E69F00; border-radius: 4px; }"
    " QFrame#recommendation QLabel { color: #3A2A00; }"
)
_CARRIED_STYLE = (
    "QFrame#carried { background: #E3F0FF; border: 1px solid #7AA7E0; border-radius: 4px; }"
    " QFrame#carried QLabel { color: #0B2A4A; }"
)


def _wrapped(parent: QWidget, selectable: bool = True) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _heading(parent: QWidget) -> QLabel:
    label = _wrapped(parent, selectable=False)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


class QuestionPanel(QWidget):
    change_requested = Signal(str, object)
    """(question id, the whole new Answer)."""
    previous_requested = Signal()
    next_requested = Signal()
    confirm_requested = Signal(str)
    """The answer carried over from the previous cycle is still true (question id)."""

    def __init__(self, state: EditorState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.question: Question | None = None
        self._na_pending = False
        """The user ticked "not applicable" and has not given the reason yet."""

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        body = ScrollPage()
        self.scroll_area.setWidget(body)
        layout = body.column
        layout.setContentsMargins(12, 8, 12, 12)
        layout.setSpacing(8)

        top = QHBoxLayout()
        self.location = _wrapped(body)
        self.blocking = QLabel(body)
        self.blocking.setStyleSheet(_TAG_STYLE)
        top.addWidget(self.location, 1)
        top.addWidget(self.blocking, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)

        self.text = _wrapped(body)
        font = QFont(self.text.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.text.setFont(font)
        layout.addWidget(self.text)

        self.guidance_heading = _heading(body)
        self.guidance = _wrapped(body)
        self.validator_heading = _heading(body)
        self.validator = _wrapped(body)
        self.validator.setTextFormat(Qt.TextFormat.RichText)
        for label in (self.guidance_heading, self.guidance, self.validator_heading, self.validator):
            layout.addWidget(label)

        self.answer_box = QGroupBox(body)
        answer_layout = QVBoxLayout(self.answer_box)
        self.carried = QFrame(self.answer_box)
        self.carried.setObjectName("carried")
        self.carried.setStyleSheet(_CARRIED_STYLE)
        carried_layout = QHBoxLayout(self.carried)
        self.carried_text = _wrapped(self.carried, selectable=False)
        self.confirm_button = QPushButton(self.carried)
        self.confirm_button.clicked.connect(self._on_confirm)
        carried_layout.addWidget(self.carried_text, 1)
        carried_layout.addWidget(self.confirm_button, 0, Qt.AlignmentFlag.AlignTop)
        answer_layout.addWidget(self.carried)
        self.options = OptionsInput(self.answer_box)
        self.number = NumberInput(self.answer_box)
        self.text_answer = TextInput(self.answer_box)
        self.date = DateInput(self.answer_box)
        self._inputs: dict[QuestionType, AnswerInput] = {
            QuestionType.MATURITY: self.options,
            QuestionType.YES_NO: self.options,
            QuestionType.CHOICE: self.options,
            QuestionType.NUMBER: self.number,
            QuestionType.TEXT: self.text_answer,
            QuestionType.DATE: self.date,
        }
        for widget in (self.options, self.number, self.text_answer, self.date):
            answer_layout.addWidget(widget)
            widget.chosen.connect(self._on_value)
        self.keys_hint = _wrapped(self.answer_box, selectable=False)
        hint_font = QFont(self.keys_hint.font())
        hint_font.setItalic(True)
        self.keys_hint.setFont(hint_font)
        answer_layout.addWidget(self.keys_hint)
        self.clear_button = QPushButton(self.answer_box)
        self.clear_button.clicked.connect(lambda: self._on_value(None))
        answer_layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignLeft)

        na_row = QHBoxLayout()
        self.na_check = QCheckBox(self.answer_box)
        self.na_reason = QLineEdit(self.answer_box)
        na_row.addWidget(self.na_check)
        na_row.addWidget(self.na_reason, 1)
        answer_layout.addLayout(na_row)
        self.na_problem = _wrapped(self.answer_box, selectable=False)
        self.na_problem.setStyleSheet(_WARNING_STYLE)
        answer_layout.addWidget(self.na_problem)
        self.na_must = _wrapped(self.answer_box, selectable=False)
        self.na_must.setObjectName("na_must_warning")
        self.na_must.setStyleSheet(_WARNING_STYLE)
        answer_layout.addWidget(self.na_must)
        self.na_check.clicked.connect(self._on_na_clicked)
        self.na_reason.editingFinished.connect(self._on_na_reason)
        layout.addWidget(self.answer_box)

        self.recommendation = QFrame(body)
        self.recommendation.setObjectName("recommendation")
        self.recommendation.setStyleSheet(_RECOMMENDATION_STYLE)
        recommendation_layout = QVBoxLayout(self.recommendation)
        self.recommendation_heading = _heading(self.recommendation)
        self.recommendation_text = _wrapped(self.recommendation)
        recommendation_layout.addWidget(self.recommendation_heading)
        recommendation_layout.addWidget(self.recommendation_text)
        layout.addWidget(self.recommendation)

        self.comment_heading = _heading(body)
        self.comment = AutosaveText(body)
        self.comment.setMinimumHeight(4 * self.fontMetrics().lineSpacing())
        self.comment.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.comment.setFixedHeight(5 * self.fontMetrics().lineSpacing() + 12)
        self.comment_heading.setBuddy(self.comment)
        self.comment.committed.connect(self._on_comment)
        self.flag = QCheckBox(body)
        self.flag.clicked.connect(self._on_flag)
        layout.addWidget(self.comment_heading)
        layout.addWidget(self.comment)
        layout.addWidget(self.flag)

        self.evidence = EvidenceBox(state, body)
        layout.addWidget(self.evidence)
        layout.addStretch(1)

        self.navigation = QuestionNavigation(self)
        self.navigation.previous_button.clicked.connect(self.previous_requested)
        self.navigation.next_button.clicked.connect(self.next_requested)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area, 1)
        outer.addWidget(self.navigation)
        self.retranslate()

    # --- showing ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.guidance_heading.setText(_("What this question is after"))
        self.validator_heading.setText(_("What a validator will ask to see"))
        self.answer_box.setTitle(_("Your answer"))
        self.clear_button.setText(_("Clear ans&wer"))
        self.clear_button.setAccessibleName(_("Clear the answer"))
        self.na_check.setText(_("Not app&licable"))
        self.na_check.setAccessibleName(_("Not applicable"))
        self.na_reason.setPlaceholderText(_("Why does this question not apply?"))
        self.na_reason.setAccessibleName(_("Reason why the question does not apply"))
        self.na_must.setText(_(
            "This is a required question: the validator will check this reason, and accepts "
            "it only when the requirement truly does not concern your operations."
        ))
        self.comment_heading.setText(_("Co&mment (saved as you type)"))
        self.comment.setAccessibleName(_("Comment"))
        self.flag.setText(_("Fla&g for review"))
        self.flag.setAccessibleName(_("Flag for review"))
        self.confirm_button.setText(_("Still true: confirm"))
        self.confirm_button.setAccessibleName(_("Confirm the answer carried over"))
        self.navigation.retranslate()
        for widget in (self.options, self.number, self.text_answer, self.date, self.evidence):
            widget.retranslate()
        if self.question is not None:
            self.show_question(self.question.id)

    def show_question(self, question_id: str) -> None:
        self.commit_pending()
        questionnaire, lang = self._state.questionnaire, language()
        question = questionnaire.question(question_id)
        self.question = question
        self._na_pending = False
        criterion = questionnaire.criterion(question.criterion_id)
        self.location.setText(
            _("{question} · {criterion}: {title}").format(
                question=question.id,
                criterion=criterion.id,
                title=localized(criterion.title, lang),
            )
        )
        self._show_kind(question)
        self.text.setText(localized(question.text, lang))
        self.guidance.setText(localized(question.guidance, lang))
        self.validator.setText(
            "<ul style='margin-left: -20px'>"
            + "".join(f"<li>{html.escape(localized(e, lang))}</li>" for e in question.evidence)
            + "</ul>"
        )
        self.recommendation_text.setText(localized(question.recommendation, lang))
        shown = self._inputs[question.type]
        for widget in (self.options, self.number, self.text_answer, self.date):
            widget.setVisible(widget is shown)
        if question.type in (QuestionType.MATURITY, QuestionType.YES_NO, QuestionType.CHOICE):
            self.options.set_options(self._options(question))
        self.keys_hint.setText(
            {
                QuestionType.MATURITY: _("Keys 0 to 4 choose a level."),
                QuestionType.YES_NO: _("Keys Y and N answer yes or no."),
                QuestionType.CHOICE: _("Keys 1 to {last} choose an option.").format(
                    last=min(len(question.options), 9)),
            }.get(question.type, "")
        )
        self.keys_hint.setVisible(bool(self.keys_hint.text()))
        self.answer_box.setAccessibleName(localized(question.text, lang))
        self.evidence.show_question(question.id)
        self.refresh_answer()
        self.scroll_area.verticalScrollBar().setValue(0)

    def _options(self, question: Question) -> list[tuple[AnswerValue, str, str]]:
        lang = language()
        if question.type is QuestionType.YES_NO:
            return [(True, _("Yes"), ""), (False, _("No"), "")]
        if question.type is QuestionType.CHOICE:
            return [(o.value, localized(o.label, lang), "") for o in question.options]
        scale = self._state.questionnaire.maturity_scale
        return [(m.value, localized(m.label, lang), localized(m.description, lang)) for m in scale]

    def _show_kind(self, question: Question) -> None:
        """Which kind of requirement this is, in words (DESIGN §4), and why "not applicable"
        is off for an eligibility condition."""
        if question.kind is QuestionKind.ELIGIBILITY:
            self.blocking.setText(_("Eligibility condition"))
            self.blocking.setToolTip(
                _("A legal condition of the programme: if it is not met, the operator is not "
                  "eligible, whatever the other answers. It cannot be marked not applicable.")
            )
            self.na_check.setToolTip(_("An eligibility condition applies to every applicant."))
        else:
            self.blocking.setText(_("Must"))
            self.blocking.setToolTip(
                _("Validators require it: below \"applied with records\" the criterion is "
                  "not met, whatever the overall score.")
            )
            self.na_check.setToolTip("")
        self.blocking.setVisible(question.blocking)

    def refresh_answer(self) -> None:
        """Show the stored answer of the current question without emitting anything."""
        question = self.question
        if question is None:
            return
        answer = self._state.answer(question.id)
        not_applicable = answer.not_applicable or self._na_pending
        self._inputs[question.type].show_value(answer.value)
        self._inputs[question.type].setEnabled(not not_applicable)
        self.clear_button.setEnabled(answer.value is not None)
        self.na_check.setChecked(not_applicable)
        self.na_check.setEnabled(question.na_allowed or not_applicable)
        self.na_reason.setEnabled(not_applicable)
        self.na_must.setVisible(not_applicable and question.blocking)
        if not self._na_pending:
            self.na_reason.setText(answer.na_reason or "")
            self.na_problem.hide()
        gap = self._state.gap(question.id)
        self.recommendation.setVisible(gap is not None)
        if gap is not None:
            self.recommendation_heading.setText(
                _("Recommendation: this answer is a gap (score {score})").format(
                    score=format_percent(gap.score)
                )
            )
        self.comment.set_saved_text(answer.comment)
        self.flag.setChecked(answer.flagged)
        self._show_carried(self._state.carry_state(question.id))

    def _show_carried(self, state: CarryState | None) -> None:
        """Whether the answer came from the previous cycle, and whether it was looked at."""
        self.carried.setVisible(state is not None)
        self.confirm_button.setVisible(state is CarryState.TO_CONFIRM)
        if state is CarryState.TO_CONFIRM:
            text = _(
                "Carried over from the previous assessment, to confirm: if it is still true, "
                "confirm it; otherwise change it. The verdict stays provisional until you do."
            )
        elif state is CarryState.CONFIRMED:
            text = _("Carried over from the previous assessment and confirmed.")
        else:
            text = _("Carried over from the previous assessment and changed since.")
        self.carried_text.setText(text)
        self.confirm_button.setAccessibleDescription(text)

    def _on_confirm(self) -> None:
        if self.question is not None:
            self.confirm_requested.emit(self.question.id)

    def commit_pending(self) -> None:
        """Save what is being typed (comment, text or number) before anything moves on."""
        if self.question is None:
            return
        self.comment.commit()
        self._inputs[self.question.type].commit()

    def focus_answer(self) -> None:
        question = self.question
        if question is None:
            return
        shown = self._inputs[question.type]
        if isinstance(shown, OptionsInput):
            buttons = shown.buttons
            target = next((b for b in buttons if b.isChecked()), buttons[0] if buttons else None)
            if target is not None:
                target.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            shown.setFocus(Qt.FocusReason.OtherFocusReason)  # its field, by focus proxy

    # --- user actions ----------------------------------------------------------------------

    def _request(self, answer: Answer) -> None:
        if self.question is not None:
            self.change_requested.emit(self.question.id, answer)

    def _on_value(self, value: AnswerValue | None) -> None:
        if self.question is not None:
            self._na_pending = False
            self._request(self._state.with_value(self.question.id, value))

    def _on_na_clicked(self, checked: bool) -> None:
        if self.question is None:
            return
        answer = self._state.answer(self.question.id)
        if checked:
            self._na_pending = True
            self.refresh_answer()
            self.na_reason.setFocus(Qt.FocusReason.OtherFocusReason)
            # Alt+C from anywhere on the page: the reason (and its warning) come into view.
            target = self.na_must if self.na_must.isVisibleTo(self) else self.na_reason
            self.scroll_area.ensureWidgetVisible(target)
            if self.na_reason.text().strip():
                self._on_na_reason()
        else:
            self._na_pending = False
            if answer.not_applicable:
                self._request(dataclasses.replace(answer, na_reason=None))
            else:
                self.refresh_answer()

    def _on_na_reason(self) -> None:
        if self.question is None or not self.na_check.isChecked():
            return
        reason = self.na_reason.text().strip()
        if not reason:
            self.na_problem.setText(_("Say why the question does not apply; the reason is saved with it."))
            self.na_problem.show()
            return
        self._na_pending = False
        answer = self._state.answer(self.question.id)
        self._request(dataclasses.replace(answer, value=None, na_reason=reason))

    def _on_comment(self, text: str) -> None:
        if self.question is not None:
            self._request(dataclasses.replace(self._state.answer(self.question.id), comment=text))

    def _on_flag(self, checked: bool) -> None:
        if self.question is not None:
            self._request(dataclasses.replace(self._state.answer(self.question.id), flagged=checked))
