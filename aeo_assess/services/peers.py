"""Peer comparison: an assessment against its country's, region's or everyone's completed
assessments, pooled with imported benchmark packs (DESIGN §6), and one group's statistics.

Apart from ``services.benchmarks`` (pack files, exports, workshops), so that a report reads
its peers on a Core connection without the ORM or the pack file formats.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aeo_assess.benchmarks.groups import (
    GroupKey,
    Scores,
    countries_of,
    group_for,
    peer_group,
    pool,
    safe_part,
)
from aeo_assess.benchmarks.regions import shipped_regions
from aeo_assess.benchmarks.stats import Distribution
from aeo_assess.domain.benchmark import MAX_K, MIN_K, PeerGroup, PeerScope
from aeo_assess.messages import Message
from aeo_assess.services.errors import ServiceError
from aeo_assess.settings import load_settings
from aeo_assess.storage import peer_stats
from aeo_assess.storage.peer_stats import OVERALL, RESOLUTION, PackCounts, ScoreCount

if TYPE_CHECKING:
    from aeo_assess.services.context import AppContext
    from aeo_assess.storage.peer_stats import Reads


def configured_k(k: int | None = None) -> int:
    """``k`` when given (checked), else the setting; a setting below the minimum counts as it."""
    if k is None:
        return min(MAX_K, max(MIN_K, load_settings().benchmark_k))
    if not MIN_K <= k <= MAX_K:
        raise ServiceError(
            Message(
                "benchmarks.k_must_be_from",
                "k must be from {min_k} to {max_k}: with fewer than {min_k} assessments in a "
                "group, companies could recognise each other's scores",
                min_k=MIN_K, max_k=MAX_K,
            )
        )
    return k


# --- counts to statistics --------------------------------------------------------------------


def scores_by_country(rows: Iterable[ScoreCount]) -> dict[str | None, Scores]:
    """Each country's (or with ``by_country=False`` everyone's, under None) statistics."""
    counts: dict[str | None, dict[str, dict[int, int]]] = {}
    totals: dict[str | None, dict[str, float]] = {}
    for row in rows:
        counts.setdefault(row.country, {}).setdefault(row.criterion_id, {})[row.bin] = row.count
        country_totals = totals.setdefault(row.country, {})
        country_totals[row.criterion_id] = country_totals.get(row.criterion_id, 0.0) + row.total
    return {country: _scores(parts, totals[country]) for country, parts in counts.items()}


def _scores(counts: dict[str, dict[int, int]], totals: dict[str, float]) -> Scores:
    distributions = {
        part: Distribution.of(RESOLUTION, bins, totals[part]) for part, bins in counts.items()
    }
    overall = distributions.pop(OVERALL, Distribution.empty(RESOLUTION))
    return Scores(overall, distributions)


def _imported(counts: PackCounts) -> Scores:
    bins: dict[str, dict[int, int]] = {}
    for part, point, count in counts.bins:
        bins.setdefault(part, {})[point] = count
    return _scores(bins, counts.totals)


@dataclass(frozen=True)
class _Pooled:
    scores: Scores
    source: str
    local_n: int
    pack_n: int


def _pooled(
    reads: Reads,
    questionnaire_id: str,
    version: str,
    group: GroupKey,
    k: int,
    *,
    demo: bool,
    exclude: str | None = None,
) -> _Pooled:
    """A group's local and imported scores, pooled, each source's statistics taking part
    only with 0 or at least k assessments of their own (``groups.safe_part``)."""
    rows = peer_stats.local_score_counts(
        reads,
        questionnaire_id,
        version,
        demo=demo,
        by_country=False,
        countries=countries_of(group, shipped_regions()),
        exclude=exclude,
    )
    local = safe_part(pool(RESOLUTION, scores_by_country(rows).values()), k)
    packs = [
        (counts.origin, safe_part(_imported(counts), k))
        for counts in peer_stats.pack_counts(
            reads, questionnaire_id, version, demo=demo, scope=group.scope.value, key=group.key
        )
    ]
    parts = ["local database"] if local.n else []
    parts += [f"benchmark pack {origin}" for origin, scores in packs if scores.n]
    return _Pooled(
        pool(RESOLUTION, [local, *(scores for _, scores in packs)]),
        "; ".join(parts),
        local.n,
        sum(scores.n for _, scores in packs),
    )


# --- comparison ------------------------------------------------------------------------------


def compare(
    ctx: AppContext,
    assessment_id: str,
    scope: PeerScope = PeerScope.COUNTRY,
    *,
    k: int | None = None,
) -> PeerGroup | None:
    """The assessment's peers (its country's, region's or everyone's completed assessments of
    the same questionnaire version, itself left out, pooled with imported packs), each
    statistic with the assessment's percentile rank; None when fewer than k (or, for a
    region, when its country is in none). A demonstration assessment is compared with
    demonstration data only, and the group says so."""
    return narrowest(ctx, assessment_id, (scope,), k=k)


def narrowest(
    ctx: AppContext, assessment_id: str, scopes: Iterable[PeerScope], *, k: int | None = None
) -> PeerGroup | None:
    """``compare`` in the first of ``scopes`` that has at least k peers (a report tries the
    country, then the region, then everyone), read in one transaction: the assessment once,
    then each scope's counts until one is enough."""
    k = configured_k(k)
    with ctx.database.reading() as connection:
        me = peer_stats.applicant(connection, assessment_id)
        for scope in scopes:
            group = group_for(scope, me.country, shipped_regions())
            if group is None:
                continue
            pooled = _pooled(
                connection,
                me.questionnaire_id,
                me.questionnaire_version,
                group,
                k,
                demo=me.demo,
                exclude=assessment_id,
            )
            found = _compared(me, group, pooled, k)
            if found is not None:
                return found
    return None


def _compared(
    me: peer_stats.Applicant, group: GroupKey, pooled: _Pooled, k: int
) -> PeerGroup | None:
    points = dict(me.bins)
    overall = points.pop(OVERALL, None)
    return peer_group(
        group,
        f"{me.questionnaire_id}@{me.questionnaire_version}",
        pooled.scores,
        k,
        demo=me.demo,
        source=pooled.source,
        applicant=points,
        overall_point=overall,
        local_n=pooled.local_n,
        pack_n=pooled.pack_n,
    )


def peer_statistics(
    ctx: AppContext,
    questionnaire_id: str,
    version: str,
    scope: PeerScope,
    key: str,
    *,
    demo: bool = False,
    k: int | None = None,
) -> PeerGroup | None:
    """One group's pooled statistics, for no applicant in particular (a country page, a
    facilitator's overview); None when fewer than k."""
    k = configured_k(k)
    group = GroupKey(scope, key)
    with ctx.database.reading() as connection:
        pooled = _pooled(connection, questionnaire_id, version, group, k, demo=demo)
    return peer_group(
        group,
        f"{questionnaire_id}@{version}",
        pooled.scores,
        k,
        demo=demo,
        source=pooled.source,
        local_n=pooled.local_n,
        pack_n=pooled.pack_n,
    )
