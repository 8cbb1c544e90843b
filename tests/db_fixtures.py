"""Database fixtures for the storage and services tests: each test runs on SQLite and, when
AEO_ASSESS_TEST_PG names a PostgreSQL server, on PostgreSQL too, on a database of its own.

To use them in another test package, import them into its conftest.py::

    from tests.db_fixtures import database, database_url  # noqa: F401
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from _pytest.mark.structures import ParameterSet
from sqlalchemy import create_engine, make_url, text

from aeo_assess.storage.database import Database

PG_ENV = "AEO_ASSESS_TEST_PG"
PG_SKIP_REASON = "AEO_ASSESS_TEST_PG not set: PostgreSQL tests run in CI (.ci/run starts a server)"


def backends() -> list[ParameterSet]:
    """pytest params for every backend; PostgreSQL ones skip (saying why) without a server."""
    return [
        pytest.param("sqlite", id="sqlite"),
        pytest.param(
            "postgresql",
            id="postgresql",
            marks=pytest.mark.skipif(not os.environ.get(PG_ENV), reason=PG_SKIP_REASON),
        ),
    ]


@contextmanager
def fresh_database_url(backend: str, directory: Path) -> Iterator[str]:
    """The URL of an empty database: a new file for SQLite; for PostgreSQL a new schema, put
    first on the search path, dropped afterwards, so tests never see each other's rows."""
    if backend == "sqlite":
        yield f"sqlite:///{directory / 'aeo-assess.sqlite3'}"
        return
    server = make_url(os.environ[PG_ENV])
    schema = f"test_{uuid.uuid4().hex}"
    admin = create_engine(server)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = server.update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=backends())
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with fresh_database_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """A migrated, empty Database on each backend."""
    db = Database(database_url)
    try:
        yield db
    finally:
        db.close()
