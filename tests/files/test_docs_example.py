"""The example in docs/file-formats.md is a valid applicant file, hashes and all."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

from aeo_assess.domain.assessment import Answer, PlanEntry
from aeo_assess.files import read_applicant_file

from .applicant_helpers import assert_sound

DOC = Path(__file__).resolve().parents[2] / "docs" / "file-formats.md"
MEMBER = re.compile(r"<!-- member: (\S+) -->\n```\w*\n(.*?)```", re.DOTALL)


def example_members() -> dict[str, bytes]:
    return {name: body.encode("utf-8") for name, body in MEMBER.findall(DOC.read_text("utf-8"))}


def test_example_hashes_are_right() -> None:
    members = example_members()
    listed = json.loads(members.pop("manifest.json"))["members"]
    assert listed == {name: hashlib.sha256(data).hexdigest() for name, data in members.items()}


def test_example_reads_back() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in example_members().items():
            archive.writestr(name, data)
    applicant = read_applicant_file(buffer.getvalue(), "example.aeoa")
    assert applicant.submission_sha256 == (
        "c96c79d758adfc47ab97896a5b2b5d3997b658a1389e97cb2283b756e3917179"
    )
    assert applicant.assessment.answers == {
        "SAFE-A.01": Answer(value=2, comment="Badges since 2025."),
        "SAFE-A.02": Answer(na_reason="We never receive sealed containers.", flagged=True),
        "SAFE-A.03": Answer(value=dt.date(2025, 11, 20)),
    }
    assert applicant.assessment.plan == {
        "SAFE-A.01": PlanEntry("María Rojas", dt.date(2026, 6, 30))
    }
    assert_sound(applicant)
