"""One question in review mode: the applicant's answer, comment and evidence, read-only, and
below them the officer's verdict, remark and remark status."""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.domain.assessment import Evidence
from aeo_assess.domain.questionnaire import Question
from aeo_assess.domain.review import RemarkStatus, Verdict
from aeo_assess.domain.text import localized
from aeo_assess.gui.background import Progress, run_in_background
from aeo_assess.gui.editor.widgets import AutosaveText, QuestionNavigation, ScrollPage
from aeo_assess.gui.review.labels import VERDICT_COLOURS, answer_text, verdict_label
from aeo_assess.gui.review.state import ReviewState
from aeo_assess.i18n import _, format_size, language
from aeo_assess.services import evidence as evidence_service

_SHA256 = Qt.ItemDataRole.UserRole
VERDICT_KEYS = {Verdict.ACCEPTED: "A", Verdict.NOT_ACCEPTED: "X", Verdict.NEEDS_EVIDENCE: "E"}
_ANSWER_STYLE = (
    "QFrame#applicant_answer { background: #F3F5F7; border: 1px solid #C5CCD3;"
    " border-radius: 4px; } QFrame#applicant_answer QLabel { color: #1A1A1A; }"
)


def _label(parent: QWidget, bold: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
    return label


class VerdictButton(QPushButton):
    """A checkable button with a coloured mark; its state reads as text too."""

    def __init__(self, verdict: Verdict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verdict = verdict
        self.setCheckable(True)
        colour = VERDICT_COLOURS[verdict]
        self.setStyleSheet(
            f"QPushButton {{ color: {colour}; font-weight: bold; padding: 4px 12px; }}"
            f" QPushButton:checked {{ background: {colour}; color: white; }}"
            f" QPushButton:focus {{ border: 2px solid #1565C0; border-radius: 3px; }}"
        )


class ReviewQuestionPage(QWidget):
    """Emits nothing to save by itself: verdicts go through ``ReviewState``."""

    previous_requested = Signal()
    next_requested = Signal()

    def __init__(self, state: ReviewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.question: Question | None = None
        self._opened: tempfile.TemporaryDirectory[str] | None = None

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        body = ScrollPage()
        self.scroll_area.setWidget(body)
        column = body.column
        column.setContentsMargins(12, 8, 12, 12)
        column.setSpacing(8)

        self.location = _label(body)
        self.text = _label(body, bold=True)
        font = QFont(self.text.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.text.setFont(font)
        self.validator_heading = _label(body, bold=True)
        self.validator = _label(body)
        self.validator.setTextFormat(Qt.TextFormat.RichText)
        for widget in (self.location, self.text, self.validator_heading, self.validator):
            column.addWidget(widget)

        self.answer_frame = QFrame(body)
        self.answer_frame.setObjectName("applicant_answer")
        self.answer_frame.setStyleSheet(_ANSWER_STYLE)
        self.answer_frame.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        answer_layout = QVBoxLayout(self.answer_frame)
        self.answer_heading = _label(self.answer_frame, bold=True)
        self.answer = _label(self.answer_frame)
        answer_font = QFont(self.answer.font())
        answer_font.setPointSizeF(answer_font.pointSizeF() * 1.1)
        self.answer.setFont(answer_font)
        self.comment_heading = _label(self.answer_frame, bold=True)
        self.comment = _label(self.answer_frame)
        self.flagged = _label(self.answer_frame)
        for widget in (self.answer_heading, self.answer, self.comment_heading, self.comment,
                       self.flagged):
            answer_layout.addWidget(widget)
        self.read_only_note = _label(self.answer_frame)
        italic = QFont(self.read_only_note.font())
        italic.setItalic(True)
        self.read_only_note.setFont(italic)
        answer_layout.addWidget(self.read_only_note)
        column.addWidget(self.answer_frame)

        self.evidence_box = QGroupBox(body)
        evidence_layout = QVBoxLayout(self.evidence_box)
        self.evidence = QListWidget(self.evidence_box)
        self.evidence.setFixedHeight(3 * self.fontMetrics().lineSpacing() + 10)
        self.no_evidence = _label(self.evidence_box)
        self.open_button = QPushButton(self.evidence_box)
        self.open_button.clicked.connect(self.open_selected)
        self.evidence.itemActivated.connect(lambda _item: self.open_selected())
        evidence_layout.addWidget(self.no_evidence)
        evidence_layout.addWidget(self.evidence)
        evidence_layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.evidence_box)

        self.verdict_box = QGroupBox(body)
        verdict_layout = QVBoxLayout(self.verdict_box)
        buttons = QHBoxLayout()
        self.verdict_group = QButtonGroup(self)
        self.verdict_group.setExclusive(False)
        self.verdict_buttons: dict[Verdict, VerdictButton] = {}
        for verdict in Verdict:
            button = VerdictButton(verdict, self.verdict_box)
            self.verdict_group.addButton(button)
            self.verdict_buttons[verdict] = button
            buttons.addWidget(button)
            button.clicked.connect(lambda checked, v=verdict: self.choose(v if checked else None))
        self.clear_button = QPushButton(self.verdict_box)
        self.clear_button.clicked.connect(lambda: self.choose(None))
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        verdict_layout.addLayout(buttons)
        self.verdict_status = _label(self.verdict_box)
        verdict_layout.addWidget(self.verdict_status)
        self.remark_heading = _label(self.verdict_box, bold=True)
        self.remark = AutosaveText(self.verdict_box)
        self.remark.setFixedHeight(4 * self.fontMetrics().lineSpacing() + 12)
        self.remark_heading.setBuddy(self.remark)
        self.remark.committed.connect(self._on_remark)
        self.resolved = QCheckBox(self.verdict_box)
        self.resolved.clicked.connect(self._on_resolved)
        self.keys_hint = _label(self.verdict_box)
        self.keys_hint.setFont(italic)
        for part in (self.remark_heading, self.remark, self.resolved, self.keys_hint):
            verdict_layout.addWidget(part)
        column.addWidget(self.verdict_box)
        column.addStretch(1)

        self.navigation = QuestionNavigation(self)
        self.navigation.previous_button.clicked.connect(self.previous_requested)
        self.navigation.next_button.clicked.connect(self.next_requested)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area, 1)
        outer.addWidget(self.navigation)
        state.question_changed.connect(self._on_question_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.validator_heading.setText(_("What a validator will ask to see"))
        self.answer_heading.setText(_("The applicant's answer"))
        self.comment_heading.setText(_("The applicant's comment"))
        self.read_only_note.setText(
            _("Read-only: the applicant's answers cannot be changed in a review.")
        )
        self.answer_frame.setAccessibleName(_("The applicant's answer"))
        self.evidence_box.setTitle(_("Evidence files"))
        self.evidence.setAccessibleName(_("The applicant's evidence files for this question"))
        self.no_evidence.setText(_("No evidence files are attached to this question."))
        self.open_button.setText(_("&Open evidence"))
        self.open_button.setAccessibleName(_("Open the selected evidence file"))
        self.verdict_box.setTitle(_("Your verdict"))
        for verdict, button in self.verdict_buttons.items():
            key = VERDICT_KEYS[verdict]
            button.setText(f"{verdict_label(verdict)} ({key})")
            button.setAccessibleName(verdict_label(verdict))
            button.setToolTip(_("Verdict: {verdict} (key {key})").format(
                verdict=verdict_label(verdict), key=key))
        self.clear_button.setText(_("C&lear verdict"))
        self.clear_button.setAccessibleName(_("Clear the verdict"))
        self.remark_heading.setText(_("&Remark to the applicant (saved as you type)"))
        self.remark.setAccessibleName(_("Remark to the applicant"))
        self.resolved.setText(_("Remark re&solved"))
        self.resolved.setAccessibleName(_("Remark resolved"))
        self.keys_hint.setText(
            _("Keys: A accepted, X not accepted, E needs evidence; Ctrl+Right and Ctrl+Left "
              "move to the next and previous question.")
        )
        self.navigation.retranslate()
        if self.question is not None:
            self.show_question(self.question.id)

    def show_question(self, question_id: str) -> None:
        self.remark.commit()
        state, lang = self._state, language()
        question = state.questionnaire.question(question_id)
        self.question = question
        criterion = state.questionnaire.criterion(question.criterion_id)
        location = _("{question} · {criterion}: {title}").format(
            question=question.id, criterion=criterion.id, title=localized(criterion.title, lang)
        )
        if question.blocking:
            location += " · " + _("Must")
        if question.id in state.card.declared_na_musts:
            location += " · " + _("declared not applicable by the applicant: check the reason")
        self.location.setText(location)
        self.text.setText(localized(question.text, lang))
        self.validator.setText(
            "<ul style='margin-left: -20px'>"
            + "".join(f"<li>{html.escape(localized(e, lang))}</li>" for e in question.evidence)
            + "</ul>"
        )
        answer = state.answer(question_id)
        self.answer.setText(answer_text(state.questionnaire, question, answer))
        comment = answer.comment if answer is not None else ""
        self.comment.setText(comment)
        self.comment_heading.setVisible(bool(comment))
        self.comment.setVisible(bool(comment))
        self.flagged.setText(_("The applicant flagged this answer for review."))
        self.flagged.setVisible(bool(answer and answer.flagged))
        self._fill_evidence(state.evidence_for(question_id))
        self.refresh_review()
        self.scroll_area.verticalScrollBar().setValue(0)

    def _fill_evidence(self, files: list[Evidence]) -> None:
        self.evidence.clear()
        for evidence in files:
            item = QListWidgetItem(f"{evidence.name}  ({format_size(evidence.size)})")
            item.setData(_SHA256, evidence.sha256)
            item.setToolTip(f"{evidence.name}\n{evidence.media_type}\nSHA-256 {evidence.sha256}")
            self.evidence.addItem(item)
        if files:
            self.evidence.setCurrentRow(0)
        self.evidence.setVisible(bool(files))
        self.open_button.setVisible(bool(files))
        self.no_evidence.setVisible(not files)

    def refresh_review(self) -> None:
        """Show the stored verdict, remark and status of the current question."""
        if self.question is None:
            return
        review = self._state.question_review(self.question.id)
        verdict = review.verdict if review is not None else None
        for button_verdict, button in self.verdict_buttons.items():
            button.setChecked(button_verdict is verdict)
        self.clear_button.setEnabled(verdict is not None)
        self.verdict_status.setText(_("Verdict: {verdict}").format(verdict=verdict_label(verdict)))
        self.remark.set_saved_text(review.remark if review is not None else "")
        has_remark = review is not None and bool(review.remark)
        self.resolved.setEnabled(has_remark)
        self.resolved.setChecked(
            review is not None and review.remark_status is RemarkStatus.RESOLVED
        )

    def focus_verdict(self) -> None:
        checked = next((b for b in self.verdict_buttons.values() if b.isChecked()), None)
        (checked or self.verdict_buttons[Verdict.ACCEPTED]).setFocus(Qt.FocusReason.OtherFocusReason)

    # --- user actions ----------------------------------------------------------------------

    def choose(self, verdict: Verdict | None) -> None:
        if self.question is None:
            return
        self.remark.commit()
        review = self._state.question_review(self.question.id)
        remark = review.remark if review is not None else ""
        self._state.set_verdict(self.question.id, verdict, remark)
        self.refresh_review()

    def _on_remark(self, text: str) -> None:
        if self.question is None:
            return
        review = self._state.question_review(self.question.id)
        verdict = review.verdict if review is not None else None
        self._state.set_verdict(self.question.id, verdict, text.strip())

    def _on_resolved(self, checked: bool) -> None:
        if self.question is not None:
            status = RemarkStatus.RESOLVED if checked else RemarkStatus.OPEN
            self._state.set_remark_status(self.question.id, status)

    def _on_question_changed(self, question_id: str) -> None:
        if self.question is not None and self.question.id == question_id:
            self.refresh_review()

    def open_selected(self) -> None:
        """Write the stored bytes to a private temporary file, off the GUI thread, and open
        it with the system's program for its type."""
        item = self.evidence.currentItem()
        if item is None:
            return
        sha256 = str(item.data(_SHA256))
        evidence = next(e for e in self._state.assessment.evidence if e.sha256 == sha256)
        if self._opened is None:
            self._opened = tempfile.TemporaryDirectory(
                prefix="aeo-assess-evidence-", ignore_cleanup_errors=True
            )
        folder = Path(self._opened.name) / sha256[:16]
        ctx, assessment_id = self._state.gui.app, self._state.assessment_id

        def work(_progress: Progress) -> Path:
            data = evidence_service.evidence_bytes(ctx, assessment_id, sha256)
            folder.mkdir(exist_ok=True)
            target = folder / Path(evidence.name).name
            target.write_bytes(data)
            return target

        def show(path: Path) -> None:
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                QMessageBox.information(
                    self,
                    _("Cannot open the file"),
                    _("No program is set up to open {name}. A copy is in {folder}.").format(
                        name=evidence.name, folder=path.parent
                    ),
                )

        run_in_background(self, work, label=_("Opening {name}…").format(name=evidence.name),
                          cancellable=False).success(show)
