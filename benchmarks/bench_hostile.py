"""Hostile files are refused in about the time it takes to parse them: an applicant file
listing 120,000 evidence entries, and 9,997 entries with a duplicate at the end (once
minutes of quadratic checks), a review file with 40,000 findings; and a ZIP bomb whose header
understates its size in a small fraction of the time inflating it takes. Measured here, not in
timed unit tests."""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.review import Finding, Review, Severity
from aeo_assess.files.applicant import read_applicant_file
from aeo_assess.files.container import MAX_MEMBER_BYTES, read_container, write_container
from aeo_assess.files.errors import FileFormatError
from aeo_assess.files.review_file import (
    FORMAT,
    FORMAT_VERSION,
    REVIEW,
    Binding,
    read_review_file,
    write_review_file,
)
from aeo_assess.questionnaires import parse_questionnaire
from aeo_assess.services import assessments, transfer
from aeo_assess.services.context import open_context
from benchmarks.timing import median_seconds, report
from tests.conftest import MINIMAL
from tests.files.zips import build, manifest, patch_central


def _valid_file(directory: Path) -> bytes:
    ctx = open_context(f"sqlite:///{directory / 'hostile.sqlite3'}")
    assessment_id = assessments.create_assessment(
        ctx, questionnaire_id="safe-aeo", company="Hostile bench S.A.", country="CR",
        roles={"exporter"}, aeo_types={"security"},
    )
    out = transfer.export_assessment(ctx, assessment_id, directory / "valid.aeoa")
    ctx.database.close()
    return out.read_bytes()


def _with_evidence(valid: bytes, entries: list[dict[str, Any]]) -> tuple[bytes, bytes]:
    """The file with its evidence list replaced, repacked with matching hashes; and the
    ``assessment.json`` bytes the baseline parses."""
    with zipfile.ZipFile(io.BytesIO(valid)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()
                   if n not in ("manifest.json", "signature.json") and not n.endswith("/")}
    document = json.loads(members["assessment.json"])
    document["evidence"] = entries
    members["assessment.json"] = json.dumps(document).encode("utf-8")
    container = write_container("aeo-assess.applicant", "1.0", members, dt.datetime.now(dt.UTC))
    return container, members["assessment.json"]


def _with_findings(count: int) -> tuple[bytes, bytes, Questionnaire]:
    """A review file of ``count`` findings, the ``review.json`` the baseline parses, and the
    questionnaire it is bound to."""
    questionnaire, problems = parse_questionnaire(MINIMAL.encode(), "mini.yaml")
    assert questionnaire is not None, problems
    now = dt.datetime.now(dt.UTC)
    finding = Finding("F1", Severity.MAJOR, "C1", "Sin registro", "", None, "María", now)
    review = Review(assessment_id="", submission_sha256="c9" * 32, questions={},
                    findings=(finding,), outcome=None, outcome_note="", reviewed=0, total=5,
                    reviewer="María", started_at=now, updated_at=now)
    binding = Binding("c9" * 32, questionnaire.id, questionnaire.version)
    valid = write_review_file(review, binding, questionnaire)
    with zipfile.ZipFile(io.BytesIO(valid)) as archive:
        document = json.loads(archive.read(REVIEW))
    template = document["findings"][0]
    document["findings"] = [{**template, "id": f"F{i}"} for i in range(count)]
    raw = json.dumps(document).encode("utf-8")
    return write_container(FORMAT, FORMAT_VERSION, {REVIEW: raw}, now), raw, questionnaire


def _understated_bomb() -> tuple[bytes, bytes]:
    """A container whose 50 MB of zeros are declared as 1,000 bytes, and that member as
    deflated."""
    zeros = bytes(MAX_MEMBER_BYTES * 2)
    data = build([("manifest.json", manifest({"bomb": zeros[:1000]})), ("bomb", zeros)])
    deflater = zlib.compressobj(wbits=-15)
    return (patch_central(data, "bomb", file_size=1000, crc=zlib.crc32(zeros[:1000])),
            deflater.compress(zeros) + deflater.flush())


def _refusal_time(data: bytes, reason: str,
                  read_file: Callable[[bytes], object] | None = None) -> float:
    def read() -> None:
        try:
            (read_file or (lambda d: read_applicant_file(d, "hostile.aeoa")))(data)
        except FileFormatError as error:
            assert reason in str(error), error
            return
        raise AssertionError("the hostile file was accepted")

    return median_seconds(read, repeat=3)


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        valid = _valid_file(Path(directory))
    template = {"sha256": "0" * 64, "name": "e.pdf", "media_type": "application/pdf",
                "size": 1, "questions": []}
    many = [{**template, "sha256": f"{i:064x}"} for i in range(120_000)]
    data, raw = _with_evidence(valid, many)
    parse = median_seconds(lambda: json.loads(raw), repeat=3)
    report("refuse 120,000 evidence entries vs json.loads", _refusal_time(data, "JSON objects"), parse,
           "<= 3x")
    twice = [{**template, "sha256": f"{i:064x}"} for i in range(9_997)]
    twice[-1] = twice[-2]
    data, raw = _with_evidence(valid, twice)
    parse = median_seconds(lambda: json.loads(raw), repeat=3)
    report("refuse a duplicate among 9,997 entries vs json.loads", _refusal_time(data, "listed twice"),
           parse, "<= 20x; minutes when it was quadratic")
    data, raw, questionnaire = _with_findings(40_000)
    parse = median_seconds(lambda: json.loads(raw), repeat=3)
    refusal = _refusal_time(data, "has 40,000 items", lambda d: read_review_file(
        d, "hostile.aeor", lambda binding: questionnaire))
    report("refuse a review of 40,000 findings vs json.loads", refusal, parse, "<= 3x")
    data, deflated = _understated_bomb()
    inflate = median_seconds(lambda: zlib.decompress(deflated, -15), repeat=3)
    refusal = _refusal_time(data, "different size", lambda d: read_container(
        d, "hostile.aeoa", "aeo-assess.applicant"))
    report("refuse an understated 50 MB bomb vs inflating it", refusal, inflate,
           "<= 0.1x: never inflated")


if __name__ == "__main__":
    main()
