"""``aeo-assess import`` of many files: applicant files in one transaction, each one all or
nothing, the output in the order of the command line, exit 1 when any file was refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from aeo_assess.cli.main import main


def test_many_files_in_order_with_one_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trader = f"sqlite:///{tmp_path / 'trader.sqlite3'}"
    officer = f"sqlite:///{tmp_path / 'officer.sqlite3'}"
    files = []
    for company in ("Exportadora Ñandú", "Agencia Quetzal"):
        assert main(["--db", trader, "new", "--company", company, "--country", "GT",
                     "--role", "exporter", "--aeo-type", "security"]) == 0
        assessment_id = capsys.readouterr().out.strip()
        files.append(tmp_path / f"{assessment_id}.aeoa")
        assert main(["--db", trader, "export", assessment_id, "-o", str(files[-1])]) == 0
        capsys.readouterr()
    broken = tmp_path / "broken.aeoa"
    broken.write_bytes(b"not a zip")
    sheet = tmp_path / "answers.csv"
    sheet.write_text("question_id;value\n", encoding="utf-8")
    capsys.readouterr()

    code = main(["--db", officer, "import", str(files[0]), str(broken), str(sheet), str(files[1])])
    out, err = capsys.readouterr()
    assert code == 1
    # Each imported file's line, then its signature line (indented).
    lines = [line for line in out.splitlines() if not line.startswith("  ")]
    assert [line.split(":")[0] for line in lines] == [str(files[0]), str(files[1])]
    assert all(": imported as " in line for line in lines)
    assert out.count("signed by") == 2
    assert err.splitlines() == [
        f"error: {broken}: not a ZIP file, or a damaged one",
        f"error: {sheet}: say which assessment the answers go into with --into",
    ]
    assert main(["--db", officer, "list", "--json"]) == 0
    assert capsys.readouterr().out.count('"company"') == 2
