"""The applicable questions grouped by criterion, each with its verdict, and a filter."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.domain.review import RemarkStatus, Verdict
from aeo_assess.domain.text import localized
from aeo_assess.gui.review.labels import (
    VERDICT_COLOURS,
    VERDICT_MARKS,
    remark_status_label,
    verdict_label,
)
from aeo_assess.gui.review.state import ReviewState
from aeo_assess.i18n import _, language

_QUESTION = Qt.ItemDataRole.UserRole


class Show(Enum):
    ALL = "all"
    NOT_REVIEWED = "not_reviewed"
    NOT_ACCEPTED = "not_accepted"
    OPEN_REMARKS = "open_remarks"
    CHANGED = "changed"


class ReviewQuestionList(QWidget):
    question_selected = Signal(str)

    def __init__(self, state: ReviewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.current = ""
        self.show_label = QLabel(self)
        self.show_filter = QComboBox(self)
        self.show_label.setBuddy(self.show_filter)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        row = QHBoxLayout()
        row.addWidget(self.show_label)
        row.addWidget(self.show_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.tree, 1)

        applicable = set(state.applicable_questions())
        self._criteria: dict[str, QTreeWidgetItem] = {}
        self._questions: dict[str, QTreeWidgetItem] = {}
        self._children: dict[str, list[QTreeWidgetItem]] = {}
        for criterion in state.questionnaire.criteria:
            questions = [q for q in criterion.questions if q.id in applicable]
            if not questions:
                continue
            parent_item = QTreeWidgetItem(self.tree)
            parent_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self._criteria[criterion.id] = parent_item
            for question in questions:
                item = QTreeWidgetItem(parent_item)
                item.setData(0, _QUESTION, question.id)
                self._questions[question.id] = item
                self._children.setdefault(criterion.id, []).append(item)
        self.tree.expandAll()
        self.tree.currentItemChanged.connect(self._on_current_item)
        self.show_filter.currentIndexChanged.connect(lambda _index: self.apply_filter())
        state.question_changed.connect(self.refresh_question)
        state.review_changed.connect(self.refresh_all)
        self.retranslate()

    def retranslate(self) -> None:
        self.show_label.setText(_("&Show:"))
        self.show_filter.setAccessibleName(_("Which questions to show"))
        self.tree.setAccessibleName(_("Questions and verdicts"))
        self.tree.setHeaderLabels([_("Question"), _("Verdict")])
        labels = {
            Show.ALL: _("All questions"),
            Show.NOT_REVIEWED: _("Not reviewed yet"),
            Show.NOT_ACCEPTED: _("Not accepted or needing evidence"),
            Show.OPEN_REMARKS: _("Open remarks"),
            Show.CHANGED: _("Changed since the last submission"),
        }
        chosen = max(self.show_filter.currentIndex(), 0)
        self.show_filter.blockSignals(True)
        self.show_filter.clear()
        for kind, label in labels.items():
            self.show_filter.addItem(label, kind.value)
        self.show_filter.setCurrentIndex(chosen)
        self.show_filter.blockSignals(False)
        lang = language()
        for criterion_id, item in self._criteria.items():
            criterion = self._state.questionnaire.criterion(criterion_id)
            item.setText(0, f"{criterion.id}  {localized(criterion.title, lang)}")
            item.setToolTip(0, item.text(0))
        self.refresh_all()

    def refresh_all(self) -> None:
        for question_id in self._questions:
            self._refresh_texts(question_id)
        self.apply_filter()

    def refresh_question(self, question_id: str) -> None:
        if question_id in self._questions:
            self._refresh_texts(question_id)

    def _refresh_texts(self, question_id: str) -> None:
        state = self._state
        question = state.questionnaire.question(question_id)
        item = self._questions[question_id]
        text = localized(question.text, language())
        item.setText(0, f"{question.id}  {text}")
        item.setToolTip(0, f"{question.id}: {text}")
        review = state.question_review(question_id)
        verdict = review.verdict if review is not None else None
        mark = VERDICT_MARKS[verdict] if verdict is not None else ""
        words = [verdict_label(verdict)]
        if review is not None and review.remark:
            mark += " ✎"
            words.append(remark_status_label(review.remark_status or RemarkStatus.OPEN))
        item.setText(1, mark.strip())
        item.setToolTip(1, ", ".join(words))
        item.setData(1, Qt.ItemDataRole.AccessibleTextRole, ", ".join(words))
        colour = VERDICT_COLOURS.get(verdict) if verdict is not None else None
        item.setForeground(1, QBrush(QColor(colour)) if colour else QBrush())

    # --- filtering and navigation ----------------------------------------------------------

    def _matches(self, question_id: str) -> bool:
        if question_id == self.current:
            return True
        kind = Show(self.show_filter.currentData() or Show.ALL.value)
        review = self._state.question_review(question_id)
        verdict = review.verdict if review is not None else None
        if kind is Show.NOT_REVIEWED:
            return verdict is None
        if kind is Show.NOT_ACCEPTED:
            return verdict in (Verdict.NOT_ACCEPTED, Verdict.NEEDS_EVIDENCE)
        if kind is Show.OPEN_REMARKS:
            return review is not None and review.remark_status is RemarkStatus.OPEN
        if kind is Show.CHANGED:
            return question_id in self.changed_questions()
        return True

    def changed_questions(self) -> set[str]:
        diff = self._state.diff
        return set() if diff is None else set(diff.question_ids())

    def apply_filter(self) -> None:
        for criterion_id, parent in self._criteria.items():
            any_shown = False
            for item in self._children[criterion_id]:
                hidden = not self._matches(str(item.data(0, _QUESTION)))
                item.setHidden(hidden)
                any_shown = any_shown or not hidden
            parent.setHidden(not any_shown)

    def shown_questions(self) -> list[str]:
        shown = []
        iterator = QTreeWidgetItemIterator(
            self.tree, QTreeWidgetItemIterator.IteratorFlag.NotHidden
        )
        while item := iterator.value():
            question_id = item.data(0, _QUESTION)
            parent = item.parent()
            if question_id and not (parent is not None and parent.isHidden()):
                shown.append(str(question_id))
            iterator += 1
        return shown

    def has(self, question_id: str) -> bool:
        return question_id in self._questions

    def select(self, question_id: str) -> None:
        item = self._questions[question_id]
        self.current = question_id
        item.setHidden(False)
        parent = item.parent()
        if parent is not None:
            parent.setHidden(False)
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item)

    def _on_current_item(
        self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        question_id = item.data(0, _QUESTION) if item is not None else None
        if question_id and question_id != self.current:
            self.current = str(question_id)
            self.question_selected.emit(self.current)
