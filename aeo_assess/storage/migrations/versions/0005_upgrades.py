"""Questionnaire upgrades: a note on answer-history entries no one typed, and the record of
each upgrade with the read-only copy of the assessment as it stood before.

Written out in full, like 0001 to 0004. Nothing to fill: earlier releases had no upgrades, and
every earlier history entry is a user's own edit (note NULL).

Revision ID: 0005_upgrades
Revises: 0004_verdict
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_upgrades"
down_revision = "0004_verdict"
branch_labels = None
depends_on = None

ID = sa.String(36)
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("answer_history", sa.Column("note", sa.Text(), nullable=True))
    op.create_table(
        "upgrades",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("assessment_id", ID, nullable=False),
        sa.Column("archive_id", ID, nullable=False),
        sa.Column("from_questionnaire_pk", sa.Integer(), nullable=False),
        sa.Column("to_questionnaire_pk", sa.Integer(), nullable=False),
        sa.Column("who", sa.Text(), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_upgrades"),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name="fk_upgrades_assessment_id_assessments",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["archive_id"],
            ["assessments.id"],
            name="fk_upgrades_archive_id_assessments",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["from_questionnaire_pk"],
            ["questionnaires.pk"],
            name="fk_upgrades_from_questionnaire_pk_questionnaires",
        ),
        sa.ForeignKeyConstraint(
            ["to_questionnaire_pk"],
            ["questionnaires.pk"],
            name="fk_upgrades_to_questionnaire_pk_questionnaires",
        ),
        sa.UniqueConstraint("archive_id", name="uq_upgrades_archive_id"),
    )
    op.create_index("ix_upgrades_assessment_id", "upgrades", ["assessment_id"])


def downgrade() -> None:
    op.drop_table("upgrades")
    with op.batch_alter_table("answer_history") as batch:
        batch.drop_column("note")
