"""Score an assessment against the exact questionnaire version it was answered on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter

from aeo_assess.domain.assessment import Assessment, PlanEntry
from aeo_assess.domain.questionnaire import (
    MEETS,
    Criterion,
    Question,
    QuestionKind,
    Questionnaire,
)
from aeo_assess.domain.scorecard import ActionItem, Conclusion, CriterionScore, Gap, ScoreCard
from aeo_assess.scoring.readiness import VerdictInputs, readiness_level
from aeo_assess.scoring.values import answer_score, counts_as_answered
from aeo_assess.scoring.visibility import is_visible

_KIND_RANK = {QuestionKind.ELIGIBILITY: 0, QuestionKind.MUST: 1, QuestionKind.SHOULD: 2}


def _weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    total = sum(weight for _, weight in pairs)
    if not pairs or total <= 0:
        return None
    return min(1.0, max(0.0, sum(value * weight for value, weight in pairs) / total))


_PlanKey = tuple[bool, int, int, float, int]


def _plan_order(gap: Gap, position: int) -> _PlanKey:
    """Own criteria before extensions; then eligibility failures, unanswered musts, failed
    musts and should gaps (DESIGN §4); within each, by kind, then the larger priority first."""
    group = 1 if gap.unanswered else (0, 2, 3)[_KIND_RANK[gap.kind]]
    return (gap.extension, group, _KIND_RANK[gap.kind], -gap.priority, position)


@dataclass
class _Tally:
    """What one criterion contributes: its score, its gaps and the facts the verdict needs."""

    scored: list[tuple[float, float]] = field(default_factory=list)
    applicable: int = 0
    answered: int = 0
    gaps: list[Gap] = field(default_factory=list)
    ranked: list[tuple[_PlanKey, Gap]] = field(default_factory=list)
    """The gaps with their place in the action plan."""
    failed_musts: int = 0
    eligibility_failures: list[str] = field(default_factory=list)
    open_musts: list[str] = field(default_factory=list)
    declared_na_musts: list[str] = field(default_factory=list)
    to_confirm: list[str] = field(default_factory=list)
    """Answered with what the previous cycle carried over, not yet confirmed or changed."""
    should_short: bool = False

    def conclusion(self) -> Conclusion:
        if self.failed_musts:
            return Conclusion.NOT_MET
        if self.open_musts or (self.applicable and not self.answered):
            return Conclusion.NOT_DEMONSTRATED
        if self.should_short:
            return Conclusion.MET_WITH_RECOMMENDATIONS
        return Conclusion.MET


def _tally(
    criterion: Criterion,
    questionnaire: Questionnaire,
    assessment: Assessment,
    order: Mapping[str, int],
) -> _Tally:
    tally = _Tally()
    for question in criterion.questions:
        if not is_visible(question, questionnaire, assessment):
            continue
        tally.applicable += 1
        answer = assessment.answer(question.id)
        answered = counts_as_answered(question, answer)
        tally.answered += answered
        if answered and assessment.to_confirm(question.id):
            tally.to_confirm.append(question.id)
        if answered and answer is not None and answer.not_applicable:
            if question.kind is QuestionKind.MUST:
                tally.declared_na_musts.append(question.id)
            continue
        value = answer_score(question, answer) if answered else None
        if not answered and question.blocking:
            tally.open_musts.append(question.id)
            value = 0.0
        elif not answered:
            tally.should_short = True
            continue
        elif value is None:
            continue
        else:
            tally.scored.append((value, question.weight))
        if value >= MEETS:
            continue
        if question.kind is QuestionKind.ELIGIBILITY and answered:
            tally.eligibility_failures.append(question.id)
        if question.kind is QuestionKind.SHOULD:
            tally.should_short = True
        gap = Gap(
            question_id=question.id,
            criterion_id=criterion.id,
            score=value,
            weight=question.weight,
            kind=question.kind,
            priority=question.weight * (1.0 - value) * criterion.weight,
            unanswered=not answered,
            extension=criterion.extension,
        )
        tally.gaps.append(gap)
        tally.ranked.append((_plan_order(gap, order[question.id]), gap))
        if gap.blocking and answered:
            tally.failed_musts += 1
    return tally


@dataclass(frozen=True)
class _Counted:
    """One criterion's part of the ScoreCard, computed once per tally: the card of a changed
    assessment reuses it for every criterion the change cannot move."""

    result: CriterionScore
    tally: _Tally
    """Never changed once counted."""


def _count(
    criterion: Criterion,
    questionnaire: Questionnaire,
    assessment: Assessment,
    order: Mapping[str, int],
) -> _Counted:
    tally = _tally(criterion, questionnaire, assessment, order)
    result = CriterionScore(
        criterion_id=criterion.id,
        weight=criterion.weight,
        score=_weighted_mean(tally.scored),
        applicable=tally.applicable,
        answered=tally.answered,
        extension=criterion.extension,
        conclusion=tally.conclusion(),
    )
    return _Counted(result, tally)


class Layout:
    """What every score of one questionnaire needs and no answer changes: the order of its
    questions (the action plan's tie-break) and, built on first use, the criteria each
    question's answer can move. Tallies pass it on, so an autosave builds it once."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questionnaire = questionnaire
        self.order = {q.id: i for i, q in enumerate(questionnaire.questions())}

    @cached_property
    def moves(self) -> dict[str, tuple[int, ...]]:
        """The indices of the criteria whose tally a change to each answer can move: the
        question's own, and those of every question whose ``show_if`` chain passes through it
        (its visibility)."""
        moved: dict[str, set[int]] = {q: set() for q in self.order}
        for index, criterion in enumerate(self.questionnaire.criteria):
            for question in criterion.questions:
                current: Question | None = question
                while current is not None:
                    moved[current.id].add(index)
                    condition = current.show_if
                    current = (
                        None if condition is None
                        else self.questionnaire.question(condition.question)
                    )
        return {q: tuple(sorted(indices)) for q, indices in moved.items()}


@dataclass(frozen=True)
class Tallies:
    """One assessment's tally per criterion, from which ``scorecard`` builds its ScoreCard.
    ``after`` follows a change to one answer by tallying again only the criteria it can move:
    the autosave's incremental score, equal to a full ``score`` of the changed assessment."""

    layout: Layout
    criteria: tuple[_Counted, ...]

    def after(self, assessment: Assessment, question_id: str) -> Tallies:
        """The tallies of ``assessment``, which differs from the one these were tallied on in
        one answer only (its value, or whether it is a carried answer still to confirm)."""
        questionnaire, order = self.layout.questionnaire, self.layout.order
        criteria = list(self.criteria)
        for index in self.layout.moves[question_id]:
            criteria[index] = _count(questionnaire.criteria[index], questionnaire, assessment, order)
        return Tallies(self.layout, tuple(criteria))

    def moved_scores(self, question_id: str) -> dict[str, float | None]:
        """The scores, by criterion id, of the criteria a change to this answer can move."""
        moved = (self.criteria[index].result for index in self.layout.moves[question_id])
        return {c.criterion_id: c.score for c in moved}

    @cached_property
    def overall(self) -> float | None:
        """The card's overall score, kept (an autosave needs it before and after): the weighted
        mean of the questionnaire's own criteria that have a score (extensions are shown
        beside, never counted)."""
        return _weighted_mean([
            (c.result.score, c.result.weight) for c in self.criteria
            if not c.result.extension and c.result.score is not None
        ])

    def scorecard(self, plan: Mapping[str, PlanEntry]) -> ScoreCard:
        """The ScoreCard, its action plan carrying the owners and due dates of ``plan``."""
        questionnaire = self.layout.questionnaire
        criteria = tuple(c.result for c in self.criteria)
        tallies = [c.tally for c in self.criteria]
        core = [c.tally for c in self.criteria if not c.result.extension]
        core_scores = [c for c in criteria if not c.extension]
        overall = self.overall
        core_applicable = sum(c.applicable for c in core_scores)
        core_answered = sum(c.answered for c in core_scores)
        completeness = core_answered / core_applicable if core_applicable else 1.0
        # A carried answer still to confirm shows its value but counts as unanswered for the
        # provisional rule: the verdict stays open until the company confirms or changes it.
        core_confirmed = core_answered - sum(len(t.to_confirm) for t in core)
        eligibility = tuple(q for t in core for q in t.eligibility_failures)
        open_musts = tuple(q for t in core for q in t.open_musts)
        facts = VerdictInputs(
            overall=overall,
            criteria=core_scores,
            eligibility_failures=len(eligibility),
            failed_musts=sum(t.failed_musts for t in core),
            open_musts=len(open_musts),
            completeness=completeness,
            provisional=core_confirmed < core_applicable and not eligibility,
            confirmed_completeness=core_confirmed / core_applicable if core_applicable else 1.0,
        )
        ranked = sorted((item for t in tallies for item in t.ranked), key=itemgetter(0))
        action_plan = []
        for rank, (_, gap) in enumerate(ranked, start=1):
            entry = plan.get(gap.question_id)
            action_plan.append(
                ActionItem(rank, gap) if entry is None
                else ActionItem(rank, gap, entry.owner, entry.due)
            )
        return ScoreCard(
            questionnaire_key=questionnaire.key,
            criteria=criteria,
            overall=overall,
            applicable=sum(c.applicable for c in criteria),
            answered=sum(c.answered for c in criteria),
            gaps=tuple(g for t in tallies for g in t.gaps if not g.unanswered),
            level=readiness_level(questionnaire, facts),
            action_plan=tuple(action_plan),
            provisional=facts.provisional,
            eligibility_failures=eligibility,
            open_musts=open_musts,
            declared_na_musts=tuple(q for t in tallies for q in t.declared_na_musts),
            core_completeness=completeness,
            to_confirm=tuple(q for t in tallies for q in t.to_confirm),
        )


def tally(questionnaire: Questionnaire, assessment: Assessment) -> Tallies:
    layout = Layout(questionnaire)
    return Tallies(
        layout,
        tuple(_count(c, questionnaire, assessment, layout.order) for c in questionnaire.criteria),
    )


def score(questionnaire: Questionnaire, assessment: Assessment) -> ScoreCard:
    return tally(questionnaire, assessment).scorecard(assessment.plan)
