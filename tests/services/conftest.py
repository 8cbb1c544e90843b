"""Services tests run on SQLite and, in CI, on PostgreSQL (see tests/db_fixtures.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from aeo_assess.services.context import AppContext
from aeo_assess.storage.database import Database
from tests.db_fixtures import database, database_url  # noqa: F401


@pytest.fixture
def ctx(database: Database) -> Iterator[AppContext]:  # noqa: F811
    yield AppContext(database, user="tester")
