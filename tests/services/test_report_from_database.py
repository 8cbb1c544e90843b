"""A readiness report from the database prints exactly what the applicant file it was
imported from prints (issue 19 changed how storage reads it: prepared Core statements): every
answer, comment, plan entry and evidence item comes back as it went in. Only the status
differs: the imported copy is a submission."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

from pypdf import PdfReader

from aeo_assess.files.applicant import write_applicant_file
from aeo_assess.questionnaires.registry import shipped_raw
from aeo_assess.services import reports, transfer
from aeo_assess.services.context import AppContext
from tests.reporting.samples import evidence_file, full_assessment, safe_aeo


def _text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?", "<when>", text)


def test_the_database_report_prints_what_the_file_prints(ctx: AppContext, tmp_path: Path) -> None:
    questionnaire = safe_aeo()
    assessment = full_assessment(questionnaire, evidence=3)
    evidence = {hashlib.sha256(evidence_file(n)).hexdigest(): evidence_file(n) for n in range(3)}
    path = tmp_path / "full.aeoa"
    path.write_bytes(write_applicant_file(assessment, shipped_raw(questionnaire), evidence))
    assessment_id = transfer.import_applicant_file(ctx, path).assessment_id
    options = reports.ReportOptions(language="es")

    from_file = _text(reports.render(None, str(path), options).pdf)
    from_database = _text(reports.render(ctx, assessment_id, options).pdf)

    assert "Estado Borrador" in from_file and "Estado Presentada" in from_database
    assert from_database.replace("Estado Presentada", "Estado Borrador") == from_file
