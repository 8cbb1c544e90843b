"""Taking a valid applicant file apart and putting it back together, hashes kept right."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import math
import zipfile
from typing import Any

from aeo_assess.domain.assessment import Assessment
from aeo_assess.domain.fields import COMMENT, COMPANY
from aeo_assess.domain.questionnaire import AEO_TYPES, ROLES, QuestionType
from aeo_assess.files.applicant import (
    ApplicantFile,
    read_applicant_file,
    write_applicant_file,
)
from aeo_assess.files.container import write_container
from aeo_assess.questionnaires import parse_questionnaire
from aeo_assess.scoring import score

from .samples import EVIDENCE_DATA, QUESTIONNAIRE_RAW, sample_assessment

WHEN = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def valid_file() -> bytes:
    return write_applicant_file(sample_assessment(), QUESTIONNAIRE_RAW, EVIDENCE_DATA)


def unpack(data: bytes) -> dict[str, bytes]:
    """Every member but the manifest (and directory entries)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [n for n in archive.namelist() if n != "manifest.json" and not n.endswith("/")]
        return {n: archive.read(n) for n in names}


def repack(members: dict[str, bytes]) -> bytes:
    return write_container("aeo-assess.applicant", "1.0", members, WHEN)


def document(data: bytes) -> Any:
    return json.loads(unpack(data)["assessment.json"])


def with_document(doc: Any, data: bytes | None = None) -> bytes:
    """The valid file (or ``data``) with ``assessment.json`` replaced by ``doc``."""
    members = unpack(valid_file() if data is None else data)
    members["assessment.json"] = json.dumps(doc).encode("utf-8")
    return repack(members)


def assert_sound(applicant: ApplicantFile) -> None:
    """Checks, independent of the reader's code, that a file it accepted is fit to import."""
    questionnaire, problems = parse_questionnaire(applicant.questionnaire_raw, "q")
    assert questionnaire is not None and not problems
    assert questionnaire == applicant.questionnaire
    assessment = applicant.assessment
    assert (assessment.questionnaire_id, assessment.questionnaire_version) == (
        questionnaire.id,
        questionnaire.version,
    )
    assert assessment.submission_sha256 == applicant.submission_sha256
    assert assessment.company.strip() and len(assessment.company) <= COMPANY.max_length
    assert len(assessment.country) == 2 and assessment.country.isupper()
    assert assessment.roles <= set(ROLES) and assessment.aeo_types <= set(AEO_TYPES)
    for question_id, answer in assessment.answers.items():
        question = questionnaire.question(question_id)
        assert answer.value is None or answer.na_reason is None
        assert len(answer.comment) <= COMMENT.max_length
        value = answer.value
        if value is None:
            continue
        if question.type is QuestionType.MATURITY:
            assert type(value) is int and 0 <= value <= 4
        elif question.type is QuestionType.YES_NO:
            assert type(value) is bool
        elif question.type is QuestionType.CHOICE:
            assert isinstance(value, str) and question.option(value) is not None
        elif question.type is QuestionType.NUMBER:
            assert type(value) in (int, float) and math.isfinite(value)
        elif question.type is QuestionType.TEXT:
            assert isinstance(value, str)
        else:
            assert type(value) is dt.date
    for question_id in assessment.plan:
        assert questionnaire.has_question(question_id)
    assert set(applicant.evidence_data) == {e.sha256 for e in assessment.evidence}
    for item in assessment.evidence:
        content = applicant.evidence_data[item.sha256]
        assert hashlib.sha256(content).hexdigest() == item.sha256
        assert len(content) == item.size
        assert all(questionnaire.has_question(q) for q in item.questions)
    score(questionnaire, assessment)
    again = read_applicant_file(
        write_applicant_file(
            assessment,
            applicant.questionnaire_raw,
            applicant.evidence_data,
            previous_submission=applicant.previous_submission,
        ),
        "again.aeoa",
    )
    assert same_content(again.assessment, assessment)
    assert again.previous_submission == applicant.previous_submission


def same_content(a: Assessment, b: Assessment) -> bool:
    """Equal apart from the submission hash, which depends on the exact JSON bytes."""
    return a == dataclasses.replace(b, submission_sha256=a.submission_sha256)
