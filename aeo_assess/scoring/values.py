"""The 0..1 score of one answer."""

from __future__ import annotations

from aeo_assess.domain.assessment import Answer
from aeo_assess.domain.questionnaire import MATURITY_LEVELS, MEETS, Question, QuestionType

GAP_THRESHOLD = MEETS
"""Below this an answer is a gap: maturity under 3, or the non-compliant yes/no answer."""


def counts_as_answered(question: Question, answer: Answer | None) -> bool:
    """Not applicable is an answer, except on an eligibility question, where it cannot stand
    (a file from elsewhere may still carry one): there it leaves the condition unshown."""
    if answer is None:
        return False
    if answer.not_applicable:
        return question.na_allowed
    return answer.value is not None


def answer_score(question: Question, answer: Answer | None) -> float | None:
    """None when the answer does not count: unanswered, not applicable or unscored type."""
    if answer is None or answer.value is None or answer.not_applicable:
        return None
    value = answer.value
    if question.type is QuestionType.MATURITY and isinstance(value, int):
        if isinstance(value, bool) or not 0 <= value < MATURITY_LEVELS:
            return None
        return value / (MATURITY_LEVELS - 1)
    if question.type is QuestionType.YES_NO and isinstance(value, bool):
        if question.compliant is None:
            return None
        return 1.0 if value is question.compliant else 0.0
    if question.type is QuestionType.CHOICE and isinstance(value, str):
        option = question.option(value)
        return None if option is None else option.score
    return None
