"""Which questions an operator has to answer: role and AEO-type filters, then ``show_if``."""

from __future__ import annotations

from aeo_assess.domain.assessment import Assessment
from aeo_assess.domain.questionnaire import Question, Questionnaire


def fits_profile(question: Question, assessment: Assessment) -> bool:
    """A question applies when it names none or some of the operator's roles and AEO types."""
    if question.roles and not (question.roles & assessment.roles):
        return False
    return not (question.aeo_types and not (question.aeo_types & assessment.aeo_types))


def is_visible(question: Question, questionnaire: Questionnaire, assessment: Assessment) -> bool:
    """Profile filter plus the ``show_if`` chain (validation guarantees it has no cycle)."""
    current: Question | None = question
    while current is not None:
        if not fits_profile(current, assessment):
            return False
        condition = current.show_if
        if condition is None:
            return True
        answer = assessment.answer(condition.question)
        if answer is None or answer.value is None or answer.value != condition.equals:
            return False
        if isinstance(answer.value, bool) is not isinstance(condition.equals, bool):
            return False
        current = questionnaire.question(condition.question)
    return True


def applicable_questions(questionnaire: Questionnaire, assessment: Assessment) -> list[Question]:
    return [q for q in questionnaire.questions() if is_visible(q, questionnaire, assessment)]
