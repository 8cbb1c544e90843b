"""``aeo-assess demo``, ``workshop report`` and ``workshop print-all`` end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from aeo_assess.cli.main import main
from aeo_assess.services.assessments import list_assessments
from aeo_assess.services.context import open_context
from tests.reporting.samples import reader, text_of


def test_demo_workshop_summary_and_print_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert main(["--db", url, "demo", "--count", "12"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("workshop 1 ") and "12 demonstration assessments" in out

    summary = tmp_path / "summary.pdf"
    assert main(["--db", url, "workshop", "report", "1", "-o", str(summary), "--lang", "es"]) == 0
    text = text_of(summary.read_bytes())
    assert "Resumen del taller" in text
    assert all("Datos de demostración" in page.extract_text()
               for page in reader(summary.read_bytes()).pages)
    ctx = open_context(url)
    companies = [row.company for row in list_assessments(ctx)]
    ctx.database.close()
    assert not any(company in text for company in companies)

    folder = tmp_path / "reports"
    assert main(["--db", url, "workshop", "print-all", "1", "-o", str(folder), "--jobs", "1"]) == 0
    assert "12 reports written" in capsys.readouterr().out
    assert len(list(folder.glob("*.pdf"))) == 12


def test_an_unknown_workshop_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    assert main(["--db", url, "workshop", "report", "Taller", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "no workshop 'Taller'" in capsys.readouterr().err
