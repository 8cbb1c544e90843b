"""A lost connection to the shared PostgreSQL server (a TCP forwarder the test cuts) is an
``Unreachable`` error within seconds, and the next action after it comes back just works:
pooled connections the cut killed are pinged and replaced, not handed to the user's action."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from aeo_assess.storage.database import Database, StorageError, Unreachable
from tests.db_fixtures import PG_ENV, PG_SKIP_REASON, fresh_database_url
from tests.tcp_proxy import TcpProxy, proxy_for

pytestmark = pytest.mark.skipif(not os.environ.get(PG_ENV), reason=PG_SKIP_REASON)


@pytest.fixture
def proxied(tmp_path: Path) -> Iterator[tuple[Database, TcpProxy]]:
    with fresh_database_url("postgresql", tmp_path) as url, proxy_for(url) as proxy:
        database = Database(proxy.url(url))
        try:
            yield database, proxy
        finally:
            database.close()


def count(database: Database) -> int:
    with database.session(readonly=True) as session:
        return int(session.execute(text("SELECT count(*) FROM assessments")).scalar_one())


def test_a_cut_connection_is_unreachable_and_a_restored_one_works(
    proxied: tuple[Database, TcpProxy],
) -> None:
    database, proxy = proxied
    assert count(database) == 0  # a pooled connection now exists
    proxy.cut()
    began = time.monotonic()
    with pytest.raises(Unreachable, match="cannot be reached") as lost:
        count(database)
    assert time.monotonic() - began < 5
    assert isinstance(lost.value, StorageError) and "\n" not in str(lost.value)
    assert ":aeo_test@" not in str(lost.value)  # no password on screen
    proxy.restore()
    assert count(database) == 0


def test_a_refused_statement_is_not_mistaken_for_a_lost_server(
    proxied: tuple[Database, TcpProxy],
) -> None:
    database, _ = proxied
    with pytest.raises(StorageError) as refused, database.session() as session:
        session.execute(text("SELECT * FROM no_such_table"))
    assert not isinstance(refused.value, Unreachable)


def test_a_statement_may_not_run_for_ever(proxied: tuple[Database, TcpProxy]) -> None:
    database, _ = proxied
    with database.session(readonly=True) as session:
        assert session.execute(text("SHOW statement_timeout")).scalar_one() == "1min"
