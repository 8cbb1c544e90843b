"""Review mode for an imported applicant file: questions with verdicts, findings, outcome and
the changes since the last submission, with progress and save status always in view."""

from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.domain.review import Verdict
from aeo_assess.domain.signatures import SignatureState
from aeo_assess.gui.background import Progress, run_in_background, show_error
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.editor.verdict_view import level_words
from aeo_assess.gui.editor.widgets import ElidedLabel, local_shortcut
from aeo_assess.gui.file_names import review_file_name
from aeo_assess.gui.review.changes import ChangesView
from aeo_assess.gui.review.findings import FindingsPanel
from aeo_assess.gui.review.labels import reviewed_text
from aeo_assess.gui.review.outcome import OutcomePanel
from aeo_assess.gui.review.question_list import ReviewQuestionList
from aeo_assess.gui.review.question_page import VERDICT_KEYS, ReviewQuestionPage
from aeo_assess.gui.review.report import ReviewReportDialog
from aeo_assess.gui.review.state import ReviewState
from aeo_assess.gui.saved_layout import remember_splitter, restore_splitter
from aeo_assess.gui.signing import SignatureBadge, signing_context
from aeo_assess.i18n import _, country_name, format_percent, ngettext
from aeo_assess.services import reviews, signatures
from aeo_assess.services.errors import ServiceError

SPLITTER_SETTING = "review_workspace"
QUESTIONS_TAB, FINDINGS_TAB, OUTCOME_TAB, CHANGES_TAB = range(4)
_ERROR_STYLE = "color: #B00020; font-weight: bold;"


class ReviewWorkspace(QWidget):
    """The central page while an officer reviews one submission."""

    def __init__(self, gui: GuiContext, assessment_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.assessment_id = assessment_id
        self.state = state = ReviewState(gui, assessment_id)
        self.report_dialog: ReviewReportDialog | None = None
        self.last_export: Path | None = None

        self.title = ElidedLabel(self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.progress.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.saved = QLabel(self)
        self.export_button = QPushButton(self)
        self.report_button = QPushButton(self)
        self.export_button.clicked.connect(self.choose_export)
        self.report_button.clicked.connect(self.show_report)
        header = QHBoxLayout()
        header.setContentsMargins(8, 6, 8, 2)
        header.addWidget(self.title, 1)
        header.addWidget(self.progress)
        header.addWidget(self.saved)
        header.addWidget(self.report_button)
        header.addWidget(self.export_button)

        self.questions = ReviewQuestionList(state, self)
        self.page = ReviewQuestionPage(state, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.questions)
        self.splitter.addWidget(self.page)
        self.splitter.setStretchFactor(1, 1)
        list_width = max(360, 40 * self.fontMetrics().averageCharWidth())
        self.splitter.setSizes([list_width, 1280 - list_width])
        restore_splitter(self.splitter, gui.settings, SPLITTER_SETTING)
        self.findings = FindingsPanel(state, self)
        self.outcome = OutcomePanel(state, self)
        self.changes = ChangesView(state, self)
        self.tabs = QTabWidget(self)
        for widget in (self.splitter, self.findings, self.outcome, self.changes):
            self.tabs.addTab(widget, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.verdict.setContentsMargins(8, 0, 8, 2)
        self.verdict.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.signature = SignatureBadge(self)
        self.accept_key_button = QPushButton(self.signature)
        self.accept_key_button.clicked.connect(self.accept_key)
        signature_row = self.signature.layout()
        assert signature_row is not None
        signature_row.addWidget(self.accept_key_button)
        layout.addLayout(header)
        layout.addWidget(self.signature)
        layout.addWidget(self.verdict)
        layout.addWidget(self.tabs, 1)

        for verdict, key in VERDICT_KEYS.items():
            local_shortcut(self, key, functools.partial(self.set_verdict, verdict))
        local_shortcut(self, "Ctrl+Right", self.next_question)
        local_shortcut(self, "Ctrl+Left", self.previous_question)
        local_shortcut(self, "Ctrl+Shift+E", self.choose_export)
        local_shortcut(self, "Ctrl+P", self.show_report)

        self.questions.question_selected.connect(self._show)
        self.page.previous_requested.connect(self.previous_question)
        self.page.next_requested.connect(self.next_question)
        self.changes.question_requested.connect(self.reveal)
        state.review_changed.connect(self._update_progress)
        state.review_changed.connect(self._on_review_changed)
        state.save_status_changed.connect(self._update_saved)
        gui.signals.language_changed.connect(self._on_language_changed)
        self.setFocusProxy(self.questions.tree)
        self._show_signature()
        self.retranslate()
        shown = self.questions.shown_questions()
        first = next((q for q in shown if state.question_review(q) is None), shown[0] if shown else "")
        if first:
            self.go_to(first)
        if state.diff is not None:
            self.tabs.setCurrentIndex(CHANGES_TAB)

    # --- public ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        assessment = self.state.assessment
        self.title.set_full_text(
            _("Review of {company} ({country})").format(
                company=assessment.company, country=country_name(assessment.country)
            )
        )
        texts = [_("&Questions"), _("&Findings"), _("Recommended &outcome"),
                 _("&Changes since last submission")]
        for index, text in enumerate(texts):
            self.tabs.setTabText(index, text)
        self.tabs.setAccessibleName(_("Review"))
        self.accept_key_button.setText(_("&Accept the new key…"))
        self.signature.show_signature(self.signature.signature)  # its words, in this language
        self.export_button.setText(_("E&xport review file…"))
        self.export_button.setToolTip(
            _("Write the review file (.aeor) to send back to the applicant (Ctrl+Shift+E)")
        )
        self.export_button.setAccessibleName(_("Export review file"))
        self.report_button.setText(_("Review &report…"))
        self.report_button.setToolTip(_("Preview, save or print the review report (Ctrl+P)"))
        self.report_button.setAccessibleName(_("Review report"))
        self.progress.setAccessibleName(_("Review progress"))
        self.verdict.setText(self._verdict_text())
        self.verdict.setAccessibleName(self.verdict.text())
        for part in (self.questions, self.page, self.findings, self.outcome, self.changes):
            part.retranslate()
        self._update_progress()
        self._update_saved()
        self._update_position()

    def _verdict_text(self) -> str:
        """What the applicant's own answers give, so that the officer starts from it: the
        verdict, the knock-outs and the musts declared not applicable, whose reasons to check."""
        state = self.state
        card = state.card
        label, _description = level_words(state.questionnaire, card)
        text = _("Applicant's verdict: {level} · overall {overall} · musts not met: {failed} · "
                 "not yet answered: {open}").format(
            level=label, overall=format_percent(card.overall),
            failed=len(card.blocking_gaps), open=len(card.open_musts))
        if card.eligibility_failures:
            text += " · " + _("eligibility not met: {questions}").format(
                questions=", ".join(card.eligibility_failures))
        if card.declared_na_musts:
            text += " · " + _("musts declared not applicable (check each reason): {questions}").format(
                questions=", ".join(card.declared_na_musts))
        return text

    def go_to(self, question_id: str) -> None:
        self.questions.select(question_id)
        self._show(question_id)

    def reveal(self, question_id: str) -> None:
        """Show a question from anywhere (the changes view)."""
        if not self.questions.has(question_id):
            return
        self.tabs.setCurrentIndex(QUESTIONS_TAB)
        self.go_to(question_id)
        self.page.focus_verdict()

    def next_question(self) -> None:
        self._step(1)

    def previous_question(self) -> None:
        self._step(-1)

    def set_verdict(self, verdict: Verdict) -> None:
        """The verdict keys: on the Questions tab, for the question shown."""
        if self.tabs.currentIndex() == QUESTIONS_TAB and self.page.question is not None:
            self.page.choose(verdict)

    def choose_export(self) -> None:
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        suggested = str(Path(documents) / review_file_name(self.state.assessment.company))
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export review file"), suggested, _("Review files (*.aeor)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, out: Path) -> None:
        """Write the review file in the background, once every change is saved."""
        if out.suffix.lower() != ".aeor":
            out = out.with_name(out.name + ".aeor")
        self.commit_pending()
        self.state.wait_saved()
        ctx, target = signing_context(self, self.gui), self.assessment_id
        if ctx is None:
            return

        def work(_progress: Progress) -> Path:
            return reviews.export_review(ctx, target, out)

        def done(written: Path) -> None:
            self.last_export = written
            self.saved.setText(_("Review file written: {name}").format(name=written.name))
            self.saved.setToolTip(str(written))
            self.gui.signals.assessment_changed.emit(target)  # now reviewed

        run_in_background(self, work, label=_("Exporting the review file…"),
                          cancellable=False).success(done)

    def _show_signature(self) -> None:
        """Who signed the submission, always in view; a changed key offers its acceptance."""
        try:
            signature = signatures.submission_signature(self.gui.app, self.assessment_id)
        except ServiceError:
            signature = None
        self.signature.show_signature(signature)
        self.accept_key_button.setVisible(
            signature is not None and signature.state is SignatureState.KEY_CHANGED
        )

    def accept_key(self) -> None:
        """Accept the resubmission's new key, once checked with the applicant."""
        answer = QMessageBox.question(
            self, _("Accept the new key"),
            _("Accept the key that signed this resubmission? Do so only after checking its "
              "fingerprint with the applicant. The submission then replaces the earlier one "
              "in the peer statistics."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            signatures.accept_submission_key(self.gui.app, self.assessment_id)
        except ServiceError as error:
            show_error(self, error)
        self._show_signature()
        self.gui.signals.assessment_changed.emit(self.assessment_id)

    def _on_review_changed(self) -> None:
        """The list shows the submission under review once the review is saved."""
        self.gui.signals.assessment_changed.emit(self.assessment_id)

    def show_report(self) -> None:
        self.commit_pending()
        self.state.wait_saved()
        dialog = ReviewReportDialog(self.gui, self.assessment_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.report_dialog = dialog
        dialog.open()

    def commit_pending(self) -> None:
        self.page.remark.commit()
        self.outcome.commit_pending()

    def finish(self) -> None:
        """Save what is being typed, wait for the database, remember the layout."""
        self.commit_pending()
        self.state.wait_saved()
        remember_splitter(self.splitter, self.gui.settings, SPLITTER_SETTING)
        self.gui.save_settings()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.finish()
        super().closeEvent(event)

    # --- internals -------------------------------------------------------------------------

    def _on_language_changed(self, _language: str) -> None:
        self.retranslate()

    def _show(self, question_id: str) -> None:
        self.page.show_question(question_id)
        self._update_position()

    def _update_position(self) -> None:
        shown = self.questions.shown_questions()
        current = self.questions.current
        self.page.navigation.set_position(shown.index(current) if current in shown else -1, len(shown))

    def _step(self, offset: int) -> None:
        shown = self.questions.shown_questions()
        if not shown:
            return
        current = self.questions.current
        index = shown.index(current) + offset if current in shown else 0
        if 0 <= index < len(shown):
            self.tabs.setCurrentIndex(QUESTIONS_TAB)
            self.go_to(shown[index])

    def _update_progress(self) -> None:
        review = self.state.review
        self.progress.setMaximum(max(review.total, 1))
        self.progress.setValue(review.reviewed)
        text = reviewed_text(review.reviewed, review.total)
        self.progress.setFormat(text)
        self.progress.setAccessibleDescription(text)
        self.progress.setMinimumWidth(self.fontMetrics().horizontalAdvance(text + "nnnn"))

    def _update_saved(self) -> None:
        state = self.state
        if state.offline:
            pending = state.saver.pending
            self.saved.setText(ngettext(
                "No connection to the shared database; {count} change pending, it will be "
                "saved when the connection is back.",
                "No connection to the shared database; {count} changes pending, they will be "
                "saved when the connection is back.",
                pending,
            ).format(count=pending))
            self.saved.setStyleSheet(_ERROR_STYLE)
        elif state.error:
            self.saved.setText(_("Not saved: {error}").format(error=state.error))
            self.saved.setStyleSheet(_ERROR_STYLE)
        else:
            self.saved.setText(_("Saving…") if state.saving else _("All changes saved"))
            self.saved.setStyleSheet("")
