"""Issue 7 through the services: a trader and a customs officer on two databases complete two
review rounds with files alone; integrity refusals write nothing; neither side can change
what belongs to the other. On SQLite and (with AEO_ASSESS_TEST_PG) PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from aeo_assess.domain.assessment import Answer
from aeo_assess.domain.review import (
    ChangeKind,
    Outcome,
    RemarkStatus,
    ReviewSubject,
    Severity,
    Verdict,
)
from aeo_assess.services import assessments, csv_answers, evidence, reports, reviews, transfer
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage.database import Database
from aeo_assess.storage.models import Base
from tests.db_fixtures import backends, fresh_database_url

DUE = dt.date(2026, 9, 30)


@dataclass
class Sides:
    trader: AppContext
    officer: AppContext
    folder: Path


@pytest.fixture(params=backends())
def sides(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Sides]:
    """Two installations: the trader's database and the customs office's."""
    (tmp_path / "t").mkdir()
    (tmp_path / "o").mkdir()
    with (
        fresh_database_url(request.param, tmp_path / "t") as trader_url,
        fresh_database_url(request.param, tmp_path / "o") as officer_url,
    ):
        trader, officer = Database(trader_url), Database(officer_url)
        try:
            yield Sides(AppContext(trader, user="trader"), AppContext(officer, user="officer"),
                        tmp_path)
        finally:
            trader.close()
            officer.close()


def row_counts(ctx: AppContext) -> dict[str, int]:
    """Rows per table: what "nothing was written" is checked against."""
    with ctx.database.session(readonly=True) as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


def first_submission(s: Sides) -> tuple[str, Path]:
    """The trader answers a few questions with comments and evidence, and exports."""
    t = s.trader
    trader_id = assessments.create_assessment(
        t, questionnaire_id="safe-aeo", company="Café Ñandú & Hijos <S.A.>", country="CR",
        roles=["exporter", "carrier"], aeo_types=["security", "compliance"],
    )
    assessments.set_value(t, trader_id, "SAFE-A.03", 1)
    assessments.set_comment(t, trader_id, "SAFE-A.03", "Visitor log on paper.")
    assessments.set_value(t, trader_id, "SAFE-A.04", 3)
    assessments.set_value(t, trader_id, "SAFE-A.05", 2)
    assessments.mark_not_applicable(t, trader_id, "SAFE-A.06", "We own no premises.")
    assessments.set_value(t, trader_id, "SAFE-B.01", 4)
    evidence.attach_bytes(t, trader_id, "gate-log.txt", "text/plain", b"log v1", ["SAFE-A.03"])
    evidence.attach_bytes(t, trader_id, "policy.pdf", "application/pdf", b"%PDF policy",
                          ["SAFE-B.01"])
    out = s.folder / "first.aeoa"
    transfer.export_assessment(t, trader_id, out)
    return trader_id, out


def first_review(s: Sides, first: Path) -> tuple[str, Path]:
    o = s.officer
    submission = transfer.import_applicant_file(o, first).assessment_id
    review = reviews.start_review(o, submission)
    assert (review.reviewed, review.total) == (0, assessments.load(o, submission)[2].applicable)
    reviews.set_verdict(o, submission, "SAFE-A.03", Verdict.NOT_ACCEPTED,
                        "Show the visitor log & the <badge> register.")
    reviews.set_verdict(o, submission, "SAFE-A.04", Verdict.ACCEPTED)
    reviews.set_verdict(o, submission, "SAFE-A.05", Verdict.ACCEPTED, "Fine; keep records.")
    reviews.set_remark_status(o, submission, "SAFE-A.05", RemarkStatus.RESOLVED)
    reviews.set_verdict(o, submission, "SAFE-A.06", Verdict.NEEDS_EVIDENCE,
                        "Lease contract, please.")
    reviews.set_verdict(o, submission, "SAFE-B.01", Verdict.ACCEPTED)
    reviews.add_finding(o, submission, severity=Severity.MAJOR, criterion_id="SAFE-A",
                        text="No visitor log at gate 2.", required_action="Keep one.", due=DUE)
    reviews.add_finding(o, submission, severity=Severity.OBSERVATION, criterion_id="SAFE-B",
                        text="Good policy.")
    review = reviews.set_outcome(o, submission, Outcome.GRANT_AFTER_IMPROVEMENTS, "Fix gate 2.")
    assert review.reviewed == 5
    assert [f.id for f in review.findings] == ["F1", "F2"]
    out = s.folder / "first.aeor"
    reviews.export_review(o, submission, out)
    assert assessments.load(o, submission)[1].status == "reviewed"
    return submission, out


def test_two_review_rounds_with_files_alone(sides: Sides) -> None:
    s = sides
    t, o = s.trader, s.officer
    trader_id, first = first_submission(s)
    submission, review_file = first_review(s, first)

    # The trader sees every remark on its question, the findings and the outcome.
    assert reviews.import_review(t, review_file) == trader_id
    (received,) = reviews.received_reviews(t, trader_id)
    assert received.received and received.reviewer == "officer"
    assert received.questions["SAFE-A.03"].remark == "Show the visitor log & the <badge> register."
    assert received.questions["SAFE-A.03"].verdict is Verdict.NOT_ACCEPTED
    assert received.questions["SAFE-A.05"].remark_status is RemarkStatus.RESOLVED
    assert [q.question_id for q in received.open_remarks] == ["SAFE-A.03", "SAFE-A.06"]
    assert [(f.id, f.severity, f.due) for f in received.findings] == [
        ("F1", Severity.MAJOR, DUE), ("F2", Severity.OBSERVATION, None)]
    assert (received.outcome, received.outcome_note) == (
        Outcome.GRANT_AFTER_IMPROVEMENTS, "Fix gate 2.")
    assert (received.reviewed, received.total) == (5, reviews.load_review(o, submission).total)
    before = row_counts(t)
    assert reviews.import_review(t, review_file) == trader_id  # the same file again
    assert row_counts(t) == before

    # The trader fixes what customs asked for and resubmits.
    assessments.set_value(t, trader_id, "SAFE-A.03", 3)
    assessments.set_comment(t, trader_id, "SAFE-A.03", "Visitor log now electronic.")
    assessments.set_value(t, trader_id, "SAFE-A.06", 2)
    assessments.set_comment(t, trader_id, "SAFE-A.05", "Records kept since May.")
    assessments.clear_answer(t, trader_id, "SAFE-B.01")
    old_log = hashlib.sha256(b"log v1").hexdigest()
    evidence.remove(t, trader_id, old_log)
    evidence.attach_bytes(t, trader_id, "gate-log.txt", "text/plain", b"log v2", ["SAFE-A.03"])
    evidence.attach_bytes(t, trader_id, "lease.pdf", "application/pdf", b"%PDF lease",
                          ["SAFE-A.06"])
    second = s.folder / "second.aeoa"
    transfer.export_assessment(t, trader_id, second)

    imported = transfer.import_applicant_file(o, second)
    assert imported.previous_submission_id == submission
    resubmission = imported.assessment_id
    diff = reviews.changes_since_previous(o, resubmission)
    assert diff is not None and diff.previous_id == submission
    assert [(c.question_id, c.kind) for c in diff.answers] == [
        ("SAFE-A.03", ChangeKind.CHANGED), ("SAFE-A.06", ChangeKind.CHANGED),
        ("SAFE-B.01", ChangeKind.REMOVED)]
    assert diff.answers[0].old == Answer(1, comment="Visitor log on paper.")
    assert diff.answers[0].new == Answer(3, comment="Visitor log now electronic.")
    assert diff.answers[2].new is None
    assert [(c.question_id, c.kind, c.old, c.new) for c in diff.comments] == [
        ("SAFE-A.03", ChangeKind.CHANGED, "Visitor log on paper.", "Visitor log now electronic."),
        ("SAFE-A.05", ChangeKind.ADDED, None, "Records kept since May.")]
    assert [(c.question_id, c.kind) for c in diff.evidence] == [
        ("SAFE-A.03", ChangeKind.CHANGED), ("SAFE-A.06", ChangeKind.ADDED)]
    replaced = diff.evidence[0]
    assert replaced.old is not None and replaced.old.sha256 == old_log
    assert replaced.new is not None and replaced.new.sha256 == hashlib.sha256(b"log v2").hexdigest()
    assert diff.question_ids() == ["SAFE-A.03", "SAFE-A.05", "SAFE-A.06", "SAFE-B.01"]
    assert reviews.changes_since_previous(o, submission) is None

    # Second round: untouched answers keep their verdicts, changed ones keep their remarks.
    carried = reviews.start_review(o, resubmission)
    assert carried.questions["SAFE-A.04"].verdict is Verdict.ACCEPTED
    assert carried.questions["SAFE-A.03"].verdict is None
    assert carried.questions["SAFE-A.03"].remark_status is RemarkStatus.OPEN
    assert "SAFE-B.01" not in carried.questions  # changed, and no remark to keep
    assert [f.id for f in carried.findings] == ["F1", "F2"]
    assert carried.outcome is None
    reviews.set_verdict(o, resubmission, "SAFE-A.03", Verdict.ACCEPTED,
                        carried.questions["SAFE-A.03"].remark)
    reviews.set_remark_status(o, resubmission, "SAFE-A.03", RemarkStatus.RESOLVED)
    reviews.set_verdict(o, resubmission, "SAFE-A.06", Verdict.ACCEPTED, "Lease contract, please.")
    reviews.set_remark_status(o, resubmission, "SAFE-A.06", RemarkStatus.RESOLVED)
    reviews.remove_finding(o, resubmission, "F1")
    finding = reviews.add_finding(o, resubmission, severity=Severity.MINOR,
                                  criterion_id="SAFE-B", text="Policy answer withdrawn.")
    assert [f.id for f in finding.findings] == ["F2", "F3"]
    reviews.update_finding(o, resubmission, "F3", severity=Severity.CRITICAL, due=DUE)
    reviews.set_outcome(o, resubmission, Outcome.GRANT)
    second_review = s.folder / "second.aeor"
    reviews.export_review(o, resubmission, second_review)

    assert reviews.import_review(t, second_review) == trader_id
    latest, earlier = reviews.received_reviews(t, trader_id)
    assert earlier == received
    assert latest.outcome is Outcome.GRANT and not latest.open_remarks
    assert [(f.id, f.severity, f.due) for f in latest.findings] == [
        ("F2", Severity.OBSERVATION, None), ("F3", Severity.CRITICAL, DUE)]
    assert latest.questions["SAFE-A.03"].remark_status is RemarkStatus.RESOLVED

    # The review report of the resubmission prints the changes section.
    pdf = s.folder / "review.pdf"
    reports.write_review_report(o, resubmission, pdf, "en", "A4")
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Changes since the last submission" in text
    assert "Policy answer withdrawn." in text and "Grant" in text


def test_review_changes_are_autosaved_with_history(sides: Sides) -> None:
    _trader_id, first = first_submission(sides)
    submission, _ = first_review(sides, first)
    o = sides.officer
    reviews.set_verdict(o, submission, "SAFE-A.04", Verdict.NOT_ACCEPTED, "On reflection, no.")
    reviews.set_verdict(o, submission, "SAFE-A.04", Verdict.NOT_ACCEPTED, "On reflection, no.")
    history = [c for c in reviews.review_history(o, submission) if c.key == "SAFE-A.04"]
    assert len(history) == 2  # the repeated call was a no-op
    assert history[0].old is None and history[-1].who == "officer"
    assert getattr(history[-1].old, "verdict", None) is Verdict.ACCEPTED
    assert getattr(history[-1].new, "remark", None) == "On reflection, no."
    subjects = {c.subject for c in reviews.review_history(o, submission)}
    assert subjects == set(ReviewSubject)
    reviews.set_verdict(o, submission, "SAFE-A.04", None)
    assert "SAFE-A.04" not in reviews.load_review(o, submission).questions


def test_the_officer_never_changes_the_applicants_answers(sides: Sides) -> None:
    _trader_id, first = first_submission(sides)
    o = sides.officer
    submission = transfer.import_applicant_file(o, first).assessment_id
    sheet = sides.folder / "answers.csv"
    sheet.write_text("question_id;value;comment;na_reason\nSAFE-A.03;4;;\n", encoding="utf-8")
    before = row_counts(o)
    attempts: list[Callable[[], object]] = [
        lambda: assessments.set_value(o, submission, "SAFE-A.03", 4),
        lambda: assessments.set_comment(o, submission, "SAFE-A.03", "better"),
        lambda: assessments.set_flag(o, submission, "SAFE-A.03", True),
        lambda: assessments.mark_not_applicable(o, submission, "SAFE-A.04", "no"),
        lambda: assessments.set_plan_entry(o, submission, "SAFE-A.03", "me", None),
        lambda: evidence.attach_bytes(o, submission, "x.txt", "text/plain", b"x", []),
        lambda: evidence.remove(o, submission, hashlib.sha256(b"log v1").hexdigest()),
        lambda: csv_answers.import_answers_csv(o, sheet, submission),
    ]
    for attempt in attempts:
        with pytest.raises(ServiceError, match="imported applicant file"):
            attempt()
    assert row_counts(o) == before


def test_the_trader_never_changes_verdicts(sides: Sides) -> None:
    trader_id, first = first_submission(sides)
    _submission, review_file = first_review(sides, first)
    t = sides.trader
    reviews.import_review(t, review_file)
    before = row_counts(t)
    attempts: list[Callable[[], object]] = [
        lambda: reviews.start_review(t, trader_id),
        lambda: reviews.set_verdict(t, trader_id, "SAFE-A.03", Verdict.ACCEPTED),
        lambda: reviews.set_remark_status(t, trader_id, "SAFE-A.03", RemarkStatus.RESOLVED),
        lambda: reviews.add_finding(t, trader_id, severity=Severity.MINOR,
                                    criterion_id="SAFE-A", text="x"),
        lambda: reviews.remove_finding(t, trader_id, "F1"),
        lambda: reviews.set_outcome(t, trader_id, Outcome.GRANT),
        lambda: reviews.export_review(t, trader_id, sides.folder / "forged.aeor"),
    ]
    for attempt in attempts:
        with pytest.raises(ServiceError, match="applicant's own work"):
            attempt()
    with pytest.raises(ServiceError, match="not an imported applicant file"):
        reviews.load_review(t, trader_id)
    assert row_counts(t) == before
    assert not (sides.folder / "forged.aeor").exists()


def rewrite(path: Path, out: Path, change: dict[str, bytes], *, fix_manifest: bool) -> Path:
    """A copy of the container with members replaced; the manifest's hashes are updated only
    with ``fix_manifest`` (a forger who knows the format, and so drops the signature he cannot
    make again), else they are left broken."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members.update(change)
    if fix_manifest:
        members.pop("signature.json", None)
        manifest = json.loads(members["manifest.json"])
        manifest.pop("signer", None)
        for name in change:
            manifest["members"][name] = hashlib.sha256(members[name]).hexdigest()
        members["manifest.json"] = json.dumps(manifest).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    out.write_bytes(buffer.getvalue())
    return out


def edited_review(
    path: Path, out: Path, edit: Callable[[dict[str, Any]], object], *, fix_manifest: bool = True
) -> Path:
    with zipfile.ZipFile(path) as archive:
        document = json.loads(archive.read("review.json"))
    edit(document)
    return rewrite(path, out, {"review.json": json.dumps(document).encode()},
                   fix_manifest=fix_manifest)


def test_integrity_refusals_write_nothing(sides: Sides) -> None:
    t, o = sides.trader, sides.officer
    _trader_id, first = first_submission(sides)
    _submission, review_file = first_review(sides, first)
    folder = sides.folder

    def bind_elsewhere(d: dict[str, Any]) -> None:
        d["submission"]["sha256"] = "0" * 64

    def bad_verdict(d: dict[str, Any]) -> None:
        d["questions"]["SAFE-A.04"]["verdict"] = "maybe"

    def unknown_question(d: dict[str, Any]) -> None:
        d["questions"]["SAFE-Z.99"] = d["questions"]["SAFE-A.04"]

    with zipfile.ZipFile(review_file) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    manifest["format_version"] = "2.0"
    cases = [
        (edited_review(review_file, folder / "elsewhere.aeor", bind_elsewhere),
         "never exported nor imported"),
        (edited_review(review_file, folder / "broken.aeor",
                       lambda d: d.update(outcome="refuse"), fix_manifest=False),
         "does not match its SHA-256"),
        (edited_review(review_file, folder / "verdict.aeor", bad_verdict),
         r"questions\.SAFE-A\.04\.verdict: must be one of accepted"),
        (edited_review(review_file, folder / "question.aeor", unknown_question),
         "no question 'SAFE-Z.99'"),
        (rewrite(review_file, folder / "version.aeor",
                 {"manifest.json": json.dumps(manifest).encode()}, fix_manifest=False),
         "format version 2.0 is unknown"),
        (rewrite(review_file, folder / "junk.aeor", {"review.json": b"{"}, fix_manifest=True),
         "not valid JSON"),
    ]
    before = row_counts(t)
    for path, message in cases:
        with pytest.raises(ServiceError, match=message):
            reviews.import_review(t, path)
    assert row_counts(t) == before

    # A review of the trader's submission is refused by another trader's installation.
    with fresh_database_url("sqlite", folder) as url:
        stranger = AppContext(Database(url), user="stranger")
        try:
            with pytest.raises(ServiceError, match="never exported nor imported"):
                reviews.import_review(stranger, review_file)
            assert not any(row_counts(stranger)[name] for name in ("reviews", "assessments"))
        finally:
            stranger.database.close()

    # An applicant file whose evidence was altered, even with a matching manifest hash.
    evidence_member = f"evidence/{hashlib.sha256(b'log v1').hexdigest()}"
    before = row_counts(o)
    for fix in (False, True):
        altered = rewrite(first, folder / f"altered-{fix}.aeoa",
                          {evidence_member: b"log v1 (edited)"}, fix_manifest=fix)
        with pytest.raises(ServiceError, match="SHA-256"):
            transfer.import_applicant_file(o, altered)
    assert row_counts(o) == before


def test_the_status_follows_the_round_trip(sides: Sides) -> None:
    """draft → submitted (exported) → under review → reviewed → resubmitted, on both sides."""
    s = sides
    t, o = s.trader, s.officer

    def status(ctx: AppContext, assessment_id: str) -> str:
        return str(assessments.load(ctx, assessment_id)[1].status)

    trader_id, first = first_submission(s)
    assert status(t, trader_id) == "submitted"
    submission = transfer.import_applicant_file(o, first).assessment_id
    assert status(o, submission) == "submitted"
    reviews.start_review(o, submission)
    assert status(o, submission) == "under_review"
    _, review_file = first_review(s, first)
    assert status(o, submission) == "reviewed"
    reviews.import_review(t, review_file)
    assert status(t, trader_id) == "reviewed"

    assessments.set_value(t, trader_id, "SAFE-A.03", 3)
    second = s.folder / "second.aeoa"
    transfer.export_assessment(t, trader_id, second)
    assert status(t, trader_id) == "resubmitted"
    resubmission = transfer.import_applicant_file(o, second).assessment_id
    assert status(o, resubmission) == "resubmitted"
    reviews.start_review(o, resubmission)
    assert status(o, resubmission) == "under_review"
