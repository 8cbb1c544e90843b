"""Mutated applicant files imported into a database: every outcome is a clean refusal that
leaves the database exactly as it was, or a correct import (1,000 cases, SQLite)."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import inspect, text

from aeo_assess.files import read_applicant_file
from aeo_assess.services import assessments, transfer
from aeo_assess.services.context import AppContext, open_context
from aeo_assess.services.errors import ServiceError
from tests.files.applicant_helpers import same_content
from tests.files.test_mutations import damaged, edited_files

SLOW_OK = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppContext, Path]]:
    directory = tmp_path_factory.mktemp("mutations")
    ctx = open_context(f"sqlite:///{directory / 'db.sqlite3'}")
    assessments.create_assessment(
        ctx, questionnaire_id="safe-aeo", company="Bystander", country="GT",
        roles=["importer"], aeo_types=["security"],
    )
    yield ctx, directory
    ctx.database.close()


def fingerprint(ctx: AppContext) -> str:
    """A digest of every row of every table."""
    digest = hashlib.sha256()
    with ctx.database.engine.connect() as connection:
        for table in sorted(inspect(connection).get_table_names()):
            rows = sorted(repr(tuple(r)) for r in connection.execute(text(f'SELECT * FROM "{table}"')))
            digest.update(f"{table}:{rows}".encode())
    return digest.hexdigest()


def import_and_check(ctx: AppContext, directory: Path, data: bytes) -> None:
    path = directory / "mutated.aeoa"
    path.write_bytes(data)
    before = fingerprint(ctx)
    try:
        result = transfer.import_applicant_file(ctx, path)
    except ServiceError as error:
        assert str(error).startswith(str(path))
        assert fingerprint(ctx) == before
        return
    expected = read_applicant_file(data, str(path)).assessment
    _, stored, _ = assessments.load(ctx, result.assessment_id)
    if stored.previous_submission_id is not None:  # a local link to an earlier submission
        assessments.load(ctx, stored.previous_submission_id)
    # a file without timestamps is stamped when it is stored
    expected = dataclasses.replace(
        expected,
        created_at=expected.created_at or stored.created_at,
        updated_at=expected.updated_at or stored.updated_at,
    )
    assert same_content(dataclasses.replace(stored, previous_submission_id=None), expected)
    if not result.duplicate:
        assessments.delete_assessment(ctx, result.assessment_id)


@settings(max_examples=600, deadline=None, suppress_health_check=SLOW_OK)
@given(data=damaged())
def test_damaged_bytes(shared: tuple[AppContext, Path], data: bytes) -> None:
    import_and_check(*shared, data)


@settings(max_examples=400, deadline=None, suppress_health_check=SLOW_OK)
@given(data=edited_files())
def test_edited_fields(shared: tuple[AppContext, Path], data: bytes) -> None:
    import_and_check(*shared, data)
