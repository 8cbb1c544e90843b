"""Readiness level: the first rule of the questionnaire that holds."""

from __future__ import annotations

from collections.abc import Sequence

from aeo_assess.domain.questionnaire import ReadinessRule
from aeo_assess.domain.scorecard import CriterionScore


def rule_holds(
    rule: ReadinessRule,
    overall: float | None,
    criteria: Sequence[CriterionScore],
    blocking_gaps: int,
    complete: bool,
) -> bool:
    if rule.min_overall is not None and (overall or 0.0) < rule.min_overall:
        return False
    if rule.min_each_criterion is not None and any(
        c.score is not None and c.score < rule.min_each_criterion for c in criteria
    ):
        return False
    if rule.max_blocking is not None and blocking_gaps > rule.max_blocking:
        return False
    return not (rule.complete and not complete)


def readiness_level(
    rules: Sequence[ReadinessRule],
    overall: float | None,
    criteria: Sequence[CriterionScore],
    blocking_gaps: int,
    complete: bool,
) -> str:
    for rule in rules:
        if rule_holds(rule, overall, criteria, blocking_gaps, complete):
            return rule.level
    return rules[-1].level
