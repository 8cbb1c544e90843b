"""Data functions for imported benchmark packs and workshops; the caller's session commits.

Plain dataclasses go in and out, so that services never see a row or SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.messages import Message
from aeo_assess.storage import repository as repo
from aeo_assess.storage.benchmark_models import (
    BenchmarkBinRow,
    BenchmarkGroupRow,
    BenchmarkPackRow,
    BenchmarkStatRow,
    WorkshopMemberRow,
    WorkshopRow,
)
from aeo_assess.storage.errors import NotFound
from aeo_assess.storage.models import AssessmentRow, QuestionnaireRow

# --- benchmark packs -------------------------------------------------------------------------


@dataclass(frozen=True)
class NewPackPart:
    """A group's published statistics on one criterion (or overall) and its counts."""

    n: int
    mean: float
    q1: float
    median: float
    q3: float
    bins: Sequence[tuple[int, int]]


@dataclass(frozen=True)
class NewPackGroup:
    questionnaire_id: str
    questionnaire_version: str
    scope: str
    key: str
    n: int
    parts: Mapping[str, NewPackPart]
    """By criterion id, the overall score under ``peer_stats.OVERALL``."""


@dataclass(frozen=True)
class NewPack:
    sha256: str
    origin: str
    created_at: dt.datetime
    k: int
    resolution: int
    demo: bool
    file_name: str
    groups: Sequence[NewPackGroup]


@dataclass(frozen=True)
class StoredPack:
    id: int
    sha256: str
    origin: str
    created_at: dt.datetime
    k: int
    demo: bool
    file_name: str
    imported_at: dt.datetime
    questionnaires: tuple[str, ...]
    """``id@version`` of every questionnaire version the pack has groups for."""
    groups: int


def find_pack(session: Session, sha256: str) -> int | None:
    return session.scalar(select(BenchmarkPackRow.id).where(BenchmarkPackRow.sha256 == sha256))


def add_pack(session: Session, pack: NewPack, imported_at: dt.datetime) -> tuple[int, bool]:
    """Store a pack with its groups, statistics and counts: (its id, False); when the same
    pack is already stored, even by another session a moment ago: (that id, True)."""
    existing = find_pack(session, pack.sha256)
    if existing is not None:
        return existing, True
    try:
        with session.begin_nested():
            pack_id = _insert_pack(session, pack, imported_at)
    except IntegrityError:
        raced = find_pack(session, pack.sha256)
        if raced is None:
            raise
        return raced, True
    return pack_id, False


def _insert_pack(session: Session, pack: NewPack, imported_at: dt.datetime) -> int:
    pack_id = session.execute(
        insert(BenchmarkPackRow)
        .values(
            sha256=pack.sha256,
            origin=pack.origin,
            created_at=pack.created_at,
            k=pack.k,
            resolution=pack.resolution,
            demo=pack.demo,
            file_name=pack.file_name,
            imported_at=imported_at,
        )
        .returning(BenchmarkPackRow.id)
    ).scalar_one()
    stats: list[dict[str, object]] = []
    bins: list[dict[str, object]] = []
    for group in pack.groups:
        group_id = session.execute(
            insert(BenchmarkGroupRow)
            .values(
                pack_id=pack_id,
                questionnaire_id=group.questionnaire_id,
                questionnaire_version=group.questionnaire_version,
                scope=group.scope,
                key=group.key,
                n=group.n,
            )
            .returning(BenchmarkGroupRow.id)
        ).scalar_one()
        for criterion_id, part in group.parts.items():
            stats.append(
                {
                    "group_id": group_id,
                    "criterion_id": criterion_id,
                    "n": part.n,
                    "mean": part.mean,
                    "q1": part.q1,
                    "median": part.median,
                    "q3": part.q3,
                }
            )
            bins.extend(
                {"group_id": group_id, "criterion_id": criterion_id, "bin": point, "count": count}
                for point, count in part.bins
            )
    if stats:
        session.execute(insert(BenchmarkStatRow), stats)
    if bins:
        session.execute(insert(BenchmarkBinRow), bins)
    return pack_id


def list_packs(session: Session) -> list[StoredPack]:
    """Every imported pack, the newest import first."""
    p, g = BenchmarkPackRow, BenchmarkGroupRow
    versions: dict[int, set[str]] = {}
    counts: dict[int, int] = {}
    for pack_id, questionnaire_id, version, n in session.execute(
        select(g.pack_id, g.questionnaire_id, g.questionnaire_version, func.count()).group_by(
            g.pack_id, g.questionnaire_id, g.questionnaire_version
        )
    ):
        versions.setdefault(pack_id, set()).add(f"{questionnaire_id}@{version}")
        counts[pack_id] = counts.get(pack_id, 0) + n
    return [
        StoredPack(
            id=row.id,
            sha256=row.sha256,
            origin=row.origin,
            created_at=row.created_at,
            k=row.k,
            demo=row.demo,
            file_name=row.file_name,
            imported_at=row.imported_at,
            questionnaires=tuple(sorted(versions.get(row.id, ()))),
            groups=counts.get(row.id, 0),
        )
        for row in session.scalars(select(p).order_by(p.imported_at.desc(), p.id.desc()))
    ]


def remove_pack(session: Session, pack_id: int) -> None:
    """Remove a pack with everything it brought (ON DELETE CASCADE)."""
    removed = session.execute(delete(BenchmarkPackRow).where(BenchmarkPackRow.id == pack_id))
    if removed.rowcount == 0:  # type: ignore[attr-defined]
        raise NotFound(Message(
            "benchmark_repository.no_imported_benchmark_pack",
            "no imported benchmark pack {pack_id}",
            pack_id=pack_id,
        ))


def known_questionnaires(session: Session) -> list[Questionnaire]:
    """Every questionnaire version stored in this database (each distinct file once)."""
    pks = session.scalars(select(QuestionnaireRow.pk).order_by(QuestionnaireRow.pk))
    return [repo.load_questionnaire(session, pk) for pk in pks]


# --- workshops -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Workshop:
    id: int
    name: str
    place: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    facilitator: str
    demo: bool
    created_at: dt.datetime
    members: int


def create_workshop(
    session: Session,
    *,
    name: str,
    place: str,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    facilitator: str,
    demo: bool,
    created_at: dt.datetime,
) -> int:
    row = WorkshopRow(
        name=name,
        place=place,
        starts_on=starts_on,
        ends_on=ends_on,
        facilitator=facilitator,
        demo=demo,
        created_at=created_at,
    )
    session.add(row)
    session.flush()
    return row.id


def _workshops(session: Session, workshop_id: int | None = None) -> list[Workshop]:
    w, m = WorkshopRow, WorkshopMemberRow
    members = select(m.workshop_id, func.count().label("n")).group_by(m.workshop_id).subquery()
    query = (
        select(w, func.coalesce(members.c.n, 0))
        .outerjoin(members, members.c.workshop_id == w.id)
        .order_by(w.created_at.desc(), w.id.desc())
    )
    if workshop_id is not None:
        query = query.where(w.id == workshop_id)
    return [
        Workshop(
            id=row.id,
            name=row.name,
            place=row.place,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            facilitator=row.facilitator,
            demo=row.demo,
            created_at=row.created_at,
            members=int(n),
        )
        for row, n in session.execute(query)
    ]


def list_workshops(session: Session) -> list[Workshop]:
    """Every workshop, the newest first, with how many assessments it holds."""
    return _workshops(session)


def get_workshop(session: Session, workshop_id: int) -> Workshop:
    found = _workshops(session, workshop_id)
    if not found:
        raise NotFound(Message(
            "benchmark_repository.no_workshop",
            "no workshop {workshop_id}",
            workshop_id=workshop_id,
        ))
    return found[0]


def delete_demo_workshops(session: Session) -> int:
    """Delete every demonstration workshop (their assessments stay); returns how many."""
    result = session.execute(delete(WorkshopRow).where(WorkshopRow.demo.is_(True)))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def workshops_named(session: Session, name: str) -> list[int]:
    return list(
        session.scalars(
            select(WorkshopRow.id).where(WorkshopRow.name == name).order_by(WorkshopRow.id)
        )
    )


def demo_flags(session: Session, assessment_ids: Iterable[str]) -> dict[str, bool]:
    """Whether each existing assessment is demonstration data; missing ids are left out."""
    ids = sorted(set(assessment_ids))
    return dict(
        session.execute(
            select(AssessmentRow.id, AssessmentRow.demo).where(AssessmentRow.id.in_(ids))
        ).all()
    )


def add_members(
    session: Session, workshop_id: int, assessment_ids: Iterable[str], added_at: dt.datetime
) -> int:
    """Add assessments to a workshop; those already in it stay as they are. Returns how many
    were new."""
    m = WorkshopMemberRow
    present = set(session.scalars(select(m.assessment_id).where(m.workshop_id == workshop_id)))
    new = sorted(set(assessment_ids) - present)
    if new:
        session.execute(
            insert(m),
            [{"workshop_id": workshop_id, "assessment_id": a, "added_at": added_at} for a in new],
        )
    return len(new)


def members(session: Session, workshop_id: int) -> list[str]:
    """The workshop's assessment ids, in the order they were added."""
    m = WorkshopMemberRow
    return list(
        session.scalars(
            select(m.assessment_id)
            .where(m.workshop_id == workshop_id)
            .order_by(m.added_at, m.assessment_id)
        )
    )
