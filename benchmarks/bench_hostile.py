"""Hostile applicant files are refused in about the time it takes to parse them: a file
listing 120,000 evidence entries, and 9,997 entries with a duplicate at the end (once
minutes of quadratic checks). Measured here, not in timed unit tests."""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from aeo_assess.files.applicant import read_applicant_file
from aeo_assess.files.container import write_container
from aeo_assess.files.errors import FileFormatError
from aeo_assess.services import assessments, transfer
from aeo_assess.services.context import open_context
from benchmarks.timing import median_seconds, report


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


def _refusal_time(data: bytes, reason: str) -> float:
    def read() -> None:
        try:
            read_applicant_file(data, "hostile.aeoa")
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


if __name__ == "__main__":
    main()
