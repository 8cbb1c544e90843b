"""Applicant files answered on the 2026.1 questionnaires still import, and score on 2026.1:
the file carries the exact bytes it was answered on (questionnaires/previous/)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from aeo_assess.cli.main import main
from aeo_assess.files.applicant import write_applicant_file
from aeo_assess.questionnaires import parse_questionnaire
from aeo_assess.resources import data_path
from aeo_assess.scoring import score
from aeo_assess.services import assessments, transfer
from aeo_assess.services.context import AppContext
from tests.reporting.samples import evidence_file, full_assessment


@pytest.mark.parametrize("qid", ["safe-aeo", "risk-management"])
def test_a_2026_applicant_file_imports_and_scores_on_2026(
    ctx: AppContext, tmp_path: Path, qid: str
) -> None:
    raw = (data_path("questionnaires") / "previous" / f"{qid}-2026.1.yaml").read_bytes()
    questionnaire, problems = parse_questionnaire(raw, f"{qid}-2026.1.yaml")
    assert questionnaire is not None and questionnaire.version == "2026.1", problems
    applicant = full_assessment(questionnaire, evidence=2)
    evidence = {hashlib.sha256(evidence_file(n)).hexdigest(): evidence_file(n) for n in range(2)}
    path = tmp_path / "solicitante-2026.aeoa"
    path.write_bytes(write_applicant_file(applicant, raw, evidence))

    _, file_card = transfer.score_file(path)
    imported = transfer.import_applicant_file(ctx, path)
    stored_q, stored, card = assessments.load(ctx, imported.assessment_id)
    assert stored_q.key == f"{qid}@2026.1"
    assert stored.answers == applicant.answers
    assert card == file_card == score(questionnaire, applicant)
    (row,) = assessments.list_assessments(ctx)
    assert (row.questionnaire_version, row.level) == ("2026.1", card.level)
    assert assessments.newer_version(ctx, imported.assessment_id) is None  # the applicant's word


def test_score_of_a_2026_file_says_2026(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = (data_path("questionnaires") / "previous" / "safe-aeo-2026.1.yaml").read_bytes()
    questionnaire, _ = parse_questionnaire(raw, "safe-aeo-2026.1.yaml")
    assert questionnaire is not None
    path = tmp_path / "solicitante.aeoa"
    path.write_bytes(write_applicant_file(full_assessment(questionnaire, evidence=0), raw, {}))
    assert main(["score", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["questionnaire"] == {
        "id": "safe-aeo",
        "version": "2026.1",
    }
