"""The yearly cycle (issue 17): an assessment that follows the company's previous one, the
state of each answer carried over from it (to confirm, confirmed, changed), and the company's
certification and next review dates.

Revision ID: 0008_cycles
Revises: 0007_signatures
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_cycles"
down_revision = "0007_signatures"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN and CREATE TABLE, never SQLite's batch copy: dropping the old
    # assessments or answers table would cascade to everything that references it.
    op.add_column("answers", sa.Column("carried", sa.String(20), nullable=True))
    op.add_column("assessments", sa.Column("certified_on", sa.Date(), nullable=True))
    op.add_column("assessments", sa.Column("next_review_on", sa.Date(), nullable=True))
    # The list folds a company's earlier cycles under its latest, finding the company's other
    # assessments by tax id (case aside) and country.
    op.create_index(
        "ix_assessments_company_key", "assessments", [sa.text("lower(tax_id)"), "country", "demo"]
    )
    op.create_table(
        "cycles",
        sa.Column("assessment_id", sa.String(36), nullable=False),
        sa.Column("previous_id", sa.String(36), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_cycles_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["previous_id"],
            ["assessments.id"],
            name=op.f("fk_cycles_previous_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("assessment_id", name=op.f("pk_cycles")),
        sa.UniqueConstraint("previous_id", name=op.f("uq_cycles_previous_id")),
    )


def downgrade() -> None:
    op.drop_table("cycles")
    op.drop_index("ix_assessments_company_key", table_name="assessments")
    for column in ("next_review_on", "certified_on"):
        op.drop_column("assessments", column)
    op.drop_column("answers", "carried")
