"""Output piped into a reader that stops early (``aeo-assess list | head -1``) ends quietly:
no traceback, no "Exception ignored" at exit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from aeo_assess.cli.main import BROKEN_PIPE, main


def closed_early(*argv: str) -> subprocess.CompletedProcess[bytes]:
    """Run the command with its standard output a pipe whose reader has already gone."""
    process = subprocess.Popen(
        [sys.executable, "-m", "aeo_assess", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read()
    process.wait(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, b"", stderr)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('pipes') / 'db.sqlite3'}"
    assert main(["--db", url, "demo", "--count", "12"]) == 0
    return url


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["list", "--json"],
        ["questionnaires", "list"],
        ["benchmark", "compare", "FIRST"],
        ["score", "FIRST"],
    ],
)
def test_a_reader_that_goes_away_ends_the_command_quietly(
    db: str, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    if "FIRST" in command:
        main(["--db", db, "list"])
        first = capsys.readouterr().out.split()[0]
        command = [first if part == "FIRST" else part for part in command]
    result = closed_early("--db", db, *command)
    assert result.stderr == b"", result.stderr.decode()
    assert result.returncode == BROKEN_PIPE


def test_demo_count_is_bounded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    for count in ("-5", "0", "1001"):
        assert main(["--db", url, "demo", "--count", count]) == 1
        assert "from 1 to 1,000 companies" in capsys.readouterr().err
    assert main(["--db", url, "list", "--json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"
