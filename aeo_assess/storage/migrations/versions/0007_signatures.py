"""Signed files (issue 16): who signed each imported submission and each received review, and
what that signature meant here when the file was imported.

Revision ID: 0007_signatures
Revises: 0006_subjects
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_signatures"
down_revision = "0006_subjects"
branch_labels = None
depends_on = None

_COLUMNS = ("signature_state", "signer_fingerprint", "signer_name", "signer_organisation")


def upgrade() -> None:
    # Plain ADD COLUMN, never SQLite's batch copy: it would cascade-delete the answers.
    for table in ("assessments", "reviews"):
        op.add_column(
            table,
            sa.Column("signature_state", sa.String(20), nullable=False, server_default="unsigned"),
        )
        op.add_column(
            table, sa.Column("signer_fingerprint", sa.String(30), nullable=False, server_default="")
        )
        op.add_column(table, sa.Column("signer_name", sa.Text(), nullable=False, server_default=""))
        op.add_column(
            table, sa.Column("signer_organisation", sa.Text(), nullable=False, server_default="")
        )


def downgrade() -> None:
    for table in ("reviews", "assessments"):
        for column in reversed(_COLUMNS):
            op.drop_column(table, column)
