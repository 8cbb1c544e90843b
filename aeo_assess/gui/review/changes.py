"""Changes since the last submission: answers, evidence and comments added, changed or removed;
activating a row shows its question."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.domain.assessment import Answer, Evidence
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.review import ChangeKind, SubmissionDiff
from aeo_assess.gui.review.labels import answer_text, question_title
from aeo_assess.gui.review.state import ReviewState
from aeo_assess.i18n import _, format_date, format_size, ngettext
from aeo_assess.services import cycles

_QUESTION = Qt.ItemDataRole.UserRole


def change_label(kind: ChangeKind) -> str:
    return {
        ChangeKind.ADDED: _("Added"),
        ChangeKind.CHANGED: _("Changed"),
        ChangeKind.REMOVED: _("Removed"),
    }[kind]


def _answer(questionnaire: Questionnaire, question_id: str, answer: Answer | None) -> str:
    if answer is None:
        return ""
    if not questionnaire.has_question(question_id):
        return str(answer.value)
    return answer_text(questionnaire, questionnaire.question(question_id), answer)


def _evidence(evidence: Evidence | None) -> str:
    return "" if evidence is None else f"{evidence.name} ({format_size(evidence.size)})"


def change_rows(questionnaire: Questionnaire, diff: SubmissionDiff) -> list[list[str]]:
    """[what, change, question id, before, now] for every change, by question."""
    rows: list[tuple[str, int, list[str]]] = []
    for answer in diff.answers:
        rows.append((answer.question_id, 0, [
            _("Answer"), change_label(answer.kind), answer.question_id,
            _answer(questionnaire, answer.question_id, answer.old),
            _answer(questionnaire, answer.question_id, answer.new),
        ]))
    for comment in diff.comments:
        rows.append((comment.question_id, 1, [
            _("Comment"), change_label(comment.kind), comment.question_id,
            comment.old or "", comment.new or "",
        ]))
    for evidence in diff.evidence:
        rows.append((evidence.question_id, 2, [
            _("Evidence"), change_label(evidence.kind), evidence.question_id,
            _evidence(evidence.old), _evidence(evidence.new),
        ]))
    return [row for _question, _order, row in sorted(rows, key=lambda r: (r[0], r[1]))]


class ChangesView(QWidget):
    question_requested = Signal(str)

    def __init__(self, state: ReviewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._previous_diff = state.diff
        """The changes since the previous submission, before any other baseline was chosen."""
        self.baselines = cycles.earlier_assessments(state.gui.app, state.assessment_id)
        self.baseline_label = QLabel(self)
        self.baseline = QComboBox(self)
        self.baseline_label.setBuddy(self.baseline)
        self.baseline.currentIndexChanged.connect(self._on_baseline)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(5)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setWordWrap(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column in (0, 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.tree.itemActivated.connect(self._on_activated)
        self.tree.itemClicked.connect(self._on_activated)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.baseline_label, self.baseline)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.hint)

    def retranslate(self) -> None:
        self.tree.setHeaderLabels(
            [_("What"), _("Change"), _("Question"), _("Before"), _("Now")]
        )
        self.tree.setAccessibleName(_("Changes since the last submission"))
        self.hint.setText(_("Click a change, or press Enter on it, to see its question."))
        self.baseline_label.setText(_("Compare &with:"))
        chosen = self.baseline.currentIndex()
        self.baseline.blockSignals(True)
        self.baseline.clear()
        if self._previous_diff is not None:
            self.baseline.addItem(_("The previous submission"), "")
        for row in self.baselines:
            day = format_date(row.created_at.date() if row.created_at else None)
            self.baseline.addItem(
                _("The assessment of {date} ({version})").format(
                    date=day, version=row.questionnaire_version
                ),
                row.id,
            )
        self.baseline.setCurrentIndex(max(chosen, 0))
        self.baseline.blockSignals(False)
        shown = self.baseline.count() > 0
        self.baseline.setVisible(shown)
        self.baseline_label.setVisible(shown)
        self._on_baseline()

    def _on_baseline(self) -> None:
        """Any earlier assessment of the company as the baseline: a re-validation checks only
        what moved since the last visit. The question list's filter follows."""
        baseline_id = self.baseline.currentData()
        state = self._state
        if baseline_id:
            state.diff = cycles.submission_diff(state.gui.app, str(baseline_id), state.assessment_id)
        else:
            state.diff = self._previous_diff
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        diff = self._state.diff
        if diff is None:
            self.summary.setText(
                _("This is the applicant's first submission: there is nothing to compare.")
            )
            self.tree.hide()
            self.hint.hide()
            return
        questionnaire = self._state.questionnaire
        for what, kind, question_id, before, now in change_rows(questionnaire, diff):
            title = question_title(questionnaire, question_id) if question_id else _(
                "(no question)"
            )
            item = QTreeWidgetItem([what, kind, title, before, now])
            for column in range(5):
                item.setToolTip(column, item.text(column))
            item.setData(0, _QUESTION, question_id)
            self.tree.addTopLevelItem(item)
        count = self.tree.topLevelItemCount()
        if self.baseline.currentData():
            summary = ngettext(
                "{count} change since the chosen assessment.",
                "{count} changes since the chosen assessment.",
                count,
            ).format(count=count)
        elif count:
            summary = ngettext(
                "{count} change since the previous submission.",
                "{count} changes since the previous submission.",
                count,
            ).format(count=count)
        else:
            summary = _("Nothing changed since the previous submission.")
        self.summary.setText(summary)
        self.tree.setVisible(bool(count))
        self.hint.setVisible(bool(count))

    def _on_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        question_id = item.data(0, _QUESTION)
        if question_id:
            self.question_requested.emit(str(question_id))
