"""Tables for peer benchmarks and workshops (issue 6), on the same metadata as ``models``.

``criterion_scores`` is derived: the repository keeps it current on every write, so that peer
statistics are one GROUP BY over a few rows per assessment instead of re-scoring every answer.
Imported benchmark packs keep their counts per grid point (``benchmark_bins``), which is what
lets them pool exactly with local assessments and with each other.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from aeo_assess.storage.models import SHA256_LENGTH, Base, UTCDateTime

PART_LENGTH = 100
"""A criterion id, or the marker of the overall score."""
SCOPE_LENGTH = 20
GROUP_KEY_LENGTH = 100


class CriterionScoreRow(Base):
    """One assessment's score on one criterion, or overall; absent while it has no score."""

    __tablename__ = "criterion_scores"

    assessment_id: Mapped[str] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    criterion_id: Mapped[str] = mapped_column(String(PART_LENGTH), primary_key=True)
    score: Mapped[float] = mapped_column(Float)
    bin: Mapped[int] = mapped_column(Integer)
    """The score on the statistics grid (score x resolution, rounded), computed in Python so
    that SQLite and PostgreSQL, which round differently, agree."""


class WorkshopRow(Base):
    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(Text)
    place: Mapped[str] = mapped_column(Text)
    starts_on: Mapped[dt.date | None] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    facilitator: Mapped[str] = mapped_column(Text)
    demo: Mapped[bool] = mapped_column(Boolean)
    """A demonstration workshop holds demonstration assessments only, a real one real ones."""
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class WorkshopMemberRow(Base):
    __tablename__ = "workshop_members"
    __table_args__ = (Index(None, "assessment_id"),)

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    )
    assessment_id: Mapped[str] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class BenchmarkPackRow(Base):
    """An imported ``.aeob``; removing it removes its groups, statistics and counts."""

    __tablename__ = "benchmark_packs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(String(SHA256_LENGTH), unique=True)
    """SHA-256 of the pack's statistics member: the same pack is imported once."""
    origin: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    k: Mapped[int] = mapped_column(Integer)
    resolution: Mapped[int] = mapped_column(Integer)
    demo: Mapped[bool] = mapped_column(Boolean)
    file_name: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class BenchmarkGroupRow(Base):
    __tablename__ = "benchmark_groups"
    __table_args__ = (
        # Named: the conventional name would pass PostgreSQL's 63-character limit.
        UniqueConstraint(
            "pack_id",
            "questionnaire_id",
            "questionnaire_version",
            "scope",
            "key",
            name="uq_benchmark_groups_group",
        ),
        Index(None, "questionnaire_id", "questionnaire_version"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    pack_id: Mapped[int] = mapped_column(ForeignKey("benchmark_packs.id", ondelete="CASCADE"))
    questionnaire_id: Mapped[str] = mapped_column(String(100))
    questionnaire_version: Mapped[str] = mapped_column(String(50))
    scope: Mapped[str] = mapped_column(String(SCOPE_LENGTH))
    key: Mapped[str] = mapped_column(String(GROUP_KEY_LENGTH))
    n: Mapped[int] = mapped_column(Integer)


class BenchmarkStatRow(Base):
    """A group's statistics on one criterion (or overall), as the pack states them."""

    __tablename__ = "benchmark_stats"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("benchmark_groups.id", ondelete="CASCADE"), primary_key=True
    )
    criterion_id: Mapped[str] = mapped_column(String(PART_LENGTH), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)
    mean: Mapped[float] = mapped_column(Float)
    q1: Mapped[float] = mapped_column(Float)
    median: Mapped[float] = mapped_column(Float)
    q3: Mapped[float] = mapped_column(Float)


class BenchmarkBinRow(Base):
    """How many of a group's scores on one criterion fall on one grid point."""

    __tablename__ = "benchmark_bins"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("benchmark_groups.id", ondelete="CASCADE"), primary_key=True
    )
    criterion_id: Mapped[str] = mapped_column(String(PART_LENGTH), primary_key=True)
    bin: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
