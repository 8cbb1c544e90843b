"""Issue 7 on the command line: the officer reviews an imported file with ``review``, exports
the ``.aeor``, prints the review report; the trader imports the review and shows it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from aeo_assess.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_review_round_trip_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trader = f"sqlite:///{tmp_path / 'trader.sqlite3'}"
    officer = f"sqlite:///{tmp_path / 'officer.sqlite3'}"
    code, out, err = run(capsys, "--db", trader, "new", "--company", "Ñandú & Hijos",
                         "--country", "PE", "--role", "importer")
    assert code == 0, err
    own = out.strip()
    assert run(capsys, "--db", trader, "answer", own, "SAFE-A.03", "2")[0] == 0
    applicant = tmp_path / "a.aeoa"
    assert run(capsys, "--db", trader, "export", own, "-o", str(applicant))[0] == 0

    assert run(capsys, "--db", officer, "import", str(applicant))[0] == 0
    prefix = own[:8]  # the first submission keeps the applicant's id
    code, out, err = run(capsys, "--db", officer, "review", "set", prefix, "SAFE-A.03",
                         "needs_evidence", "--remark", "Show the log & <badge> list.")
    assert code == 0, err
    assert out.startswith("1 of ")
    code, out, err = run(capsys, "--db", officer, "review", "finding", prefix, "--severity",
                         "major", "--criterion", "SAFE-A", "--text", "No log at gate 2.",
                         "--action", "Keep one.", "--due", "2026-06-30")
    assert (code, out.strip()) == (0, "F1"), err
    assert run(capsys, "--db", officer, "review", "outcome", prefix, "further_review",
               "--note", "Site visit.")[0] == 0
    with pytest.raises(SystemExit) as usage:
        run(capsys, "--db", officer, "review", "finding", prefix, "--severity", "huge",
            "--criterion", "SAFE-A", "--text", "x")
    assert usage.value.code == 2
    assert "invalid choice: 'huge' (choose from 'critical', 'major'" in capsys.readouterr().err
    code, _, err = run(capsys, "--db", officer, "review", "finding", prefix, "--severity",
                       "minor", "--criterion", "SAFE-Z", "--text", "x")
    assert code == 1 and "criterion 'SAFE-Z' is not in safe-aeo@" in err
    code, _, err = run(capsys, "--db", officer, "answer", prefix, "SAFE-A.03", "4")
    assert code == 1 and "imported applicant file" in err

    review_file = tmp_path / "r.aeor"
    assert run(capsys, "--db", officer, "review", "export", prefix, "-o", str(review_file))[0] == 0
    pdf = tmp_path / "review.pdf"
    code, _, err = run(capsys, "--db", officer, "report", prefix, "-o", str(pdf), "--kind",
                       "review", "--lang", "es")
    assert code == 0, err
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Informe de revisión OEA" in text and "Show the log & <badge> list." in text

    code, _, err = run(capsys, "--db", trader, "review", "set", prefix, "SAFE-A.03", "accepted")
    assert code == 1 and "applicant's own work" in err
    code, out, err = run(capsys, "--db", trader, "import", str(review_file))
    assert code == 0 and f"review attached to {own}" in out, err
    code, out, _ = run(capsys, "--db", trader, "review", "show", prefix, "--json")
    (shown,) = json.loads(out)
    assert shown["questions"]["SAFE-A.03"] == {
        "verdict": "needs_evidence", "remark": "Show the log & <badge> list.",
        "remark_status": "open", "who": shown["questions"]["SAFE-A.03"]["who"],
        "at": shown["questions"]["SAFE-A.03"]["at"]}
    assert shown["findings"][0]["due"] == "2026-06-30"
    assert (shown["outcome"], shown["outcome_note"]) == ("further_review", "Site visit.")
    code, out, _ = run(capsys, "--db", trader, "review", "show", prefix)
    assert "needs evidence" in out and "[open] Show the log" in out
    code, _, err = run(capsys, "--db", trader, "import", str(tmp_path / "missing.aeor"))
    assert code == 1 and "cannot read" in err
