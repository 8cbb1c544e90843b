"""The trader's side of a review: the "Customs remarks" tab of the editor (remarks by question
with open/resolved, findings by severity, the recommended outcome) and each remark on its
question page. Everything here is read-only: verdicts belong to the officer."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.review import QuestionReview, RemarkStatus, Review
from aeo_assess.domain.signatures import Signature
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.review.findings import fill_findings_table, finding_columns, new_findings_table
from aeo_assess.gui.review.labels import (
    VERDICT_COLOURS,
    VERDICT_MARKS,
    outcome_label,
    question_title,
    remark_status_label,
    verdict_label,
)
from aeo_assess.gui.review.report import ReviewReportDialog
from aeo_assess.gui.signing import SignatureBadge
from aeo_assess.i18n import _, ngettext
from aeo_assess.services import reviews, signatures
from aeo_assess.services.errors import ServiceError

if TYPE_CHECKING:
    from aeo_assess.gui.editor.assessment_editor import AssessmentEditor

_QUESTION = Qt.ItemDataRole.UserRole
_NOTE_STYLE = (
    "QFrame#customs_remark { background: #FDECEC; border: 1px solid #D9A0A0;"
    " border-radius: 4px; } QFrame#customs_remark QLabel { color: #2B1111; }"
)
_RESOLVED_STYLE = (
    "QFrame#customs_remark { background: #EAF5EC; border: 1px solid #9CC9A6;"
    " border-radius: 4px; } QFrame#customs_remark QLabel { color: #10301A; }"
)


class _WrappedRows(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the column's width: a tree view otherwise keeps
    every row one line high and cuts a long remark to "…"."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree
        tree.header().sectionResized.connect(lambda *_args: tree.doItemsLayout())

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        width = self._tree.columnWidth(index.column()) - 8
        text = str(index.data() or "")
        if width <= 0 or not text:
            return hint
        bounds = option.fontMetrics.boundingRect(
            QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text
        )
        return QSize(hint.width(), max(hint.height(), bounds.height() + 4))


def remarked(review: Review) -> list[QuestionReview]:
    """The questions the officer judged or wrote about: open remarks first, resolved last."""
    order = {RemarkStatus.OPEN: 0, None: 1, RemarkStatus.RESOLVED: 2}
    items = [q for q in review.questions.values() if q.remark or q.verdict is not None]
    return sorted(items, key=lambda q: (order[q.remark_status], q.question_id))


class RemarkNote(QFrame):
    """The officer's verdict and remark, above the answer on the trader's question page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customs_remark")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.text = QLabel(self)
        for label in (self.heading, self.text):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        self.hide()

    def show_review(self, review: QuestionReview | None) -> None:
        if review is None or (review.verdict is None and not review.remark):
            self.hide()
            return
        resolved = review.remark_status is RemarkStatus.RESOLVED
        self.setStyleSheet(_RESOLVED_STYLE if resolved else _NOTE_STYLE)
        heading = _("Customs: {verdict}").format(verdict=verdict_label(review.verdict))
        if review.remark:
            heading += " · " + remark_status_label(review.remark_status or RemarkStatus.OPEN)
        self.heading.setText(heading)
        self.text.setText(review.remark)
        self.text.setVisible(bool(review.remark))
        self.setAccessibleName(heading)
        self.setAccessibleDescription(review.remark)
        self.show()


class CustomsRemarks(QWidget):
    """The reviews customs sent back for this assessment; choose the round when several."""

    question_requested = Signal(str)

    def __init__(
        self, gui: GuiContext, assessment_id: str, questionnaire: Questionnaire,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.gui = gui
        self.assessment_id = assessment_id
        self.questionnaire = questionnaire
        self.reviews: list[Review] = []
        self.signatures: list[Signature] = []
        """Who signed each review of ``reviews``: shown, with a warning, beside it."""
        self.round_label = QLabel(self)
        self.round = QComboBox(self)
        self.round_label.setBuddy(self.round)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_button = QPushButton(self)
        self.report_button.clicked.connect(self.show_report)
        self.report_dialog: ReviewReportDialog | None = None
        top = QHBoxLayout()
        top.addWidget(self.round_label)
        top.addWidget(self.round)
        top.addStretch(1)
        top.addWidget(self.report_button)
        self.remarks_label = QLabel(self)
        self.remarks = QTreeWidget(self)
        self.remarks.setColumnCount(4)
        self.remarks.setRootIsDecorated(False)
        self.remarks.setWordWrap(True)
        self.remarks.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.remarks.setItemDelegate(_WrappedRows(self.remarks))
        header = self.remarks.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.remarks_label.setBuddy(self.remarks)
        self.remarks.itemActivated.connect(self._on_activated)
        self.remarks.itemDoubleClicked.connect(self._on_activated)
        self.findings_label = QLabel(self)
        self.findings = new_findings_table(self)
        self.findings_label.setBuddy(self.findings)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        remarks_part = QWidget(self)
        remarks_layout = QVBoxLayout(remarks_part)
        remarks_layout.setContentsMargins(0, 0, 0, 0)
        remarks_layout.addWidget(self.remarks_label)
        remarks_layout.addWidget(self.remarks, 1)
        findings_part = QWidget(self)
        findings_layout = QVBoxLayout(findings_part)
        findings_layout.setContentsMargins(0, 0, 0, 0)
        findings_layout.addWidget(self.findings_label)
        findings_layout.addWidget(self.findings, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(remarks_part)
        self.splitter.addWidget(findings_part)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        self.signature = SignatureBadge(self)
        layout.addLayout(top)
        layout.addWidget(self.signature)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.empty, 1)
        self.round.currentIndexChanged.connect(lambda _index: self._show_round())
        gui.signals.assessments_changed.connect(self.reload)
        gui.signals.language_changed.connect(self._on_language_changed)
        self.reload()
        # Before any review, reload() finds nothing new and shows nothing: say so here.
        self.retranslate()

    @property
    def review(self) -> Review | None:
        index = self.round.currentIndex()
        return self.reviews[index] if 0 <= index < len(self.reviews) else None

    def open_count(self) -> int:
        review = self.review
        if review is None:
            return 0
        return sum(1 for q in review.questions.values() if q.remark_status is RemarkStatus.OPEN)

    def question_review(self, question_id: str) -> QuestionReview | None:
        review = self.review
        return review.questions.get(question_id) if review is not None else None

    def reload(self) -> None:
        """Read the review files imported for this assessment (after an import, too)."""
        try:
            found = reviews.received_reviews(self.gui.app, self.assessment_id)
            self.signatures = signatures.received_review_signatures(
                self.gui.app, self.assessment_id
            )
        except ServiceError:
            found = []
        if found == self.reviews and self.round.count() == len(found):
            return
        self.reviews = list(found)  # the newest first
        self.round.blockSignals(True)
        self.round.clear()
        for index in range(len(found)):
            self.round.addItem(_("Review {number}").format(number=len(found) - index))
        self.round.setCurrentIndex(0)
        self.round.blockSignals(False)
        self.retranslate()

    def retranslate(self) -> None:
        for index in range(self.round.count()):
            number = self.round.count() - index
            self.round.setItemText(index, _("Review {number}").format(number=number))
        self.report_button.setText(_("Review &report…"))
        self.report_button.setToolTip(
            _("Preview, save or print the report of the newest review from customs")
        )
        self.report_button.setAccessibleName(_("Review report"))
        self.round_label.setText(_("&Review file:"))
        self.round.setAccessibleName(_("Which review file from customs"))
        self.remarks_label.setText(_("Re&marks by question"))
        self.remarks.setHeaderLabels([_("Question"), _("Verdict"), _("Remark"), _("Status")])
        self.remarks.setAccessibleName(_("Customs remarks by question"))
        self.findings_label.setText(_("F&indings"))
        self.findings.setHorizontalHeaderLabels(finding_columns())
        self.findings.setAccessibleName(_("Customs findings"))
        self.empty.setText(
            _("No review from customs yet. When customs sends you a review file (.aeor), "
              "import it with File › Import (Ctrl+I): every remark then shows here and on "
              "its question.")
        )
        self._show_round()

    def _show_round(self) -> None:
        review = self.review
        has = review is not None
        for widget in (self.summary, self.splitter, self.report_button):
            widget.setVisible(has)
        self.round_label.setVisible(len(self.reviews) > 1)
        self.round.setVisible(len(self.reviews) > 1)
        self.empty.setVisible(not has)
        index = self.round.currentIndex()
        self.signature.show_signature(
            self.signatures[index] if has and 0 <= index < len(self.signatures) else None
        )
        self.remarks.clear()
        if review is None:
            self.findings.setRowCount(0)
            return
        summary = _("Recommended outcome: {outcome}. Questions reviewed: {reviewed} of "
                    "{total}. Open remarks: {open}.").format(
            outcome=outcome_label(review.outcome), reviewed=review.reviewed,
            total=review.total, open=self.open_count())
        if review.outcome_note:
            summary += "\n" + review.outcome_note
        self.summary.setText(summary)
        for question in remarked(review):
            status = remark_status_label(question.remark_status) if question.remark else ""
            verdict = question.verdict
            mark = VERDICT_MARKS[verdict] + " " if verdict is not None else ""
            item = QTreeWidgetItem([
                question_title(self.questionnaire, question.question_id),
                mark + verdict_label(verdict),
                question.remark,
                status,
            ])
            for column in range(4):
                item.setToolTip(column, item.text(column))
            if verdict is not None:
                item.setForeground(1, QBrush(QColor(VERDICT_COLOURS[verdict])))
            item.setData(0, _QUESTION, question.question_id)
            self.remarks.addTopLevelItem(item)
        fill_findings_table(self.findings, review.findings)

    def show_report(self) -> None:
        """The report of the newest review received (what the service prints)."""
        dialog = ReviewReportDialog(self.gui, self.assessment_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.report_dialog = dialog
        dialog.open()

    def shown_questions(self) -> list[str]:
        found = []
        iterator = QTreeWidgetItemIterator(self.remarks)
        while item := iterator.value():
            found.append(str(item.data(0, _QUESTION)))
            iterator += 1
        return found

    def _on_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        question_id = item.data(0, _QUESTION)
        if question_id:
            self.question_requested.emit(str(question_id))

    def _on_language_changed(self, _language: str) -> None:
        self.retranslate()


class RemarksHook(QObject):
    """What ``attach_customs_remarks`` adds to an editor: the tab and the note on each
    question page, kept in step with the question shown. A QObject child of the editor, so
    that its connections end with it; it reaches the editor as its parent, never through an
    attribute (a reference cycle would leave the editor to the garbage collector)."""

    def __init__(self, editor: AssessmentEditor) -> None:
        super().__init__(editor)
        state = editor.state
        self.tab = CustomsRemarks(editor.gui, editor.assessment_id, state.questionnaire, editor)
        self.index = editor.tabs.addTab(self.tab, "")
        self.note = RemarkNote(editor.panel)
        page = editor.panel.scroll_area.widget()
        body = page.layout() if page is not None else None
        assert isinstance(body, QVBoxLayout)
        body.insertWidget(2, self.note)  # below the question's text, above its guidance
        editor.tree.tree.currentItemChanged.connect(self._on_current_item)
        self.tab.question_requested.connect(editor.reveal)
        self.tab.round.currentIndexChanged.connect(self._on_round)
        editor.gui.signals.assessments_changed.connect(self.refresh)
        editor.gui.signals.language_changed.connect(self._on_language_changed)
        self.refresh()

    @property
    def editor(self) -> AssessmentEditor:
        return cast("AssessmentEditor", self.parent())

    def refresh(self) -> None:
        count = self.tab.open_count()
        text = _("Customs &remarks")
        if count:
            text = ngettext(
                "Customs &remarks ({count} open)", "Customs &remarks ({count} open)", count
            ).format(count=count)
        self.editor.tabs.setTabText(self.index, text)
        self.refresh_note()

    def refresh_note(self, question_id: str | None = None) -> None:
        """The note for ``question_id`` (by default the question on the page)."""
        if question_id is None:
            question = self.editor.panel.question
            question_id = question.id if question is not None else ""
        self.note.show_review(self.tab.question_review(question_id) if question_id else None)

    def _on_current_item(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        question_id = item.data(0, _QUESTION) if item is not None else None
        if question_id:
            self.refresh_note(str(question_id))

    def _on_round(self, _index: int) -> None:
        self.refresh()

    def _on_language_changed(self, _language: str) -> None:
        self.refresh()

    def show_tab(self) -> None:
        self.editor.tabs.setCurrentIndex(self.index)
        self.tab.remarks.setFocus(Qt.FocusReason.OtherFocusReason)


def attach_customs_remarks(editor: AssessmentEditor) -> RemarksHook:
    return RemarksHook(editor)
