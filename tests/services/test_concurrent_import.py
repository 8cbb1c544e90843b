"""Two officers import the same applicant file at the same moment on a shared database: both
look-ups find nothing, the second insert meets the unique submission hash, and the second
officer gets "already imported" instead of a database error. On SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from aeo_assess.services import assessments, transfer
from aeo_assess.services.context import AppContext
from aeo_assess.storage import repository as repo


def test_the_same_file_imported_twice_at_once_is_one_submission(
    ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    own = assessments.create_assessment(
        ctx, questionnaire_id="safe-aeo", company="Agroexportadora del Valle S.A.",
        country="GT", roles=["exporter"], aeo_types=["security"],
    )
    assessments.set_value(ctx, own, "SAFE-A.03", 2)
    out = tmp_path / "solicitud.aeoa"
    transfer.export_assessment(ctx, own, out)
    first = transfer.import_applicant_file(ctx, out)

    real = repo.find_by_submission
    calls: list[str] = []

    def not_yet_committed(session: repo.Session, sha256: str) -> str | None:
        """The other officer's import is not visible yet the first time one looks."""
        calls.append(sha256)
        return None if len(calls) == 1 else real(session, sha256)

    monkeypatch.setattr(repo, "find_by_submission", not_yet_committed)
    second = transfer.import_applicant_file(ctx, out)
    assert second.duplicate and second.assessment_id == first.assessment_id
    imported = [s for s in assessments.list_assessments(ctx) if s.id != own]
    assert [s.id for s in imported] == [first.assessment_id]
