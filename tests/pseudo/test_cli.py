"""The command line in the pseudo-language: what it prints for people (not ``--json``, which
is for scripts) holds no English outside ⟦…⟧ but user data, ids, numbers and names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from aeo_assess.cli.main import main
from aeo_assess.services.assessments import list_assessments
from aeo_assess.services.context import open_context
from aeo_assess.services.demo import create_demo_data
from tests.pseudo.text_check import Allowed, database_texts

DEMO_NOW = dt.datetime(2026, 11, 20, 15, 30, tzinfo=dt.UTC)


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str, Allowed]:
    """A demonstration database, the id of one assessment, and what its data excuses."""
    monkeypatch.setenv("AEO_ASSESS_SETTINGS", str(tmp_path / "settings.json"))
    path = tmp_path / "aeo-assess.sqlite3"
    ctx = open_context(f"sqlite:///{path}")
    create_demo_data(ctx, now=DEMO_NOW, count=4)
    first = list_assessments(ctx)[0].id
    ctx.database.close()
    texts = database_texts(path)
    names = {text[:40].rstrip() for text in texts}  # the list cuts company names at 40
    return f"sqlite:///{path}", first, Allowed(texts | names | {str(tmp_path)})


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    try:
        status = main(["--lang", "qps", *argv])
    except SystemExit as exit_:  # --help
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, [*out.splitlines(), *err.splitlines()]


def english(lines: list[str], allowed: Allowed) -> list[str]:
    return [f"{line!r} (unwrapped: {left!r})" for line in lines if (left := allowed.leftover(line))]


@pytest.mark.parametrize("command", [
    ["list"], ["score", "{id}"], ["questionnaires", "list"],
])
def test_what_commands_print(
    pseudo: str, database: tuple[str, str, Allowed], capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    url, assessment, allowed = database
    status, lines = run(capsys, "--db", url, *(arg.format(id=assessment) for arg in command))
    assert status == 0 and lines
    found = english(lines, allowed)
    assert not found, "English in the pseudo-language:\n" + "\n".join(found)


@pytest.mark.xfail(reason="argparse's own words are in argparse.po, but the descriptions of the "
                   "commands and options (--help) are not in the catalogs yet", strict=True)
def test_help(pseudo: str, database: tuple[str, str, Allowed],
              capsys: pytest.CaptureFixture[str]) -> None:
    _url, _assessment, allowed = database
    status, lines = run(capsys, "--help")
    assert status == 0
    found = english(lines, allowed)
    assert not found, "English in the pseudo-language:\n" + "\n".join(found)


def test_errors(pseudo: str, database: tuple[str, str, Allowed],
                capsys: pytest.CaptureFixture[str]) -> None:
    url, _assessment, allowed = database
    status, lines = run(capsys, "--db", url, "score", "no-such-assessment")
    assert status == 1 and lines
    found = english(lines, allowed)
    assert not found, "English in the pseudo-language:\n" + "\n".join(found)
