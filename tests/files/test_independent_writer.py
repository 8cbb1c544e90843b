"""A file written from docs/file-formats.md alone, with nothing from aeo_assess, reads back.

The writer below uses only zipfile, json and hashlib, and makes different choices from ours
wherever the format allows (stored entries, its own member order, compact JSON, real entry
timestamps, a directory entry) so that the reader is tested against the specification.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile

from aeo_assess.domain.assessment import Answer, PlanEntry, Status
from aeo_assess.files import read_applicant_file

from .applicant_helpers import assert_sound
from .samples import QUESTIONNAIRE_RAW

SCAN = b"\x89PNG\r\n\x1a\n fake scan of the security policy"
SCAN_SHA = hashlib.sha256(SCAN).hexdigest()


def independent_writer() -> bytes:
    assessment = {
        "questionnaire": {
            "sha256": hashlib.sha256(QUESTIONNAIRE_RAW).hexdigest(),
            "id": "every-type",
            "version": "2026.1",
        },
        "profile": {
            "id": "6f1c2a9e-0d3b-4e8f-a1b2-c3d4e5f60718",
            "company": "Exportadora del Pacífico S.A.",
            "tax_id": "",
            "country": "GT",
            "roles": ["exporter"],
            "aeo_types": ["security"],
            "status": "submitted",
            "demo": False,
            "created_at": "2026-02-10T08:15:00-06:00",
            "updated_at": "2026-02-11T14:00:00Z",
            "previous_submission": None,
        },
        "answers": {
            "SAFE-A.01": {"value": 2, "na_reason": None, "comment": "", "flagged": False},
            "SAFE-A.02": {"value": True, "na_reason": None, "comment": "", "flagged": True},
            "SAFE-A.03": {"value": "partial", "na_reason": None, "comment": "", "flagged": False},
            "SAFE-B.01": {"value": 40, "na_reason": None, "comment": "trucks", "flagged": False},
            "SAFE-B.02": {"value": None, "na_reason": "No text", "comment": "", "flagged": False},
            "SAFE-B.03": {
                "value": "2024-02-29",
                "na_reason": None,
                "comment": "",
                "flagged": False,
            },
        },
        "plan": {"SAFE-A.01": {"owner": "Luis", "due": "2026-09-01"}},
        "evidence": [
            {
                "sha256": SCAN_SHA,
                "name": "policy-scan.png",
                "media_type": "image/png",
                "size": len(SCAN),
                "questions": ["SAFE-A.02", "SAFE-A.01"],
            }
        ],
    }
    members = {
        "questionnaire.yaml": QUESTIONNAIRE_RAW,
        f"evidence/{SCAN_SHA}": SCAN,
        "assessment.json": json.dumps(assessment, separators=(",", ":")).encode("utf-8"),
    }
    manifest = {
        "members": {name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
        "created_at": "2026-02-11T14:00:05Z",
        "app_version": "other-tool 3.2",
        "format_version": "1.0",
        "format": "aeo-assess.applicant",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("evidence/", b"")
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 2, 11, 14, 0, 5)), data)
        archive.writestr("manifest.json", json.dumps(manifest))
    return buffer.getvalue()


def test_a_file_written_by_another_program_reads_back() -> None:
    applicant = read_applicant_file(independent_writer(), "other.aeoa")
    assessment = applicant.assessment
    assert assessment.id == "6f1c2a9e-0d3b-4e8f-a1b2-c3d4e5f60718"
    assert assessment.company == "Exportadora del Pacífico S.A."
    assert (assessment.country, assessment.status) == ("GT", Status.SUBMITTED)
    assert assessment.roles == {"exporter"} and assessment.aeo_types == {"security"}
    assert assessment.created_at == dt.datetime(2026, 2, 10, 14, 15, tzinfo=dt.UTC)
    assert assessment.answers == {
        "SAFE-A.01": Answer(value=2),
        "SAFE-A.02": Answer(value=True, flagged=True),
        "SAFE-A.03": Answer(value="partial"),
        "SAFE-B.01": Answer(value=40, comment="trucks"),
        "SAFE-B.02": Answer(na_reason="No text"),
        "SAFE-B.03": Answer(value=dt.date(2024, 2, 29)),
    }
    assert assessment.plan == {"SAFE-A.01": PlanEntry("Luis", dt.date(2026, 9, 1))}
    (evidence,) = assessment.evidence
    assert evidence.questions == {"SAFE-A.01", "SAFE-A.02"}
    assert applicant.evidence_data == {SCAN_SHA: SCAN}
    assert applicant.previous_submission is None
    assert applicant.questionnaire_raw == QUESTIONNAIRE_RAW
    assert_sound(applicant)
