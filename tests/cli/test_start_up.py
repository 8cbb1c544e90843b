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
from aeo_assess.questionnaires.registry import shipped_raw
from tests.reporting.samples import evidence_file, full_assessment, safe_aeo

DATABASE_LAYER = ("sqlalchemy", "alembic", "jsonschema")
QT = ("PySide6",)


def loaded(argv: list[str], libraries: tuple[str, ...]) -> list[str]:
    """Which of ``libraries`` running ``aeo-assess argv`` imports (the command must succeed)."""
    probe = (
        "import sys\n"
        "from aeo_assess.cli.main import main\n"
        "try:\n"
        f"    code = main({argv!r})\n"
        "except SystemExit as stop:\n"
        "    code = stop.code\n"
        "assert not code, code\n"
        f"found = {{m.split('.')[0] for m in sys.modules}} & {set(libraries)!r}\n"
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
