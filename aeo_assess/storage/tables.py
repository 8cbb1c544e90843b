"""The tables as SQLAlchemy Core, portable across SQLite and PostgreSQL: what the ORM models
(``models``, ``benchmark_models``) map and what the Core readers query, so that a command
that only reads (a report) never imports the ORM.

Free text is ``Text`` (no length a PostgreSQL server would enforce and SQLite would not);
identifiers and hashes have lengths. Timestamps are stored in UTC and come back aware.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    CHAR,
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    func,
    text,
)

ID_LENGTH = 36
"""An assessment id: a UUID in its 36-character text form."""
QUESTION_ID_LENGTH = 100
SHA256_LENGTH = 64
PART_LENGTH = 100
"""A criterion id, or the marker of the overall score."""
SCOPE_LENGTH = 20
GROUP_KEY_LENGTH = 100

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Named constraints, so later migrations (SQLite batch mode included) can refer to them."""

METADATA = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware UTC datetime on both backends (SQLite keeps no zone, PostgreSQL the session's)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def _id(name: str = "id") -> Column[int]:
    return Column(name, Integer, primary_key=True, autoincrement=True)


def _to_assessment(name: str, *, primary_key: bool = False, unique: bool = False) -> Column[str]:
    """A column naming an assessment, whose rows go with it."""
    return Column(
        name,
        ForeignKey("assessments.id", ondelete="CASCADE"),
        primary_key=primary_key,
        unique=unique,
        nullable=False,
    )


def _text(name: str, *, nullable: bool = False, empty: bool = False) -> Column[str]:
    """Free text; ``empty``: "" by default, in Python and on the server (a later column)."""
    if empty:
        return Column(name, Text, nullable=nullable, default="", server_default="")
    return Column(name, Text, nullable=nullable)


questionnaires = Table(
    "questionnaires",
    METADATA,
    _id("pk"),
    Column("questionnaire_id", String(100), nullable=False),
    Column("version", String(50), nullable=False),
    Column("content_sha256", String(SHA256_LENGTH), nullable=False, unique=True),
    Column("raw", LargeBinary, nullable=False),
    Column("stored_at", UTCDateTime, nullable=False),
    Index(None, "questionnaire_id", "version"),
)
"""A questionnaire file exactly as an assessment was answered on it."""

assessments = Table(
    "assessments",
    METADATA,
    Column("id", String(ID_LENGTH), primary_key=True),
    Column("questionnaire_pk", ForeignKey("questionnaires.pk"), nullable=False),
    _text("company"),
    _text("tax_id"),
    Column("country", CHAR(2), nullable=False),
    Column("roles", JSON, nullable=False),
    Column("aeo_types", JSON, nullable=False),
    Column("status", String(20), nullable=False),
    Column("demo", Boolean, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    # Unique where set: NULLs never collide, on SQLite as on PostgreSQL.
    Column("submission_sha256", String(SHA256_LENGTH), unique=True),
    Column("previous_submission_id", ForeignKey("assessments.id", ondelete="SET NULL")),
    Column("applicable", Integer, nullable=False, default=0),
    Column("answered", Integer, nullable=False, default=0),
    Column("overall", Float),
    Column("level", String(50), nullable=False, default=""),
    Column("blocking_gaps", Integer, nullable=False, default=0),
    Column("provisional", Boolean, nullable=False, default=False, server_default=false()),
    _text("unit", empty=True),
    _text("contact", empty=True),
    Column("consent", Boolean, nullable=False, default=False, server_default=false()),
    Column("certified_on", Date),
    Column("next_review_on", Date),
    # Company name and tax id folded (``domain.search.search_key``), kept on write: both
    # engines then search accent-insensitively the same way, on an indexed column.
    _text("search", empty=True),
    # For an imported submission, what its signature means here (``SignatureState``).
    Column("signature_state", String(20), nullable=False, default="unsigned",
           server_default="unsigned"),
    Column("signer_fingerprint", String(30), nullable=False, default="", server_default=""),
    _text("signer_name", empty=True),
    _text("signer_organisation", empty=True),
    # Replaced by every write of the answers or the plan (``repository.new_revision``): the
    # autosave reuses what it decoded and scored only while the mark is the one it wrote.
    Column("revision", String(32)),
    Index(None, "updated_at"),
    Index(None, "questionnaire_pk"),
    Index(None, "previous_submission_id"),
    Index(None, "search"),
    Index(None, "country"),
    Index(None, "status"),
    Index(None, "demo"),
    # One company's assessments (issue 17: the list folds earlier cycles under the latest)
    # are found by tax id, case aside, country and demo alike: an index probe per row
    # listed (with demo in it, SQLite's planner no longer prefers the demo index).
    Index("ix_assessments_company_key", func.lower(text("tax_id")), "country", "demo"),
)
"""One assessment; ``applicable`` .. ``blocking_gaps`` are derived, kept current on write
so that listing thousands of assessments never rescans their answers."""

answers = Table(
    "answers",
    METADATA,
    _to_assessment("assessment_id", primary_key=True),
    Column("question_id", String(QUESTION_ID_LENGTH), primary_key=True),
    # JSON text of the plain value (dates as ISO strings); None when unanswered.
    _text("value", nullable=True),
    _text("na_reason", nullable=True),
    _text("comment"),
    Column("flagged", Boolean, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    # Where an answer carried over from the previous cycle stands (a CarryState); None for
    # an answer given in this cycle.
    Column("carried", String(20)),
)

answer_history = Table(
    "answer_history",
    METADATA,
    _id(),
    _to_assessment("assessment_id"),
    Column("question_id", String(QUESTION_ID_LENGTH), nullable=False),
    _text("who"),
    Column("at", UTCDateTime, nullable=False),
    # JSON text of the whole answer before the change; None when it was unanswered.
    _text("old", nullable=True),
    _text("new", nullable=True),
    # Why the answer changed when no one typed it, e.g. "upgrade safe-aeo 2026.1 → 2027.1";
    # None for a user's own edit.
    _text("note", nullable=True),
    Index(None, "assessment_id", "question_id"),
)

upgrades = Table(
    "upgrades",
    METADATA,
    _id(),
    _to_assessment("assessment_id"),
    _to_assessment("archive_id", unique=True),
    Column("from_questionnaire_pk", ForeignKey("questionnaires.pk"), nullable=False),
    Column("to_questionnaire_pk", ForeignKey("questionnaires.pk"), nullable=False),
    _text("who"),
    Column("at", UTCDateTime, nullable=False),
    Index(None, "assessment_id"),
)
"""An assessment moved to a newer questionnaire version, and the read-only copy of it kept
as it stood before (so the earlier version can still be opened, scored and printed)."""

cycles = Table(
    "cycles",
    METADATA,
    _to_assessment("assessment_id", primary_key=True),
    _to_assessment("previous_id", unique=True),
)
"""An assessment that is the next cycle of the same company's earlier one (its yearly
review): at most one next cycle per assessment, so a company's history is a chain."""

evidence = Table(
    "evidence",
    METADATA,
    _id(),
    _to_assessment("assessment_id"),
    Column("sha256", String(SHA256_LENGTH), nullable=False),
    _text("name"),
    Column("media_type", String(255), nullable=False),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("added_at", UTCDateTime, nullable=False),
    UniqueConstraint("assessment_id", "sha256"),
)

evidence_links = Table(
    "evidence_links",
    METADATA,
    Column("evidence_id", ForeignKey("evidence.id", ondelete="CASCADE"), primary_key=True),
    Column("question_id", String(QUESTION_ID_LENGTH), primary_key=True),
)
"""Which questions a piece of evidence supports."""

plan_entries = Table(
    "plan_entries",
    METADATA,
    _to_assessment("assessment_id", primary_key=True),
    Column("question_id", String(QUESTION_ID_LENGTH), primary_key=True),
    _text("owner"),
    Column("due", Date),
)

# --- peer benchmarks and workshops (issue 6) ---------------------------------------------------

criterion_scores = Table(
    "criterion_scores",
    METADATA,
    _to_assessment("assessment_id", primary_key=True),
    Column("criterion_id", String(PART_LENGTH), primary_key=True),
    Column("score", Float, nullable=False),
    # The score on the statistics grid (score x resolution, rounded), computed in Python so
    # that SQLite and PostgreSQL, which round differently, agree.
    Column("bin", Integer, nullable=False),
)
"""One assessment's score on one criterion, or overall; absent while it has no score.

Derived: the repository keeps it current on every write, so that peer statistics are one
GROUP BY over a few rows per assessment instead of re-scoring every answer."""

workshops = Table(
    "workshops",
    METADATA,
    _id(),
    _text("name"),
    _text("place"),
    Column("starts_on", Date),
    Column("ends_on", Date),
    _text("facilitator"),
    # A demonstration workshop holds demonstration assessments only, a real one real ones.
    Column("demo", Boolean, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

workshop_members = Table(
    "workshop_members",
    METADATA,
    Column("workshop_id", ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    _to_assessment("assessment_id", primary_key=True),
    Column("added_at", UTCDateTime, nullable=False),
    Index(None, "assessment_id"),
)

benchmark_packs = Table(
    "benchmark_packs",
    METADATA,
    _id(),
    # SHA-256 of the pack's statistics member: the same pack is imported once.
    Column("sha256", String(SHA256_LENGTH), nullable=False, unique=True),
    _text("origin"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("k", Integer, nullable=False),
    Column("resolution", Integer, nullable=False),
    Column("demo", Boolean, nullable=False),
    _text("file_name"),
    Column("imported_at", UTCDateTime, nullable=False),
)
"""An imported ``.aeob``; removing it removes its groups, statistics and counts. Packs keep
their counts per grid point (``benchmark_bins``), which is what lets them pool exactly with
local assessments and with each other."""

benchmark_groups = Table(
    "benchmark_groups",
    METADATA,
    _id(),
    Column("pack_id", ForeignKey("benchmark_packs.id", ondelete="CASCADE"), nullable=False),
    Column("questionnaire_id", String(100), nullable=False),
    Column("questionnaire_version", String(50), nullable=False),
    Column("scope", String(SCOPE_LENGTH), nullable=False),
    Column("key", String(GROUP_KEY_LENGTH), nullable=False),
    Column("n", Integer, nullable=False),
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

benchmark_stats = Table(
    "benchmark_stats",
    METADATA,
    Column("group_id", ForeignKey("benchmark_groups.id", ondelete="CASCADE"), primary_key=True),
    Column("criterion_id", String(PART_LENGTH), primary_key=True),
    Column("n", Integer, nullable=False),
    Column("mean", Float, nullable=False),
    Column("q1", Float, nullable=False),
    Column("median", Float, nullable=False),
    Column("q3", Float, nullable=False),
)
"""A group's statistics on one criterion (or overall), as the pack states them."""

benchmark_bins = Table(
    "benchmark_bins",
    METADATA,
    Column("group_id", ForeignKey("benchmark_groups.id", ondelete="CASCADE"), primary_key=True),
    Column("criterion_id", String(PART_LENGTH), primary_key=True),
    Column("bin", Integer, primary_key=True),
    Column("count", Integer, nullable=False),
)
"""How many of a group's scores on one criterion fall on one grid point."""
