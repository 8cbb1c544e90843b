"""Peer comparison and benchmark packs: compare (``services.peers``, kept here under the
same names), export, import, list, remove.

Every statistic pools the local database with the imported packs of the same questionnaire
version and the same kind of data (demonstration or real, never both), and is shown only for
groups of at least k assessments (``Settings.benchmark_k``, 5 unless changed, never below 3).
Pooling is exact, not an average of averages: see ``aeo_assess.benchmarks.stats``.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

from aeo_assess.benchmarks.groups import (
    GroupKey,
    Scores,
    nest,
    peer_group,
    publishable,
)
from aeo_assess.benchmarks.regions import shipped_regions
from aeo_assess.benchmarks.stats import Distribution
from aeo_assess.domain.benchmark import PeerGroup
from aeo_assess.domain.fields import PACK_ORIGIN
from aeo_assess.files.atomic import write_atomically
from aeo_assess.files.benchmark_pack import (
    BenchmarkPack,
    PackGroup,
    PackStats,
    read_benchmark_pack,
    write_benchmark_pack,
)
from aeo_assess.files.errors import FileFormatError
from aeo_assess.messages import Message
from aeo_assess.questionnaires.registry import shipped
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from aeo_assess.services.peers import compare, configured_k, peer_statistics, scores_by_country
from aeo_assess.storage import benchmark_repository as packs_repo
from aeo_assess.storage import peer_stats
from aeo_assess.storage.benchmark_repository import NewPack, NewPackGroup, NewPackPart, StoredPack
from aeo_assess.storage.errors import NotFound
from aeo_assess.storage.peer_stats import OVERALL, RESOLUTION
from aeo_assess.storage.repository import Session

MAX_PACK_BYTES = 50 * 1024 * 1024
DEFAULT_ORIGIN = "aeo-assess"
QUARTILE_TOLERANCE = 1e-9

__all__ = [
    "PackExport",
    "PackImport",
    "StoredPack",
    "compare",
    "configured_k",
    "export_pack",
    "import_pack",
    "list_packs",
    "peer_statistics",
    "remove_pack",
    "workshop_groups",
]


@dataclass(frozen=True)
class PackExport:
    path: Path
    pack: BenchmarkPack
    left_out: int
    """Groups with too few assessments (or hidden so that they cannot be worked out)."""


@dataclass(frozen=True)
class PackImport:
    pack: StoredPack
    duplicate: bool
    """True when this exact pack was already imported: nothing was written."""


# --- local groups that may leave the database ------------------------------------------------


def _publishable(
    session: Session, *, demo: bool, workshop_id: int | None, k: int
) -> tuple[list[tuple[str, str, GroupKey, Scores]], int]:
    """Every group of local completed assessments that may be shown, per questionnaire
    version, and how many groups were left out."""
    regions = shipped_regions()
    found: list[tuple[str, str, GroupKey, Scores]] = []
    left_out = 0
    for questionnaire_id, version in peer_stats.completed_versions(
        session, demo=demo, workshop_id=workshop_id
    ):
        rows = peer_stats.local_score_counts(
            session, questionnaire_id, version, demo=demo, workshop_id=workshop_id
        )
        by_country = {c: s for c, s in scores_by_country(rows).items() if c is not None}
        groups = nest(by_country, regions, RESOLUTION)
        shown = publishable(groups, regions, k)
        left_out += len(groups) - len(shown)
        found += [(questionnaire_id, version, g, s) for g, s in shown.items()]
    return found, left_out


def workshop_groups(ctx: AppContext, workshop_id: int, *, k: int | None = None) -> list[PeerGroup]:
    """The statistics a workshop summary may print: the workshop's completed assessments by
    country, region and all, per questionnaire version, with the same k-anonymity as a pack."""
    k = configured_k(k)
    with ctx.database.session(readonly=True) as session:
        workshop = packs_repo.get_workshop(session, workshop_id)
        shown, _ = _publishable(session, demo=workshop.demo, workshop_id=workshop_id, k=k)
    groups = [
        peer_group(g, f"{q}@{v}", s, k, demo=workshop.demo, source=workshop.name)
        for q, v, g, s in shown
    ]
    return [g for g in groups if g is not None]


# --- packs -----------------------------------------------------------------------------------


def _pack_stats(distribution: Distribution) -> PackStats:
    stats = distribution.stats()
    return PackStats(stats.n, stats.mean, stats.q1, stats.median, stats.q3, distribution.counts)


def export_pack(
    ctx: AppContext,
    out: Path,
    *,
    k: int | None = None,
    workshop: int | None = None,
    origin: str = "",
    demo: bool = False,
    now: dt.datetime | None = None,
) -> PackExport:
    """Write the local completed assessments' statistics (or one workshop's) as a ``.aeob``,
    leaving out every group that could single out fewer than k companies. Only local
    assessments go in, never imported packs, so that packs never count anyone twice. A
    workshop's pack is demonstration data exactly when the workshop is; otherwise ``demo``
    says which kind of data to export."""
    k = configured_k(k)
    problem = PACK_ORIGIN.message(origin) if origin.strip() else None
    if problem:
        raise ServiceError(problem)
    with ctx.database.session(readonly=True) as session:
        if workshop is not None:
            about = packs_repo.get_workshop(session, workshop)
            demo = about.demo
            origin = origin or about.name
        shown, left_out = _publishable(session, demo=demo, workshop_id=workshop, k=k)
    if not shown:
        if demo:
            raise ServiceError(Message(
                "benchmarks.nothing_to_export_demo", "nothing to export: no group of "
                "demonstration completed assessments has {k} or more (smaller groups are never "
                "exported, so that no company can be recognised)", k=k))
        raise ServiceError(Message(
            "benchmarks.nothing_to_export", "nothing to export: no group of real completed "
            "assessments has {k} or more (smaller groups are never exported, so that no company "
            "can be recognised)", k=k))
    pack = BenchmarkPack(
        origin=(origin or DEFAULT_ORIGIN).strip(),
        created_at=now or dt.datetime.now(dt.UTC),
        k=k,
        resolution=RESOLUTION,
        demo=demo,
        groups=tuple(
            PackGroup(
                questionnaire_id=q,
                questionnaire_version=v,
                scope=g.scope,
                key=g.key,
                overall=_pack_stats(s.overall),
                criteria={c: _pack_stats(d) for c, d in s.criteria.items()},
            )
            for q, v, g, s in shown
        ),
    )
    try:
        data = write_benchmark_pack(pack)
    except FileFormatError as error:
        raise ServiceError(error) from None
    try:
        write_atomically(out, data)
    except OSError as error:
        raise ServiceError(Message(
            "benchmarks.cannot_write",
            "cannot write {out}: {reason}",
            out=out, reason=error.strerror or error,
        )) from None
    return PackExport(out, pack, left_out)


def _known_questionnaires(ctx: AppContext) -> dict[str, frozenset[str]]:
    """Questionnaire versions this installation can compare: shipped or stored."""
    with ctx.database.session(readonly=True) as session:
        stored = packs_repo.known_questionnaires(session)
    return {q.key: frozenset(c.id for c in q.criteria) for q in (*shipped(), *stored)}


def _check_counts(pack: BenchmarkPack, file_name: str) -> None:
    """The pack's quartiles must be those of its counts: otherwise its own figures and the
    pooled ones would disagree, and one of them would be wrong."""
    for group in pack.groups:
        parts = {"overall": group.overall, **group.criteria}
        for part, stats in parts.items():
            counts = Distribution.of(pack.resolution, dict(stats.counts), stats.mean * stats.n)
            for name, stated, p in (
                ("q1", stats.q1, 0.25),
                ("median", stats.median, 0.5),
                ("q3", stats.q3, 0.75),
            ):
                if not math.isclose(stated, counts.quantile(p), abs_tol=QUARTILE_TOLERANCE):
                    raise ServiceError(
                        Message(
                            "benchmarks.does_not_follow_from",
                            "{file_name}: {group_questionnaire_key} {group_scope} {group_key}, "
                            "{part}: {name} {stated} does not follow from its counts "
                            "({computed}); the pack is inconsistent",
                            file_name=file_name, group_questionnaire_key=group.questionnaire_key,
                            group_scope=group.scope, group_key=group.key, part=part, name=name,
                            stated=stated, computed=counts.quantile(p),
                        )
                    )


def _new_pack(pack: BenchmarkPack, file_name: str) -> NewPack:
    def part(stats: PackStats) -> NewPackPart:
        return NewPackPart(stats.n, stats.mean, stats.q1, stats.median, stats.q3, stats.counts)

    return NewPack(
        sha256=pack.sha256,
        origin=pack.origin,
        created_at=pack.created_at,
        k=pack.k,
        resolution=pack.resolution,
        demo=pack.demo,
        file_name=file_name,
        groups=[
            NewPackGroup(
                questionnaire_id=g.questionnaire_id,
                questionnaire_version=g.questionnaire_version,
                scope=g.scope.value,
                key=g.key,
                n=g.n,
                parts={OVERALL: part(g.overall), **{c: part(s) for c, s in g.criteria.items()}},
            )
            for g in pack.groups
        ],
    )


def import_pack(ctx: AppContext, path: Path) -> PackImport:
    """Import a ``.aeob``, all or nothing; the same pack twice is a no-op. Refused, writing
    nothing: a group below its k, a broken hash, a questionnaire version not known here,
    numbers out of range, quartiles that do not follow from the counts."""
    try:
        size = path.stat().st_size
        if size > MAX_PACK_BYTES:
            raise ServiceError(Message(
                "benchmarks.file_bytes_more_than",
                "{path}: the file is {size} bytes, more than a pack may be",
                path=path, size=size,
            ))
        data = path.read_bytes()
    except OSError as error:
        raise ServiceError(Message(
            "benchmarks.cannot_read",
            "cannot read {path}: {reason}",
            path=path, reason=error.strerror or error,
        )) from None
    try:
        pack = read_benchmark_pack(data, path.name, _known_questionnaires(ctx))
    except FileFormatError as error:
        raise ServiceError(error) from None
    if pack.resolution != RESOLUTION:
        raise ServiceError(
            Message(
                "benchmarks.counts_on_step_grid",
                "{path_name}: counts on a {pack_resolution}-step grid cannot pool with this "
                "installation's {resolution}-step grid",
                path_name=path.name, pack_resolution=pack.resolution, resolution=RESOLUTION,
            )
        )
    _check_counts(pack, path.name)
    with ctx.database.session() as session:
        pack_id, duplicate = packs_repo.add_pack(
            session, _new_pack(pack, path.name), dt.datetime.now(dt.UTC)
        )
        stored = next(p for p in packs_repo.list_packs(session) if p.id == pack_id)
    return PackImport(stored, duplicate)


def list_packs(ctx: AppContext) -> list[StoredPack]:
    with ctx.database.session(readonly=True) as session:
        return packs_repo.list_packs(session)


def remove_pack(ctx: AppContext, pack_id: int) -> None:
    """Remove an imported pack; statistics no longer include it from then on."""
    try:
        with ctx.database.session() as session:
            packs_repo.remove_pack(session, pack_id)
    except NotFound as error:
        raise ServiceError(error) from None
