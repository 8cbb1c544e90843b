"""A company's yearly cycle, compared: what changed since a baseline, and the trend across
cycles. Pure: the same lists in the report, the review mode, the CLI and the dashboard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from aeo_assess.domain.assessment import Answer, Assessment
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.scorecard import ScoreCard
from aeo_assess.domain.text import localized
from aeo_assess.scoring.chart import level_colour
from aeo_assess.scoring.values import answer_score


@dataclass(frozen=True)
class AnswerDiff:
    """One question whose answer moved since the baseline (None: unanswered on that side)."""

    question_id: str
    old: Answer | None
    new: Answer | None
    evidence_added: tuple[str, ...] = ()
    """Names of evidence files that support the question now and did not at the baseline."""


def _present(answer: Answer | None) -> Answer | None:
    return None if answer is None or answer == Answer() else answer


def _order(questionnaire: Questionnaire | None, ids: set[str]) -> list[str]:
    known = [] if questionnaire is None else [q.id for q in questionnaire.questions()]
    position = {q: i for i, q in enumerate(known)}
    return sorted(ids, key=lambda q: (position.get(q, len(position)), q))


def _linked(assessment: Assessment) -> dict[str, dict[str, str]]:
    """Evidence names by SHA-256, per question it supports."""
    linked: dict[str, dict[str, str]] = {}
    for evidence in assessment.evidence:
        for question_id in evidence.questions:
            linked.setdefault(question_id, {})[evidence.sha256] = evidence.name
    return linked


def answer_changes(
    baseline: Assessment, current: Assessment, questionnaire: Questionnaire | None = None
) -> tuple[AnswerDiff, ...]:
    """Every question whose answer (value, not-applicable mark, comment or flag) differs
    between ``baseline`` and ``current``, or that gained evidence, in ``questionnaire`` order:
    a validator re-checks only these. ``apply_changes`` on the baseline gives ``current``."""
    before, after = _linked(baseline), _linked(current)
    ids = set(baseline.answers) | set(current.answers) | set(after)
    changes = []
    for question_id in _order(questionnaire, ids):
        old = _present(baseline.answers.get(question_id))
        new = _present(current.answers.get(question_id))
        added = tuple(
            sorted(
                name
                for sha256, name in after.get(question_id, {}).items()
                if sha256 not in before.get(question_id, {})
            )
        )
        if old != new or added:
            changes.append(AnswerDiff(question_id, old, new, added))
    return tuple(changes)


def apply_changes(
    answers: Mapping[str, Answer], changes: Sequence[AnswerDiff]
) -> dict[str, Answer]:
    """The baseline's answers with ``changes`` applied: what the changes list claims."""
    result = {q: a for q, a in answers.items() if _present(a) is not None}
    for change in changes:
        if change.new is None:
            result.pop(change.question_id, None)
        else:
            result[change.question_id] = change.new
    return result


@dataclass(frozen=True)
class Cycle:
    """One assessment of a company's history, scored on its own questionnaire version."""

    questionnaire: Questionnaire
    assessment: Assessment
    card: ScoreCard

    @property
    def date(self) -> dt.date:
        stamp = self.assessment.created_at
        return stamp.date() if stamp is not None else dt.date.min


@dataclass(frozen=True)
class Regression:
    question_id: str
    old_score: float
    new_score: float


@dataclass(frozen=True)
class CycleComparison:
    """What moved between two cycles: gaps closed, new gaps, answers that score less."""

    closed: tuple[str, ...]
    """Action-plan questions of the earlier cycle that are no longer in the plan."""
    new_gaps: tuple[str, ...]
    """Action-plan questions that were not in the earlier cycle's plan."""
    regressions: tuple[Regression, ...]
    """Questions answered in both whose score fell."""


def compare_cycles(earlier: Cycle, later: Cycle) -> CycleComparison:
    before = [item.gap.question_id for item in earlier.card.action_plan]
    after = [item.gap.question_id for item in later.card.action_plan]
    regressions = []
    for question in later.questionnaire.questions():
        if not earlier.questionnaire.has_question(question.id):
            continue
        old = answer_score(
            earlier.questionnaire.question(question.id), earlier.assessment.answer(question.id)
        )
        new = answer_score(question, later.assessment.answer(question.id))
        if old is not None and new is not None and new < old:
            regressions.append(Regression(question.id, old, new))
    return CycleComparison(
        closed=tuple(q for q in before if q not in after),
        new_gaps=tuple(q for q in after if q not in before),
        regressions=tuple(regressions),
    )


# --- the trend across cycles: one description, drawn by ReportLab and by QPainter -----------


@dataclass(frozen=True)
class TrendPoint:
    """One cycle on the trend's time axis."""

    date: dt.date
    version: str
    overall: float | None
    level: str
    level_label: str
    """The level in the chart's language."""
    colour: str
    """The level's colour (``scoring.chart.level_colour``)."""
    provisional: bool
    version_changed: bool
    """The questionnaire version differs from the previous cycle's: renderers mark it."""


@dataclass(frozen=True)
class TrendRow:
    """One criterion's score in each cycle (None: not asked or nothing answered then)."""

    key: str
    label: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class TrendChart:
    points: tuple[TrendPoint, ...]
    criteria: tuple[TrendRow, ...]
    """The newest version's own criteria, in its order."""
    comparison: CycleComparison | None
    """What moved between the last two cycles; None with a single cycle."""
    demo: bool = False
    ticks: tuple[float, ...] = (0.0, 0.25, 0.5, 0.75, 1.0)


def build_trend(cycles: Sequence[Cycle], language: str) -> TrendChart:
    """The overall score, the verdict and each criterion across ``cycles`` (oldest first)."""
    points = []
    for index, cycle in enumerate(cycles):
        questionnaire, card = cycle.questionnaire, cycle.card
        label = localized(questionnaire.level_rule(card.level).label, language)
        points.append(
            TrendPoint(
                date=cycle.date,
                version=questionnaire.version,
                overall=card.overall,
                level=card.level,
                level_label=label,
                colour=level_colour(questionnaire, card.level),
                provisional=card.provisional,
                version_changed=index > 0
                and cycles[index - 1].questionnaire.version != questionnaire.version,
            )
        )
    rows: list[TrendRow] = []
    if cycles:
        newest = cycles[-1].questionnaire
        for criterion in newest.criteria:
            if criterion.extension:
                continue
            values = []
            for cycle in cycles:
                known = {c.criterion_id: c.score for c in cycle.card.criteria}
                values.append(known.get(criterion.id))
            rows.append(
                TrendRow(criterion.id, localized(criterion.title, language), tuple(values))
            )
    return TrendChart(
        points=tuple(points),
        criteria=tuple(rows),
        comparison=compare_cycles(cycles[-2], cycles[-1]) if len(cycles) > 1 else None,
        demo=any(c.assessment.demo for c in cycles),
    )
