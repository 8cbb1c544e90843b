"""Opening, migrating and configuring databases on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, create_engine, inspect, text
from sqlalchemy.orm import Session

from aeo_assess.domain.assessment import Answer
from aeo_assess.storage import repository as repo
from aeo_assess.storage.database import (
    BUSY_TIMEOUT_MS,
    Database,
    StorageError,
    _alembic_config,
    default_url,
    describe_url,
)
from aeo_assess.storage.models import Base
from tests.db_fixtures import backends, fresh_database_url
from tests.storage.conftest import NewAssessment

ROOT = Path(__file__).resolve().parents[2]


def test_migrations_produce_exactly_the_models(database: Database) -> None:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        assert context.get_current_revision() == "0010_revision"


def test_downgrade_to_base_leaves_only_alembic_bookkeeping(database: Database) -> None:
    with database.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), "base")
    assert set(inspect(database.engine).get_table_names()) == {"alembic_version"}


def test_reopening_keeps_data_and_migrates_nothing(
    database: Database, database_url: str, new_assessment: NewAssessment
) -> None:
    assessment_id = new_assessment()
    database.close()
    for _ in range(2):
        again = Database(database_url)
        with again.session() as session:
            assert repo.get_assessment(session, assessment_id).company == "Café & Co <Ltd>"
            assert session.scalar(text("SELECT count(*) FROM alembic_version")) == 1
            assert session.scalar(text("SELECT version_num FROM alembic_version")) == "0010_revision"
        again.close()


def test_a_database_from_a_newer_release_is_refused_with_a_message(
    database: Database, database_url: str
) -> None:
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    database.close()
    with pytest.raises(StorageError, match="newer version of aeo-assess"):
        Database(database_url)


def test_a_schema_stamped_older_than_its_tables_is_diagnosed(
    database: Database, database_url: str
) -> None:
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0001_initial'"))
    database.close()
    with pytest.raises(StorageError) as refused:
        Database(database_url)
    message = str(refused.value)
    assert "stamped '0001_initial' but it already holds tables of a later revision" in message
    assert "restore a backup" in message and "\n" not in message


@pytest.mark.parametrize(
    "url", ["sqlite://", "sqlite:///", "sqlite:///:memory:", "sqlite:///x?mode=memory&uri=true"]
)
def test_an_in_memory_database_is_refused(url: str) -> None:
    with pytest.raises(StorageError, match="names no database file"):
        Database(url)


def test_a_password_never_appears_in_a_message() -> None:
    url = "postgresql+nosuchdriver://officer:s3cr@t@db.example/aeo"
    with pytest.raises(StorageError) as refused:
        Database(url)
    assert "s3cr" not in str(refused.value)
    assert "postgresql+nosuchdriver://officer@db.example/aeo" in str(refused.value)
    assert "s3cr" not in describe_url("postgresql://officer:s3cr@t@db/aeo?x=[")


def test_session_commits_on_success_and_rolls_back_on_error(
    database: Database, new_assessment: NewAssessment
) -> None:
    kept = new_assessment(company="Kept")
    with pytest.raises(RuntimeError), database.session() as session:
        repo.delete_assessment(session, kept)
        raise RuntimeError("the user action failed half-way")
    with database.session(readonly=True) as session:
        assert [s.company for s in repo.list_assessments(session)] == ["Kept"]


def test_database_errors_inside_a_session_become_storage_errors(database: Database) -> None:
    with pytest.raises(StorageError, match="database"), database.session() as session:
        session.execute(text("SELECT * FROM no_such_table"))


@pytest.mark.parametrize("backend", backends())
@pytest.mark.slow
def test_concurrent_first_opens_all_succeed(backend: str, tmp_path: Path) -> None:
    """Several processes opening one new database at once: one migrates, the others wait."""
    with fresh_database_url(backend, tmp_path) as url:
        script = (
            "import sys; from aeo_assess.storage.database import Database; Database(sys.argv[1])"
        )
        processes = [
            subprocess.Popen(
                [sys.executable, "-c", script, url], cwd=ROOT, stderr=subprocess.PIPE, text=True
            )
            for _ in range(4)
        ]
        errors = [p.communicate(timeout=120)[1] for p in processes]
        assert [p.returncode for p in processes] == [0, 0, 0, 0], errors
        database = Database(url)
        with database.engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        database.close()


# --- SQLite settings -------------------------------------------------------------------------


@pytest.fixture
def sqlite_database(tmp_path: Path) -> Database:
    return Database(f"sqlite:///{tmp_path / 'settings.sqlite3'}")


def _writer(database: Database, kind: str) -> AbstractContextManager[Session | Connection]:
    """A write transaction as the ORM (``session``) or the autosave (``writing``) opens it."""
    return database.session() if kind == "session" else database.writing()


@pytest.mark.parametrize("kind", ["session", "writing"])
def test_sqlite_connections_are_durable_wal_with_foreign_keys_and_a_busy_timeout(
    sqlite_database: Database, kind: str
) -> None:
    with _writer(sqlite_database, kind) as writer:
        pragma = {
            name: writer.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
        }
    assert pragma == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "busy_timeout": BUSY_TIMEOUT_MS,
        "synchronous": 2,
    }


@pytest.mark.parametrize("kind", ["session", "writing"])
def test_sqlite_write_sessions_take_the_write_lock_at_begin(
    sqlite_database: Database, kind: str
) -> None:
    with _writer(sqlite_database, kind) as writer:
        writer.execute(text("SELECT 1"))
        # A second writer on another connection cannot start while this one holds the lock.
        other = create_engine(sqlite_database.engine.url, connect_args={"timeout": 0})
        with other.connect() as connection, pytest.raises(Exception, match="locked"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        other.dispose()


@pytest.mark.parametrize("backend", backends())
def test_writing_commits_at_the_end_and_rolls_back_on_an_error(
    backend: str, tmp_path: Path
) -> None:
    stored = text("SELECT count(*) FROM questionnaires")
    raw = (ROOT / "questionnaires" / "risk-management.yaml").read_bytes()
    with fresh_database_url(backend, tmp_path) as url:
        database = Database(url)
        with pytest.raises(RuntimeError), database.writing() as connection:
            with Session(bind=connection) as session:
                repo.store_questionnaire(session, raw)
            raise RuntimeError
        with database.writing() as connection:
            assert connection.execute(stored).scalar() == 0
            with Session(bind=connection) as session:
                repo.store_questionnaire(session, raw)
        with database.reading() as connection:
            assert connection.execute(stored).scalar() == 1
        database.close()


def test_sqlite_second_writer_waits_instead_of_failing(
    sqlite_database: Database, tmp_path: Path
) -> None:
    holder = create_engine(sqlite_database.engine.url)
    locked, release = threading.Event(), threading.Event()

    def hold_the_write_lock() -> None:
        with holder.connect() as connection:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            locked.set()
            release.wait(10)
            connection.exec_driver_sql("COMMIT")

    thread = threading.Thread(target=hold_the_write_lock)
    thread.start()
    locked.wait(10)
    threading.Timer(0.5, release.set).start()
    started = time.monotonic()
    with sqlite_database.session() as session:
        repo.store_questionnaire(
            session, (ROOT / "questionnaires" / "risk-management.yaml").read_bytes()
        )
    assert time.monotonic() - started >= 0.4
    thread.join()
    holder.dispose()


def test_sqlite_readonly_sessions_read_while_another_process_writes(
    sqlite_database: Database,
) -> None:
    holder = create_engine(sqlite_database.engine.url)
    with holder.connect() as connection:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        started = time.monotonic()
        with sqlite_database.session(readonly=True) as session:
            assert repo.list_assessments(session) == []
        assert time.monotonic() - started < 1
        connection.exec_driver_sql("ROLLBACK")
    holder.dispose()


# --- opening and naming ----------------------------------------------------------------------


def test_default_url_is_a_file_in_the_user_data_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("AEO_ASSESS_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    url = default_url()
    assert url == f"sqlite:///{tmp_path / 'data' / 'aeo-assess' / 'aeo-assess.sqlite3'}"
    assert (tmp_path / "data" / "aeo-assess").is_dir()
    monkeypatch.setenv("AEO_ASSESS_DB", "postgresql+psycopg://office/aeo")
    assert default_url() == "postgresql+psycopg://office/aeo"


def test_location_names_the_file_or_the_server_without_its_password(tmp_path: Path) -> None:
    path = tmp_path / "here.sqlite3"
    assert Database(f"sqlite:///{path}").location == str(path)
    with pytest.raises(StorageError) as refused:
        Database("postgresql+psycopg://officer:s3cret@127.0.0.1:1/aeo?connect_timeout=2")
    message = str(refused.value)
    assert "postgresql+psycopg://officer@127.0.0.1:1/aeo" in message
    assert "s3cret" not in message


@pytest.mark.parametrize(
    ("url", "says"),
    [
        (
            "sqlite:////nonexistent-directory/aeo.sqlite3",
            "cannot open the database /nonexistent-directory",
        ),
        ("not a url", "not a database URL"),
    ],
)
def test_unusable_databases_are_refused_with_a_message(url: str, says: str) -> None:
    with pytest.raises(StorageError, match=says):
        Database(url)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database\n" * 100)
    with pytest.raises(StorageError, match=f"cannot open the database {path}"):
        Database(f"sqlite:///{path}")


def test_describe_url_names_the_database_without_opening_it(tmp_path: Path) -> None:
    assert describe_url(f"sqlite:///{tmp_path}/x/../a.sqlite3") == str(tmp_path / "a.sqlite3")
    assert describe_url("postgresql+psycopg://officer:s3cret@db.example:5432/aeo") == (
        "postgresql+psycopg://officer@db.example:5432/aeo"
    )
    assert describe_url("not a url") == "not a url"
    assert not (tmp_path / "a.sqlite3").exists()


def test_levels_from_before_the_verdict_rules_are_recomputed_on_open(
    database: Database, database_url: str, new_assessment: NewAssessment
) -> None:
    """A 0003 database stored levels by the old rules ('nearly ready' on one answer): opening it
    in this release migrates and rescores, so the list shows today's verdict."""
    assessment_id = new_assessment()
    with database.session() as session:
        repo.set_answer(session, assessment_id, "C1.01", Answer(value=2), "ana")
        expected = repo.list_assessments(session)[0]
    assert expected.provisional
    with database.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), "0003_reviews")
        connection.execute(text("UPDATE assessments SET level = 'nearly_ready'"))
    database.close()
    again = Database(database_url)
    with again.session() as session:
        (summary,) = repo.list_assessments(session)
        kept = repo.get_assessment(session, assessment_id).answers
    again.close()
    assert kept == {"C1.01": Answer(value=2)}  # the migration loses no answer
    assert summary.id == assessment_id
    assert (summary.level, summary.provisional) == (expected.level, True)
    assert summary.level != "nearly_ready"
