"""A three-year history through the command line: ``next`` across the 2026.1 → 2027.1 version
change and again, ``confirm``, ``answer``, review dates with ``edit``, ``history``, ``changes``
and the list's reminder, each with its --json where it has one."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.cli.test_upgrade_cmd import old_assessment, run, url  # noqa: F401
from tests.reporting.samples import text_of


def json_of(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return json.loads(out)


def test_three_cycles_with_a_version_change(
    capsys: pytest.CaptureFixture[str], url: str, old_assessment: str  # noqa: F811
) -> None:
    first = old_assessment
    in_45_days = (dt.date.today() + dt.timedelta(days=45)).isoformat()
    code, _, err = run(
        capsys, "--db", url, "edit", first, "--certified-on", "2026-03-01", "--next-review", in_45_days
    )
    assert code == 0, err

    done = json_of(capsys, "--db", url, "next", first, "--json")
    assert isinstance(done, dict)
    assert (done["from_version"], done["to_version"], done["to_confirm"]) == ("2026.1", "2027.1", 2)
    second = done["assessment"]
    score = json_of(capsys, "--db", url, "score", second, "--json")
    assert isinstance(score, dict) and score["provisional"]

    code, out, err = run(capsys, "--db", url, "--lang", "es", "answer", second, "SAFE-B.01", "4")
    assert code == 0, err
    code, out, _ = run(capsys, "--db", url, "--lang", "es", "confirm", second)
    assert (code, out.strip()) == (0, "1 respuesta confirmada.")

    code, out, _ = run(capsys, "--db", url, "--lang", "es", "next", second)
    assert code == 0
    third, said = out.splitlines()[0], out.splitlines()[1]
    assert said == "2 respuestas trasladadas de 2027.1, por confirmar o cambiar."

    cycles = json_of(capsys, "--db", url, "history", third, "--json")
    assert isinstance(cycles, list)
    assert [(c["id"], c["questionnaire"]["version"]) for c in cycles] == [
        (first, "2026.1"), (second, "2027.1"), (third, "2027.1")
    ]
    assert [c["to_confirm"] for c in cycles] == [0, 0, 2]
    assert cycles[2]["next_review_on"] == in_45_days

    changes = json_of(capsys, "--db", url, "changes", third, "--since", first, "--json")
    assert isinstance(changes, dict) and changes["baseline"] == first
    assert [(c["question"], c["old"]["value"], c["new"]["value"]) for c in changes["changes"]] == [
        ("SAFE-B.01", 3, 4)
    ]
    code, out, _ = run(capsys, "--db", url, "--lang", "es", "changes", second)
    assert out.splitlines() == ["SAFE-B.01: 3 → 4"]

    code, out, _ = run(capsys, "--db", url, "--lang", "es", "list")
    assert out.count("revisión en 45 días") == 3


def test_hostile_dates_and_a_second_next_are_refused(
    capsys: pytest.CaptureFixture[str], url: str, old_assessment: str  # noqa: F811
) -> None:
    code, _, err = run(capsys, "--db", url, "edit", old_assessment, "--next-review", "31/02/2027")
    assert code == 1 and "is not a date such as 2027-03-31" in err and len(err.splitlines()) == 1
    code, _, err = run(
        capsys, "--db", url, "edit", old_assessment,
        "--certified-on", "2027-03-01", "--next-review", "2026-03-01",
    )
    assert code == 1 and "cannot come before" in err
    assert run(capsys, "--db", url, "next", old_assessment)[0] == 0
    code, _, err = run(capsys, "--db", url, "next", old_assessment)
    assert code == 1 and "already has a next cycle" in err
    code, _, err = run(capsys, "--db", url, "changes", old_assessment)
    assert code == 1 and "no previous cycle" in err


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", ["Evolución de las evaluaciones de la empresa", "versión 2027.1",
                "Cambios desde el", "1 respuesta cambió", "SAFE-B.01", "3 → 4",
                "Cerradas desde la vez anterior", "Nuevas brechas"]),
        ("en", ["Trend across the company's assessments", "version 2027.1", "Changes since",
                "1 answer changed", "3 → 4", "Closed since last time", "Answers that score less"]),
    ],
)
def test_the_report_shows_the_trend_and_the_changes(
    capsys: pytest.CaptureFixture[str], url: str, old_assessment: str,  # noqa: F811
    tmp_path: Path, language: str, expected: list[str],
) -> None:
    second = json_of(capsys, "--db", url, "next", old_assessment, "--json")
    assert isinstance(second, dict)
    code, _, err = run(capsys, "--db", url, "answer", second["assessment"], "SAFE-B.01", "4")
    assert code == 0, err
    third = json_of(capsys, "--db", url, "next", second["assessment"], "--json")
    assert isinstance(third, dict)
    out = tmp_path / "third.pdf"
    code, _, err = run(capsys, "--db", url, "report", third["assessment"], "-o", str(out),
                       "--lang", language, "--since", old_assessment)
    assert code == 0, err
    text = text_of(out.read_bytes())
    for words in expected:
        assert words in text, words
