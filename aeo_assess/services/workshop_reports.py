"""A workshop's reports: the summary of all participants (no company named) and every
participant's readiness report printed in one run."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from aeo_assess.benchmarks.stats import Distribution
from aeo_assess.domain.assessment import Assessment
from aeo_assess.domain.benchmark import MIN_K
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.scorecard import ScoreCard
from aeo_assess.domain.vocabulary import Subject
from aeo_assess.messages import Message
from aeo_assess.reporting.readiness import PAGE_SIZES
from aeo_assess.reporting.regional_report import render_regional_report
from aeo_assess.reporting.workshop_report import (
    OTHER_COUNTRIES,
    CriterionSpread,
    GapCount,
    QuestionnaireResults,
    WorkshopFigures,
    render_workshop_report,
)
from aeo_assess.services import assessments, benchmarks, reports, workshops
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage.peer_stats import RESOLUTION, to_bin

TOP_GAPS = 10
"""Questions listed among the most common gaps (and again among the blocking ones)."""

type Participant = tuple[Questionnaire, Assessment, ScoreCard]


def _spread(criterion_id: str, scores: list[float], k: int) -> CriterionSpread:
    if len(scores) < k:
        return CriterionSpread(criterion_id, len(scores), None)
    counts = Counter(to_bin(s) for s in scores)
    return CriterionSpread(
        criterion_id, len(scores), Distribution.of(RESOLUTION, counts, sum(scores)).stats()
    )


def _gap_counts(cards: list[ScoreCard], *, blocking: bool) -> tuple[GapCount, ...]:
    counts: Counter[str] = Counter()
    is_blocking: dict[str, bool] = {}
    for card in cards:
        for gap in card.gaps:
            if gap.blocking or not blocking:
                counts[gap.question_id] += 1
                is_blocking[gap.question_id] = gap.blocking
    ranked = sorted(counts.items(), key=lambda item: (-item[1], not is_blocking[item[0]], item[0]))
    return tuple(GapCount(q, n, is_blocking[q]) for q, n in ranked[:TOP_GAPS])


def _results(questionnaire: Questionnaire, cards: list[ScoreCard], k: int) -> QuestionnaireResults:
    criteria = []
    for criterion in questionnaire.criteria:
        scores = [
            score
            for card in cards
            if (score := card.criterion(criterion.id).score) is not None
            and card.criterion(criterion.id).applicable
        ]
        if any(card.criterion(criterion.id).applicable for card in cards):
            criteria.append(_spread(criterion.id, scores, k))
    overall = [card.overall for card in cards if card.overall is not None]
    return QuestionnaireResults(
        questionnaire=questionnaire,
        participants=len(cards),
        completed=sum(1 for card in cards if card.answered == card.applicable),
        levels=Counter(card.level for card in cards),
        overall=_spread("overall", overall, k),
        criteria=tuple(criteria),
        common_gaps=_gap_counts(cards, blocking=False),
        blocking_gaps=_gap_counts(cards, blocking=True),
        provisional=sum(1 for card in cards if card.provisional),
    )


def _countries(members: Iterable[Assessment], k: int) -> tuple[tuple[str, int], ...]:
    """Participants per country; countries with fewer than k are counted together."""
    counts = Counter(a.country for a in members)
    shown = [(c, n) for c, n in counts.most_common() if n >= k]
    other = sum(n for n in counts.values() if n < k)
    return (*shown, *([(OTHER_COUNTRIES, other)] if other else []))


def workshop_figures(ctx: AppContext, workshop_id: int, *, k: int | None = None) -> WorkshopFigures:
    """Everything the summary prints, with whatever concerns fewer than k left out.

    A workshop of customs administrations only is a regional one: a region has few of them
    (Central America has seven), so its k defaults to the least any figure may rest on
    (``MIN_K``, 3) instead of the companies' setting, and those that agreed are named."""
    workshop = workshops.get_workshop(ctx, workshop_id)
    participants: list[Participant] = [
        assessments.load(ctx, member) for member in workshops.members(ctx, workshop_id)
    ]
    regional = bool(participants) and all(
        q.subject is Subject.ADMINISTRATION for q, _a, _c in participants
    )
    k = MIN_K if regional and k is None else benchmarks.configured_k(k)
    by_version: dict[str, tuple[Questionnaire, list[ScoreCard]]] = {}
    for questionnaire, _assessment, card in participants:
        by_version.setdefault(questionnaire.key, (questionnaire, []))[1].append(card)
    roles = Counter(role for _q, a, _c in participants for role in a.roles)
    return WorkshopFigures(
        name=workshop.name,
        place=workshop.place,
        starts_on=workshop.starts_on,
        ends_on=workshop.ends_on,
        facilitator=workshop.facilitator,
        demo=workshop.demo,
        participants=len(participants),
        countries=_countries((a for _q, a, _c in participants), k),
        roles=tuple(sorted(roles.items(), key=lambda item: (-item[1], item[0]))),
        results=tuple(_results(q, cards, k) for q, cards in by_version.values()),
        k=k,
        subject=Subject.ADMINISTRATION if regional else Subject.COMPANY,
        named=tuple(sorted(a.company for _q, a, _c in participants if a.consent)) if regional
        else (),
    )


def render_summary(
    ctx: AppContext,
    workshop_id: int,
    *,
    language: str = "en",
    page_size: str = "A4",
    k: int | None = None,
) -> bytes:
    """The workshop summary report as PDF bytes."""
    if page_size not in PAGE_SIZES:
        raise ServiceError(Message(
            "workshop_reports.page_size_not_one",
            "page size '{page_size}' is not one of {page_sizes}",
            page_size=page_size, page_sizes=', '.join(PAGE_SIZES),
        ))
    figures = workshop_figures(ctx, workshop_id, k=k)
    render = (
        render_regional_report if figures.subject is Subject.ADMINISTRATION
        else render_workshop_report
    )
    return render(
        figures,
        language=language,
        page_size=page_size,
        generated_at=dt.datetime.now().astimezone(),
    )


def write_summary(
    ctx: AppContext,
    workshop_id: int,
    out: Path,
    *,
    language: str = "en",
    page_size: str = "A4",
    k: int | None = None,
) -> Path:
    """Write the summary atomically to ``out``."""
    pdf = render_summary(ctx, workshop_id, language=language, page_size=page_size, k=k)
    return reports.write(out, pdf)


def print_all(
    ctx: AppContext,
    workshop_id: int,
    out_dir: Path,
    options: reports.ReportOptions,
    *,
    workers: int | None = None,
    progress: reports.Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> reports.BatchResult:
    """Every participant's readiness report into ``out_dir``, on all cores by default."""
    members = workshops.members(ctx, workshop_id)
    if not members:
        raise ServiceError(Message(
            "workshop_reports.this_workshop_has_no",
            "this workshop has no assessments yet: nothing to print",
        ))
    return reports.write_reports(
        reports.database_url(ctx),
        members,
        out_dir,
        options,
        workers=workers,
        progress=progress,
        cancelled=cancelled,
    )
