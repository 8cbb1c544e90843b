"""Alembic environment: runs on the connection (and inside the transaction) that
``Database`` opened and locked, never on one of its own."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from aeo_assess.storage.models import Base

connection = context.config.attributes["connection"]
assert isinstance(connection, Connection)
context.configure(connection=connection, target_metadata=Base.metadata, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
