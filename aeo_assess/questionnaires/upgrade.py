"""Moving an assessment to a newer version of its questionnaire (DESIGN §4: an explicit step).

Two pure functions: ``diff_versions`` says what changed between two versions, question by
question, so that a user sees it before confirming; ``carry_over`` takes an assessment's
answers, plan and evidence links over by question id and lists what cannot follow. Nothing
here reads or writes storage: the service stores the result in one transaction.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum

from aeo_assess.domain.answer_values import value_problem
from aeo_assess.domain.assessment import Answer, Assessment, Evidence, PlanEntry
from aeo_assess.domain.questionnaire import Question, QuestionKind, Questionnaire, QuestionType
from aeo_assess.messages import Message, UserError


@dataclass(frozen=True)
class KindChange:
    question_id: str
    old: QuestionKind
    new: QuestionKind


@dataclass(frozen=True)
class VersionDiff:
    """What a user should know before moving answers from ``old_version`` to ``new_version``.
    Ids are in questionnaire order (the new file's, or the old one's for removed questions)."""

    questionnaire_id: str
    old_version: str
    new_version: str
    new: tuple[str, ...]
    """Questions only the new version asks: unanswered after the upgrade."""
    removed: tuple[str, ...]
    """Questions the new version no longer asks: their answers do not follow."""
    reworded: tuple[str, ...]
    """The question's text changed in at least one language: the answer may deserve a look."""
    kind_changed: tuple[KindChange, ...]
    format_changed: tuple[str, ...]
    """The answer's type, options (values or scores), compliant answer or number range
    changed: an answer follows only where it is still a valid answer."""

    @property
    def unchanged(self) -> bool:
        return not (
            self.new or self.removed or self.reworded or self.kind_changed or self.format_changed
        )


def _answer_format(question: Question) -> tuple[object, ...]:
    return (
        question.type,
        tuple((o.value, o.score) for o in question.options),
        question.compliant,
        question.min_value,
        question.max_value,
    )


def diff_versions(old: Questionnaire, new: Questionnaire) -> VersionDiff:
    old_questions = {q.id: q for q in old.questions()}
    new_questions = {q.id: q for q in new.questions()}
    common = [q for q in new.questions() if q.id in old_questions]
    return VersionDiff(
        questionnaire_id=new.id,
        old_version=old.version,
        new_version=new.version,
        new=tuple(q for q in new_questions if q not in old_questions),
        removed=tuple(q for q in old_questions if q not in new_questions),
        reworded=tuple(q.id for q in common if q.text != old_questions[q.id].text),
        kind_changed=tuple(
            KindChange(q.id, old_questions[q.id].kind, q.kind)
            for q in common
            if q.kind is not old_questions[q.id].kind
        ),
        format_changed=tuple(
            q.id for q in common if _answer_format(q) != _answer_format(old_questions[q.id])
        ),
    )


class DropReason(StrEnum):
    REMOVED = "removed"
    """The new version no longer asks the question: the whole answer, comment included, stays
    only in the archived copy."""
    INVALID = "invalid"
    """The value is no longer a valid answer (type, options or range changed)."""
    ELIGIBILITY_NOT_APPLICABLE = "eligibility_not_applicable"
    """A not-applicable mark on a question that is now an eligibility condition, which can
    never be not applicable (DESIGN §4)."""


@dataclass(frozen=True)
class Dropped:
    """An answer, or its value or not-applicable mark, that does not follow the upgrade."""

    question_id: str
    answer: Answer
    reason: DropReason


class UpgradeError(UserError, ValueError):
    """An upgrade asked between versions it cannot join."""


@dataclass(frozen=True)
class CarryOver:
    """An assessment's content as it stands on the new version, and what was left behind."""

    answers: dict[str, Answer]
    plan: dict[str, PlanEntry]
    evidence: tuple[Evidence, ...]
    """Every file stays; each supports the questions it supported that the new version asks."""
    dropped: tuple[Dropped, ...]


def _range_problem(question: Question, value: object) -> Message | None:
    """value_problem leaves the stated range of a number question to the user interfaces; an
    upgrade must not carry a number the new version says is out of range."""
    if question.type is not QuestionType.NUMBER or not isinstance(value, int | float):
        return None
    if question.min_value is not None and value < question.min_value:
        return Message(
            "upgrade.below",
            "{value} is below {question_min_value}",
            value=value, question_min_value=question.min_value,
        )
    if question.max_value is not None and value > question.max_value:
        return Message(
            "upgrade.above",
            "{value} is above {question_max_value}",
            value=value, question_max_value=question.max_value,
        )
    return None


def _carried(question: Question, answer: Answer) -> tuple[Answer, DropReason | None]:
    """The answer as it follows to ``question``: kept whole, or without its value or N/A mark
    (comment and flag stay with the question)."""
    if answer.value is not None and (
        value_problem(question, answer.value) or _range_problem(question, answer.value)
    ):
        return dataclasses.replace(answer, value=None), DropReason.INVALID
    if answer.not_applicable and not question.na_allowed:
        return dataclasses.replace(answer, na_reason=None), DropReason.ELIGIBILITY_NOT_APPLICABLE
    return answer, None


def carry_over(old: Questionnaire, new: Questionnaire, assessment: Assessment) -> CarryOver:
    """Answers, plan entries and evidence links follow by question id; see DropReason for what
    does not. ``old`` orders the dropped list as the user answered it."""
    if (assessment.questionnaire_id, assessment.questionnaire_version) != (old.id, old.version):
        raise UpgradeError(Message("upgrade.not_on_version", "the assessment is not on {version}",
                                   version=old.key))
    if new.id != old.id:
        raise UpgradeError(Message("upgrade.not_a_version", "{new} is not a version of {old}",
                                   new=new.key, old=old.id))
    answers: dict[str, Answer] = {}
    dropped: list[Dropped] = []
    order = {q.id: i for i, q in enumerate(old.questions())}
    for question_id in sorted(assessment.answers, key=lambda q: order.get(q, len(order))):
        answer = assessment.answers[question_id]
        if not new.has_question(question_id):
            dropped.append(Dropped(question_id, answer, DropReason.REMOVED))
            continue
        carried, reason = _carried(new.question(question_id), answer)
        if reason is not None:
            dropped.append(Dropped(question_id, answer, reason))
        if carried != Answer():
            answers[question_id] = carried
    return CarryOver(
        answers=answers,
        plan={q: entry for q, entry in assessment.plan.items() if new.has_question(q)},
        evidence=tuple(
            dataclasses.replace(e, questions=frozenset(q for q in e.questions if new.has_question(q)))
            for e in assessment.evidence
        ),
        dropped=tuple(dropped),
    )

