"""A customs officer's review of one submission, and what changed between two submissions.

The officer judges the applicant's answers but never changes them: a review lives beside the
submission it judges, bound to that submission's SHA-256, so that a review file can only ever
be attached to the exact answers it was written about.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from aeo_assess.domain.assessment import Answer, Evidence
from aeo_assess.domain.vocabulary import Outcome as Outcome
from aeo_assess.domain.vocabulary import RemarkStatus as RemarkStatus
from aeo_assess.domain.vocabulary import Severity as Severity
from aeo_assess.domain.vocabulary import Verdict as Verdict


@dataclass(frozen=True)
class QuestionReview:
    """The officer's judgement of one answer. A remark may come without a verdict (a question
    to the applicant); ``remark_status`` is None exactly when there is no remark."""

    question_id: str
    verdict: Verdict | None
    remark: str
    remark_status: RemarkStatus | None
    who: str
    at: dt.datetime


@dataclass(frozen=True)
class Finding:
    """Something the officer found that the applicant must act on (or just note)."""

    id: str
    severity: Severity
    criterion_id: str
    text: str
    required_action: str
    due: dt.date | None
    who: str
    at: dt.datetime


@dataclass(frozen=True)
class Review:
    """One review of one submission: the officer's own (editable) or a received one
    (``received_at`` set, read-only)."""

    assessment_id: str
    """The local assessment: the submission under review, or the trader's own assessment."""
    submission_sha256: str
    """SHA-256 of the ``assessment.json`` reviewed: what binds the review to the answers."""
    questions: dict[str, QuestionReview]
    findings: tuple[Finding, ...]
    outcome: Outcome | None
    outcome_note: str
    reviewed: int
    """Applicable questions with a verdict."""
    total: int
    """Applicable questions of the submission."""
    reviewer: str = ""
    started_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    received_at: dt.datetime | None = None
    """When a received review was imported; None for the officer's own review."""

    @property
    def received(self) -> bool:
        return self.received_at is not None

    @property
    def open_remarks(self) -> tuple[QuestionReview, ...]:
        """Remarks still open, in question-id order."""
        return tuple(
            q
            for _, q in sorted(self.questions.items())
            if q.remark and q.remark_status is RemarkStatus.OPEN
        )

    def verdict_counts(self) -> dict[Verdict, int]:
        counts = dict.fromkeys(Verdict, 0)
        for q in self.questions.values():
            if q.verdict is not None:
                counts[q.verdict] += 1
        return counts


@dataclass(frozen=True)
class Decision:
    """The outcome recommendation with its note, as the review history records it."""

    outcome: Outcome | None
    note: str


class ReviewSubject(StrEnum):
    QUESTION = "question"
    FINDING = "finding"
    OUTCOME = "outcome"


@dataclass(frozen=True)
class ReviewChange:
    """One entry of a review's history: who changed what, when, from what to what."""

    subject: ReviewSubject
    key: str
    """The question id, the finding id, or "" for the outcome."""
    who: str
    at: dt.datetime
    old: QuestionReview | Finding | Decision | None
    new: QuestionReview | Finding | Decision | None


class ChangeKind(StrEnum):
    ADDED = "added"
    CHANGED = "changed"
    REMOVED = "removed"


@dataclass(frozen=True)
class Change[T]:
    """One difference on one question; ``old`` is None when added, ``new`` when removed."""

    question_id: str
    """"" for evidence that supports no question."""
    kind: ChangeKind
    old: T | None
    new: T | None


@dataclass(frozen=True)
class SubmissionDiff:
    """What the applicant changed since the previous submission, per question.

    Answers compare value and not-applicable reason; comments compare text; evidence is
    matched by SHA-256 per question, and a file replaced by one of the same name is "changed".
    The applicant's own review flags are not compared.
    """

    previous_id: str
    answers: tuple[Change[Answer], ...] = ()
    comments: tuple[Change[str], ...] = ()
    evidence: tuple[Change[Evidence], ...] = ()
    _all: tuple[Change[Answer] | Change[str] | Change[Evidence], ...] = field(
        default=(), init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        merged = sorted(
            [*self.answers, *self.comments, *self.evidence], key=lambda c: c.question_id
        )
        object.__setattr__(self, "_all", tuple(merged))

    @property
    def changes(self) -> tuple[Change[Answer] | Change[str] | Change[Evidence], ...]:
        """Every change, by question id (answers, then comments, then evidence within one)."""
        return self._all

    @property
    def empty(self) -> bool:
        return not self._all

    def question_ids(self) -> list[str]:
        return sorted({c.question_id for c in self._all if c.question_id})
