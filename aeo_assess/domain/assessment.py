"""An operator's answers to one questionnaire version."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

AnswerValue = int | bool | str | float | dt.date


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    REVIEWED = "reviewed"
    RESUBMITTED = "resubmitted"
    """Sent to customs again after a review came back."""


class CarryState(StrEnum):
    """Where an answer carried over from the company's previous cycle stands: the verdict is
    provisional while any is still to confirm (DESIGN §4)."""

    TO_CONFIRM = "to_confirm"
    CONFIRMED = "confirmed"
    CHANGED = "changed"


@dataclass(frozen=True)
class Answer:
    """A question's answer; ``value`` None with ``na_reason`` set means not applicable."""

    value: AnswerValue | None = None
    na_reason: str | None = None
    comment: str = ""
    flagged: bool = False

    @property
    def not_applicable(self) -> bool:
        return self.na_reason is not None

    @property
    def answered(self) -> bool:
        return self.value is not None or self.not_applicable


@dataclass(frozen=True)
class PlanEntry:
    """What the user set on an action-plan item: who does it and by when."""

    owner: str = ""
    due: dt.date | None = None


@dataclass(frozen=True)
class Evidence:
    """A file attached as proof; its bytes live in storage or in the applicant file."""

    sha256: str
    name: str
    media_type: str
    size: int
    questions: frozenset[str] = frozenset()


@dataclass(frozen=True)
class AnswerChange:
    """One entry of an answer's history: who changed it, when, from what to what."""

    question_id: str
    who: str
    at: dt.datetime
    old: Answer | None
    new: Answer | None
    note: str | None = None
    """Why it changed when no one typed it (an upgrade to a newer questionnaire version)."""


@dataclass(frozen=True)
class Assessment:
    questionnaire_id: str
    questionnaire_version: str
    company: str
    country: str
    roles: frozenset[str]
    aeo_types: frozenset[str]
    answers: dict[str, Answer] = field(default_factory=dict)
    plan: dict[str, PlanEntry] = field(default_factory=dict)
    id: str = ""
    tax_id: str = ""
    status: Status = Status.DRAFT
    demo: bool = False
    """Synthetic data: every screen and report that shows it says so."""
    evidence: tuple[Evidence, ...] = ()
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    submission_sha256: str | None = None
    """SHA-256 of the imported applicant file's assessment.json; None for local work."""
    previous_submission_id: str | None = None
    """The assessment this submission follows (a resubmission of the same applicant)."""
    unit: str = ""
    """An administration's unit that answers (e.g. its risk-management directorate)."""
    contact: str = ""
    """Who to ask about the answers: a name, an address or both."""
    consent: bool = False
    """The subject agreed to be named in a workshop's summary; never assumed."""
    carried: dict[str, CarryState] = field(default_factory=dict)
    """Answers carried over from the previous cycle, by question id, and where each stands."""
    previous_cycle_id: str | None = None
    """The company's assessment this one follows as its next cycle (yearly review)."""
    certified_on: dt.date | None = None
    """When the company was certified AEO, as the user entered it."""
    next_review_on: dt.date | None = None
    """When customs next reviews the certification, as the user entered it."""

    def to_confirm(self, question_id: str) -> bool:
        """Carried over from the previous cycle and neither confirmed nor changed yet."""
        return self.carried.get(question_id) is CarryState.TO_CONFIRM and (
            question_id in self.answers
        )

    def answer(self, question_id: str) -> Answer | None:
        return self.answers.get(question_id)
