"""``aeo-assess benchmark ...``, ``import FILE.aeob`` and ``workshop ...`` end to end."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from aeo_assess.cli.main import main
from aeo_assess.services import transfer
from aeo_assess.services.context import open_context
from tests.benchmarks.helpers import populate


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def customs(tmp_path: Path) -> tuple[str, list[str]]:
    """A database with 7 completed Costa Rican and 5 Peruvian assessments."""
    url = f"sqlite:///{tmp_path / 'customs.sqlite3'}"
    ctx = open_context(url)
    ids = populate(ctx, 1, CR=7, PE=5)
    ctx.database.close()
    return url, ids


def test_export_import_list_remove(
    customs: tuple[str, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = customs
    pack = tmp_path / "peers.aeob"
    code, out, err = run(
        capsys, "--db", url, "benchmark", "export", "-o", str(pack), "--origin", "Aduana"
    )
    assert code == 0, err
    assert out.startswith(f"{pack}: 5 groups of 5 or more (safe-aeo@2027.1); 0 left out")

    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    code, out, err = run(capsys, "--db", other, "import", str(pack))
    assert code == 0, err
    assert re.fullmatch(
        rf"{re.escape(str(pack))}: benchmark pack 1 from Aduana "
        r"\(\d{4}-\d{2}-\d{2}, k = 5, 5 groups, safe-aeo@2027\.1\)\n",
        out,
    )
    code, out, _ = run(capsys, "--db", other, "import", str(pack))
    assert out == f"{pack}: benchmark pack already imported as 1; nothing changed\n"

    code, out, _ = run(capsys, "--db", other, "benchmark", "list", "--json")
    (listed,) = json.loads(out)
    assert (listed["id"], listed["origin"], listed["k"], listed["groups"], listed["demo"]) == (
        1,
        "Aduana",
        5,
        5,
        False,
    )
    assert run(capsys, "--db", other, "benchmark", "remove", "1")[:2] == (
        0,
        "benchmark pack 1 removed\n",
    )
    code, _, err = run(capsys, "--db", other, "benchmark", "remove", "1")
    assert (code, err) == (1, "error: no imported benchmark pack 1\n")


def test_compare(customs: tuple[str, list[str]], capsys: pytest.CaptureFixture[str]) -> None:
    url, ids = customs
    code, out, err = run(capsys, "--db", url, "benchmark", "compare", ids[0][:8], "--json")
    assert code == 0, err
    group = json.loads(out)
    assert (group["scope"], group["key"], group["n"]) == ("country", "CR", 6)
    assert 0 <= group["overall"]["percentile_rank"] <= 1
    code, out, _ = run(capsys, "--db", url, "benchmark", "compare", ids[0], "--scope", "region")
    assert out.splitlines()[0] == "region Central America: 6 peers on safe-aeo@2027.1"
    assert "overall" in out
    code, out, _ = run(capsys, "--db", url, "benchmark", "compare", ids[-1], "--k", "5")
    assert out == "no country peer group of 5 or more\n"


def test_refusals_are_one_line_errors(
    customs: tuple[str, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = customs
    out_file = str(tmp_path / "x.aeob")
    code, _, err = run(capsys, "--db", url, "benchmark", "export", "-o", out_file, "--k", "2")
    assert (code, err.startswith("error: k must be from 3")) == (1, True)
    code, _, err = run(capsys, "--db", url, "benchmark", "export", "-o", out_file, "--k", "13")
    assert code == 1 and "nothing to export" in err
    bad = tmp_path / "bad.aeob"
    bad.write_bytes(b"junk")
    code, _, err = run(capsys, "--db", url, "import", str(bad))
    assert code == 1 and err == "error: bad.aeob: not a ZIP file, or a damaged one\n"


def test_workshop_flow(
    customs: tuple[str, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, ids = customs
    code, out, err = run(
        capsys, "--db", url, "workshop", "new", "Taller Lima", "--place", "Lima",
        "--from", "2026-03-09", "--to", "2026-03-10", "--facilitator", "Ana",
    )  # fmt: skip
    assert code == 0, err
    workshop = out.strip()
    assert run(capsys, "--db", url, "workshop", "add", "Taller Lima", *ids[-5:])[1] == (
        "5 assessments added, 0 already in the workshop\n"
    )

    participants = open_context(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    (new_id,) = populate(participants, 9, PE=1)
    applicant = transfer.export_assessment(participants, new_id, tmp_path / "new.aeoa")
    participants.database.close()
    junk = tmp_path / "junk.aeoa"
    junk.write_bytes(b"junk")
    code, out, err = run(
        capsys, "--db", url, "workshop", "import", workshop, str(applicant), str(junk)
    )
    assert code == 1
    assert out.splitlines() == [
        f"{applicant}: imported into {new_id}",
        "1 imported, 0 duplicates, 1 refused",
    ]
    assert err == f"error: {junk}: not a ZIP file, or a damaged one\n"

    code, out, _ = run(capsys, "--db", url, "workshop", "list", "--json")
    (listed,) = json.loads(out)
    assert (listed["name"], listed["place"], listed["starts_on"], listed["assessments"]) == (
        "Taller Lima",
        "Lima",
        "2026-03-09",
        6,
    )
    pack = tmp_path / "taller.aeob"
    code, out, err = run(
        capsys, "--db", url, "benchmark", "export", "-o", str(pack), "--workshop", workshop
    )
    assert code == 0, err
    assert "3 groups of 5 or more" in out
