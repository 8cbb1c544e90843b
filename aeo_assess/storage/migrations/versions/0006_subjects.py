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
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("unit", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("contact", sa.Text(), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("consent", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("consent")
        batch.drop_column("contact")
        batch.drop_column("unit")
