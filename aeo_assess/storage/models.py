"""Tables as SQLAlchemy 2 typed models, portable across SQLite and PostgreSQL.

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
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

ID_LENGTH = 36
"""An assessment id: a UUID in its 36-character text form."""
QUESTION_ID_LENGTH = 100
SHA256_LENGTH = 64

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Named constraints, so later migrations (SQLite batch mode included) can refer to them."""


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


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class QuestionnaireRow(Base):
    """A questionnaire file exactly as an assessment was answered on it."""

    __tablename__ = "questionnaires"
    __table_args__ = (Index(None, "questionnaire_id", "version"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    questionnaire_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(50))
    content_sha256: Mapped[str] = mapped_column(String(SHA256_LENGTH), unique=True)
    raw: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    stored_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class AssessmentRow(Base):
    """One assessment; ``applicable`` .. ``blocking_gaps`` are derived, kept current on write
    so that listing thousands of assessments never rescans their answers."""

    __tablename__ = "assessments"
    __table_args__ = (
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

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    questionnaire_pk: Mapped[int] = mapped_column(ForeignKey("questionnaires.pk"))
    company: Mapped[str] = mapped_column(Text)
    tax_id: Mapped[str] = mapped_column(Text)
    country: Mapped[str] = mapped_column(CHAR(2))
    roles: Mapped[list[str]] = mapped_column(JSON)
    aeo_types: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))
    demo: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    submission_sha256: Mapped[str | None] = mapped_column(String(SHA256_LENGTH), unique=True)
    """Unique where set: NULLs never collide, on SQLite as on PostgreSQL."""
    previous_submission_id: Mapped[str | None] = mapped_column(
        ForeignKey("assessments.id", ondelete="SET NULL")
    )
    applicable: Mapped[int] = mapped_column(Integer, default=0)
    answered: Mapped[int] = mapped_column(Integer, default=0)
    overall: Mapped[float | None] = mapped_column(Float)
    level: Mapped[str] = mapped_column(String(50), default="")
    blocking_gaps: Mapped[int] = mapped_column(Integer, default=0)
    provisional: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    unit: Mapped[str] = mapped_column(Text, default="", server_default="")
    contact: Mapped[str] = mapped_column(Text, default="", server_default="")
    consent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    certified_on: Mapped[dt.date | None] = mapped_column(Date)
    next_review_on: Mapped[dt.date | None] = mapped_column(Date)
    search: Mapped[str] = mapped_column(Text, default="", server_default="")
    """Company name and tax id folded (``domain.search.search_key``), kept on write: both
    engines then search accent-insensitively the same way, on an indexed column."""
    signature_state: Mapped[str] = mapped_column(
        String(20), default="unsigned", server_default="unsigned"
    )
    """For an imported submission, what its signature means here (``SignatureState``)."""
    signer_fingerprint: Mapped[str] = mapped_column(String(30), default="", server_default="")
    signer_name: Mapped[str] = mapped_column(Text, default="", server_default="")
    signer_organisation: Mapped[str] = mapped_column(Text, default="", server_default="")
    revision: Mapped[str | None] = mapped_column(String(32))
    """Replaced by every write of the answers or the plan (``repository.new_revision``): the
    autosave reuses what it decoded and scored only while the mark is the one it wrote."""

    questionnaire: Mapped[QuestionnaireRow] = relationship(lazy="joined", innerjoin=True)


class AnswerRow(Base):
    __tablename__ = "answers"

    assessment_id: Mapped[str] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(String(QUESTION_ID_LENGTH), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)
    """JSON text of the plain value (dates as ISO strings); None when unanswered."""
    na_reason: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str] = mapped_column(Text)
    flagged: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    carried: Mapped[str | None] = mapped_column(String(20))
    """Where an answer carried over from the previous cycle stands (a CarryState); None for
    an answer given in this cycle."""


class AnswerHistoryRow(Base):
    __tablename__ = "answer_history"
    __table_args__ = (Index(None, "assessment_id", "question_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    assessment_id: Mapped[str] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(QUESTION_ID_LENGTH))
    who: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    old: Mapped[str | None] = mapped_column(Text)
    """JSON text of the whole answer before the change; None when it was unanswered."""
    new: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    """Why the answer changed when no one typed it, e.g. "upgrade safe-aeo 2026.1 → 2027.1";
    None for a user's own edit."""


class UpgradeRow(Base):
    """An assessment moved to a newer questionnaire version, and the read-only copy of it kept
    as it stood before (so the earlier version can still be opened, scored and printed)."""

    __tablename__ = "upgrades"
    __table_args__ = (Index(None, "assessment_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    assessment_id: Mapped[str] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    archive_id: Mapped[str] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), unique=True
    )
    from_questionnaire_pk: Mapped[int] = mapped_column(ForeignKey("questionnaires.pk"))
    to_questionnaire_pk: Mapped[int] = mapped_column(ForeignKey("questionnaires.pk"))
    who: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class CycleRow(Base):
    """An assessment that is the next cycle of the same company's earlier one (its yearly
    review): at most one next cycle per assessment, so a company's history is a chain."""

    __tablename__ = "cycles"

    assessment_id: Mapped[str] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    previous_id: Mapped[str] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), unique=True
    )


class EvidenceRow(Base):
    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("assessment_id", "sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    assessment_id: Mapped[str] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    sha256: Mapped[str] = mapped_column(String(SHA256_LENGTH))
    name: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    """Deferred: listing evidence never reads the files themselves."""
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    links: Mapped[list[EvidenceLinkRow]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", passive_deletes=True
    )


class EvidenceLinkRow(Base):
    """Which questions a piece of evidence supports."""

    __tablename__ = "evidence_links"

    evidence_id: Mapped[int] = mapped_column(
        ForeignKey("evidence.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(String(QUESTION_ID_LENGTH), primary_key=True)


class PlanEntryRow(Base):
    __tablename__ = "plan_entries"

    assessment_id: Mapped[str] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(String(QUESTION_ID_LENGTH), primary_key=True)
    owner: Mapped[str] = mapped_column(Text)
    due: Mapped[dt.date | None] = mapped_column(Date)


from aeo_assess.storage import benchmark_models, review_models  # noqa: E402, F401 - their tables join Base.metadata
