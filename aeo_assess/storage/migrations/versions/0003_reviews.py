"""Customs reviews: the officer's review of a submission, received reviews, exported submissions.

Written out in full, like 0001 and 0002. Nothing to fill: earlier releases had no reviews and
kept no record of exported applicant files.

Revision ID: 0003_reviews
Revises: 0002_benchmarks
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_reviews"
down_revision = "0002_benchmarks"
branch_labels = None
depends_on = None

ID = sa.String(36)
QUESTION_ID = sa.String(100)
SHA256 = sa.String(64)
ENUM = sa.String(40)
FINDING_ID = sa.String(64)
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("assessment_id", ID, nullable=False),
        sa.Column("submission_sha256", SHA256, nullable=False),
        sa.Column("reviewer", sa.Text(), nullable=False),
        sa.Column("outcome", ENUM, nullable=True),
        sa.Column("outcome_note", sa.Text(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("started_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.Column("received_at", TIMESTAMP, nullable=True),
        sa.Column("file_sha256", SHA256, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_reviews"),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name="fk_reviews_assessment_id_assessments",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("file_sha256", name="uq_reviews_file_sha256"),
    )
    op.create_index("ix_reviews_assessment_id", "reviews", ["assessment_id"])
    op.create_table(
        "question_reviews",
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("question_id", QUESTION_ID, nullable=False),
        sa.Column("verdict", ENUM, nullable=True),
        sa.Column("remark", sa.Text(), nullable=False),
        sa.Column("remark_status", ENUM, nullable=True),
        sa.Column("who", sa.Text(), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("review_id", "question_id", name="pk_question_reviews"),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name="fk_question_reviews_review_id_reviews",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "findings",
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("finding_id", FINDING_ID, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("severity", ENUM, nullable=False),
        sa.Column("criterion_id", QUESTION_ID, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("required_action", sa.Text(), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("who", sa.Text(), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("review_id", "finding_id", name="pk_findings"),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name="fk_findings_review_id_reviews",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "review_history",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(20), nullable=False),
        sa.Column("key", FINDING_ID, nullable=False),
        sa.Column("who", sa.Text(), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("new", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_review_history"),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name="fk_review_history_review_id_reviews",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_review_history_review_id", "review_history", ["review_id"])
    op.create_table(
        "exported_submissions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("assessment_id", ID, nullable=False),
        sa.Column("submission_sha256", SHA256, nullable=False),
        sa.Column("exported_at", TIMESTAMP, nullable=False),
        sa.Column("who", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_exported_submissions"),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name="fk_exported_submissions_assessment_id_assessments",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "assessment_id",
            "submission_sha256",
            name="uq_exported_submissions_assessment_id_submission_sha256",
        ),
    )
    op.create_index(
        "ix_exported_submissions_submission_sha256",
        "exported_submissions",
        ["submission_sha256"],
    )


def downgrade() -> None:
    for table in (
        "exported_submissions",
        "review_history",
        "findings",
        "question_reviews",
        "reviews",
    ):
        op.drop_table(table)
