"""The criteria and their questions, with completeness and score, a filter and a search.

Rows are created once; a change updates only its question's row, its criterion's row and the
rows whose ``show_if`` visibility flipped, so answering stays fast however long the list is.
"""

from __future__ import annotations

import unicodedata
from enum import Enum

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.domain.assessment import CarryState
from aeo_assess.domain.questionnaire import Question
from aeo_assess.domain.text import localized
from aeo_assess.gui.editor.state import EditorState
from aeo_assess.i18n import _, format_percent, language

_QUESTION = Qt.ItemDataRole.UserRole
_GAP = QColor("#A35200")
_BLOCKING = QColor("#B00020")


class Filter(Enum):
    ALL = "all"
    UNANSWERED = "unanswered"
    FLAGGED = "flagged"
    GAPS = "gaps"
    BLOCKING = "blocking"
    TO_CONFIRM = "to_confirm"


def folded(text: str) -> str:
    """Lower case without accents, so that "accion" finds "acción"."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class QuestionTree(QWidget):
    question_selected = Signal(str)
    shown_changed = Signal()
    """The set of rows on show changed (filter, search or visibility)."""

    def __init__(self, state: EditorState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.current = ""
        self._search_texts: dict[str, str] = {}

        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.filter_label = QLabel(self)
        self.filter = QComboBox(self)
        self.filter_label.setBuddy(self.filter)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed widths sized for the widest possible value: ResizeToContents would measure
        # every row again on each answer.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)

        row = QHBoxLayout()
        row.addWidget(self.filter_label)
        row.addWidget(self.filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(row)
        layout.addWidget(self.tree, 1)

        self._criteria: dict[str, QTreeWidgetItem] = {}
        self._questions: dict[str, QTreeWidgetItem] = {}
        for criterion in state.questionnaire.criteria:
            parent_item = QTreeWidgetItem(self.tree)
            parent_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self._criteria[criterion.id] = parent_item
            for question in criterion.questions:
                item = QTreeWidgetItem(parent_item)
                item.setData(0, _QUESTION, question.id)
                self._questions[question.id] = item
        self.tree.expandAll()

        self.tree.currentItemChanged.connect(self._on_current_item)
        self.search.textChanged.connect(lambda _text: self.apply_filter())
        self.filter.currentIndexChanged.connect(lambda _index: self.apply_filter())
        self.retranslate()

    # --- texts -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search questions (Ctrl+F)"))
        self.search.setAccessibleName(_("Search question text"))
        self.search.setToolTip(
            _("Searches the questions, their guidance, the evidence asked for and your comments")
        )
        self.filter_label.setText(_("&Show:"))
        self.filter.setAccessibleName(_("Which questions to show"))
        self.tree.setAccessibleName(_("Criteria and questions"))
        self.tree.setHeaderLabels([_("Question"), _("Done"), _("Score")])
        self.tree.headerItem().setToolTip(1, _("Answered share of the applicable questions"))
        self._size_columns()
        labels = {
            Filter.ALL: _("All questions"),
            Filter.UNANSWERED: _("Unanswered"),
            Filter.FLAGGED: _("Flagged for review"),
            Filter.GAPS: _("Gaps"),
            Filter.BLOCKING: _("Musts not met"),
            Filter.TO_CONFIRM: _("Carried over, to confirm"),
        }
        chosen = self.filter.currentIndex()
        self.filter.blockSignals(True)
        self.filter.clear()
        for kind, label in labels.items():
            self.filter.addItem(label, kind.value)
        self.filter.setCurrentIndex(max(chosen, 0))
        self.filter.blockSignals(False)
        lang = language()
        # What a user may remember of a question: its words, its guidance, the evidence
        # a validator asks for (the comments are searched as they stand).
        self._search_texts = {
            q.id: folded(" ".join([q.id, localized(q.text, lang), localized(q.guidance, lang),
                                   *(localized(e, lang) for e in q.evidence)]))
            for q in self._state.questionnaire.questions()
        }
        self.refresh_all()

    def _size_columns(self) -> None:
        header = self.tree.header()
        metrics = header.fontMetrics()
        padding = 2 * metrics.averageCharWidth()
        widest_value = max(
            metrics.horizontalAdvance(text)
            for text in (format_percent(1.0), f"{_('N/A')} ⚑", "✓ ⚑")
        )
        for column in (1, 2):
            title = self.tree.headerItem().text(column)
            self.tree.setColumnWidth(column, max(widest_value, metrics.horizontalAdvance(title)) + padding)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_columns()

    def refresh_all(self) -> None:
        for criterion_id in self._criteria:
            self.refresh_criterion(criterion_id)
        for question_id in self._questions:
            self._refresh_question_texts(question_id)
        self.apply_filter()

    def refresh_criterion(self, criterion_id: str) -> None:
        criterion = self._state.questionnaire.criterion(criterion_id)
        figures = self._state.card.criterion(criterion_id)
        item = self._criteria[criterion_id]
        title = localized(criterion.title, language())
        item.setText(0, f"{criterion.id}  {title}")
        item.setToolTip(0, f"{criterion.id}: {title}")
        item.setText(1, format_percent(figures.completeness) if figures.applicable else "")
        item.setToolTip(
            1,
            _("{answered} of {applicable} answered").format(
                answered=figures.answered, applicable=figures.applicable
            ),
        )
        item.setText(2, format_percent(figures.score))

    def refresh_question(self, question_id: str) -> None:
        """A question's answer changed: its row, its criterion and whether it still matches."""
        question = self._state.questionnaire.question(question_id)
        self._refresh_question_texts(question_id)
        self.refresh_criterion(question.criterion_id)
        self._show_row(question)

    def _refresh_question_texts(self, question_id: str) -> None:
        state = self._state
        question = state.questionnaire.question(question_id)
        item = self._questions[question_id]
        answer = state.answer(question_id)
        text = localized(question.text, language())
        item.setText(0, f"{question.id}  {text}")
        item.setToolTip(0, f"{question.id}: {text}")
        marks, words = [], []
        if answer.not_applicable:
            marks.append(_("N/A"))
            words.append(_("not applicable"))
        elif state.carry_state(question_id) is CarryState.TO_CONFIRM:
            marks.append("↻")
            words.append(_("carried over, to confirm"))
        elif answer.answered:
            marks.append("✓")
            words.append(_("answered"))
        else:
            words.append(_("unanswered"))
        if answer.flagged:
            marks.append("⚑")
            words.append(_("flagged for review"))
        gap = state.gap(question_id)
        if gap is not None:
            words.append(_("must not met") if gap.blocking else _("gap"))
        item.setText(1, " ".join(marks))
        item.setToolTip(1, ", ".join(words))
        item.setData(1, Qt.ItemDataRole.AccessibleTextRole, ", ".join(words))
        item.setText(2, format_percent(state.score_of(question)) if state.score_of(question) is not None else "")
        colour = None if gap is None else (_BLOCKING if gap.blocking else _GAP)
        for column in range(3):
            item.setForeground(column, QBrush(colour) if colour else QBrush())

    # --- filtering -------------------------------------------------------------------------

    @property
    def filter_kind(self) -> Filter:
        return Filter(self.filter.currentData() or Filter.ALL.value)

    def _matches(self, question: Question) -> bool:
        state = self._state
        if not state.is_visible(question.id):
            return False
        answer = state.answer(question.id)
        needle = folded(self.search.text().strip())
        if needle and needle not in self._search_texts[question.id] and needle not in folded(
            answer.comment
        ):
            return False  # a search shows its hits only, the current question too
        if question.id == self.current:
            return True  # answering it under a filter keeps it put until the user moves on
        gap = state.gap(question.id)
        return {
            Filter.ALL: True,
            Filter.UNANSWERED: not answer.answered,
            Filter.FLAGGED: answer.flagged,
            Filter.GAPS: gap is not None,
            Filter.BLOCKING: gap is not None and gap.blocking,
            Filter.TO_CONFIRM: state.carry_state(question.id) is CarryState.TO_CONFIRM,
        }[self.filter_kind]

    def _show_row(self, question: Question) -> None:
        item = self._questions[question.id]
        hidden = not self._matches(question)
        if item.isHidden() != hidden:
            item.setHidden(hidden)
            parent = self._criteria[question.criterion_id]
            parent.setHidden(all(self._questions[q.id].isHidden() for q in self._criterion_questions(question)))
            self.shown_changed.emit()

    def _criterion_questions(self, question: Question) -> tuple[Question, ...]:
        return self._state.questionnaire.criterion(question.criterion_id).questions

    def apply_filter(self) -> None:
        for criterion in self._state.questionnaire.criteria:
            any_shown = False
            for question in criterion.questions:
                hidden = not self._matches(question)
                self._questions[question.id].setHidden(hidden)
                any_shown = any_shown or not hidden
            self._criteria[criterion.id].setHidden(not any_shown)
        self.shown_changed.emit()

    def visibility_changed(self, question_ids: list[str]) -> None:
        for question_id in question_ids:
            self._show_row(self._state.questionnaire.question(question_id))

    # --- navigation ------------------------------------------------------------------------

    def shown_questions(self) -> list[str]:
        """Ids of the questions on show, top to bottom."""
        shown = []
        iterator = QTreeWidgetItemIterator(self.tree, QTreeWidgetItemIterator.IteratorFlag.NotHidden)
        while item := iterator.value():
            question_id = item.data(0, _QUESTION)
            parent = item.parent()
            if question_id and not (parent is not None and parent.isHidden()):
                shown.append(question_id)
            iterator += 1
        return shown

    def select(self, question_id: str) -> None:
        """Make ``question_id`` current (and on show, whatever the filter)."""
        item = self._questions[question_id]
        previous = self.current
        self.current = question_id
        self._show_row(self._state.questionnaire.question(question_id))
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item)
        if previous and previous != question_id:
            self._show_row(self._state.questionnaire.question(previous))

    def _on_current_item(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        question_id = item.data(0, _QUESTION) if item is not None else None
        if question_id and question_id != self.current:
            previous = self.current
            self.current = question_id
            if previous:
                self._show_row(self._state.questionnaire.question(previous))
            self.question_selected.emit(question_id)
