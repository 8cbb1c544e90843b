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

    def answer(self, question_id: str) -> Answer | None:
        return self.answers.get(question_id)
