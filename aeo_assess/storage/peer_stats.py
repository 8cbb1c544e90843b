"""Peer statistics in SQL: per-criterion scores kept on write, counted per grid point on read.

Statistics count *completed* assessments only: every applicable question answered (the
derived ``answered = applicable`` columns), a score, and not superseded by a later submission
of the same applicant (so a resubmitted company counts once), nor the read-only copy an
upgrade kept of an assessment as it stood on an earlier version, nor an earlier cycle of a
company that has started its next one (only each company's latest cycle counts). Demonstration and real
assessments are never counted together: every query takes ``demo`` and matches it exactly.

What leaves here are counts per (group, criterion, grid point) and exact sums, which
``aeo_assess.benchmarks.stats`` turns into means, quartiles and percentile ranks; see there
for why a grid makes pooled quartiles exact.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    bindparam,
    delete,
    exists,
    func,
    insert,
    select,
    update,
)

from aeo_assess.domain.scorecard import ScoreCard
from aeo_assess.messages import Message
from aeo_assess.storage import tables
from aeo_assess.storage.errors import NotFound

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

type Reads = Connection | Session
"""The readers run on a Core connection (a report) or inside a session (everything else)."""

OVERALL = "(overall)"
"""The ``criterion_id`` of the overall score: no criterion id can contain parentheses."""
KEY_CHANGED = "key_changed"
"""``SignatureState.KEY_CHANGED`` as stored."""
RESOLUTION = 1000
"""Grid points per unit score: statistics are exact for scores rounded to 0.001."""


def to_bin(score: float) -> int:
    """The nearest grid point, halves rounding up, the same on every backend."""
    return min(RESOLUTION, max(0, math.floor(score * RESOLUTION + 0.5)))


_SCORES = tables.criterion_scores
_KEY = (_SCORES.c.assessment_id == bindparam("b_assessment")) & (
    _SCORES.c.criterion_id == bindparam("b_criterion")
)
_UPDATE_SCORE = update(_SCORES).where(_KEY)
_INSERT_SCORES = insert(_SCORES)
_DELETE_SCORE = delete(_SCORES).where(_KEY)
_READ_SCORES = select(_SCORES.c.criterion_id, _SCORES.c.score).where(
    _SCORES.c.assessment_id == bindparam("b_assessment")
)


def _wanted(card: ScoreCard) -> dict[str, float]:
    wanted = {c.criterion_id: c.score for c in card.criteria if c.score is not None}
    if card.overall is not None:
        wanted[OVERALL] = card.overall
    return wanted


def insert_criterion_scores(session: Session, assessment_id: str, card: ScoreCard) -> None:
    """The card's scores of an assessment that has none stored yet (a new one)."""
    new = [
        {"assessment_id": assessment_id, "criterion_id": c, "score": v, "bin": to_bin(v)}
        for c, v in _wanted(card).items()
    ]
    if new:
        session.connection().execute(_INSERT_SCORES, new)


def store_criterion_scores(session: Session, assessment_id: str, card: ScoreCard) -> None:
    """Make ``criterion_scores`` hold exactly the card's scores (called on every write, so it
    only touches the rows that changed: usually one criterion and the overall score)."""
    session.flush()
    write_criterion_scores(session.connection(), assessment_id, card)


def write_criterion_scores(connection: Connection, assessment_id: str, card: ScoreCard) -> None:
    """``store_criterion_scores`` on a connection (the autosave holds no Session)."""
    wanted = _wanted(card)
    current: dict[str, float] = {
        criterion_id: score
        for criterion_id, score in connection.execute(
            _READ_SCORES, {"b_assessment": assessment_id}
        )
    }
    gone = sorted(current.keys() - wanted.keys())
    for criterion_id in gone:
        connection.execute(
            _DELETE_SCORE, {"b_assessment": assessment_id, "b_criterion": criterion_id}
        )
    new = [
        {"assessment_id": assessment_id, "criterion_id": c, "score": v, "bin": to_bin(v)}
        for c, v in wanted.items()
        if c not in current
    ]
    if new:
        connection.execute(insert(_SCORES), new)
    for criterion_id, value in wanted.items():
        if criterion_id in current and current[criterion_id] != value:
            connection.execute(
                _UPDATE_SCORE,
                {
                    "b_assessment": assessment_id,
                    "b_criterion": criterion_id,
                    "score": value,
                    "bin": to_bin(value),
                },
            )




def update_criterion_scores(
    connection: Connection,
    assessment_id: str,
    changes: Mapping[str, tuple[float | None, float | None]],
    card: ScoreCard,
) -> None:
    """The autosave's incremental form of ``store_criterion_scores``: ``changes`` holds the
    (before, after) score of each criterion a change could move (and ``OVERALL``), and only
    the rows that differ are written, without reading any, the updates in one statement (a
    change usually moves one criterion and the overall score). Should a row not be there to
    update or delete, or a score appear for the first time, the full ``card`` is stored
    instead, so the rows end as a full rescore leaves them."""
    updates: list[dict[str, Any]] = []
    deletes: list[dict[str, Any]] = []
    for criterion_id, (before, after) in changes.items():
        if before == after:
            continue
        if before is None:  # a first score: a row to insert, which the full store does
            write_criterion_scores(connection, assessment_id, card)
            return
        key = {"b_assessment": assessment_id, "b_criterion": criterion_id}
        if after is None:
            deletes.append(key)
        else:
            updates.append({**key, "score": after, "bin": to_bin(after)})
    done = sum(
        connection.execute(statement, rows).rowcount
        for statement, rows in ((_UPDATE_SCORE, updates), (_DELETE_SCORE, deletes))
        if rows
    )
    if done != len(updates) + len(deletes):
        write_criterion_scores(connection, assessment_id, card)


@dataclass(frozen=True)
class ScoreCount:
    """How many completed assessments score ``bin`` on one criterion."""

    country: str | None
    """None when counted over every country asked for at once."""
    criterion_id: str
    bin: int
    count: int
    total: float
    """Sum of their unrounded scores."""


@dataclass(frozen=True)
class Applicant:
    """What a comparison needs to know about the assessment being compared."""

    questionnaire_id: str
    questionnaire_version: str
    country: str
    demo: bool
    bins: dict[str, int]
    """Its grid point per criterion id (and ``OVERALL``), where it has a score."""


def _counted(demo: bool) -> list[ColumnElement[bool]]:
    """Completed, current work: not superseded by a resubmission or by the company's next
    cycle, nor an upgrade's copy.

    A resubmission signed by another key than its applicant's earlier ones (issue 16) neither
    counts nor supersedes the submission it follows until the officer accepts the key."""
    a = tables.assessments.c
    later = tables.assessments.alias().c
    return [
        a.demo == demo,
        a.applicable > 0,
        a.answered == a.applicable,
        a.signature_state != KEY_CHANGED,
        ~exists().where(
            later.previous_submission_id == a.id, later.signature_state != KEY_CHANGED
        ),
        ~exists().where(tables.upgrades.c.archive_id == a.id),
        ~exists().where(tables.cycles.c.previous_id == a.id),
    ]


def _completed(questionnaire_id: str, version: str, demo: bool) -> list[ColumnElement[bool]]:
    q = tables.questionnaires.c
    return [q.questionnaire_id == questionnaire_id, q.version == version, *_counted(demo)]


def _in_workshop(workshop_id: int) -> ColumnElement[bool]:
    member = tables.workshop_members.c
    return tables.assessments.c.id.in_(
        select(member.assessment_id).where(member.workshop_id == workshop_id)
    )


def local_score_counts(
    reads: Reads,
    questionnaire_id: str,
    version: str,
    *,
    demo: bool,
    by_country: bool = True,
    countries: Collection[str] | None = None,
    exclude: str | None = None,
    workshop_id: int | None = None,
) -> list[ScoreCount]:
    """Counts of completed assessments of one questionnaire version by criterion and grid
    point, per country or (one group's statistics need no more) over all of them; optionally
    only some countries, without one assessment, or one workshop's. This one GROUP BY is
    behind every local statistic."""
    a, s, q = tables.assessments.c, _SCORES.c, tables.questionnaires.c
    keys = (a.country, s.criterion_id, s.bin) if by_country else (s.criterion_id, s.bin)
    query = (
        select(*keys, func.count(), func.sum(s.score))
        .select_from(tables.questionnaires)
        .join(tables.assessments, a.questionnaire_pk == q.pk)
        .join(_SCORES, s.assessment_id == a.id)
        .where(*_completed(questionnaire_id, version, demo))
        .group_by(*keys)
    )
    if countries is not None:
        query = query.where(a.country.in_(sorted(countries)))
    if exclude is not None:
        query = query.where(a.id != exclude)
    if workshop_id is not None:
        query = query.where(_in_workshop(workshop_id))
    found = []
    for row in reads.execute(query):
        *country, criterion_id, point, count, total = row
        found.append(ScoreCount(country[0] if country else None, criterion_id, point, count, total))
    return found


def completed_versions(
    reads: Reads, *, demo: bool, workshop_id: int | None = None
) -> list[tuple[str, str]]:
    """The questionnaire (id, version) pairs that have completed assessments."""
    a, q = tables.assessments.c, tables.questionnaires.c
    query = (
        select(q.questionnaire_id, q.version)
        .join(tables.assessments, a.questionnaire_pk == q.pk)
        .where(*_counted(demo))
        .distinct()
        .order_by(q.questionnaire_id, q.version)
    )
    if workshop_id is not None:
        query = query.where(_in_workshop(workshop_id))
    return [(qid, version) for qid, version in reads.execute(query)]


def applicant(reads: Reads, assessment_id: str) -> Applicant:
    a, q, s = tables.assessments.c, tables.questionnaires.c, _SCORES.c
    row = reads.execute(
        select(q.questionnaire_id, q.version, a.country, a.demo)
        .join_from(tables.assessments, tables.questionnaires, q.pk == a.questionnaire_pk)
        .where(a.id == assessment_id)
    ).one_or_none()
    if row is None:
        raise NotFound(Message(
            "peer_stats.no_assessment_with_id",
            "no assessment with id '{reference}'",
            reference=assessment_id,
        ))
    bins = dict(
        reads.execute(select(s.criterion_id, s.bin).where(s.assessment_id == assessment_id)).all()
    )
    return Applicant(row.questionnaire_id, row.version, row.country, row.demo, bins)


@dataclass(frozen=True)
class PackCounts:
    """One imported pack's counts for one group: each pack is a source of its own, so that
    k can be checked on each pack's part (see ``services.benchmarks``)."""

    origin: str
    bins: list[tuple[str, int, int]]
    """(criterion id or ``OVERALL``, grid point, count)."""
    totals: dict[str, float]
    """Per criterion id: the sum of scores, n x the pack's mean."""


def pack_counts(
    reads: Reads, questionnaire_id: str, version: str, *, demo: bool, scope: str, key: str
) -> list[PackCounts]:
    """The group's counts in every imported pack that has it, in import order."""
    p, g = tables.benchmark_packs.c, tables.benchmark_groups.c
    st, b = tables.benchmark_stats.c, tables.benchmark_bins.c
    matching = (
        g.questionnaire_id == questionnaire_id,
        g.questionnaire_version == version,
        g.scope == scope,
        g.key == key,
        p.demo == demo,
    )
    packs = reads.execute(
        select(p.id, p.origin)
        .join_from(tables.benchmark_packs, tables.benchmark_groups, g.pack_id == p.id)
        .where(*matching)
        .distinct()
        .order_by(p.id)
    ).all()
    bins: dict[int, list[tuple[str, int, int]]] = {pack_id: [] for pack_id, _ in packs}
    for pack_id, criterion_id, point, count in reads.execute(
        select(g.pack_id, b.criterion_id, b.bin, func.sum(b.count))
        .join_from(tables.benchmark_bins, tables.benchmark_groups, g.id == b.group_id)
        .join(tables.benchmark_packs, p.id == g.pack_id)
        .where(*matching)
        .group_by(g.pack_id, b.criterion_id, b.bin)
    ):
        bins[pack_id].append((criterion_id, point, int(count)))
    totals: dict[int, dict[str, float]] = {pack_id: {} for pack_id, _ in packs}
    for pack_id, criterion_id, total in reads.execute(
        select(g.pack_id, st.criterion_id, func.sum(st.n * st.mean))
        .join_from(tables.benchmark_stats, tables.benchmark_groups, g.id == st.group_id)
        .join(tables.benchmark_packs, p.id == g.pack_id)
        .where(*matching)
        .group_by(g.pack_id, st.criterion_id)
    ):
        totals[pack_id][criterion_id] = float(total)
    return [PackCounts(origin, bins[pack_id], totals[pack_id]) for pack_id, origin in packs]
