"""``aeo-assess questionnaires list | validate`` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from aeo_assess.cli.main import main
from aeo_assess.questionnaires import parse_questionnaire, registry
from aeo_assess.questionnaires.registry import shipped_files


def test_validate_good_file_exits_zero(
    minimal_text: str, write_questionnaire: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_questionnaire(minimal_text)
    assert main(["questionnaires", "validate", str(path)]) == 0
    assert capsys.readouterr().out.strip() == f"{path}: ok"


def test_validate_bad_file_prints_one_line_per_problem(
    minimal_text: str, write_questionnaire: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    bad = minimal_text.replace("id: C2.02", "id: C2.01").replace("weight: 2\n", "weight: 9\n", 1)
    path = write_questionnaire(bad)
    assert main(["questionnaires", "validate", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2
    assert all(line.startswith(f"{path}:") and line.count(":") >= 3 for line in err)
    assert "Traceback" not in "\n".join(err)


def test_validate_several_files_reports_each(
    minimal_text: str,
    write_questionnaire: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    good = write_questionnaire(minimal_text, "good.yaml")
    bad = write_questionnaire(b"\xff\xfe", "bad.yaml")
    assert main(["questionnaires", "validate", str(good), str(bad)]) == 1
    captured = capsys.readouterr()
    assert f"{good}: ok" in captured.out
    assert captured.err.startswith(f"{bad}:1:1: not UTF-8")


def test_every_shipped_file_validates(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(p) for p in shipped_files()]
    assert len(files) >= 2
    assert main(["questionnaires", "validate", *files]) == 0, capsys.readouterr().err


def test_list_json_describes_shipped_questionnaires(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questionnaires", "list", "--json"]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    assert {"safe-aeo", "risk-management"} <= set(rows)
    assert rows["safe-aeo"]["languages"][:2] == ["en", "es"]
    assert rows["safe-aeo"]["questions"] >= 100


def test_list_in_spanish_shows_spanish_titles(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "es", "questionnaires", "list"]) == 0
    assert "Gestión de riesgos" in capsys.readouterr().out


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aeo_assess", "questionnaires", "list", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert any(row["id"] == "safe-aeo" for row in json.loads(result.stdout))


def test_usage_error_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["questionnaires", "validate"])
    assert caught.value.code == 2


@pytest.mark.parametrize(("language", "counts"), [
    ("en", "(1 criterion, 1 question, 0 eligibility, 1 must; en, es)"),
    ("es", "(1 criterio, 1 pregunta; admisibilidad: 0; obligatorias: 1; en, es)"),
    ("fr", "(1 critère, 1 question ; admissibilité : 0 ; obligatoires : 1 ; en, es)"),
])
def test_a_one_question_questionnaire_is_listed_in_the_singular(
    minimal_text: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    language: str, counts: str,
) -> None:
    one, problems = parse_questionnaire(minimal_text.split("      - id: C1.02")[0].encode(),
                                        "one.yaml")
    assert one is not None and not problems
    monkeypatch.setattr(registry, "shipped_with_files", lambda: ((one, Path("one.yaml")),))
    monkeypatch.setattr(registry, "latest", lambda: (one,))
    assert main(["--lang", language, "questionnaires", "list"]) == 0
    assert capsys.readouterr().out.rstrip().endswith(counts)
