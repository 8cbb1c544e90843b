"""The ORM's view of the peer benchmark and workshop tables (issue 6) in ``tables``."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Mapped

from aeo_assess.storage import tables
from aeo_assess.storage.models import Base


class CriterionScoreRow(Base):
    __table__ = tables.criterion_scores

    assessment_id: Mapped[str]
    criterion_id: Mapped[str]
    score: Mapped[float]
    bin: Mapped[int]


class WorkshopRow(Base):
    __table__ = tables.workshops

    id: Mapped[int]
    name: Mapped[str]
    place: Mapped[str]
    starts_on: Mapped[dt.date | None]
    ends_on: Mapped[dt.date | None]
    facilitator: Mapped[str]
    demo: Mapped[bool]
    created_at: Mapped[dt.datetime]


class WorkshopMemberRow(Base):
    __table__ = tables.workshop_members

    workshop_id: Mapped[int]
    assessment_id: Mapped[str]
    added_at: Mapped[dt.datetime]


class BenchmarkPackRow(Base):
    __table__ = tables.benchmark_packs

    id: Mapped[int]
    sha256: Mapped[str]
    origin: Mapped[str]
    created_at: Mapped[dt.datetime]
    k: Mapped[int]
    resolution: Mapped[int]
    demo: Mapped[bool]
    file_name: Mapped[str]
    imported_at: Mapped[dt.datetime]


class BenchmarkGroupRow(Base):
    __table__ = tables.benchmark_groups

    id: Mapped[int]
    pack_id: Mapped[int]
    questionnaire_id: Mapped[str]
    questionnaire_version: Mapped[str]
    scope: Mapped[str]
    key: Mapped[str]
    n: Mapped[int]


class BenchmarkStatRow(Base):
    __table__ = tables.benchmark_stats

    group_id: Mapped[int]
    criterion_id: Mapped[str]
    n: Mapped[int]
    mean: Mapped[float]
    q1: Mapped[float]
    median: Mapped[float]
    q3: Mapped[float]


class BenchmarkBinRow(Base):
    __table__ = tables.benchmark_bins

    group_id: Mapped[int]
    criterion_id: Mapped[str]
    bin: Mapped[int]
    count: Mapped[int]
