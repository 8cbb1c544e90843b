"""The result of scoring one assessment: the same figures in the GUI, the CLI and the PDF."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from aeo_assess.domain.questionnaire import QuestionKind


class Conclusion(StrEnum):
    """What a validator concludes about one criterion (DESIGN §4), worst first."""

    NOT_MET = "not_met"
    NOT_DEMONSTRATED = "not_demonstrated"
    MET_WITH_RECOMMENDATIONS = "met_with_recommendations"
    MET = "met"


@dataclass(frozen=True)
class CriterionScore:
    criterion_id: str
    weight: float
    score: float | None
    """Weighted mean of the scored answers in 0..1; None when nothing is scored yet."""
    applicable: int
    answered: int
    extension: bool = False
    conclusion: Conclusion = Conclusion.MET

    @property
    def completeness(self) -> float:
        return self.answered / self.applicable if self.applicable else 1.0


@dataclass(frozen=True)
class Gap:
    """A requirement not shown to be met: answered below MEETS, or a must still unanswered."""

    question_id: str
    criterion_id: str
    score: float
    """0 for an unanswered question (not demonstrated)."""
    weight: float
    kind: QuestionKind
    priority: float
    """weight x (1 - score) x criterion weight: how much closing it would move the result."""
    unanswered: bool = False
    extension: bool = False

    @property
    def blocking(self) -> bool:
        return self.kind is not QuestionKind.SHOULD


@dataclass(frozen=True)
class ActionItem:
    rank: int
    gap: Gap
    owner: str = ""
    due: dt.date | None = None


@dataclass(frozen=True)
class ScoreCard:
    questionnaire_key: str
    criteria: tuple[CriterionScore, ...]
    overall: float | None
    """Weighted mean of the questionnaire's own criteria; extensions are never mixed in."""
    applicable: int
    answered: int
    gaps: tuple[Gap, ...]
    """Answered questions below MEETS, extensions included (each Gap says which)."""
    level: str
    action_plan: tuple[ActionItem, ...]
    provisional: bool = False
    """An applicable question of the questionnaire's own criteria is still unanswered, so the
    verdict may change; never on a not-eligible verdict, which no further answer reverses."""
    eligibility_failures: tuple[str, ...] = ()
    open_musts: tuple[str, ...] = ()
    """Must and eligibility questions of the own criteria not yet answered: not demonstrated."""
    declared_na_musts: tuple[str, ...] = ()
    """Must questions the operator declared not applicable: the validator checks the reason."""
    core_completeness: float = 1.0
    """Completeness of the own criteria, which the verdict rests on."""
    to_confirm: tuple[str, ...] = ()
    """Applicable questions answered with what the previous cycle carried over and not yet
    confirmed or changed: their values count, but the verdict stays provisional."""

    @property
    def completeness(self) -> float:
        return self.answered / self.applicable if self.applicable else 1.0

    @property
    def blocking_gaps(self) -> tuple[Gap, ...]:
        """Failed must and eligibility questions of the own criteria."""
        return tuple(g for g in self.gaps if g.blocking and not g.extension)

    @property
    def core_criteria(self) -> tuple[CriterionScore, ...]:
        return tuple(c for c in self.criteria if not c.extension)

    @property
    def extension_criteria(self) -> tuple[CriterionScore, ...]:
        return tuple(c for c in self.criteria if c.extension)

    def criterion(self, criterion_id: str) -> CriterionScore:
        return next(c for c in self.criteria if c.criterion_id == criterion_id)
