"""The command line in the pseudo-language: what it prints for people (not ``--json``, which
is for scripts) holds no English outside ⟦…⟧ but user data, ids, numbers and names."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sqlite3
from pathlib import Path

import pytest

from aeo_assess.cli.main import build_parser, main
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


def command_paths() -> list[list[str]]:
    """Every command and action of the parser, as typed after ``aeo-assess``."""
    paths: list[list[str]] = [[]]
    pending = [([], build_parser())]
    while pending:
        path, parser = pending.pop()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    paths.append([*path, name])
                    pending.append(([*path, name], sub))
    return paths


_INTERFACE = re.compile(
    r"(?<![\w⟦])--?[A-Za-z][\w-]*"  # options: --db, -o
    r"|\{[^}]*\}"  # choices: {en,es,fr,qps}
    r"|\b[A-Z][A-Z_]*(?:\.[\w]+)?(?:\|[A-Z][A-Z_]*(?:\.[\w]+)?)*\b"  # ASSESSMENT|FILE.aeoa
)


def interface_free(text: str, commands: set[str]) -> str:
    """The help without what a user types (options, choices, metavars, command names): those
    are the interface, the same in every language."""
    names = "|".join(sorted((re.escape(c) for c in commands), key=len, reverse=True))
    return re.sub(rf"(?<![\w⟦-])(?:{names})(?![\w-])", " ", _INTERFACE.sub(" ", text))


def test_help_of_every_command(pseudo: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("AEO_ASSESS_SETTINGS", str(tmp_path / "settings.json"))
    paths = command_paths()
    commands = {name for path in paths for name in path}
    allowed = Allowed(set())
    found = []
    for path in paths:
        status, lines = run(capsys, *path, "--help")
        assert status == 0 and lines, path
        text = interface_free("\n".join(lines), commands)
        if left := allowed.leftover(text):
            found.append(f"{' '.join(path) or '(main)'} --help: {left!r}")
    assert len(paths) > 40
    assert not found, "English in the pseudo-language:\n" + "\n".join(found)


def test_errors(pseudo: str, database: tuple[str, str, Allowed],
                capsys: pytest.CaptureFixture[str]) -> None:
    url, _assessment, allowed = database
    status, lines = run(capsys, "--db", url, "score", "no-such-assessment")
    assert status == 1 and lines
    found = english(lines, allowed)
    assert not found, "English in the pseudo-language:\n" + "\n".join(found)


class Installation:
    """One user's database, keys and settings; every command in the pseudo-language."""

    def __init__(self, tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch,
                 settings: dict[str, str]) -> None:
        self.path = tmp_path / f"{name}.sqlite3"
        self.keys = tmp_path / f"{name}-keys"
        self.settings = tmp_path / f"{name}-settings.json"
        self.settings.write_text(json.dumps(settings), "utf-8")
        self.monkeypatch = monkeypatch

    def __call__(self, capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
        self.monkeypatch.setenv("AEO_ASSESS_KEYS", str(self.keys))
        self.monkeypatch.setenv("AEO_ASSESS_SETTINGS", str(self.settings))
        status, lines = run(capsys, "--db", f"sqlite:///{self.path}", *argv)
        assert status == 0, lines
        return lines


def test_what_every_command_prints(pseudo: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Demo, workshops, benchmark packs, consent, imports and exports, a review both ways,
    keys and trust: each line people read, checked once every database exists."""
    trader = Installation(tmp_path, "trader", monkeypatch, {"signer_name": "Ana Torres"})
    officer = Installation(tmp_path, "officer", monkeypatch, {
        "profile": "officer", "reviewer_name": "Rosa Quispe",
        "reviewer_office": "Intendencia de Aduana Marítima del Callao"})
    admin = Installation(tmp_path, "admin", monkeypatch, {})
    printed: dict[str, list[str]] = {}

    def step(name: str, who: Installation, *argv: str) -> list[str]:
        printed[name] = who(capsys, *argv)
        return printed[name]

    step("demo", trader, "demo", "--count", "12")
    step("workshop list", trader, "workshop", "list")
    own = step("new", trader, "new", "--company", "Ñandú & Hijos", "--country", "PE",
               "--role", "importer")[0]
    trader(capsys, "answer", own, "SAFE-A.03", "2")
    workshop = trader(capsys, "workshop", "new", "Taller de Lima")[0]
    step("workshop add", trader, "workshop", "add", workshop, own)
    step("consent yes", trader, "consent", own, "yes")
    step("consent no", trader, "consent", own, "no")
    sheet = tmp_path / "answers.csv"
    sheet.write_text("question_id;value\nSAFE-A.03;3\n", encoding="utf-8")
    step("import answers", trader, "import", str(sheet), "--into", own)
    applicant = tmp_path / "a.aeoa"
    step("export", trader, "export", own, "-o", str(applicant))
    pack = tmp_path / "peers.aeob"
    step("benchmark export", trader, "benchmark", "export", "-o", str(pack), "--demo", "--k", "3")
    step("benchmark compare", trader, "benchmark", "compare", own, "--k", "3")
    step("benchmark compare demo", trader, "benchmark", "compare",
         list_ids(trader.path)[0], "--k", "3", "--scope", "all")

    officer_key = tmp_path / "officer.aeok"
    officer(capsys, "keys", "export", "-o", str(officer_key))
    step("keys show", officer, "keys", "show")
    step("import applicant", officer, "import", str(applicant))
    step("import pack", officer, "import", str(pack))
    step("import pack again", officer, "import", str(pack))
    step("benchmark list", officer, "benchmark", "list")
    step("benchmark remove", officer, "benchmark", "remove", "1")
    prefix = own[:8]
    step("review set", officer, "review", "set", prefix, "SAFE-A.03", "needs_evidence",
         "--remark", "Registro de la garita 2.")
    officer(capsys, "review", "finding", prefix, "--severity", "major", "--criterion", "SAFE-A",
            "--text", "Sin registro.", "--action", "Llevar uno.", "--due", "2026-06-30")
    officer(capsys, "review", "outcome", prefix, "further_review", "--note", "Visita.")
    step("review show", officer, "review", "show", prefix)
    review = tmp_path / "r.aeor"
    officer(capsys, "review", "export", prefix, "-o", str(review))
    officer(capsys, "workshop", "new", "Taller de Lima")
    step("workshop import", officer, "workshop", "import", "1", str(applicant))

    trust = tmp_path / "aduanas.aeot"
    admin(capsys, "trust", "publish", "--administration", "SUNAT", "--country", "PE",
          "--officer", str(officer_key), "-o", str(trust))
    step("trust add", trader, "trust", "add", str(trust))
    step("trust list", trader, "trust", "list")
    step("import review", trader, "import", str(review))
    step("review received", trader, "review", "show", own)

    texts = set().union(*(database_texts(i.path) for i in (trader, officer)))
    texts |= {text[:cut].rstrip() for text in texts for cut in (20, 40)}  # lists cut names
    allowed = Allowed(texts | {str(tmp_path), "Ana Torres", "Rosa Quispe", "SUNAT",
                               "Intendencia de Aduana Marítima del Callao"})
    found = [f"{name}: {problem}" for name, lines in printed.items()
             for problem in english(lines, allowed)]
    assert all(printed.values()), [name for name, lines in printed.items() if not lines]
    assert not found, "English in the pseudo-language:\n" + "\n".join(found)


def list_ids(path: Path) -> list[str]:
    """The assessments of a database, demonstration ones first."""
    with sqlite3.connect(path) as db:
        return [row[0] for row in db.execute("SELECT id FROM assessments ORDER BY demo DESC")]
