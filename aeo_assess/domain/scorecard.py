"""The result of scoring one assessment: the same figures in the GUI, the CLI and the PDF."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class CriterionScore:
    criterion_id: str
    weight: float
    score: float | None
    """Weighted mean of the scored answers in 0..1; None when nothing is scored yet."""
    applicable: int
    answered: int
    extension: bool = False

    @property
    def completeness(self) -> float:
        return self.answered / self.applicable if self.applicable else 1.0


@dataclass(frozen=True)
class Gap:
    question_id: str
    criterion_id: str
    score: float
    weight: float
    blocking: bool
    priority: float
    """weight x (1 - score) x criterion weight: how much closing it would move the result."""


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
    applicable: int
    answered: int
    gaps: tuple[Gap, ...]
    level: str
    action_plan: tuple[ActionItem, ...]

    @property
    def completeness(self) -> float:
        return self.answered / self.applicable if self.applicable else 1.0

    @property
    def blocking_gaps(self) -> tuple[Gap, ...]:
        return tuple(g for g in self.gaps if g.blocking)

    def criterion(self, criterion_id: str) -> CriterionScore:
        return next(c for c in self.criteria if c.criterion_id == criterion_id)
