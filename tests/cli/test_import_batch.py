"""``aeo-assess import`` of many files: applicant files in one transaction, each one all or
nothing, the output in the order of the command line, exit 1 when any file was refused."""

from __future__ import annotations

import json
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


def test_a_batch_speaks_the_user_s_language_and_its_json_keeps_each_error_s_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The batch's refusals render in the user's language like any error; ``--json`` is for
    scripts: the English text and the stable code."""
    trader = f"sqlite:///{tmp_path / 'trader.sqlite3'}"
    officer = f"sqlite:///{tmp_path / 'officer.sqlite3'}"
    assert main(["--db", trader, "new", "--company", "Café Ñandú", "--country", "CR",
                 "--role", "exporter", "--aeo-type", "security"]) == 0
    assessment_id = capsys.readouterr().out.strip()
    good = tmp_path / "good.aeoa"
    assert main(["--db", trader, "export", assessment_id, "-o", str(good)]) == 0
    broken = tmp_path / "broken.aeoa"
    broken.write_bytes(b"not a zip")
    capsys.readouterr()

    assert main(["--db", officer, "--lang", "es", "import", str(good), str(broken)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == f"{good}: importado como {assessment_id}"
    assert "firmado por" in out.splitlines()[1]
    assert err.startswith(f"error: {broken}: ") and "ZIP" in err and "not a ZIP" not in err

    assert main(["--db", officer, "--lang", "fr", "import", str(good), str(broken)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"{good} : déjà importé sous {assessment_id}")
    assert err.startswith(f"erreur : {broken} : ")

    assert main(["--db", officer, "--lang", "es", "import", "--json", str(broken)]) == 1
    (refused,) = json.loads(capsys.readouterr().out)
    assert refused["file"] == str(broken) and refused["code"]
    assert refused["error"] == f"{broken}: not a ZIP file, or a damaged one"
