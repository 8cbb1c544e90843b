"""Many applicant files in one transaction (issue 19): each file all or nothing in a savepoint
of its own, a refused one reported and rolled back alone, the others imported."""

from __future__ import annotations

import dataclasses
import uuid
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from aeo_assess.domain.assessment import Answer
from aeo_assess.domain.questionnaire import QuestionType
from aeo_assess.files.applicant import write_applicant_file
from aeo_assess.questionnaires.registry import find
from aeo_assess.services import assessments, transfer
from aeo_assess.services.context import AppContext
from aeo_assess.storage import repository as repo
from aeo_assess.storage import signature_repository as sig_repo
from aeo_assess.storage.benchmark_models import CriterionScoreRow
from aeo_assess.storage.errors import StorageError
from aeo_assess.storage.models import AnswerRow, AssessmentRow, EvidenceRow, QuestionnaireRow
from tests.files.samples import EVIDENCE_DATA, QUESTIONNAIRE_RAW, sample_assessment

SAFE_AEO = find("safe-aeo")
assert SAFE_AEO is not None
QUESTION = next(
    q.id for q in SAFE_AEO.questions()
    if q.type is QuestionType.MATURITY and not q.roles and not q.aeo_types and q.show_if is None
)


def _applicant_files(ctx: AppContext, directory: Path, count: int) -> list[Path]:
    paths = []
    for i in range(count):
        assessment_id = assessments.create_assessment(
            ctx, questionnaire_id="safe-aeo", company=f"Exportadora {i}", country="PE",
            roles=["exporter"], aeo_types=["security"],
        )
        assessments.set_value(ctx, assessment_id, QUESTION, 3)
        assessments.set_comment(ctx, assessment_id, QUESTION, "revisado por la gerencia")
        path = directory / f"applicant-{i}.aeoa"
        transfer.export_assessment(ctx, assessment_id, path)
        assessments.delete_assessment(ctx, assessment_id)
        paths.append(path)
    return paths


def _tampered(path: Path, out: Path) -> Path:
    """The same file with one byte of assessment.json changed: its hash no longer matches."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "assessment.json":
                data = data.replace(b"revisado", b"revisadx")
            target.writestr(info, data)
    return out


def _count(ctx: AppContext, column: object) -> int:
    with ctx.database.session(readonly=True) as session:
        return int(session.scalar(select(func.count(column))) or 0)  # type: ignore[call-overload]


def test_a_refused_file_spoils_none_of_the_others(ctx: AppContext, tmp_path: Path) -> None:
    first, second, third = _applicant_files(ctx, tmp_path, 3)
    bad = _tampered(second, tmp_path / "tampered.aeoa")
    missing = tmp_path / "missing.aeoa"
    outcomes = transfer.import_applicant_files(ctx, [first, bad, third, missing, first])

    assert [type(o).__name__ for o in outcomes] == [
        "ImportResult", "ImportRefused", "ImportResult", "ImportRefused", "ImportResult",
    ]
    refused = outcomes[1]
    assert isinstance(refused, transfer.ImportRefused)
    assert "does not match its SHA-256" in refused.reason
    assert refused.message.startswith(str(bad))
    again = outcomes[4]
    assert isinstance(again, transfer.ImportResult) and again.duplicate
    for outcome in (outcomes[0], outcomes[2]):
        assert isinstance(outcome, transfer.ImportResult) and not outcome.duplicate
        _questionnaire, stored, card = assessments.load(ctx, outcome.assessment_id)
        assert stored.answers[QUESTION] == Answer(3, comment="revisado por la gerencia")
        assert card.answered == 1
    assert _count(ctx, AssessmentRow.id) == 2


def test_a_file_the_database_refuses_midway_is_rolled_back_alone(
    ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The failure comes after the assessment and its answers were inserted: the savepoint
    takes them back, and the files before and after it stay imported."""
    paths = _applicant_files(ctx, tmp_path, 3)
    real = repo.insert_criterion_scores
    calls = iter(range(3))

    def fail_second(*args: object) -> None:
        if next(calls) == 1:
            raise StorageError("disk full (simulated)")
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(repo, "insert_criterion_scores", fail_second)
    outcomes = transfer.import_applicant_files(ctx, paths)
    assert [type(o).__name__ for o in outcomes] == ["ImportResult", "ImportRefused", "ImportResult"]
    assert isinstance(outcomes[1], transfer.ImportRefused)
    assert outcomes[1].reason == "disk full (simulated)"
    assert _count(ctx, AssessmentRow.id) == 2
    assert _count(ctx, AnswerRow.assessment_id) == 2
    with ctx.database.session(readonly=True) as session:
        scored = set(session.scalars(select(CriterionScoreRow.assessment_id).distinct()))
    assert scored == {o.assessment_id for o in outcomes if isinstance(o, transfer.ImportResult)}


def test_progress_and_cancel(ctx: AppContext, tmp_path: Path) -> None:
    paths = _applicant_files(ctx, tmp_path, 3)
    seen: list[tuple[int, int, str]] = []
    outcomes = transfer.import_applicant_files(
        ctx, paths, progress=lambda *step: seen.append(step), cancelled=lambda: len(seen) == 2
    )
    assert len(outcomes) == 2
    assert seen == [(1, 3, paths[0].name), (2, 3, paths[1].name)]
    assert _count(ctx, AssessmentRow.id) == 2


def test_a_database_error_in_one_file_is_that_file_s_refusal(
    ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real constraint violation (the scores inserted twice) inside one file's savepoint:
    on PostgreSQL the transaction stays usable, and the next file is imported."""
    paths = _applicant_files(ctx, tmp_path, 2)
    real = repo.insert_criterion_scores
    calls = iter(range(2))

    def twice_for_the_first(*args: object) -> None:
        real(*args)  # type: ignore[arg-type]
        if next(calls) == 0:
            real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(repo, "insert_criterion_scores", twice_for_the_first)
    refused, imported = transfer.import_applicant_files(ctx, paths)
    assert isinstance(refused, transfer.ImportRefused)
    assert refused.reason.startswith("the database refused it: ")
    assert isinstance(imported, transfer.ImportResult) and not imported.duplicate
    assert _count(ctx, AssessmentRow.id) == 1


def test_each_file_is_stored_as_alone_though_the_batch_looks_questionnaires_up_once(
    ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch remembers the questionnaires stored in it and hands each file's parsed one
    and its signature to the insert. What lands must be what the slow path reads back: the
    file's assessment on the file's exact questionnaire, with the outcome's signature. The
    questionnaire the refused first file stored went with its savepoint, so the next file on
    it must store it again rather than point at a row that no longer exists."""
    on_every_type = []
    for i in range(3):
        assessment = dataclasses.replace(
            sample_assessment(), id=str(uuid.UUID(int=i + 1)), company=f"Naviera {i}"
        )
        path = tmp_path / f"every-type-{i}.aeoa"
        path.write_bytes(write_applicant_file(assessment, QUESTIONNAIRE_RAW, EVIDENCE_DATA))
        on_every_type.append(path)
    on_safe_aeo = _applicant_files(ctx, tmp_path, 2)
    paths = [on_every_type[0], on_safe_aeo[0], on_every_type[1], on_safe_aeo[1], on_every_type[2]]
    real = repo.insert_criterion_scores
    calls = iter(range(len(paths)))

    def fail_first(*args: object) -> None:
        if next(calls) == 0:
            raise StorageError("disk full (simulated)")
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(repo, "insert_criterion_scores", fail_first)
    outcomes = transfer.import_applicant_files(ctx, paths)
    assert isinstance(outcomes[0], transfer.ImportRefused)
    for path, outcome in zip(paths[1:], outcomes[1:], strict=True):
        assert isinstance(outcome, transfer.ImportResult) and not outcome.duplicate
        applicant = transfer.read_file(path)
        with ctx.database.session(readonly=True) as session:
            stored = repo.get_assessment(session, outcome.assessment_id)
            raw = repo.questionnaire_raw_for(session, outcome.assessment_id)
            signature = sig_repo.submission_signature(session, outcome.assessment_id)
            evidence_data = {
                e.sha256: repo.evidence_data(session, outcome.assessment_id, e.sha256)
                for e in stored.evidence
            }
        assert raw == applicant.questionnaire_raw
        assert set(stored.evidence) == set(applicant.assessment.evidence)
        assert evidence_data == applicant.evidence_data
        assert stored.answers == applicant.assessment.answers
        assert (stored.company, stored.plan) == (
            applicant.assessment.company, applicant.assessment.plan
        )
        assert stored.submission_sha256 == applicant.submission_sha256
        assert signature == outcome.signature
    assert _count(ctx, QuestionnaireRow.pk) == 2
    assert _count(ctx, EvidenceRow.id) == 2 * len(EVIDENCE_DATA)  # none of the refused file's
