"""Benchmark tests that touch a database run on SQLite and, in CI, on PostgreSQL."""

from tests.db_fixtures import database, database_url

__all__ = ["database", "database_url"]
