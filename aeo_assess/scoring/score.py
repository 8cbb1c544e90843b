"""Score an assessment against the exact questionnaire version it was answered on."""

from __future__ import annotations

from aeo_assess.domain.assessment import Assessment, PlanEntry
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.scorecard import ActionItem, CriterionScore, Gap, ScoreCard
from aeo_assess.scoring.readiness import readiness_level
from aeo_assess.scoring.values import GAP_THRESHOLD, answer_score
from aeo_assess.scoring.visibility import is_visible


def _weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    total = sum(weight for _, weight in pairs)
    if not pairs or total <= 0:
        return None
    return min(1.0, max(0.0, sum(value * weight for value, weight in pairs) / total))


def score(questionnaire: Questionnaire, assessment: Assessment) -> ScoreCard:
    criteria: list[CriterionScore] = []
    gaps: list[Gap] = []
    for criterion in questionnaire.criteria:
        scored: list[tuple[float, float]] = []
        applicable = answered = 0
        for question in criterion.questions:
            if not is_visible(question, questionnaire, assessment):
                continue
            applicable += 1
            answer = assessment.answer(question.id)
            if answer is not None and answer.answered:
                answered += 1
            value = answer_score(question, answer)
            if value is None:
                continue
            scored.append((value, question.weight))
            if value < GAP_THRESHOLD:
                gaps.append(
                    Gap(
                        question_id=question.id,
                        criterion_id=criterion.id,
                        score=value,
                        weight=question.weight,
                        blocking=question.blocking,
                        priority=question.weight * (1.0 - value) * criterion.weight,
                    )
                )
        criteria.append(
            CriterionScore(
                criterion_id=criterion.id,
                weight=criterion.weight,
                score=_weighted_mean(scored),
                applicable=applicable,
                answered=answered,
                extension=criterion.extension,
            )
        )
    overall = _weighted_mean([(c.score, c.weight) for c in criteria if c.score is not None])
    applicable_total = sum(c.applicable for c in criteria)
    answered_total = sum(c.answered for c in criteria)
    blocking = sum(1 for g in gaps if g.blocking)
    level = readiness_level(
        questionnaire.readiness,
        overall,
        criteria,
        blocking,
        complete=answered_total == applicable_total,
    )
    order = {q.id: i for i, q in enumerate(questionnaire.questions())}
    ranked = sorted(gaps, key=lambda g: (not g.blocking, -g.priority, order[g.question_id]))
    plan = tuple(
        ActionItem(rank=rank, gap=gap, owner=entry.owner, due=entry.due)
        for rank, gap in enumerate(ranked, start=1)
        for entry in (assessment.plan.get(gap.question_id, PlanEntry()),)
    )
    return ScoreCard(
        questionnaire_key=questionnaire.key,
        criteria=tuple(criteria),
        overall=overall,
        applicable=applicable_total,
        answered=answered_total,
        gaps=tuple(gaps),
        level=level,
        action_plan=plan,
    )
