"""Reviews, received reviews and exported submissions: row <-> domain and the data functions.

Like ``repository``, every function takes the caller's Session and never commits. Writers lock
the reviewed assessment's row first (``lock_assessment``), so two officers changing one review
on a shared PostgreSQL database queue instead of interleaving their history.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from aeo_assess.domain.assessment import Assessment
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.review import (
    Decision,
    Finding,
    Outcome,
    QuestionReview,
    RemarkStatus,
    Review,
    ReviewChange,
    ReviewSubject,
    Severity,
    Verdict,
)
from aeo_assess.messages import Message
from aeo_assess.storage.errors import NotFound
from aeo_assess.storage.models import AssessmentRow
from aeo_assess.storage.repository import _answers, _assessment_row, _domain, pin
from aeo_assess.storage.review_models import (
    ExportedSubmissionRow,
    FindingRow,
    QuestionReviewRow,
    ReviewHistoryRow,
    ReviewRow,
)

FINDING_PREFIX = "F"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def lock_assessment(session: Session, assessment_id: str) -> str | None:
    """Lock the assessment's row for this transaction; its submission hash (None when it is
    local work, not an imported submission). Raises NotFound."""
    return _assessment_row(session, assessment_id, lock=True).submission_sha256


def answered_profile(session: Session, assessment_id: str, questionnaire: Questionnaire) -> Assessment:
    """The assessment's profile and answers without its plan and evidence: what deciding
    whether a question applies needs, in two queries instead of five on every verdict."""
    row = _assessment_row(session, assessment_id)
    answers, carried = _answers(session, questionnaire, assessment_id)
    return _domain(row, answers, {}, (), carried)


def question_review(session: Session, review_id: int, question_id: str) -> QuestionReview | None:
    """One question's verdict and remark (the row then stays in the session for the write)."""
    row = session.get(QuestionReviewRow, (review_id, question_id))
    if row is None:
        return None
    pin(session, row)
    return _question_review(row)


def imported_submission(session: Session, assessment_id: str) -> str | None:
    """The submission hash when the assessment is an imported applicant file, else None."""
    row = session.get(AssessmentRow, assessment_id)
    if row is None:
        raise NotFound(Message(
            "review_repository.no_assessment_with_id",
            "no assessment with id '{reference}'",
            reference=assessment_id,
        ))
    return row.submission_sha256


# --- JSON for the history --------------------------------------------------------------------


def _question_json(q: QuestionReview) -> str:
    return json.dumps(
        {
            "verdict": q.verdict,
            "remark": q.remark,
            "remark_status": q.remark_status,
            "who": q.who,
            "at": q.at.isoformat(),
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def _question_from_json(question_id: str, text: str) -> QuestionReview:
    data = json.loads(text)
    return QuestionReview(
        question_id=question_id,
        verdict=None if data["verdict"] is None else Verdict(data["verdict"]),
        remark=data["remark"],
        remark_status=None if data["remark_status"] is None else RemarkStatus(data["remark_status"]),
        who=data["who"],
        at=dt.datetime.fromisoformat(data["at"]),
    )


def _finding_json(f: Finding) -> str:
    return json.dumps(
        {
            "severity": f.severity,
            "criterion_id": f.criterion_id,
            "text": f.text,
            "required_action": f.required_action,
            "due": None if f.due is None else f.due.isoformat(),
            "who": f.who,
            "at": f.at.isoformat(),
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def _finding_from_json(finding_id: str, text: str) -> Finding:
    data = json.loads(text)
    return Finding(
        id=finding_id,
        severity=Severity(data["severity"]),
        criterion_id=data["criterion_id"],
        text=data["text"],
        required_action=data["required_action"],
        due=None if data["due"] is None else dt.date.fromisoformat(data["due"]),
        who=data["who"],
        at=dt.datetime.fromisoformat(data["at"]),
    )


def _decision_json(d: Decision) -> str:
    return json.dumps({"outcome": d.outcome, "note": d.note}, ensure_ascii=False, sort_keys=True)


def _decision_from_json(text: str) -> Decision:
    data = json.loads(text)
    return Decision(None if data["outcome"] is None else Outcome(data["outcome"]), data["note"])


def _record(
    session: Session,
    review: ReviewRow,
    subject: ReviewSubject,
    key: str,
    who: str,
    old: str | None,
    new: str | None,
) -> None:
    now = _now()
    session.add(
        ReviewHistoryRow(
            review_id=review.id, subject=subject.value, key=key, who=who, at=now, old=old, new=new
        )
    )
    review.updated_at = now


# --- reviews ---------------------------------------------------------------------------------


def own_review_id(session: Session, assessment_id: str) -> int | None:
    """The officer's own review of the submission, if started."""
    return session.scalar(
        select(ReviewRow.id).where(
            ReviewRow.assessment_id == assessment_id, ReviewRow.received_at.is_(None)
        )
    )


def create_review(
    session: Session, assessment_id: str, submission_sha256: str, reviewer: str, total: int
) -> int:
    """Start the officer's review; the caller holds the assessment's lock and checked that
    no review exists yet."""
    now = _now()
    row = ReviewRow(
        assessment_id=assessment_id,
        submission_sha256=submission_sha256,
        reviewer=reviewer,
        outcome=None,
        outcome_note="",
        total=total,
        started_at=now,
        updated_at=now,
        received_at=None,
        file_sha256=None,
    )
    session.add(row)
    session.flush()
    return row.id


def _review_row(session: Session, review_id: int) -> ReviewRow:
    row = session.get(ReviewRow, review_id)
    if row is None:
        raise NotFound(Message(
            "review_repository.no_review",
            "no review {review_id}",
            review_id=review_id,
        ))
    pin(session, row)
    return row


def _question_review(row: QuestionReviewRow) -> QuestionReview:
    return QuestionReview(
        question_id=row.question_id,
        verdict=None if row.verdict is None else Verdict(row.verdict),
        remark=row.remark,
        remark_status=None if row.remark_status is None else RemarkStatus(row.remark_status),
        who=row.who,
        at=row.at,
    )


def _finding(row: FindingRow) -> Finding:
    return Finding(
        id=row.finding_id,
        severity=Severity(row.severity),
        criterion_id=row.criterion_id,
        text=row.text,
        required_action=row.required_action,
        due=row.due,
        who=row.who,
        at=row.at,
    )


def load_review(session: Session, review_id: int) -> Review:
    row = _review_row(session, review_id)
    questions = {
        q.question_id: _question_review(q)
        for q in session.scalars(
            select(QuestionReviewRow)
            .where(QuestionReviewRow.review_id == review_id)
            .order_by(QuestionReviewRow.question_id)
        )
    }
    findings = tuple(
        _finding(f)
        for f in session.scalars(
            select(FindingRow).where(FindingRow.review_id == review_id).order_by(FindingRow.seq)
        )
    )
    return Review(
        assessment_id=row.assessment_id,
        submission_sha256=row.submission_sha256,
        questions=questions,
        findings=findings,
        outcome=None if row.outcome is None else Outcome(row.outcome),
        outcome_note=row.outcome_note,
        reviewed=sum(1 for q in questions.values() if q.verdict is not None),
        total=row.total,
        reviewer=row.reviewer,
        started_at=row.started_at,
        updated_at=row.updated_at,
        received_at=row.received_at,
    )


def set_question_review(
    session: Session, review_id: int, question_id: str, new: QuestionReview | None, who: str
) -> None:
    """Replace one question's verdict and remark (None removes them); a real change goes to
    the history, a no-op writes nothing. ``new.who``/``new.at`` are stored as given."""
    review = _review_row(session, review_id)
    row = session.get(QuestionReviewRow, (review_id, question_id))
    old = None if row is None else _question_review(row)
    if _same_question(old, new):
        return
    if new is None:
        session.delete(row)
    elif row is None:
        session.add(_question_row(review_id, new))
    else:
        row.verdict, row.remark, row.remark_status = new.verdict, new.remark, new.remark_status
        row.who, row.at = new.who, new.at
    _record(
        session,
        review,
        ReviewSubject.QUESTION,
        question_id,
        who,
        None if old is None else _question_json(old),
        None if new is None else _question_json(new),
    )


def _same_question(old: QuestionReview | None, new: QuestionReview | None) -> bool:
    if old is None or new is None:
        return old is new
    return (old.verdict, old.remark, old.remark_status) == (
        new.verdict,
        new.remark,
        new.remark_status,
    )


def _question_row(review_id: int, q: QuestionReview) -> QuestionReviewRow:
    return QuestionReviewRow(
        review_id=review_id,
        question_id=q.question_id,
        verdict=q.verdict,
        remark=q.remark,
        remark_status=q.remark_status,
        who=q.who,
        at=q.at,
    )


def next_finding_id(session: Session, review_id: int) -> str:
    """``F<n>``, never reusing the id of a finding removed earlier (the history names it)."""
    keys = set(
        session.scalars(
            select(ReviewHistoryRow.key).where(
                ReviewHistoryRow.review_id == review_id,
                ReviewHistoryRow.subject == ReviewSubject.FINDING.value,
            )
        )
    )
    keys.update(session.scalars(select(FindingRow.finding_id).where(FindingRow.review_id == review_id)))
    numbers = [
        int(key[len(FINDING_PREFIX) :])
        for key in keys
        if key.startswith(FINDING_PREFIX) and key[len(FINDING_PREFIX) :].isdigit()
    ]
    return f"{FINDING_PREFIX}{max(numbers, default=0) + 1}"


def get_finding(session: Session, review_id: int, finding_id: str) -> Finding | None:
    row = session.get(FindingRow, (review_id, finding_id))
    return None if row is None else _finding(row)


def put_finding(session: Session, review_id: int, finding: Finding, who: str) -> None:
    """Add a finding or replace the one with its id, recording the change."""
    review = _review_row(session, review_id)
    row = session.get(FindingRow, (review_id, finding.id))
    old = None if row is None else _finding(row)
    if old is not None and _finding_json(old) == _finding_json(finding):
        return
    if row is None:
        seq = session.scalar(
            select(func.coalesce(func.max(FindingRow.seq), 0)).where(
                FindingRow.review_id == review_id
            )
        )
        session.add(_finding_row(review_id, (seq or 0) + 1, finding))
    else:
        row.severity, row.criterion_id = finding.severity, finding.criterion_id
        row.text, row.required_action, row.due = finding.text, finding.required_action, finding.due
        row.who, row.at = finding.who, finding.at
    _record(
        session,
        review,
        ReviewSubject.FINDING,
        finding.id,
        who,
        None if old is None else _finding_json(old),
        _finding_json(finding),
    )


def _finding_row(review_id: int, seq: int, f: Finding) -> FindingRow:
    return FindingRow(
        review_id=review_id,
        finding_id=f.id,
        seq=seq,
        severity=f.severity,
        criterion_id=f.criterion_id,
        text=f.text,
        required_action=f.required_action,
        due=f.due,
        who=f.who,
        at=f.at,
    )


def delete_finding(session: Session, review_id: int, finding_id: str, who: str) -> None:
    review = _review_row(session, review_id)
    row = session.get(FindingRow, (review_id, finding_id))
    if row is None:
        raise NotFound(Message(
            "review_repository.review_has_no_finding",
            "the review has no finding '{finding_id}'",
            finding_id=finding_id,
        ))
    old = _finding_json(_finding(row))
    session.delete(row)
    _record(session, review, ReviewSubject.FINDING, finding_id, who, old, None)


def set_decision(session: Session, review_id: int, decision: Decision, who: str) -> None:
    review = _review_row(session, review_id)
    old = Decision(None if review.outcome is None else Outcome(review.outcome), review.outcome_note)
    if old == decision:
        return
    review.outcome, review.outcome_note = decision.outcome, decision.note
    _record(
        session,
        review,
        ReviewSubject.OUTCOME,
        "",
        who,
        _decision_json(old),
        _decision_json(decision),
    )


def review_history(session: Session, review_id: int) -> list[ReviewChange]:
    """Every recorded change of the review, oldest first."""
    changes = []
    for h in session.scalars(
        select(ReviewHistoryRow)
        .where(ReviewHistoryRow.review_id == review_id)
        .order_by(ReviewHistoryRow.id)
    ):
        subject = ReviewSubject(h.subject)
        changes.append(
            ReviewChange(
                subject=subject,
                key=h.key,
                who=h.who,
                at=h.at,
                old=_history_item(subject, h.key, h.old),
                new=_history_item(subject, h.key, h.new),
            )
        )
    return changes


def _history_item(
    subject: ReviewSubject, key: str, text: str | None
) -> QuestionReview | Finding | Decision | None:
    if text is None:
        return None
    if subject is ReviewSubject.QUESTION:
        return _question_from_json(key, text)
    if subject is ReviewSubject.FINDING:
        return _finding_from_json(key, text)
    return _decision_from_json(text)


# --- received reviews (trader side) ----------------------------------------------------------


def find_received(session: Session, file_sha256: str) -> int | None:
    return session.scalar(select(ReviewRow.id).where(ReviewRow.file_sha256 == file_sha256))


def add_received_review(
    session: Session, assessment_id: str, review: Review, file_sha256: str
) -> int:
    """Store a review that arrived in a review file, exactly as the officer wrote it."""
    now = _now()
    row = ReviewRow(
        assessment_id=assessment_id,
        submission_sha256=review.submission_sha256,
        reviewer=review.reviewer,
        outcome=review.outcome,
        outcome_note=review.outcome_note,
        total=review.total,
        started_at=review.started_at or now,
        updated_at=review.updated_at or now,
        received_at=now,
        file_sha256=file_sha256,
    )
    session.add(row)
    session.flush()
    session.add_all(_question_row(row.id, q) for q in review.questions.values())
    session.add_all(
        _finding_row(row.id, seq, f) for seq, f in enumerate(review.findings, start=1)
    )
    session.flush()
    return row.id


def received_review_ids(session: Session, assessment_id: str) -> list[int]:
    """Received reviews of the assessment, the most recently imported first."""
    return list(
        session.scalars(
            select(ReviewRow.id)
            .where(ReviewRow.assessment_id == assessment_id, ReviewRow.received_at.is_not(None))
            .order_by(ReviewRow.received_at.desc(), ReviewRow.id.desc())
        )
    )


# --- exported submissions (trader side) ------------------------------------------------------


def record_export(
    session: Session,
    assessment_id: str,
    submission_sha256: str,
    who: str,
) -> None:
    """Remember that this submission left the installation (again: its time is updated)."""
    row = session.scalar(
        select(ExportedSubmissionRow).where(
            ExportedSubmissionRow.assessment_id == assessment_id,
            ExportedSubmissionRow.submission_sha256 == submission_sha256,
        )
    )
    if row is None:
        session.add(
            ExportedSubmissionRow(
                assessment_id=assessment_id,
                submission_sha256=submission_sha256,
                exported_at=_now(),
                who=who,
            )
        )
    else:
        row.exported_at, row.who = _now(), who
    session.flush()


def exported_by(session: Session, submission_sha256: str) -> str | None:
    """The local assessment that exported this submission, if any."""
    return session.scalar(
        select(ExportedSubmissionRow.assessment_id)
        .where(ExportedSubmissionRow.submission_sha256 == submission_sha256)
        .limit(1)
    )

