"""What a command loads: the command line must not pay for what it does not use (issue 5).

Each case runs the command in a fresh interpreter and lists the heavy libraries it imported.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from aeo_assess.files.applicant import write_applicant_file
from aeo_assess.questionnaires import registry
from aeo_assess.questionnaires.registry import shipped_raw
from aeo_assess.services import transfer
from aeo_assess.services.context import open_context
from aeo_assess.services.demo import create_demo_data
from tests.reporting.samples import evidence_file, full_assessment, safe_aeo

DATABASE_LAYER = ("sqlalchemy", "alembic", "jsonschema")
QT = ("PySide6",)


def loaded(argv: list[str], libraries: tuple[str, ...]) -> list[str]:
    """Which of ``libraries`` (packages or modules, with what is under them) running
    ``aeo-assess argv`` imports (the command must succeed)."""
    probe = (
        "import sys\n"
        "from aeo_assess.cli.main import main\n"
        "try:\n"
        f"    code = main({argv!r})\n"
        "except SystemExit as stop:\n"
        "    code = stop.code\n"
        "assert not code, code\n"
        f"found = {{name for name in {set(libraries)!r} for m in sys.modules\n"
        "         if m == name or m.startswith(name + '.')}\n"
        "print('loaded:', *sorted(found))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.rsplit("loaded:", 1)[1].split()


@pytest.mark.slow
def test_help_loads_no_database_layer_no_reportlab_and_no_qt() -> None:
    assert loaded(["--help"], (*DATABASE_LAYER, "reportlab", *QT)) == []


@pytest.mark.slow
def test_the_report_of_an_applicant_file_loads_no_database_layer(tmp_path: Path) -> None:
    """A file answered on a shipped questionnaire is recognised by its SHA-256, so neither the
    database nor the questionnaire schema validation is needed to report on it."""
    questionnaire = safe_aeo()
    evidence = {hashlib.sha256(evidence_file(n)).hexdigest(): evidence_file(n) for n in range(2)}
    source = tmp_path / "applicant.aeoa"
    source.write_bytes(
        write_applicant_file(
            full_assessment(questionnaire, evidence=2), shipped_raw(questionnaire), evidence
        )
    )
    out = tmp_path / "report.pdf"
    argv = ["report", str(source), "-o", str(out), "--page-size", "A4"]
    assert loaded(argv, (*DATABASE_LAYER, *QT)) == []
    assert out.read_bytes().startswith(b"%PDF")


NOT_FOR_A_STORED_REPORT = (
    "sqlalchemy.orm",
    "alembic",
    "aeo_assess.storage.models",
    "aeo_assess.storage.repository",
    "aeo_assess.services.assessments",
    "aeo_assess.services.benchmarks",
    "aeo_assess.services.transfer",
    "cryptography",
)
"""What changing assessments and reading files need, and reading one assessment for its
report does not (issue 19)."""


@pytest.mark.slow
def test_the_report_from_the_database_loads_no_orm_and_no_migrations(tmp_path: Path) -> None:
    """The assessment, its signature and its peers are read with SQLAlchemy Core, an
    up-to-date database is recognised by its stamp without Alembic, and the report is written
    without the file formats: an imported submission, and a demonstration assessment
    compared with its peers."""
    url = f"sqlite:///{tmp_path / 'aeo.sqlite3'}"
    ctx = open_context(url)
    source = tmp_path / "applicant.aeoa"
    questionnaire = safe_aeo()
    source.write_bytes(
        write_applicant_file(
            full_assessment(questionnaire, evidence=0), shipped_raw(questionnaire), {}
        )
    )
    imported = transfer.import_applicant_file(ctx, source).assessment_id
    demo = create_demo_data(ctx, count=6)[0]
    ctx.database.close()
    for target in (imported, demo[:8]):
        out = tmp_path / f"{target}.pdf"
        argv = ["--db", url, "report", target, "-o", str(out)]
        assert loaded(argv, (*NOT_FOR_A_STORED_REPORT, *QT)) == []
        assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.slow
def test_a_report_reads_the_cached_questionnaire_without_pyyaml(tmp_path: Path) -> None:
    """Once the cache holds the shipped questionnaires' parsed form (their first parse writes
    it), a report from the database or from a file imports neither PyYAML nor the
    validators."""
    registry._trusted.cache_clear()
    registry.shipped()  # parsed here, so kept in this test's cache directory
    url = f"sqlite:///{tmp_path / 'aeo.sqlite3'}"
    ctx = open_context(url)
    demo = create_demo_data(ctx, count=6)[0]
    ctx.database.close()
    source = tmp_path / "applicant.aeoa"
    questionnaire = safe_aeo()
    source.write_bytes(
        write_applicant_file(
            full_assessment(questionnaire, evidence=0), shipped_raw(questionnaire), {}
        )
    )
    parsing = ("yaml", "jsonschema", "aeo_assess.questionnaires.loader")
    for argv in (["--db", url, "report", demo, "-o", str(tmp_path / "db.pdf")],
                 ["report", str(source), "-o", str(tmp_path / "file.pdf")]):
        assert loaded(argv, parsing) == []
