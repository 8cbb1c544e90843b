"""A questionnaire version as the scoring and the user interfaces see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from aeo_assess.domain.text import LocalizedText
from aeo_assess.domain.vocabulary import AEO_TYPES as AEO_TYPES
from aeo_assess.domain.vocabulary import ROLES as ROLES
from aeo_assess.domain.vocabulary import Level, Subject

MATURITY_LEVELS = 5
"""Maturity answers run 0..4: absent, informal, documented, applied with records, improved."""

MEETS = 0.75
"""A question meets its requirement at this score: maturity 3, "applied with records", is what
validators ask for (DESIGN §4); below it an answer is a gap."""

DEFAULT_COMPLETENESS_FLOOR = 0.9
"""Below this share of answered core questions a provisional verdict is never "nearly ready"."""


class QuestionType(StrEnum):
    MATURITY = "maturity"
    YES_NO = "yes_no"
    CHOICE = "choice"
    NUMBER = "number"
    TEXT = "text"
    DATE = "date"


class QuestionKind(StrEnum):
    """How a validator weighs a question (DESIGN §4): a legal knock-out, a required condition,
    or good practice."""

    ELIGIBILITY = "eligibility"
    MUST = "must"
    SHOULD = "should"


@dataclass(frozen=True)
class Option:
    value: str
    label: LocalizedText
    score: float | None
    """None on every option of a scoping choice, which only decides what else applies."""


@dataclass(frozen=True)
class ShowIf:
    """Show a question only while another question's answer equals ``equals``."""

    question: str
    equals: bool | str | int


@dataclass(frozen=True)
class Question:
    id: str
    criterion_id: str
    type: QuestionType
    text: LocalizedText
    guidance: LocalizedText
    evidence: tuple[LocalizedText, ...]
    recommendation: LocalizedText
    weight: float = 1.0
    kind: QuestionKind = QuestionKind.SHOULD
    roles: frozenset[str] = frozenset()
    """Empty means every role."""
    aeo_types: frozenset[str] = frozenset()
    """Empty means both AEO types."""
    show_if: ShowIf | None = None
    refs: tuple[tuple[str, str], ...] = ()
    compliant: bool | None = None
    """For yes/no questions: the answer that scores 1; None for a scoping question with no score."""
    options: tuple[Option, ...] = ()
    min_value: float | None = None
    max_value: float | None = None
    """Number questions: the plausible range the questionnaire states (None: the default)."""
    unit: LocalizedText | None = None

    @property
    def blocking(self) -> bool:
        """A must or eligibility question: failing it keeps the operator from being ready."""
        return self.kind is not QuestionKind.SHOULD

    @property
    def na_allowed(self) -> bool:
        """Eligibility conditions are legal facts about every applicant: never not applicable."""
        return self.kind is not QuestionKind.ELIGIBILITY

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Criterion:
    id: str
    title: LocalizedText
    summary: LocalizedText
    weight: float
    questions: tuple[Question, ...]
    extension: bool = False
    """True for sections that go beyond the SAFE letters (for example cyber security)."""


@dataclass(frozen=True)
class ReadinessRule:
    """One readiness level; the first rule of a questionnaire whose conditions hold wins."""

    level: str
    label: LocalizedText
    description: LocalizedText
    why: LocalizedText | None = None
    """The rationale of the thresholds, shown where the verdict is explained."""
    min_overall: float | None = None
    min_each_criterion: float | None = None
    max_failed_musts: int | None = None
    """Must and eligibility questions answered below MEETS that the level tolerates."""
    max_open_musts: int | None = None
    """Must and eligibility questions still unanswered that the level tolerates."""
    min_completeness: float | None = None


@dataclass(frozen=True)
class MaturityLevel:
    value: int
    label: LocalizedText
    description: LocalizedText


@dataclass(frozen=True)
class Questionnaire:
    id: str
    version: str
    title: LocalizedText
    source: LocalizedText
    languages: tuple[str, ...]
    readiness: tuple[ReadinessRule, ...]
    criteria: tuple[Criterion, ...]
    maturity_scale: tuple[MaturityLevel, ...] = ()
    completeness_floor: float = DEFAULT_COMPLETENESS_FLOOR
    not_eligible: ReadinessRule | None = None
    """The knock-out level's texts; present whenever the file has eligibility questions."""
    subject: Subject = Subject.COMPANY
    """Who answers it; the file says so at its top level (``subject: administration``)."""
    _index: dict[str, Question] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for criterion in self.criteria:
            for question in criterion.questions:
                self._index[question.id] = question

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    def question(self, question_id: str) -> Question:
        return self._index[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._index

    def questions(self) -> tuple[Question, ...]:
        return tuple(q for c in self.criteria for q in c.questions)

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)

    def level_rule(self, level: str) -> ReadinessRule:
        """The rule, with its label and texts, of a level a ScoreCard of this file carries."""
        if level == Level.NOT_ELIGIBLE and self.not_eligible is not None:
            return self.not_eligible
        return next(r for r in self.readiness if r.level == level)
