"""The autosave's revision mark (issue 19): a value every write of an assessment's answers or
plan replaces, so that a process keeps the answers it decoded and scored while the mark is the
one it wrote, and reads them again when another process (or a rolled-back write) changed it.
Empty for every existing assessment: its first autosave reads the answers, as before.

Revision ID: 0010_revision
Revises: 0009_scale
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_revision"
down_revision = "0009_scale"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never SQLite's batch copy (it would cascade-delete the answers).
    op.add_column("assessments", sa.Column("revision", sa.String(32), nullable=True))


def downgrade() -> None:
    op.drop_column("assessments", "revision")
