"""The review file ``.aeor``: what is written is read back exactly; whatever is wrong is
refused with a message naming the field."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable
from typing import Any

import pytest

from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.review import (
    Finding,
    Outcome,
    QuestionReview,
    RemarkStatus,
    Review,
    Severity,
    Verdict,
)
from aeo_assess.files import FileFormatError
from aeo_assess.files.review_file import Binding, read_review_file, write_review_file
from aeo_assess.questionnaires import parse_questionnaire
from tests.conftest import MINIMAL

AT = dt.datetime(2026, 3, 9, 10, 30, tzinfo=dt.UTC)
SHA = "c9" * 32


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    parsed, problems = parse_questionnaire(MINIMAL.encode(), "mini.yaml")
    assert parsed is not None, problems
    return parsed


@pytest.fixture
def review() -> Review:
    return Review(
        assessment_id="",
        submission_sha256=SHA,
        questions={
            "C1.01": QuestionReview("C1.01", Verdict.NOT_ACCEPTED, "Mostrar el registro\n& <log>",
                                    RemarkStatus.OPEN, "María", AT),
            "C1.02": QuestionReview("C1.02", Verdict.ACCEPTED, "", None, "María", AT),
            "C2.02": QuestionReview("C2.02", None, "¿Desde cuándo?", RemarkStatus.RESOLVED,
                                    "María", AT),
        },
        findings=(
            Finding("F1", Severity.MAJOR, "C1", "Sin registro", "Llevar uno",
                    dt.date(2026, 6, 30), "María", AT),
            Finding("F3", Severity.OBSERVATION, "C2", "Bien", "", None, "María", AT),
        ),
        outcome=Outcome.FURTHER_REVIEW,
        outcome_note="Visita in situ.",
        reviewed=2,
        total=4,
        reviewer="María Rojas",
        started_at=AT,
        updated_at=AT,
    )


def binding(questionnaire: Questionnaire) -> Binding:
    return Binding(SHA, questionnaire.id, questionnaire.version)


def lookup(questionnaire: Questionnaire) -> Callable[[Binding], Questionnaire]:
    def find(found: Binding) -> Questionnaire:
        assert found.submission_sha256 == SHA
        return questionnaire

    return find


def test_round_trip_is_exact_and_deterministic(
    questionnaire: Questionnaire, review: Review
) -> None:
    data = write_review_file(review, binding(questionnaire), questionnaire)
    assert data == write_review_file(review, binding(questionnaire), questionnaire)
    read = read_review_file(data, "r.aeor", lookup(questionnaire))
    assert read.binding == binding(questionnaire)
    assert read.review == review
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["manifest.json", "review.json"]
        assert read.sha256 == hashlib.sha256(archive.read("review.json")).hexdigest()
        manifest = json.loads(archive.read("manifest.json"))
    assert (manifest["format"], manifest["format_version"]) == ("aeo-assess.review", "1.1")


def repacked(data: bytes, edit: Callable[[dict[str, Any]], object]) -> bytes:
    """The file with its review.json edited and the manifest hash made to match."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = json.loads(archive.read("review.json"))
        manifest = json.loads(archive.read("manifest.json"))
    edit(document)
    raw = json.dumps(document).encode()
    manifest["members"]["review.json"] = hashlib.sha256(raw).hexdigest()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("review.json", raw)
    return out.getvalue()


def question(d: dict[str, Any]) -> dict[str, Any]:
    q: dict[str, Any] = d["questions"]["C1.01"]
    return q


def finding(d: dict[str, Any]) -> dict[str, Any]:
    f: dict[str, Any] = d["findings"][0]
    return f


MUTATIONS: list[tuple[str, Callable[[dict[str, Any]], object], str]] = [
    ("verdict", lambda d: question(d).update(verdict="maybe"),
     "questions.C1.01.verdict: must be one of accepted, not_accepted, needs_evidence"),
    ("status", lambda d: question(d).update(remark_status="closed"),
     "questions.C1.01.remark_status: must be one of open, resolved"),
    ("status without remark", lambda d: question(d).update(remark=""),
     "questions.C1.01.remark_status: must be null"),
    ("remark without status", lambda d: question(d).update(remark_status=None),
     "questions.C1.01.remark_status: must be open or resolved"),
    ("empty", lambda d: question(d).update(verdict=None, remark="", remark_status=None),
     "questions.C1.01: has neither a verdict nor a remark"),
    ("severity", lambda d: finding(d).update(severity="high"),
     "findings[0].severity: must be one of critical, major, minor, observation"),
    ("outcome", lambda d: d.update(outcome="approve"), "outcome: must be one of grant"),
    ("question", lambda d: d["questions"].update({"C9.99": question(d)}),
     "questions.C9.99: there is no question 'C9.99' in questionnaire mini 1"),
    ("criterion", lambda d: finding(d).update(criterion="C9"),
     "findings[0].criterion: there is no criterion 'C9'"),
    ("duplicate finding", lambda d: d["findings"].append(finding(d)),
     "findings[2].id: 'F1' is used twice"),
    ("progress", lambda d: d["progress"].update(reviewed=3),
     "progress.reviewed: is 3 but 2 questions have a verdict"),
    ("total", lambda d: d["progress"].update(total=99), "progress.total: must be between 2"),
    ("due", lambda d: finding(d).update(due="2026-02-30"), "findings[0].due: must be a calendar"),
    ("timestamp", lambda d: question(d).update(at="2026-03-09 10:30"),
     "questions.C1.01.at: must be an ISO 8601 timestamp"),
    ("control character", lambda d: d.update(reviewer="María\x07"),
     "reviewer: contains the control character U+0007"),
    ("unknown key", lambda d: d.update(signature="x"), "signature: is not a known field"),
    ("missing key", lambda d: d.pop("findings"), "findings: is missing"),
    ("binding", lambda d: d["submission"].update(sha256="XYZ"),
     "submission.sha256: must be 64 lowercase hex digits"),
    ("questionnaire", lambda d: d["submission"]["questionnaire"].update(version="2"),
     "submission.questionnaire.version: is '2' but the submission was answered on '1'"),
]


@pytest.mark.parametrize(("edit", "message"), [(m[1], m[2]) for m in MUTATIONS],
                         ids=[m[0] for m in MUTATIONS])
def test_bad_content_is_refused_naming_the_field(
    questionnaire: Questionnaire,
    review: Review,
    edit: Callable[[dict[str, Any]], object],
    message: str,
) -> None:
    data = repacked(write_review_file(review, binding(questionnaire), questionnaire), edit)
    with pytest.raises(FileFormatError) as error:
        read_review_file(data, "r.aeor", lookup(questionnaire))
    assert f"r.aeor: review.json: {message}" in str(error.value)


def test_container_problems_are_refused(questionnaire: Questionnaire, review: Review) -> None:
    data = write_review_file(review, binding(questionnaire), questionnaire)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}

    def zipped(files: dict[str, bytes]) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for name, content in files.items():
                archive.writestr(name, content)
        return out.getvalue()

    broken = dict(members, **{"review.json": members["review.json"].replace(b"Rojas", b"Rojaz")})
    manifest = json.loads(members["manifest.json"])
    newer = dict(members, **{"manifest.json": json.dumps(
        dict(manifest, format_version="2.0")).encode()})
    applicant = dict(members, **{"manifest.json": json.dumps(
        dict(manifest, format="aeo-assess.applicant")).encode()})
    cases = [
        (broken, "member 'review.json' does not match its SHA-256"),
        (newer, "format version 2.0 is unknown"),
        (applicant, "the file is 'aeo-assess.applicant', not 'aeo-assess.review'"),
    ]
    for files, message in cases:
        with pytest.raises(FileFormatError, match=message):
            read_review_file(zipped(files), "r.aeor", lookup(questionnaire))


def test_the_lookup_refuses_an_unknown_binding(
    questionnaire: Questionnaire, review: Review
) -> None:
    data = write_review_file(review, binding(questionnaire), questionnaire)

    def unknown(_found: Binding) -> Questionnaire:
        raise LookupError("never exported")

    with pytest.raises(LookupError, match="never exported"):
        read_review_file(data, "r.aeor", unknown)


def test_the_writer_refuses_what_the_reader_would(
    questionnaire: Questionnaire, review: Review
) -> None:
    stray = QuestionReview("C9.99", Verdict.ACCEPTED, "", None, "María", AT)
    bad = Review(**{**review.__dict__, "questions": {"C9.99": stray}, "reviewed": 1})
    with pytest.raises(FileFormatError, match="cannot write the review file: .*'C9.99'"):
        write_review_file(bad, binding(questionnaire), questionnaire)


def test_the_documented_example_reads_against_the_documented_applicant_file() -> None:
    from tests.files.test_docs_example import DOC, example_members

    block = re.search(r"<!-- review example -->\n```json\n(.*?)```", DOC.read_text("utf-8"),
                      re.DOTALL)
    assert block is not None
    raw = block.group(1).encode()
    manifest = {"format": "aeo-assess.review", "format_version": "1.0",
                "app_version": "example-writer 1.0", "created_at": "2026-03-12T15:10:00Z",
                "members": {"review.json": hashlib.sha256(raw).hexdigest()}}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("review.json", raw)
    members = example_members()
    applicant = hashlib.sha256(members["assessment.json"]).hexdigest()
    questionnaire, _ = parse_questionnaire(members["questionnaire.yaml"], "questionnaire.yaml")
    assert questionnaire is not None

    def bound(found: Binding) -> Questionnaire:
        assert found.submission_sha256 == applicant
        return questionnaire

    read = read_review_file(out.getvalue(), "example.aeor", bound)
    assert read.review.questions["SAFE-A.01"].verdict is Verdict.NEEDS_EVIDENCE
    assert read.review.findings[0].due == dt.date(2026, 6, 30)
    assert read.review.outcome is Outcome.GRANT_AFTER_IMPROVEMENTS


def test_a_review_with_40000_findings_is_refused_before_any_finding_is_read(
    questionnaire: Questionnaire, review: Review
) -> None:
    """Every finding is broken, so that reading any one of them would refuse the file for it:
    the count is refused first, at no cost per finding. Its speed is measured by ``make bench``
    (bench_hostile)."""
    data = write_review_file(review, binding(questionnaire), questionnaire)

    def many(document: dict[str, Any]) -> None:
        template = document["findings"][0]
        document["findings"] = [
            {**template, "id": f"F{i}", "severity": "unheard-of"} for i in range(40_000)
        ]

    hostile = repacked(data, many)
    with pytest.raises(FileFormatError) as refused:
        read_review_file(hostile, "r.aeor", lookup(questionnaire))
    assert str(refused.value) == (
        "r.aeor: review.json: findings: has 40,000 items; at most 1,000 are allowed")
