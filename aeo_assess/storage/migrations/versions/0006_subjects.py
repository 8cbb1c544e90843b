"""Subjects other than companies (issue 15): an administration's unit and contact person, and
the consent of any subject to be named in a workshop summary (never assumed: false).

Revision ID: 0006_subjects
Revises: 0005_upgrades
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_subjects"
down_revision = "0005_upgrades"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD/DROP COLUMN, never SQLite's batch copy: dropping the old assessments table
    # would cascade to every answer, score and review that references it.
    op.add_column("assessments", sa.Column("unit", sa.Text(), nullable=False, server_default=""))
    op.add_column(
        "assessments", sa.Column("contact", sa.Text(), nullable=False, server_default="")
    )
    op.add_column(
        "assessments",
        sa.Column("consent", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    for column in ("consent", "contact", "unit"):
        op.drop_column("assessments", column)
