"""A questionnaire version as the scoring and the user interfaces see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from aeo_assess.domain.text import LocalizedText
from aeo_assess.domain.vocabulary import AEO_TYPES as AEO_TYPES
from aeo_assess.domain.vocabulary import ROLES as ROLES

MATURITY_LEVELS = 5
"""Maturity answers run 0..4: absent, informal, documented, applied with records, improved."""


class QuestionType(StrEnum):
    MATURITY = "maturity"
    YES_NO = "yes_no"
    CHOICE = "choice"
    NUMBER = "number"
    TEXT = "text"
    DATE = "date"


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
    blocking: bool = False
    roles: frozenset[str] = frozenset()
    """Empty means every role."""
    aeo_types: frozenset[str] = frozenset()
    """Empty means both AEO types."""
    show_if: ShowIf | None = None
    refs: tuple[tuple[str, str], ...] = ()
    compliant: bool | None = None
    """For yes/no questions: the answer that scores 1; None for a scoping question with no score."""
    options: tuple[Option, ...] = ()

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
    min_overall: float | None = None
    min_each_criterion: float | None = None
    max_blocking: int | None = None
    complete: bool = False


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
