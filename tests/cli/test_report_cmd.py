"""``aeo-assess report``: one report, a batch into a directory, errors as one line each, and a
command line that never loads Qt."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from aeo_assess.cli.main import main
from aeo_assess.services import assessments
from aeo_assess.services.context import AppContext, open_context
from tests.reporting.samples import text_of


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite3'}"


@pytest.fixture
def ctx(url: str) -> Iterator[AppContext]:
    context = open_context(url)
    yield context
    context.database.close()


def create(ctx: AppContext, company: str) -> str:
    return assessments.create_assessment(
        ctx, questionnaire_id="safe-aeo", company=company, country="PE",
        roles=["exporter"], aeo_types=["security", "compliance"],
    )


def test_one_report_in_spanish_on_letter(
    ctx: AppContext, url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assessment_id = create(ctx, "Agroexportadora Ñandú S.A.C.")
    out = tmp_path / "informe.pdf"
    code = main(["--db", url, "report", assessment_id[:8], "-o", str(out), "--lang", "es",
                 "--page-size", "Letter"])
    assert code == 0
    assert capsys.readouterr().out.strip() == str(out)
    text = text_of(out.read_bytes())
    assert "Agroexportadora Ñandú S.A.C." in text and "Resumen ejecutivo" in text


def test_one_report_pauses_garbage_collection_only_while_it_runs(
    ctx: AppContext, url: str, tmp_path: Path
) -> None:
    """The collector is paused for a single report and running again after it, even when the
    report fails: a program (or a test run) that calls the command goes on collecting."""
    assessment_id = create(ctx, "Uno S.A.")
    assert main(["--db", url, "report", assessment_id, "-o", str(tmp_path / "one.pdf")]) == 0
    assert gc.isenabled()
    assert main(["--db", url, "report", "missing-id", "-o", str(tmp_path / "two.pdf")]) == 1
    assert gc.isenabled()


def test_one_report_leaves_what_it_made_frozen_for_the_collector(
    ctx: AppContext, url: str, tmp_path: Path
) -> None:
    """Neither the next collection nor the exit walks what a single report made."""
    assessment_id = create(ctx, "Uno S.A.")
    gc.unfreeze()
    try:
        assert main(["--db", url, "report", assessment_id, "-o", str(tmp_path / "one.pdf")]) == 0
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_batch_reports_the_bad_one_and_writes_the_others(
    ctx: AppContext, url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = [create(ctx, name) for name in ("Uno S.A.", "Dos S.A.")]
    out = tmp_path / "reports"
    code = main(["--db", url, "report", ids[0], "missing-id", ids[1], "-o", str(out)])
    assert code == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == "error: missing-id: no assessment with id 'missing-id'"
    assert sorted(Path(line).name for line in captured.out.split()) == sorted(
        p.name for p in out.iterdir()
    )
    assert len(list(out.iterdir())) == 2


def test_several_reports_need_a_directory(
    ctx: AppContext, url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = [create(ctx, name) for name in ("Uno S.A.", "Dos S.A.")]
    code = main(["--db", url, "report", *ids, "-o", str(tmp_path / "both.pdf")])
    assert code == 1
    assert capsys.readouterr().err.startswith("error: 2 reports need a directory")


@pytest.mark.slow
def test_the_report_command_loads_neither_qt_nor_reportlab_for_other_commands(
    ctx: AppContext, url: str, tmp_path: Path
) -> None:
    assessment_id = create(ctx, "Tres S.A.")
    probe = (
        "import sys\n"
        "from aeo_assess.cli.main import main\n"
        f"code = main(['--db', {url!r}, 'report', {assessment_id!r}, '-o', "
        f"{str(tmp_path / 'r.pdf')!r}])\n"
        "assert code == 0, code\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt loaded'\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=False)
    assert done.stdout.strip().endswith("ok"), done.stderr
    lean = subprocess.run(
        [sys.executable, "-c", "import sys; from aeo_assess.cli.main import build_parser; "
         "build_parser(); print('reportlab' in sys.modules)"],
        capture_output=True, text=True, check=True,
    )
    assert lean.stdout.strip() == "False"
