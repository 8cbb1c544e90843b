"""Tables for customs reviews (issue 7), on the same metadata as ``tables``.

One ``reviews`` table holds both sides of the exchange: the officer's own review of an imported
submission (``received_at`` NULL, at most one per assessment, kept so by the repository under
the assessment's row lock) and the reviews a trader received in review files (``received_at``
set, read-only, deduplicated by the review file's content hash). ``exported_submissions``
remembers every applicant file the trader wrote, so a returning review can be matched to it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from aeo_assess.storage.models import Base
from aeo_assess.storage.tables import ID_LENGTH, QUESTION_ID_LENGTH, SHA256_LENGTH, UTCDateTime

ENUM_LENGTH = 40
FINDING_ID_LENGTH = 64
SUBJECT_LENGTH = 20


class ReviewRow(Base):
    __tablename__ = "reviews"
    __table_args__ = (Index(None, "assessment_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    assessment_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("assessments.id", ondelete="CASCADE")
    )
    submission_sha256: Mapped[str] = mapped_column(String(SHA256_LENGTH))
    reviewer: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(ENUM_LENGTH))
    outcome_note: Mapped[str] = mapped_column(Text)
    total: Mapped[int] = mapped_column(Integer)
    """Applicable questions of the submission: fixed, because a submission never changes."""
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    file_sha256: Mapped[str | None] = mapped_column(String(SHA256_LENGTH), unique=True)
    signature_state: Mapped[str] = mapped_column(
        String(20), default="unsigned", server_default="unsigned"
    )
    """For a received review, what its signature meant here when it was imported."""
    signer_fingerprint: Mapped[str] = mapped_column(String(30), default="", server_default="")
    signer_name: Mapped[str] = mapped_column(Text, default="", server_default="")
    signer_organisation: Mapped[str] = mapped_column(Text, default="", server_default="")
    """SHA-256 of a received review's ``review.json``: the same file is imported once."""


class QuestionReviewRow(Base):
    __tablename__ = "question_reviews"

    review_id: Mapped[int] = mapped_column(
        ForeignKey("reviews.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(String(QUESTION_ID_LENGTH), primary_key=True)
    verdict: Mapped[str | None] = mapped_column(String(ENUM_LENGTH))
    remark: Mapped[str] = mapped_column(Text)
    remark_status: Mapped[str | None] = mapped_column(String(ENUM_LENGTH))
    who: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class FindingRow(Base):
    __tablename__ = "findings"

    review_id: Mapped[int] = mapped_column(
        ForeignKey("reviews.id", ondelete="CASCADE"), primary_key=True
    )
    finding_id: Mapped[str] = mapped_column(String(FINDING_ID_LENGTH), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    """Order of entry: findings list in the order the officer recorded them."""
    severity: Mapped[str] = mapped_column(String(ENUM_LENGTH))
    criterion_id: Mapped[str] = mapped_column(String(QUESTION_ID_LENGTH))
    text: Mapped[str] = mapped_column(Text)
    required_action: Mapped[str] = mapped_column(Text)
    due: Mapped[dt.date | None] = mapped_column(Date)
    who: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class ReviewHistoryRow(Base):
    """Every change to a verdict, remark, finding or outcome, like ``answer_history``."""

    __tablename__ = "review_history"
    __table_args__ = (Index(None, "review_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(SUBJECT_LENGTH))
    key: Mapped[str] = mapped_column(String(FINDING_ID_LENGTH))
    who: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    old: Mapped[str | None] = mapped_column(Text)
    """JSON text of the whole item before the change; None when it did not exist."""
    new: Mapped[str | None] = mapped_column(Text)


class ExportedSubmissionRow(Base):
    """An applicant file the trader wrote: which submission hash left this installation."""

    __tablename__ = "exported_submissions"
    __table_args__ = (
        UniqueConstraint("assessment_id", "submission_sha256"),
        Index(None, "submission_sha256"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    assessment_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("assessments.id", ondelete="CASCADE")
    )
    submission_sha256: Mapped[str] = mapped_column(String(SHA256_LENGTH))
    exported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    who: Mapped[str] = mapped_column(Text)
