"""Odd input on the command line: refused with one line and exit 1, nothing half-written,
never a traceback, and nothing stored that an export would then refuse (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import update

from aeo_assess.cli.main import main
from aeo_assess.services import benchmarks
from aeo_assess.services.context import open_context
from aeo_assess.storage.benchmark_models import BenchmarkPackRow
from aeo_assess.storage.models import AssessmentRow
from tests.benchmarks.helpers import populate


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'db.sqlite3'}"


def new(capsys: pytest.CaptureFixture[str], db: str, *extra: str) -> str:
    code, out, err = run(
        capsys, "--db", db, "new", "--company", "Acme", "--country", "CR", "--role", "importer",
        *extra,
    )
    assert code == 0, err
    return out.strip()


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def answers(capsys: pytest.CaptureFixture[str], db: str, assessment_id: str) -> int:
    code, out, _ = run(capsys, "--db", db, "score", assessment_id, "--json")
    assert code == 0
    return int(json.loads(out)["answered"])


@pytest.mark.parametrize(
    ("option", "value", "fragment"),
    [
        ("--company", "Acme\x1b[2J", "company name: contains the control character U+001B"),
        ("--company", "Acme\nLtd", "company name: contains the control character U+000A"),
        ("--company", "Acme\tLtd", "U+0009"),
        ("--company", "A" * 301, "company name: is longer than 300 characters"),
        ("--tax-id", "9" * 65, "tax id: is longer than 64 characters"),
        ("--tax-id", "12\x0734", "tax id: contains the control character U+0007"),
    ],
)
def test_a_profile_that_export_would_refuse_is_refused_at_once(
    capsys: pytest.CaptureFixture[str], db: str, option: str, value: str, fragment: str
) -> None:
    argv = ["--db", db, "new", "--company", "Acme", "--country", "CR", "--role", "importer"]
    assert fragment in refused(capsys, *argv, option, value)  # the last --company counts
    _, out, _ = run(capsys, "--db", db, "list", "--json")
    assert json.loads(out) == []


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["SAFE-D.03", "--na", "x" * 2001], "not-applicable reason: is longer than 2,000"),
        (["SAFE-B.01", "3", "--comment", "x" * 20_001], "comment: is longer than 20,000"),
        (["SAFE-B.01", "3", "--comment", "ok\x00"], "comment: contains the control character"),
        (["SAFE-C.07", str(2**60)], "must be from -1e+12 to 1e+12"),
        (["SAFE-C.07", "1e25"], "must be from -1e+12 to 1e+12"),
        (["SAFE-C.07", "9" * 5000], "at most 40 characters"),
    ],
)
def test_answer_refuses_and_saves_nothing(
    capsys: pytest.CaptureFixture[str], db: str, argv: list[str], fragment: str
) -> None:
    assessment_id = new(capsys, db)
    assert fragment in refused(capsys, "--db", db, "answer", assessment_id, *argv)
    # The value given with a refused comment is not saved either: one transaction.
    assert answers(capsys, db, assessment_id) == 0


def test_a_comment_with_newlines_and_tabs_is_accepted(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    assessment_id = new(capsys, db)
    code, _, err = run(
        capsys, "--db", db, "answer", assessment_id, "SAFE-B.01", "3", "--comment", "a\n\tb"
    )
    assert code == 0, err
    assert answers(capsys, db, assessment_id) == 1


def test_edit_fixes_a_profile_stored_before_the_rules(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    assessment_id = new(capsys, db)
    ctx = open_context(db)
    with ctx.database.session() as session:  # as an older release stored it
        row = session.get(AssessmentRow, assessment_id)
        assert row is not None
        row.company, row.tax_id = "Evil\x1b]0;pwned\x07 Ltd", "9" * 65
    ctx.database.close()
    code, out, _ = run(capsys, "--db", db, "list")
    assert code == 0 and "\x1b" not in out and "\x07" not in out
    assert "Evil\\x1b]0;pwned\\x07 Ltd" in out
    out_file = tmp_path / "x.aeoa"
    refused(capsys, "--db", db, "export", assessment_id, "-o", str(out_file))
    assert not out_file.exists()
    assert "tax id: is longer than 64" in refused(
        capsys, "--db", db, "edit", assessment_id, "--company", "Good Ltd", "--tax-id", "9" * 65
    )
    code, out, err = run(
        capsys, "--db", db, "edit", assessment_id[:8], "--company", " Good Ltd ", "--tax-id", "3-101"
    )
    assert (code, out.strip()) == (0, assessment_id), err
    code, _, err = run(capsys, "--db", db, "export", assessment_id, "-o", str(out_file))
    assert code == 0, err
    code, out, _ = run(capsys, "--db", db, "list", "--json")
    assert json.loads(out)[0]["company"] == "Good Ltd"


def test_edit_roles_changes_which_questions_apply(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    assessment_id = new(capsys, db)
    _, before, _ = run(capsys, "--db", db, "list", "--json")
    code, _, err = run(
        capsys, "--db", db, "edit", assessment_id, "--role", "importer", "--role", "warehouse",
        "--aeo-type", "security",
    )
    assert code == 0, err
    _, after, _ = run(capsys, "--db", db, "list", "--json")
    assert json.loads(after)[0]["applicable"] != json.loads(before)[0]["applicable"]
    assert "say what to change" in refused(capsys, "--db", db, "edit", assessment_id)
    assert "not a two-letter" in refused(
        capsys, "--db", db, "edit", assessment_id, "--country", "Peru"
    )


def test_into_with_an_applicant_file_is_refused(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    assessment_id = new(capsys, db)
    exported = tmp_path / "a.aeoa"
    assert run(capsys, "--db", db, "export", assessment_id, "-o", str(exported))[0] == 0
    err = refused(capsys, "--db", db, "import", str(exported), "--into", assessment_id)
    assert "--into applies to .csv and .xlsx answers only" in err
    _, out, _ = run(capsys, "--db", db, "list", "--json")
    assert len(json.loads(out)) == 1



def test_a_stored_pack_origin_never_prints_raw(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    source = open_context(f"sqlite:///{tmp_path / 'source.sqlite3'}")
    populate(source, 21, CR=6)
    pack = tmp_path / "p.aeob"
    benchmarks.export_pack(source, pack, k=5, origin="Aduana")
    source.database.close()
    assert run(capsys, "--db", db, "import", str(pack))[0] == 0
    ctx = open_context(db)
    with ctx.database.session() as session:  # as an older release could store it
        session.execute(update(BenchmarkPackRow).values(origin="Aduana\x9b2J\x1b]0;x\x07"))
    ctx.database.close()
    code, out, _ = run(capsys, "--db", db, "benchmark", "list")
    assert code == 0 and not any(c in out for c in "\x9b\x1b\x07")
    assert "Aduana\\x9b2J\\x1b]0;x\\x07" in out
