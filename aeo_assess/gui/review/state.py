"""The submission under review as the review mode sees it: changes show at once, saves
follow in order off the GUI thread (the editor's ``Saver``), and the review the database
returns after the last save replaces the shown one."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from aeo_assess.domain.assessment import Answer, Evidence
from aeo_assess.domain.review import (
    Outcome,
    QuestionReview,
    RemarkStatus,
    Review,
    SubmissionDiff,
    Verdict,
)
from aeo_assess.gui.background import error_text
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.editor.journal import AnswerJournal, PendingVerdict
from aeo_assess.gui.editor.saver import Saver
from aeo_assess.scoring.visibility import is_visible
from aeo_assess.services import assessments, reviews
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError

log = logging.getLogger(__name__)
ReviewCall = Callable[[AppContext], Review]


class ReviewState(QObject):
    review_changed = Signal()
    """The review shown changed (verdicts, findings, outcome or progress)."""
    question_changed = Signal(str)
    """One question's verdict, remark or remark status changed (its id)."""
    save_status_changed = Signal()

    def __init__(self, gui: GuiContext, assessment_id: str) -> None:
        super().__init__()
        self.gui = gui
        self.assessment_id = assessment_id
        ctx = gui.app
        self.questionnaire, self.assessment, self.card = assessments.load(ctx, assessment_id)
        reviews.start_review(ctx, assessment_id)
        self.review = reviews.load_review(ctx, assessment_id)
        self.diff: SubmissionDiff | None = reviews.changes_since_previous(ctx, assessment_id)
        self.error = ""
        self._latest: Review | None = None
        self._failed = False
        self.journal = AnswerJournal(ctx.database.location, assessment_id)
        self.saver = Saver(ctx, self.journal)
        self.saver.saved.connect(self.save_status_changed)
        self.saver.failed.connect(self._on_failed)
        self.saver.pending_changed.connect(self._on_pending)
        self.saver.offline_changed.connect(self._on_offline)
        self._recover()

    # --- reading ---------------------------------------------------------------------------

    def applicable_questions(self) -> list[str]:
        """The questions that apply to this applicant, in questionnaire order."""
        questionnaire, assessment = self.questionnaire, self.assessment
        return [q.id for q in questionnaire.questions() if is_visible(q, questionnaire, assessment)]

    def answer(self, question_id: str) -> Answer | None:
        return self.assessment.answer(question_id)

    def evidence_for(self, question_id: str) -> list[Evidence]:
        return [e for e in self.assessment.evidence if question_id in e.questions]

    def question_review(self, question_id: str) -> QuestionReview | None:
        return self.review.questions.get(question_id)

    @property
    def saving(self) -> bool:
        return self.saver.pending > 0

    @property
    def offline(self) -> bool:
        """The shared database server stopped answering; the changes wait in the queue."""
        return self.saver.offline

    # --- changing --------------------------------------------------------------------------

    def set_verdict(self, question_id: str, verdict: Verdict | None, remark: str) -> None:
        """Record a verdict (None clears it) with its remark; the remark stays open until
        the officer resolves it."""
        current = self.question_review(question_id)
        if current is not None and (current.verdict, current.remark) == (verdict, remark):
            return
        if current is None and verdict is None and not remark:
            return
        questions = dict(self.review.questions)
        if verdict is None and not remark:
            questions.pop(question_id, None)
        else:
            status = current.remark_status if current is not None else None
            if remark and status is None:
                status = RemarkStatus.OPEN
            questions[question_id] = QuestionReview(
                question_id=question_id,
                verdict=verdict,
                remark=remark,
                remark_status=status if remark else None,
                who=self.gui.app.user,
                at=dt.datetime.now(dt.UTC),
            )
        self._show(questions, question_id)
        target = self.assessment_id
        self._submit(lambda ctx: reviews.set_verdict(ctx, target, question_id, verdict, remark),
                     PendingVerdict(self.gui.app.database.location, target, question_id,
                                    verdict, remark))

    def set_remark_status(self, question_id: str, status: RemarkStatus) -> None:
        current = self.question_review(question_id)
        if current is None or current.remark_status == status:
            return
        questions = dict(self.review.questions)
        questions[question_id] = dataclasses.replace(current, remark_status=status)
        self._show(questions, question_id)
        target = self.assessment_id
        self._submit(lambda ctx: reviews.set_remark_status(ctx, target, question_id, status))

    def set_outcome(self, outcome: Outcome | None, note: str) -> None:
        if (self.review.outcome, self.review.outcome_note) == (outcome, note):
            return
        self.review = dataclasses.replace(self.review, outcome=outcome, outcome_note=note)
        self.review_changed.emit()
        target = self.assessment_id
        self._submit(lambda ctx: reviews.set_outcome(ctx, target, outcome, note))

    def submit(self, call: ReviewCall) -> None:
        """Queue a change whose result only the database knows (a finding's new id)."""
        self._submit(call)

    def wait_saved(self) -> None:
        self.saver.wait()

    # --- internals -------------------------------------------------------------------------

    def _show(self, questions: dict[str, QuestionReview], question_id: str) -> None:
        reviewed = sum(1 for q in questions.values() if q.verdict is not None)
        self.review = dataclasses.replace(self.review, questions=questions, reviewed=reviewed)
        self.question_changed.emit(question_id)
        self.review_changed.emit()

    def _submit(self, call: ReviewCall, key: PendingVerdict | None = None) -> None:
        """Queue ``call``; a verdict (``key``) is also kept in the journal while the server
        cannot be reached."""
        def save(ctx: AppContext) -> Review:
            review = call(ctx)
            self._latest = review
            return review

        self.saver.submit(save, key)

    def _on_offline(self, offline: bool) -> None:
        if offline:
            self.journal.persist(True)
        self.save_status_changed.emit()

    def _recover(self) -> None:
        """Queue again, in order, the verdicts a session that lost the server left behind."""
        left = [p for p in self.journal.take(self.questionnaire)
                if isinstance(p, PendingVerdict)]
        if left:
            self.journal.persist(True)
        for pending in left:
            self.set_verdict(pending.question_id, pending.verdict, pending.remark)

    def _on_failed(self, message: str) -> None:
        self.error = message
        self._failed = True

    def _on_pending(self, pending: int) -> None:
        if pending == 0 and not self.saver.offline and self.journal.persisting:
            self.journal.persist(False)
        if pending == 0:
            if self._failed:
                self._reload()
            elif self._latest is not None:
                self.review, self._latest = self._latest, None
                self.error = ""
                self.review_changed.emit()
        self.save_status_changed.emit()

    def _reload(self) -> None:
        """A save failed: show what the database holds, never something unsaved."""
        self._failed, self._latest = False, None
        shown = set(self.review.questions)
        try:
            self.review = reviews.load_review(self.gui.app, self.assessment_id)
        except Exception as error:  # the database went away: say so, keep what is shown
            if not isinstance(error, ServiceError):
                log.error("reloading the review failed", exc_info=error)
            self.error = error_text(error)
            return
        self.review_changed.emit()
        for question_id in sorted(shown | set(self.review.questions)):
            self.question_changed.emit(question_id)
