"""The readiness verdict of DESIGN §4: assessments record whether their verdict is provisional.

Every stored level was computed by the earlier rules (no eligibility knock-out, no provisional
verdict), so the levels are blanked here and recomputed from the answers right after the
migration (``Database._migrate``), when the scoring code of this release is at hand.

Revision ID: 0004_verdict
Revises: 0003_reviews
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_verdict"
down_revision = "0003_reviews"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD/DROP COLUMN, never SQLite's batch copy: dropping the old assessments table
    # would cascade to every answer, score and review that references it.
    op.add_column(
        "assessments",
        sa.Column("provisional", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.execute(sa.text("UPDATE assessments SET level = ''"))


def downgrade() -> None:
    op.drop_column("assessments", "provisional")
