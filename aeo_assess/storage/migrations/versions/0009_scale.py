"""A national database (issue 19): the folded search column behind accent-insensitive search
by company name or tax id, and the indexes the list, the search and per-country statistics
need at 100,000 assessments (``demo``: whether any demonstration data exists is asked on
every list read, and answered from the index instead of a scan).

The backfill folds in Python, as the application does on every write (``domain.search``),
copied here so that this migration keeps meaning what it meant when later code changes.

Revision ID: 0009_scale
Revises: 0008_cycles
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0009_scale"
down_revision = "0008_cycles"
branch_labels = None
depends_on = None

BATCH = 1000


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _search_key(company: str, tax_id: str) -> str:
    compact = "".join(c for c in _fold(tax_id) if c.isalnum())
    return " ".join(part for part in (_fold(company), _fold(tax_id), compact) if part)


def upgrade() -> None:
    # Plain ADD COLUMN, never SQLite's batch copy (it would cascade-delete the answers).
    op.add_column("assessments", sa.Column("search", sa.Text(), nullable=False, server_default=""))
    assessments = sa.table(
        "assessments", sa.column("id"), sa.column("company"), sa.column("tax_id"),
        sa.column("search"),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(assessments.c.id, assessments.c.company,
                                        assessments.c.tax_id)).all()
    for start in range(0, len(rows), BATCH):
        connection.execute(
            sa.update(assessments)
            .where(assessments.c.id == sa.bindparam("key"))
            .values(search=sa.bindparam("folded")),
            [{"key": key, "folded": _search_key(company, tax_id)}
             for key, company, tax_id in rows[start:start + BATCH]],
        )
    op.create_index("ix_assessments_search", "assessments", ["search"])
    op.create_index("ix_assessments_country", "assessments", ["country"])
    op.create_index("ix_assessments_status", "assessments", ["status"])
    op.create_index("ix_assessments_demo", "assessments", ["demo"])


def downgrade() -> None:
    for name in ("ix_assessments_demo", "ix_assessments_status", "ix_assessments_country",
                 "ix_assessments_search"):
        op.drop_index(name, table_name="assessments")
    op.drop_column("assessments", "search")
