"""Issue 14 on the command line: the French blank questionnaire and the French readiness report
of a demonstration assessment show French questions, criteria and recommendations, not English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aeo_assess.cli.main import main
from aeo_assess.questionnaires.registry import find
from tests.reporting.samples import text_of


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def _start(text: str) -> str:
    """The opening words of a text: what survives line wrapping in extracted PDF text."""
    return " ".join(text.split()[:6])


@pytest.mark.parametrize("qid", ["safe-aeo", "risk-management"])
def test_the_french_blank_questionnaire_is_all_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], qid: str
) -> None:
    questionnaire = find(qid)
    assert questionnaire is not None
    out = tmp_path / f"{qid}.pdf"
    run(capsys, "--lang", "fr", "questionnaire-pdf", qid, "-o", str(out))
    text = text_of(out.read_bytes())
    questions = questionnaire.questions()
    french = [q.id for q in questions if _start(q.text["fr"]) in text]
    english = [q.id for q in questions if _start(q.text["en"]) in text]
    assert len(french) >= 0.9 * len(questions), set(q.id for q in questions) - set(french)
    assert english == []
    assert questionnaire.title["fr"] in text


def test_the_french_report_of_a_demo_assessment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    run(capsys, "--db", db, "demo", "--count", "3")
    rows = json.loads(run(capsys, "--db", db, "list", "--json"))
    (row, *_) = [r for r in rows if r["questionnaire"]["id"] == "safe-aeo"]
    out = tmp_path / "rapport.pdf"
    run(capsys, "--db", db, "--lang", "fr", "report", row["id"], "-o", str(out))
    text = text_of(out.read_bytes())
    safe = find("safe-aeo")
    assert safe is not None
    assert "Préparation au statut d'OEA selon le Cadre de normes SAFE" in text
    assert "Respect avéré des exigences douanières" in text
    assert "Données de démonstration" in text
    shown = [c for c in safe.criteria if f"{c.id} " in text]
    assert shown
    for criterion in shown:
        assert _start(criterion.title["en"]) not in text, criterion.id
    recommendations = [q for q in safe.questions() if _start(q.recommendation["fr"]) in text]
    assert recommendations  # the action plan is in French
    assert not [q.id for q in safe.questions() if _start(q.recommendation["en"]) in text]
