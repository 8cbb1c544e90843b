"""The command-line round trip of issue 3: new -> answer/CSV -> export -> import elsewhere ->
score gives the same figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aeo_assess.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_round_trip_between_two_databases(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    trader = f"sqlite:///{tmp_path / 'trader.sqlite3'}"
    officer = f"sqlite:///{tmp_path / 'officer.sqlite3'}"
    code, out, err = run(
        capsys, "--db", trader, "new", "--company", "Exportadora Ñandú & Hijos", "--country", "CR",
        "--role", "exporter", "--role", "carrier", "--aeo-type", "both",
    )
    assert code == 0, err
    assessment_id = out.strip()
    assert len(assessment_id) == 36

    prefix = assessment_id[:8]
    assert run(capsys, "--db", trader, "answer", prefix, "SAFE-B.01", "3", "--comment", "ERP audit trail")[0] == 0
    assert run(capsys, "--db", trader, "answer", prefix, "SAFE-A.02", "no")[0] == 0
    assert run(capsys, "--db", trader, "answer", prefix, "SAFE-D.03", "--na", "no storage")[0] == 0
    sheet = tmp_path / "paper.csv"
    sheet.write_text(
        "\ufeffquestion_id;value;comment;na_reason\n"
        "SAFE-G.01;sí;;\n"
        "SAFE-G.02;2;manual de seguridad;\n"
        "SAFE-C.07;3,5;;\n"
        "SAFE-M.02;2026-03-01;;\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--db", trader, "import", str(sheet), "--into", prefix)
    assert code == 0, err
    assert "4 answers" in out

    exported = tmp_path / "applicant.aeoa"
    assert run(capsys, "--db", trader, "export", prefix, "-o", str(exported))[0] == 0
    code, before, _ = run(capsys, "--db", trader, "score", prefix, "--json")
    assert code == 0

    code, out, err = run(capsys, "--db", officer, "import", str(exported))
    assert code == 0, err
    code, out, err = run(capsys, "--db", officer, "import", str(exported))
    assert "already imported" in out
    code, listing, _ = run(capsys, "--db", officer, "list", "--json")
    (row,) = json.loads(listing)
    assert row["company"] == "Exportadora Ñandú & Hijos"
    code, after, _ = run(capsys, "--db", officer, "score", row["id"], "--json")
    assert json.loads(after) == json.loads(before)
    code, from_file, _ = run(capsys, "score", str(exported), "--json")
    assert json.loads(from_file) == json.loads(before)
    figures = json.loads(before)
    assert figures["answered"] == 7
    assert "SAFE-G.02" in figures["blocking_gaps"]


def test_bad_csv_reports_every_row_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    _, out, _ = run(capsys, "--db", db, "new", "--company", "A", "--country", "UY", "--role", "importer")
    assessment_id = out.strip()
    sheet = tmp_path / "bad.csv"
    sheet.write_text(
        "question_id,value,comment,na_reason\n"
        "SAFE-B.01,3,,\n"
        "SAFE-Z.01,3,,\n"
        "SAFE-B.02,9,,\n"
        "SAFE-B.03,2,,because\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "--db", db, "import", str(sheet), "--into", assessment_id)
    assert code == 1
    lines = err.strip().splitlines()
    assert [line.split(":")[2] for line in lines] == ["3", "4", "5"]
    assert "unknown question 'SAFE-Z.01'" in lines[0]
    assert "whole number from 0 to 4" in lines[1]
    assert "both a value and a not-applicable reason" in lines[2]
    _, score_out, _ = run(capsys, "--db", db, "score", assessment_id, "--json")
    assert json.loads(score_out)["answered"] == 0


def test_user_errors_are_one_line_exit_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    code, _, err = run(capsys, "--db", db, "answer", "nope", "SAFE-B.01", "3")
    assert code == 1
    assert err == "error: no assessment with id 'nope'\n"
    broken = tmp_path / "broken.aeoa"
    broken.write_bytes(b"not a zip")
    code, _, err = run(capsys, "--db", db, "import", str(broken))
    assert code == 1
    assert str(broken) in err and "Traceback" not in err
    code, _, err = run(capsys, "--db", db, "new", "--company", "X", "--country", "Peru", "--role", "importer")
    assert code == 1 and "two-letter ISO 3166 code" in err


def test_version_prints_database_location(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--db", f"sqlite:///{tmp_path / 'x.sqlite3'}", "--version"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert "aeo-assess 0.1.0" in out
    assert f"database: {tmp_path / 'x.sqlite3'}" in out
