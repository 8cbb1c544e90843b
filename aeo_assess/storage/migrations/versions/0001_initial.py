"""Initial schema: questionnaires, assessments, answers and their history, evidence, plan.

Written out in full (no imports from ``models``) so that it keeps producing this exact schema
whatever the models become later.

Revision ID: 0001_initial
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(36)
QUESTION_ID = sa.String(100)
SHA256 = sa.String(64)
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "questionnaires",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("questionnaire_id", sa.String(100), nullable=False),
        sa.Column("version", sa.String(50), nullable=False),
        sa.Column("content_sha256", SHA256, nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("stored_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_questionnaires"),
        sa.UniqueConstraint("content_sha256", name="uq_questionnaires_content_sha256"),
    )
    op.create_index(
        "ix_questionnaires_questionnaire_id_version",
        "questionnaires",
        ["questionnaire_id", "version"],
    )
    op.create_table(
        "assessments",
        sa.Column("id", ID, nullable=False),
        sa.Column("questionnaire_pk", sa.Integer(), nullable=False),
        sa.Column("company", sa.Text(), nullable=False),
        sa.Column("tax_id", sa.Text(), nullable=False),
        sa.Column("country", sa.CHAR(2), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("aeo_types", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.Column("submission_sha256", SHA256, nullable=True),
        sa.Column("previous_submission_id", ID, nullable=True),
        sa.Column("applicable", sa.Integer(), nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.Column("overall", sa.Float(), nullable=True),
        sa.Column("level", sa.String(50), nullable=False),
        sa.Column("blocking_gaps", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_assessments"),
        sa.ForeignKeyConstraint(
            ["questionnaire_pk"],
            ["questionnaires.pk"],
            name="fk_assessments_questionnaire_pk_questionnaires",
        ),
        sa.ForeignKeyConstraint(
            ["previous_submission_id"],
            ["assessments.id"],
            name="fk_assessments_previous_submission_id_assessments",
            ondelete="SET NULL",
        ),
        sa.UniqueConstraint("submission_sha256", name="uq_assessments_submission_sha256"),
    )
    op.create_index("ix_assessments_updated_at", "assessments", ["updated_at"])
    op.create_index("ix_assessments_questionnaire_pk", "assessments", ["questionnaire_pk"])
    op.create_index(
        "ix_assessments_previous_submission_id", "assessments", ["previous_submission_id"]
    )
    op.create_table(
        "answers",
        sa.Column("assessment_id", ID, nullable=False),
        sa.Column("question_id", QUESTION_ID, nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("na_reason", sa.Text(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("assessment_id", "question_id", name="pk_answers"),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name="fk_answers_assessment_id_assessments",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "answer_history",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("assessment_id", ID, nullable=False),
        sa.Column("question_id", QUESTION_ID, nullable=False),
        sa.Column("who", sa.Text(), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("new", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_answer_history"),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name="fk_answer_history_assessment_id_assessments",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_answer_history_assessment_id_question_id",
        "answer_history",
        ["assessment_id", "question_id"],
    )
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("assessment_id", ID, nullable=False),
        sa.Column("sha256", SHA256, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_evidence"),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name="fk_evidence_assessment_id_assessments",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("assessment_id", "sha256", name="uq_evidence_assessment_id_sha256"),
    )
    op.create_table(
        "evidence_links",
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("question_id", QUESTION_ID, nullable=False),
        sa.PrimaryKeyConstraint("evidence_id", "question_id", name="pk_evidence_links"),
        sa.ForeignKeyConstraint(
            ["evidence_id"],
            ["evidence.id"],
            name="fk_evidence_links_evidence_id_evidence",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "plan_entries",
        sa.Column("assessment_id", ID, nullable=False),
        sa.Column("question_id", QUESTION_ID, nullable=False),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("assessment_id", "question_id", name="pk_plan_entries"),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name="fk_plan_entries_assessment_id_assessments",
            ondelete="CASCADE",
        ),
    )


def downgrade() -> None:
    for table in (
        "plan_entries",
        "evidence_links",
        "evidence",
        "answer_history",
        "answers",
        "assessments",
        "questionnaires",
    ):
        op.drop_table(table)
