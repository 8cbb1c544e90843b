"""The acceptance scenarios of the verdict (issue 11), through the command line on the shipped
questionnaire: CSV import, then `score --json`, as a validator would read the result."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from aeo_assess.cli.main import main
from aeo_assess.domain.questionnaire import Question, Questionnaire, QuestionType
from aeo_assess.questionnaires.registry import find

Answers = dict[str, str]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def safe() -> Questionnaire:
    questionnaire = find("safe-aeo")
    assert questionnaire is not None
    return questionnaire


def meeting(question: Question, maturity: int = 3) -> str:
    """Maturity ``maturity``, the best option, the compliant answer, or a plain fact; a scoping
    yes/no says yes so that what it controls is asked and answered too."""
    if question.type is QuestionType.MATURITY:
        return str(maturity)
    if question.type is QuestionType.YES_NO:
        return "no" if question.compliant is False else "yes"
    if question.type is QuestionType.CHOICE:
        return max(question.options, key=lambda o: o.score or 0.0).value
    if question.type is QuestionType.NUMBER:
        return "12"
    if question.type is QuestionType.DATE:
        return "2026-03-01"
    return "Documented in our security manual"


def worst(question: Question) -> str:
    if question.type is QuestionType.MATURITY:
        return "0"
    if question.type is QuestionType.YES_NO:
        return "yes" if question.compliant is False else "no"
    return min(question.options, key=lambda o: o.score or 0.0).value


def everywhere(safe: Questionnaire, maturity: int = 3) -> Answers:
    return {q.id: meeting(q, maturity) for q in safe.questions()}


def sheet(answers: Answers, na: dict[str, str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["question_id", "value", "comment", "na_reason"])
    for qid, value in answers.items():
        writer.writerow([qid, value, "", ""])
    for qid, reason in (na or {}).items():
        writer.writerow([qid, "", "", reason])
    return out.getvalue()


Score = Callable[..., dict[str, object]]


@pytest.fixture
def scored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Score:
    """A new assessment for every role and both AEO types, answered from a CSV, scored."""

    def score(answers: Answers, na: dict[str, str] | None = None) -> dict[str, object]:
        db = f"sqlite:///{tmp_path / 'scenario.sqlite3'}"
        code, out, err = run(
            capsys, "--db", db, "new", "--company", "Escenario S.A.", "--country", "CR",
            *(x for role in ("importer", "exporter", "carrier", "forwarder", "broker",
                             "warehouse", "manufacturer", "port") for x in ("--role", role)),
            "--aeo-type", "both",
        )
        assert code == 0, err
        assessment = out.strip()
        path = tmp_path / "answers.csv"
        path.write_text(sheet(answers, na), encoding="utf-8")
        code, out, err = run(capsys, "--db", db, "import", str(path), "--into", assessment)
        assert code == 0, err
        code, out, err = run(capsys, "--db", db, "score", assessment, "--json")
        assert code == 0, err
        result: dict[str, object] = json.loads(out)
        return result

    return score


def musts(safe: Questionnaire) -> list[Question]:
    return [q for q in safe.questions() if q.kind == "must" and q.type is QuestionType.MATURITY]


def test_s1_applied_with_records_everywhere_is_ready(safe: Questionnaire, scored: Score) -> None:
    result = scored(everywhere(safe))
    assert (result["level"], result["provisional"]) == ("ready", False)
    assert result["eligibility"] == [] and result["open_musts"] == []
    conclusions = {c["conclusion"] for c in result["criteria"]}  # type: ignore[attr-defined]
    assert conclusions <= {"met", "met_with_recommendations"}


def test_s2_a_serious_offence_makes_the_operator_not_eligible(
    safe: Questionnaire, scored: Score
) -> None:
    answers = everywhere(safe)
    answers["SAFE-A.02"] = worst(safe.question("SAFE-A.02"))
    result = scored(answers)
    assert result["level"] == "not_eligible"
    assert result["eligibility"] == ["SAFE-A.02"]
    assert result["action_plan"][0]["question"] == "SAFE-A.02"  # type: ignore[index]


def test_s3_one_answer_is_never_ready_nor_nearly_ready(safe: Questionnaire, scored: Score) -> None:
    result = scored({"SAFE-A.01": meeting(safe.question("SAFE-A.01"))})
    assert result["level"] not in ("ready", "nearly_ready")
    assert result["provisional"] is True
    assert result["open_musts"]


def test_s4_the_cyber_extension_never_changes_the_safe_verdict(
    safe: Questionnaire, scored: Score
) -> None:
    base = scored(everywhere(safe))
    answers = everywhere(safe)
    for criterion in safe.criteria:
        if criterion.extension:
            answers.update({q.id: worst(q) for q in criterion.questions if q.type in (
                QuestionType.MATURITY, QuestionType.YES_NO, QuestionType.CHOICE)})
    result = scored(answers)
    assert any(c.extension for c in safe.criteria)
    assert result["level"] == "ready"
    assert result["overall"] == base["overall"]


def test_s5_one_must_at_documented_only_is_not_ready(safe: Questionnaire, scored: Score) -> None:
    answers = everywhere(safe)
    must = musts(safe)[0]
    answers[must.id] = "2"
    result = scored(answers)
    assert result["level"] != "ready"
    criterion = next(c for c in result["criteria"] if c["id"] == must.criterion_id)  # type: ignore[attr-defined]
    assert criterion["conclusion"] == "not_met"


def test_s6_not_applicable_on_an_eligibility_question_is_refused(
    safe: Questionnaire, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert safe.question("SAFE-A.02").kind == "eligibility"
    db = f"sqlite:///{tmp_path / 'na.sqlite3'}"
    code, out, _ = run(capsys, "--db", db, "new", "--company", "N/A S.A.", "--country", "CR",
                       "--role", "importer", "--aeo-type", "both")
    assessment = out.strip()
    code, out, err = run(capsys, "--db", db, "answer", assessment, "SAFE-A.02", "--na", "not us")
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert "eligibility" in err and "SAFE-A.02" in err
    path = tmp_path / "na.csv"
    path.write_text(sheet({}, {"SAFE-A.02": "not us"}), encoding="utf-8")
    code, out, err = run(capsys, "--db", db, "import", str(path), "--into", assessment)
    assert code == 1 and "eligibility" in err
    code, out, _ = run(capsys, "--db", db, "score", assessment, "--json")
    assert json.loads(out)["answered"] == 0


def test_s7_reviewed_and_improved_everywhere_is_ready(safe: Questionnaire, scored: Score) -> None:
    result = scored(everywhere(safe, maturity=4))
    assert (result["level"], result["provisional"]) == ("ready", False)
    assert result["overall"] == 1.0
    assert {c["conclusion"] for c in result["criteria"]} == {"met"}  # type: ignore[attr-defined]


def test_a_must_declared_not_applicable_is_listed_for_the_validator(
    safe: Questionnaire, scored: Score
) -> None:
    answers = everywhere(safe)
    must = musts(safe)[0]
    del answers[must.id]
    result = scored(answers, na={must.id: "We run no such process"})
    assert result["declared_not_applicable_musts"] == [must.id]
