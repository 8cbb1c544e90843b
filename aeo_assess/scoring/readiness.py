"""The readiness verdict (DESIGN §4): the eligibility knock-out, then the questionnaire's rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aeo_assess.domain.questionnaire import Questionnaire, ReadinessRule
from aeo_assess.domain.scorecard import CriterionScore
from aeo_assess.domain.vocabulary import Level


@dataclass(frozen=True)
class VerdictInputs:
    """What the level depends on, all of it about the questionnaire's own criteria."""

    overall: float | None
    criteria: Sequence[CriterionScore]
    eligibility_failures: int
    failed_musts: int
    open_musts: int
    completeness: float
    provisional: bool
    confirmed_completeness: float
    """Completeness counting carried answers still to confirm as unanswered: the floor of the
    provisional rule (equal to ``completeness`` when nothing was carried over)."""


def rule_holds(rule: ReadinessRule, facts: VerdictInputs, floor: float) -> bool:
    if rule.level == Level.READY and facts.provisional:
        return False
    if (
        rule.level == Level.NEARLY_READY
        and facts.provisional
        and facts.confirmed_completeness < floor
    ):
        return False
    if rule.min_overall is not None and (facts.overall or 0.0) < rule.min_overall:
        return False
    if rule.min_each_criterion is not None and any(
        c.score is not None and c.score < rule.min_each_criterion for c in facts.criteria
    ):
        return False
    if rule.max_failed_musts is not None and facts.failed_musts > rule.max_failed_musts:
        return False
    if rule.max_open_musts is not None and facts.open_musts > rule.max_open_musts:
        return False
    return not (rule.min_completeness is not None and facts.completeness < rule.min_completeness)


def readiness_level(questionnaire: Questionnaire, facts: VerdictInputs) -> str:
    if facts.eligibility_failures:
        return Level.NOT_ELIGIBLE
    for rule in questionnaire.readiness:
        if rule_holds(rule, facts, questionnaire.completeness_floor):
            return rule.level
    return questionnaire.readiness[-1].level
