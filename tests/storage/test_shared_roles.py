"""The shared-database roles of docs/shared-database.md, on PostgreSQL: an officer's role
imports applicant files and writes reviews through the services, and the server refuses it the
rest (changing or deleting an applicant's answers and evidence, upgrading the schema), each
refusal a one-line StorageError or ServiceError, never a traceback."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from aeo_assess.domain.review import Severity, Verdict
from aeo_assess.services import assessments, evidence, reviews, transfer
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage.database import Database, StorageError
from tests.db_fixtures import PG_ENV, PG_SKIP_REASON, fresh_database_url

pytestmark = pytest.mark.skipif(not os.environ.get(PG_ENV), reason=PG_SKIP_REASON)

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
GRANTS = SCRIPTS / "shared-database-grants.sql"
ROLES = SCRIPTS / "shared-database-roles.sql"


@dataclass
class Shared:
    owner: AppContext
    officer_url: str
    folder: Path


def run_script(url: str, sql: str) -> None:
    """Run a psql-free SQL script (several statements, no parameters) as psql would."""
    engine = create_engine(url)
    try:
        connection = engine.raw_connection()
        try:
            connection.cursor().execute(sql)
            connection.commit()
        finally:
            connection.close()
    finally:
        engine.dispose()


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[Shared]:
    """A migrated database owned by the test role, the grants script run on it, and an
    officer login (in a group named like the documented one) to open it with."""
    suffix = uuid.uuid4().hex[:12]
    group, login = f"aeo_officer_{suffix}", f"officer_{suffix}"
    admin = create_engine(os.environ[PG_ENV])
    with admin.begin() as connection:
        connection.execute(text(f"CREATE ROLE {group} NOLOGIN"))
        connection.execute(text(f"CREATE ROLE {login} LOGIN PASSWORD 'officer' IN ROLE {group}"))
    try:
        with fresh_database_url("postgresql", tmp_path) as owner_url:
            owner = Database(owner_url)
            try:
                run_script(owner_url, re.sub(r"\baeo_officer\b", group, GRANTS.read_text("utf-8")))
                officer_url = make_url(owner_url).set(username=login, password="officer")
                yield Shared(AppContext(owner, user="owner"),
                             officer_url.render_as_string(hide_password=False), tmp_path)
            finally:
                owner.close()
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP ROLE IF EXISTS {login}"))
            connection.execute(text(f"DROP ROLE IF EXISTS {group}"))
        admin.dispose()


def applicant_file(folder: Path) -> Path:
    """A trader's submission, written on the trader's own (SQLite) installation."""
    with fresh_database_url("sqlite", folder) as url:
        trader = AppContext(Database(url), user="trader")
        try:
            trader_id = assessments.create_assessment(
                trader, questionnaire_id="safe-aeo", company="Café Ñandú S.A.", country="CR",
                roles=["exporter"], aeo_types=["security"],
            )
            assessments.set_value(trader, trader_id, "SAFE-A.03", 3)
            evidence.attach_bytes(trader, trader_id, "log.txt", "text/plain", b"log",
                                  ["SAFE-A.03"])
            out = folder / "submission.aeoa"
            transfer.export_assessment(trader, trader_id, out)
        finally:
            trader.database.close()
    return out


def test_the_documented_scripts_name_the_documented_roles() -> None:
    roles = ROLES.read_text("utf-8")
    assert "CREATE ROLE aeo_owner LOGIN" in roles and "CREATE ROLE aeo_officer NOLOGIN" in roles
    assert "aeo_officer" in GRANTS.read_text("utf-8")


def test_an_officer_imports_and_reviews_and_may_not_touch_the_answers(shared: Shared) -> None:
    officer = AppContext(Database(shared.officer_url), user="maria")
    try:
        submission = transfer.import_applicant_file(
            officer, applicant_file(shared.folder)).assessment_id
        assert [s.id for s in assessments.list_assessments(officer)] == [submission]
        reviews.set_verdict(officer, submission, "SAFE-A.03", Verdict.NEEDS_EVIDENCE,
                            "Muestre el registro de visitas.")
        review = reviews.add_finding(officer, submission, severity=Severity.MINOR,
                                     criterion_id="SAFE-A", text="Sin registro en la puerta 2.")
        assert review.questions["SAFE-A.03"].verdict == Verdict.NEEDS_EVIDENCE
        assert len(review.findings) == 1
        out = shared.folder / "review.aeor"
        assert reviews.export_review(officer, submission, out).exists()

        # The application refuses changing a submission; the server refuses deleting it.
        with pytest.raises(ServiceError):
            assessments.set_value(officer, submission, "SAFE-A.03", 0)
        with pytest.raises(StorageError, match="does not allow this to your role") as refused:
            assessments.delete_assessment(officer, submission)
        assert "\n" not in str(refused.value)
        # The server is the guard, not only the application: a direct write is refused too.
        for statement in ("UPDATE answers SET comment = 'changed'", "DELETE FROM evidence"):
            with (pytest.raises(StorageError, match="does not allow this to your role"),
                  officer.database.session() as session):
                session.execute(text(statement))
        _, kept, _ = assessments.load(shared.owner, submission)
        assert kept.answers["SAFE-A.03"].value == 3 and kept.evidence
    finally:
        officer.database.close()


def test_an_officer_does_not_upgrade_an_older_schema(shared: Shared) -> None:
    with shared.owner.database.session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '0005_upgrades'"))
    with pytest.raises(StorageError, match="older schema .*0005_upgrades.* may not upgrade"):
        Database(shared.officer_url)


def test_an_officer_is_told_to_update_for_a_newer_schema(shared: Shared) -> None:
    with shared.owner.database.session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '0099_future'"))
    with pytest.raises(StorageError, match="written by a newer version of aeo-assess"):
        Database(shared.officer_url)


def test_an_officer_opens_a_current_schema_without_migrating(shared: Shared) -> None:
    officer = Database(shared.officer_url)
    try:
        with officer.session(readonly=True) as session:
            assert session.execute(text("SELECT count(*) FROM assessments")).scalar() == 0
    finally:
        officer.close()
