"""Report use cases: one report written atomically; batches across processes that survive one
bad assessment; reports of applicant files without a database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from aeo_assess.i18n import render
from aeo_assess.services import assessments, reports, transfer
from aeo_assess.services.context import AppContext, open_context
from aeo_assess.services.errors import ServiceError
from tests.reporting.samples import text_of

OPTIONS = reports.ReportOptions(language="es", page_size="Letter")


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'reports.sqlite3'}"


@pytest.fixture
def ctx(url: str) -> Iterator[AppContext]:
    context = open_context(url)
    yield context
    context.database.close()


def create(ctx: AppContext, company: str) -> str:
    assessment_id = assessments.create_assessment(
        ctx, questionnaire_id="safe-aeo", company=company, country="CR",
        roles=["importer"], aeo_types=["security"],
    )
    assessments.set_value(ctx, assessment_id, "SAFE-A.02", True)
    assessments.set_comment(ctx, assessment_id, "SAFE-A.02", "Checked <twice> & signed")
    return assessment_id


def test_write_one_report_to_a_file_or_into_a_directory(ctx: AppContext, tmp_path: Path) -> None:
    assessment_id = create(ctx, "Café Ñandú & Cía")
    out = reports.write_report(ctx, assessment_id[:8], tmp_path / "report.pdf", OPTIONS)
    assert out == tmp_path / "report.pdf"
    text = text_of(out.read_bytes())
    assert "Café Ñandú & Cía" in text and "Checked <twice> & signed" in text
    assert "Resumen ejecutivo" in text
    into = reports.write_report(ctx, assessment_id, tmp_path, OPTIONS)
    assert into.name == f"cafe-nandu-cia-{assessment_id[:8]}.pdf"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == sorted(
        ["report.pdf", into.name]
    )


def test_a_failed_write_leaves_no_file(ctx: AppContext, tmp_path: Path) -> None:
    assessment_id = create(ctx, "Acme")
    with pytest.raises(ServiceError, match="cannot write"):
        reports.write_report(ctx, assessment_id, tmp_path / "missing" / "r.pdf", OPTIONS)
    with pytest.raises(ServiceError, match="no assessment with id 'nope'"):
        reports.write_report(ctx, "nope", tmp_path / "r.pdf", OPTIONS)
    with pytest.raises(ServiceError, match="page size 'A3'"):
        reports.write_report(ctx, assessment_id, tmp_path / "r.pdf",
                             reports.ReportOptions(page_size="A3"))
    assert not [p for p in tmp_path.rglob("*") if "r.pdf" in p.name]  # nor a temporary file


def test_an_applicant_file_reports_without_a_database(ctx: AppContext, tmp_path: Path) -> None:
    assessment_id = create(ctx, "Exportadora del Sur")
    applicant = transfer.export_assessment(ctx, assessment_id, tmp_path / "sur.aeoa")
    out = reports.write_report(None, str(applicant), tmp_path / "sur.pdf", OPTIONS)
    assert "Exportadora del Sur" in text_of(out.read_bytes())


def test_batch_reports_a_bad_assessment_and_writes_the_others(
    ctx: AppContext, url: str, tmp_path: Path
) -> None:
    good = [create(ctx, f"Operador {n}") for n in range(3)]
    seen: list[tuple[int, int]] = []
    result = reports.write_reports(
        url, [good[0], "no-such-id", *good[1:]], tmp_path / "out", OPTIONS, workers=2,
        progress=lambda done, total, _target: seen.append((done, total)),
    )
    assert [o.target for o in result.outcomes] == [good[0], "no-such-id", *good[1:]]
    assert [(o.target, str(o.error)) for o in result.failed] == [
        ("no-such-id", "no assessment with id 'no-such-id'")]
    failure = result.failed[0].error  # back from a worker process, still a message
    assert failure is not None and failure.code == "assessments.no_assessment_with_id"
    assert render(failure, "es") == "no hay ninguna evaluación con el identificador 'no-such-id'"
    written = [o.path for o in result.outcomes if o.path]
    assert len(written) == 3 and all(p and p.read_bytes().startswith(b"%PDF") for p in written)
    assert sorted(seen) == [(n, 4) for n in range(1, 5)]
    assert not result.cancelled


def test_batch_in_one_process_and_cancel(ctx: AppContext, url: str, tmp_path: Path) -> None:
    good = [create(ctx, f"Operador {n}") for n in range(3)]
    done: list[str] = []
    result = reports.write_reports(
        url, good, tmp_path / "out", OPTIONS, workers=1,
        progress=lambda _d, _t, target: done.append(target), cancelled=lambda: len(done) >= 1,
    )
    assert result.cancelled
    assert [o.target for o in result.outcomes] == good[:1]
    assert len(list((tmp_path / "out").iterdir())) == 1
