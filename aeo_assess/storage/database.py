"""Open a database (SQLite file or PostgreSQL server), migrate it, and hand out sessions."""

from __future__ import annotations

import os
import re
import sqlite3
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.pool import ConnectionPoolEntry

from aeo_assess.locations import user_data_dir

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.orm import Session
from aeo_assess.messages import Message
from aeo_assess.storage.errors import NotFound, StorageError, Unreachable

__all__ = [
    "Database", "NotFound", "StorageError", "Unreachable", "default_url", "describe_url",
    "masked",
]

ENV_VAR = "AEO_ASSESS_DB"
DEFAULT_FILE = "aeo-assess.sqlite3"
BUSY_TIMEOUT_MS = 30_000
"""How long a writer waits for another process's write to finish before giving up."""
PG_CONNECT_TIMEOUT_S = 10
"""An unreachable server becomes a message after this long instead of a hang."""
PG_KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
                 "keepalives_count": 3}
"""A server that vanished mid-query (cable pulled, VPN dropped) is noticed within about 25 s
instead of the operating system's two hours."""
PG_STATEMENT_TIMEOUT_MS = 60_000
"""No single statement of a user action may hold a connection (and its locks) longer than a
minute; migrations lift it for their own transaction."""
INSUFFICIENT_PRIVILEGE = "42501"
MIGRATIONS = Path(__file__).with_name("migrations")
MIGRATION_LOCK = zlib.crc32(b"aeo-assess schema migration")
"""PostgreSQL advisory lock key taken while migrating, so concurrent first opens queue up."""
_READONLY = "aeo_assess_readonly"


def default_url() -> str:
    """``AEO_ASSESS_DB`` if set, else a SQLite file in the user data directory."""
    configured = os.environ.get(ENV_VAR, "").strip()
    if configured:
        return configured
    directory = user_data_dir()
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{directory / DEFAULT_FILE}"


_PASSWORD = re.compile(r"(?<=://)([^/?#@\s]*?):[^/?#\s]*@")


def masked(text: str) -> str:
    """``text`` with the password of any URL in it left out (``user:secret@`` -> ``user@``):
    an error message or a listing must not show it on screen, in a log or a bug report."""
    return _PASSWORD.sub(r"\1@", text)


def describe_url(url: str) -> str:
    """Where ``url`` points, for people, without opening it: the SQLite file's absolute path,
    or the server URL without its password."""
    try:
        return _location(make_url(url))
    except ArgumentError:
        return masked(url)


def _in_memory(url: URL) -> bool:
    """An SQLite database that lives only as long as the process: ``sqlite://``,
    ``sqlite:///`` (an unset variable in ``sqlite:///$DIR/...``), ``:memory:``, mode=memory."""
    database = url.database or ""
    return (
        database in ("", ":memory:")
        or url.query.get("mode") == "memory"
        or database.startswith("file::memory:")
    )


def _location(url: URL) -> str:
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        return database if database in ("", ":memory:") else str(Path(database).resolve())
    return url._replace(password=None).render_as_string(hide_password=False)


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
    """WAL + synchronous=FULL: a commit that returned survives SIGKILL and power loss; the
    driver's own BEGIN is disabled so that ``_sqlite_on_begin`` can say BEGIN IMMEDIATE."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    """Take the write lock up front: a second writer then waits on the busy timeout, whereas a
    deferred transaction that upgrades to writing fails at once with "database is locked"."""
    readonly = connection.get_execution_options().get(_READONLY, False)
    connection.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


def _sqlite_engine(url: URL) -> Engine:
    engine = create_engine(url)
    event.listen(engine, "connect", _sqlite_on_connect)
    return engine


def _create_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        engine = _sqlite_engine(url)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    if url.get_backend_name() != "postgresql":
        return create_engine(url)
    connect_args: dict[str, Any] = {"connect_timeout": PG_CONNECT_TIMEOUT_S, **PG_KEEPALIVES}
    for name in url.query:
        connect_args.pop(name, None)  # what the URL says wins
    # pre_ping: a pooled connection the server or network dropped is replaced before use
    # instead of failing the user's next action.
    engine = create_engine(url, connect_args=connect_args, pool_pre_ping=True)
    event.listen(engine, "connect", _postgresql_on_connect)
    return engine


def _postgresql_on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"SET statement_timeout = {PG_STATEMENT_TIMEOUT_MS}")
        # No JIT: the list's per-row EXISTS tests (earlier cycles folded) are cheap index
        # probes the planner costs high without statistics, and compiling them took 0.8 s
        # for a query that runs in 50 ms.
        cursor.execute("SET jit = off")
    finally:
        cursor.close()
    dbapi_connection.commit()


def _unreachable(error: DBAPIError) -> bool:
    """The connection failed or broke, as opposed to the server refusing the statement: a
    client-side failure carries no SQLSTATE; class 08 is a connection exception; 57P01-03 a
    server shutting down or starting."""
    if error.connection_invalidated:
        return True
    if not isinstance(error, OperationalError):
        return False
    state = getattr(error.orig, "sqlstate", None)
    return state is None or state.startswith("08") or state in ("57P01", "57P02", "57P03")


def _refused(error: DBAPIError) -> bool:
    """The server refused the action to this role (a GRANT missing on purpose)."""
    return getattr(error.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE


@cache
def _revisions() -> tuple[frozenset[str], frozenset[str]]:
    """Every migration's revision and every one's parent, read from the files."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text("utf-8")
        revision = re.search(r'^revision = "([^"]+)"', source, re.MULTILINE)
        parent = re.search(r'^down_revision = "([^"]+)"', source, re.MULTILINE)
        if revision:
            revisions.add(revision.group(1))
        if parent:
            parents.add(parent.group(1))
    return frozenset(revisions), frozenset(parents)


@cache
def head_revision() -> str:
    """The newest migration, read from the files without importing Alembic (a third of a
    second at every start): a database already there needs no migration run at all."""
    revisions, parents = _revisions()
    (head,) = revisions - parents
    return head


def _alembic_config(connection: Connection) -> Config:
    """Configured in code from the migrations inside the package: no alembic.ini, so an
    installed wheel migrates exactly like a checkout."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


class Database:
    """One database, migrated to the newest schema when opened."""

    def __init__(self, url: str) -> None:
        try:
            parsed = make_url(url)
            if parsed.get_backend_name() == "sqlite" and _in_memory(parsed):
                raise StorageError(
                    Message(
                        "database.names_no_database_file",
                        "'{masked_url}' names no database file (an in-memory database loses "
                        "everything when the program ends); give a file, such as "
                        "sqlite:///path/to/aeo-assess.sqlite3",
                        masked_url=masked(url),
                    )
                )
            self.location: str = _location(parsed)
            self.engine: Engine = _create_engine(parsed)
            self._writing_engine: Engine = (
                _sqlite_engine(parsed) if parsed.get_backend_name() == "sqlite" else self.engine
            )
        except (ArgumentError, ImportError, ValueError) as error:
            raise StorageError(Message(
                "database.bad_url", "'{url}' is not a database URL this program can open: {error}",
                url=masked(url), error=masked(str(error)))) from None
        self.backend: str = parsed.get_backend_name()
        self._readonly_engine = self.engine.execution_options(**{_READONLY: True})
        try:
            self._migrate()
        except BaseException:
            self.close()
            raise

    def __repr__(self) -> str:
        return f"Database({self.location!r})"

    def _at_head(self) -> bool:
        try:
            with self._readonly_engine.connect() as connection:
                versions = connection.execute(text("SELECT version_num FROM alembic_version"))
                return {row[0] for row in versions} == {head_revision()}
        except DBAPIError:
            return False  # a new database: no version table yet

    def _stamp(self) -> str:
        """The revision the database says it is at ("none" when it has no stamp)."""
        try:
            with self._readonly_engine.connect() as connection:
                found = connection.execute(text("SELECT version_num FROM alembic_version"))
                return ", ".join(sorted(row[0] for row in found)) or "none"
        except DBAPIError:
            return "none"

    def _migrate(self) -> None:
        """Upgrade to head in one transaction that holds the write lock (SQLite) or an advisory
        lock (PostgreSQL): a second process opening the same new database waits, then finds
        nothing left to do."""
        if self._at_head():
            return
        from alembic import command
        from alembic.util.exc import CommandError

        try:
            with self.engine.begin() as connection:
                if self.backend == "postgresql":
                    self._refuse_unless_owner(connection)
                    connection.execute(text("SET LOCAL statement_timeout = 0"))
                    connection.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK}
                    )
                command.upgrade(_alembic_config(connection), "head")
                self._rescore(connection)
        except DBAPIError as error:
            if "already exists" in str(error.orig):
                raise StorageError(
                    Message(
                        "database.cannot_open_database_its",
                        "cannot open the database {location}: its schema is stamped '{stamp}' but "
                        "it already holds tables of a later revision ({error_orig}); the stamp in "
                        "alembic_version was changed or lost, so restore a backup rather than let "
                        "this program guess",
                        location=self.location, stamp=self._stamp(), error_orig=error.orig,
                    )
                ) from error
            raise StorageError(
                Message(
                    "database.cannot_open",
                    "cannot open the database {location}: {detail}",
                    location=self.location, detail=masked(str(error.orig)),
                )
            ) from error
        except CommandError as error:
            raise StorageError(
                Message(
                    "database.database_was_written_by",
                    "the database {location} was written by a newer version of aeo-assess "
                    "({error}); update aeo-assess to open it",
                    location=self.location, error=error,
                )
            ) from error

    def _refuse_unless_owner(self, connection: Connection) -> None:
        """A shared database is upgraded by its owner role (docs/shared-database.md); an
        officer's role may not change the schema, so say so instead of failing half-way."""
        owner = connection.execute(
            text(
                "SELECT pg_get_userbyid(c.relowner), current_user FROM pg_class c "
                "WHERE c.oid = to_regclass('alembic_version')"
            )
        ).first()
        if owner is None or owner[0] == owner[1]:
            return  # a new database (this role creates it) or this role owns it
        stamp = self._stamp()
        if stamp not in _revisions()[0]:
            return  # newer than this program: the upgrade below says so
        superuser = connection.execute(
            text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        ).scalar()
        if superuser:
            return
        raise StorageError(Message(
            "database.role_may_not_upgrade",
            "the database {location} has an older schema ({stamp}) than this version of "
            "aeo-assess ({head}), and the role {role} may not upgrade it: ask the database "
            "administrator to open it once as its owner {owner}, which upgrades it",
            location=self.location, stamp=stamp, head=head_revision(),
            role=owner[1], owner=owner[0],
        ))

    @staticmethod
    def _rescore(connection: Connection) -> None:
        """Summaries a migration left stale are recomputed in the migration's transaction, so
        that the list never shows a level computed by rules this release no longer applies."""
        from sqlalchemy.orm import Session

        from aeo_assess.storage.repository import refresh_stale_summaries

        with Session(bind=connection, join_transaction_mode="create_savepoint") as session:
            refresh_stale_summaries(session)
            session.commit()

    @contextmanager
    def session(self, *, readonly: bool = False) -> Iterator[Session]:
        """One session per user action: commits when the block ends, rolls back on an error.

        ``readonly`` sessions do not take SQLite's write lock up front, so listing and scoring
        never wait for another process's write; do not write in one.
        """
        from sqlalchemy.orm import Session  # here: a command that only reads needs no ORM

        bind = self._readonly_engine if readonly else self.engine
        try:
            with Session(bind, expire_on_commit=False) as session, session.begin():
                yield session
        except DBAPIError as error:
            raise self._failure(error) from error

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A read-only transaction for the Core readers (``storage.reader``), as a readonly
        ``session`` without the ORM: what a report from the database uses."""
        try:
            with self._readonly_engine.begin() as connection:
                yield connection
        except DBAPIError as error:
            raise self._failure(error) from error

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction on a plain Connection, committed when the block ends and rolled
        back on an error, as ``session`` without the ORM: the autosave, whose Core statements
        need no Session and whose Session cost an eighth of its time (issue 19).

        On SQLite it comes from an engine of its own that says BEGIN IMMEDIATE here rather
        than in a "begin" listener: an engine with any listener dispatches events around
        every statement, a tenth of the autosave's time."""
        try:
            with self._writing_engine.begin() as connection:
                if self.backend == "sqlite":
                    connection.exec_driver_sql("BEGIN IMMEDIATE")
                yield connection
        except DBAPIError as error:
            raise self._failure(error) from error

    def _failure(self, error: DBAPIError) -> StorageError:
        """The user's words for a database error of an action."""
        if _refused(error):
            return StorageError(Message(
                "database.role_refused",
                "the shared database does not allow this to your role: {detail}; officers "
                "may read assessments and write reviews, not change an applicant's answers "
                "or evidence",
                detail=str(error.orig).splitlines()[0],
            ))
        if self.backend != "sqlite" and _unreachable(error):
            return Unreachable(Message(
                "database.unreachable",
                "the database server {location} cannot be reached: {detail}",
                location=self.location, detail=masked(str(error.orig)).splitlines()[0],
            ))
        return StorageError(
            Message(
                "database.failed",
                "database {location}: {detail}",
                location=self.location, detail=masked(str(error.orig)),
            )
        )

    def close(self) -> None:
        """Close every pooled connection (tests, and before the program exits)."""
        self.engine.dispose()
        self._writing_engine.dispose()
