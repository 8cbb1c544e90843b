"""The open assessment as the editor sees it: changes apply at once, saves follow in order.

A click updates the in-memory assessment and rescores it (pure scoring takes well under a
millisecond), so the screen answers immediately; the matching service call is queued on the
``Saver``. If a save fails, the editor reloads what the database holds so that what the user
sees is never something that was not saved. If the shared database server stops answering,
the answers wait in the saver's queue (and in the ``AnswerJournal`` file) until it is back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
from enum import Enum

from PySide6.QtCore import QObject, Signal

from aeo_assess.domain.assessment import Answer, AnswerValue, CarryState, Evidence, PlanEntry
from aeo_assess.domain.questionnaire import Question
from aeo_assess.domain.scorecard import Gap
from aeo_assess.gui.background import error_text
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.editor.journal import AnswerJournal, PendingAnswer
from aeo_assess.gui.editor.saver import Save, Saver
from aeo_assess.scoring import score
from aeo_assess.scoring.values import answer_score
from aeo_assess.scoring.visibility import is_visible
from aeo_assess.services import assessments, cycles
from aeo_assess.services import evidence as evidence_service
from aeo_assess.services.errors import ServiceError

log = logging.getLogger(__name__)


class SaveStatus(Enum):
    SAVED = "saved"
    SAVING = "saving"
    FAILED = "failed"
    OFFLINE = "offline"


def _service_call(assessment_id: str, question_id: str, old: Answer, new: Answer) -> Save:
    """The narrowest service call that turns ``old`` into ``new``: a comment save then never
    overwrites a value another officer set meanwhile on a shared PostgreSQL database."""
    call = functools.partial
    if dataclasses.replace(old, comment=new.comment) == new:
        return call(assessments.set_comment, assessment_id=assessment_id,
                    question_id=question_id, comment=new.comment)
    if dataclasses.replace(old, flagged=new.flagged) == new:
        return call(assessments.set_flag, assessment_id=assessment_id,
                    question_id=question_id, flagged=new.flagged)
    if dataclasses.replace(old, value=new.value, na_reason=new.na_reason) == new:
        if new.na_reason is not None:
            return call(assessments.mark_not_applicable, assessment_id=assessment_id,
                        question_id=question_id, reason=new.na_reason)
        if new.value is not None:
            return call(assessments.set_value, assessment_id=assessment_id,
                        question_id=question_id, value=new.value)
        return call(assessments.clear_answer, assessment_id=assessment_id,
                    question_id=question_id)
    return call(assessments.set_answer, assessment_id=assessment_id,
                question_id=question_id, answer=new)


class EditorState(QObject):
    answer_changed = Signal(str)
    """One answer changed (question id); scores are already up to date."""
    visibility_changed = Signal(list)
    """Questions (ids) that appeared or disappeared because a ``show_if`` condition changed."""
    scores_changed = Signal()
    evidence_changed = Signal()
    reloaded = Signal()
    """The whole assessment was read again from the database after a failed save."""
    save_status_changed = Signal()
    saved = Signal()
    """One change reached the database."""

    def __init__(self, gui: GuiContext, assessment_id: str) -> None:
        super().__init__()
        self.gui = gui
        self.assessment_id = assessment_id
        self.questionnaire, self.assessment, self.card = assessments.load(gui.app, assessment_id)
        self.error = ""
        self._stale = False
        self._visible: set[str] = set()
        self._gaps: dict[str, Gap] = {}
        self._index()
        self.restored = 0
        """Changes saved when the server came back after an outage (0: nothing to tell)."""
        self.journal = AnswerJournal(gui.app.database.location, assessment_id)
        self.saver = Saver(gui.app, self.journal)
        self.saver.saved.connect(self._on_saved)
        self.saver.failed.connect(self._on_failed)
        self.saver.pending_changed.connect(self._on_pending)
        self.saver.offline_changed.connect(self._on_offline)
        self.saver.restored.connect(self._on_restored)
        self.recovered = self._recover()
        """Answers a previous session could not save, queued again on opening."""

    # --- reading ---------------------------------------------------------------------------

    def answer(self, question_id: str) -> Answer:
        return self.assessment.answer(question_id) or Answer()

    def is_visible(self, question_id: str) -> bool:
        return question_id in self._visible

    def score_of(self, question: Question) -> float | None:
        return answer_score(question, self.assessment.answer(question.id))

    def gap(self, question_id: str) -> Gap | None:
        return self._gaps.get(question_id)

    def evidence_for(self, question_id: str) -> list[Evidence]:
        return [e for e in self.assessment.evidence if question_id in e.questions]

    def carry_state(self, question_id: str) -> CarryState | None:
        """Where an answer carried over from the previous cycle stands; None for any other."""
        if question_id not in self.assessment.answers:
            return None
        return self.assessment.carried.get(question_id)

    def carry_counts(self) -> dict[CarryState, int]:
        counts = dict.fromkeys(CarryState, 0)
        for question_id in self.assessment.answers:
            state = self.assessment.carried.get(question_id)
            if state is not None:
                counts[state] += 1
        return counts

    def plan_entry(self, question_id: str) -> PlanEntry:
        return self.assessment.plan.get(question_id, PlanEntry())

    @property
    def status(self) -> SaveStatus:
        if self.saver.offline:
            return SaveStatus.OFFLINE
        if self.saver.pending:
            return SaveStatus.SAVING
        return SaveStatus.FAILED if self.error else SaveStatus.SAVED

    # --- changing --------------------------------------------------------------------------

    def set_answer(self, question_id: str, new: Answer) -> None:
        """Show ``new`` at once and queue its save; a no-op when nothing changes."""
        old = self.answer(question_id)
        if new == old:
            return
        answers = {k: v for k, v in self.assessment.answers.items() if k != question_id}
        if new != Answer():
            answers[question_id] = new
        carried = dict(self.assessment.carried)
        if question_id in carried:  # as storage records it: what was carried is now changed
            carried[question_id] = CarryState.CHANGED
        self.assessment = dataclasses.replace(self.assessment, answers=answers, carried=carried)
        before = set(self._visible)
        self._rescore()
        self.restored = 0
        self.saver.submit(_service_call(self.assessment_id, question_id, old, new),
                          self._pending(question_id, new))
        self.answer_changed.emit(question_id)
        flipped = before ^ self._visible
        if flipped:
            self.visibility_changed.emit(sorted(flipped))
        self.scores_changed.emit()

    def confirm(self, question_ids: list[str]) -> None:
        """Confirm carried answers as still true: the verdict waits for no confirmed one."""
        pending = [q for q in question_ids if self.carry_state(q) is CarryState.TO_CONFIRM]
        if not pending:
            return
        carried = dict(self.assessment.carried)
        carried.update(dict.fromkeys(pending, CarryState.CONFIRMED))
        self.assessment = dataclasses.replace(self.assessment, carried=carried)
        self._rescore()
        self.saver.submit(functools.partial(
            cycles.confirm, assessment_id=self.assessment_id, question_ids=pending))
        for question_id in pending:
            self.answer_changed.emit(question_id)
        self.scores_changed.emit()

    def with_value(self, question_id: str, value: AnswerValue | None) -> Answer:
        """The answer with ``value`` (None: unanswered), which replaces a not-applicable mark."""
        return dataclasses.replace(self.answer(question_id), value=value, na_reason=None)

    def set_plan_entry(self, question_id: str, owner: str, due: dt.date | None) -> None:
        entry = PlanEntry(owner.strip(), due)
        if entry == self.plan_entry(question_id):
            return
        plan = {k: v for k, v in self.assessment.plan.items() if k != question_id}
        if entry != PlanEntry():
            plan[question_id] = entry
        self.assessment = dataclasses.replace(self.assessment, plan=plan)
        self._rescore()
        self.saver.submit(functools.partial(
            assessments.set_plan_entry, assessment_id=self.assessment_id,
            question_id=question_id, owner=entry.owner, due=entry.due))

    def evidence_attached(self, added: Evidence) -> None:
        """Record evidence the background attach stored (its links may have grown)."""
        kept = tuple(e for e in self.assessment.evidence if e.sha256 != added.sha256)
        self.assessment = dataclasses.replace(self.assessment, evidence=(*kept, added))
        self.evidence_changed.emit()
        self.saved.emit()  # the attach itself committed it

    def remove_evidence(self, sha256: str) -> None:
        kept = tuple(e for e in self.assessment.evidence if e.sha256 != sha256)
        self.assessment = dataclasses.replace(self.assessment, evidence=kept)
        self.saver.submit(functools.partial(
            evidence_service.remove, assessment_id=self.assessment_id, sha256=sha256))
        self.evidence_changed.emit()

    def wait_saved(self) -> None:
        self.saver.wait()

    # --- internals -------------------------------------------------------------------------

    def _index(self) -> None:
        questionnaire, assessment = self.questionnaire, self.assessment
        self._visible = {
            q.id for q in questionnaire.questions() if is_visible(q, questionnaire, assessment)
        }
        self._gaps = {gap.question_id: gap for gap in self.card.gaps}

    def _rescore(self) -> None:
        self.card = score(self.questionnaire, self.assessment)
        self._index()

    def _on_saved(self) -> None:
        if not self._stale:
            self.error = ""
        self.saved.emit()

    def _on_failed(self, message: str) -> None:
        self.error = message
        self._stale = True

    def _on_pending(self, pending: int) -> None:
        if pending == 0 and self._stale:
            self._reload()
        if pending == 0 and not self.saver.offline and self.journal.persisting:
            self.journal.persist(False)
            self.recovered = 0
        self.save_status_changed.emit()

    def _on_offline(self, offline: bool) -> None:
        if offline:
            self.journal.persist(True)
        self.save_status_changed.emit()

    def _on_restored(self, count: int) -> None:
        self.restored = count
        self.save_status_changed.emit()

    def _pending(self, question_id: str, answer: Answer) -> PendingAnswer:
        return PendingAnswer(self.gui.app.database.location, self.assessment_id, question_id,
                             answer)

    def _recover(self) -> int:
        """Queue again, in order, what the journal kept from a session that could not reach
        the server; they show at once, as if just typed."""
        left = [p for p in self.journal.take(self.questionnaire)
                if isinstance(p, PendingAnswer)]
        if not left:
            return 0
        self.journal.persist(True)
        answers = dict(self.assessment.answers)
        for pending in left:
            answers[pending.question_id] = pending.answer
            self.saver.submit(functools.partial(
                assessments.set_answer, assessment_id=self.assessment_id,
                question_id=pending.question_id, answer=pending.answer), pending)
        self.assessment = dataclasses.replace(self.assessment, answers=answers)
        self._rescore()
        return len(left)

    def _reload(self) -> None:
        try:
            self.questionnaire, self.assessment, self.card = assessments.load(
                self.gui.app, self.assessment_id
            )
        except Exception as error:  # the database went away: say so, keep what is shown
            if not isinstance(error, ServiceError):
                log.error("reloading the assessment failed", exc_info=error)
            self.error = error_text(error)
            return
        self._stale = False
        self._index()
        self.reloaded.emit()
