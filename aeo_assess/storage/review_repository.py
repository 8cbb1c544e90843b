"""Reviews, received reviews and exported submissions: row <-> domain and the data functions.

Like ``repository``, every function takes the caller's Session and never commits. Writers lock
the reviewed assessment's row first (``lock_assessment``), so two officers changing one review
on a shared PostgreSQL database queue instead of interleaving their history.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from aeo_assess.domain.assessment import Answer, Assessment
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
from aeo_assess.storage.repository import (
    _ANSWERS,
    _READ_ANSWERS,
    _WRITE_TARGET,
    _assessment_from,
    _assessment_row,
    _connection,
    _parsed,
    _value_from_json,
    load_questionnaire,
    pin,
)
from aeo_assess.storage.review_models import (
    ExportedSubmissionRow,
    FindingRow,
    QuestionReviewRow,
    ReviewHistoryRow,
    ReviewRow,
)

FINDING_PREFIX = "F"

_REVIEWS = cast(Table, ReviewRow.__table__)
_QUESTION_REVIEWS = cast(Table, QuestionReviewRow.__table__)
_FINDINGS = cast(Table, FindingRow.__table__)
_REVIEW_HISTORY = cast(Table, ReviewHistoryRow.__table__)
# A verdict's statements, built once and run on the session's connection: the ORM's unit of
# work and identity map cost several times the statements themselves (issue 19).
_REVIEW_COLUMNS = (
    _REVIEWS.c.id,
    _REVIEWS.c.assessment_id,
    _REVIEWS.c.submission_sha256,
    _REVIEWS.c.reviewer,
    _REVIEWS.c.outcome,
    _REVIEWS.c.outcome_note,
    _REVIEWS.c.total,
    _REVIEWS.c.started_at,
    _REVIEWS.c.updated_at,
    _REVIEWS.c.received_at,
)
_QUESTION_COLUMNS = (
    _QUESTION_REVIEWS.c.question_id,
    _QUESTION_REVIEWS.c.verdict,
    _QUESTION_REVIEWS.c.remark,
    _QUESTION_REVIEWS.c.remark_status,
    _QUESTION_REVIEWS.c.who,
    _QUESTION_REVIEWS.c.at,
)
_QUESTION_KEY = (_QUESTION_REVIEWS.c.review_id == bindparam("b_review")) & (
    _QUESTION_REVIEWS.c.question_id == bindparam("b_question")
)
_OWN_REVIEW_AND_QUESTION = (
    select(_REVIEWS.c.id.label("review_id"), *_QUESTION_COLUMNS)
    .select_from(_REVIEWS)
    .outerjoin(
        _QUESTION_REVIEWS,
        (_QUESTION_REVIEWS.c.review_id == _REVIEWS.c.id)
        & (_QUESTION_REVIEWS.c.question_id == bindparam("b_question")),
    )
    .where(_REVIEWS.c.assessment_id == bindparam("b_assessment"), _REVIEWS.c.received_at.is_(None))
)
_READ_REVIEW = select(*_REVIEW_COLUMNS).where(_REVIEWS.c.id == bindparam("b_review"))
_READ_QUESTIONS = (
    select(*_QUESTION_COLUMNS)
    .where(_QUESTION_REVIEWS.c.review_id == bindparam("b_review"))
    .order_by(_QUESTION_REVIEWS.c.question_id)
)
_READ_QUESTION = select(*_QUESTION_COLUMNS).where(_QUESTION_KEY)
_READ_FINDINGS = (
    select(
        _FINDINGS.c.finding_id,
        _FINDINGS.c.severity,
        _FINDINGS.c.criterion_id,
        _FINDINGS.c.text,
        _FINDINGS.c.required_action,
        _FINDINGS.c.due,
        _FINDINGS.c.who,
        _FINDINGS.c.at,
    )
    .where(_FINDINGS.c.review_id == bindparam("b_review"))
    .order_by(_FINDINGS.c.seq)
)
_READ_SOME_ANSWERS = _READ_ANSWERS.where(
    _ANSWERS.c.question_id.in_(bindparam("b_questions", expanding=True))
)
_INSERT_QUESTION = insert(_QUESTION_REVIEWS)
_UPDATE_QUESTION = (
    update(_QUESTION_REVIEWS)
    .where(_QUESTION_KEY)
    .values({c: bindparam(f"b_{c.key}") for c in _QUESTION_COLUMNS[1:]})
)
_DELETE_QUESTION = delete(_QUESTION_REVIEWS).where(_QUESTION_KEY)
_INSERT_HISTORY = insert(_REVIEW_HISTORY)
_TOUCH_REVIEW = (
    update(_REVIEWS)
    .where(_REVIEWS.c.id == bindparam("b_review"))
    .values(updated_at=bindparam("b_now"))
)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def lock_assessment(session: Session, assessment_id: str) -> str | None:
    """Lock the assessment's row for this transaction; its submission hash (None when it is
    local work, not an imported submission). Raises NotFound."""
    return _assessment_row(session, assessment_id, lock=True).submission_sha256


@dataclass(frozen=True)
class VerdictTarget:
    """What judging one question needs, read with the assessment's row locked."""

    submission_sha256: str | None
    questionnaire: Questionnaire
    applicant: Assessment
    """Profile and only the answers the question's ``show_if`` chain reads."""
    review_id: int | None
    """The officer's own review, None until started."""
    current: QuestionReview | None


def lock_for_verdict(session: Session, assessment_id: str, question_id: str) -> VerdictTarget:
    """Lock the assessment's row and read what a verdict on ``question_id`` needs, in two to
    three prepared statements. The review and the question's current verdict are read after
    the lock is held (a later statement, so on PostgreSQL a fresh snapshot: the writer the lock
    queued us behind is seen). Raises NotFound."""
    connection = _connection(session)
    target = connection.execute(_WRITE_TARGET, {"b_assessment": assessment_id}).first()
    if target is None:
        raise NotFound(Message(
            "review_repository.no_assessment_with_id",
            "no assessment with id '{reference}'",
            reference=assessment_id,
        ))
    questionnaire = _parsed.get(target.content_sha256) or load_questionnaire(session, target.pk)
    chain = _condition_chain(questionnaire, question_id)
    answers = {}
    if chain:
        rows = connection.execute(
            _READ_SOME_ANSWERS, {"b_assessment": assessment_id, "b_questions": chain}
        )
        answers = {
            q: Answer(_value_from_json(questionnaire.question(q), value), na_reason, comment, flagged)
            for q, value, na_reason, comment, flagged, _carried in rows
        }
    # Where carried answers stand does not decide whether a question is shown.
    applicant = _assessment_from(target._mapping, questionnaire, assessment_id, answers, {})
    own = connection.execute(
        _OWN_REVIEW_AND_QUESTION, {"b_assessment": assessment_id, "b_question": question_id}
    ).first()
    review_id = None if own is None else own.review_id
    current = None if own is None or own.question_id is None else _question_review(own._mapping)
    return VerdictTarget(
        target.submission_sha256, questionnaire, applicant, review_id, current
    )


def _condition_chain(questionnaire: Questionnaire, question_id: str) -> list[str]:
    """The questions whose answers decide whether ``question_id`` is shown."""
    chain: list[str] = []
    if not questionnaire.has_question(question_id):
        return chain
    condition = questionnaire.question(question_id).show_if
    while condition is not None and condition.question not in chain:
        chain.append(condition.question)
        condition = questionnaire.question(condition.question).show_if
    return chain


def question_review(session: Session, review_id: int, question_id: str) -> QuestionReview | None:
    """One question's verdict and remark."""
    row = _connection(session).execute(
        _READ_QUESTION, {"b_review": review_id, "b_question": question_id}
    ).first()
    return None if row is None else _question_review(row._mapping)


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


def _question_review(row: Mapping[Any, Any]) -> QuestionReview:
    return QuestionReview(
        question_id=row["question_id"],
        verdict=None if row["verdict"] is None else Verdict(row["verdict"]),
        remark=row["remark"],
        remark_status=None if row["remark_status"] is None else RemarkStatus(row["remark_status"]),
        who=row["who"],
        at=row["at"],
    )


def _finding(row: Any) -> Finding:
    """From a FindingRow or a row of ``_READ_FINDINGS`` (same attribute names)."""
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
    """The review as stored, read by prepared Core statements (it is returned by every
    verdict, so what the officer sees includes the other officers' changes)."""
    connection = _connection(session)
    key = {"b_review": review_id}
    row = connection.execute(_READ_REVIEW, key).first()
    if row is None:
        raise NotFound(Message(
            "review_repository.no_review",
            "no review {review_id}",
            review_id=review_id,
        ))
    questions = {
        q.question_id: _question_review(q._mapping) for q in connection.execute(_READ_QUESTIONS, key)
    }
    findings = tuple(_finding(f) for f in connection.execute(_READ_FINDINGS, key))
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
    old = question_review(session, review_id, question_id)
    replace_question_review(session, review_id, question_id, old, new, who)


def replace_question_review(
    session: Session,
    review_id: int,
    question_id: str,
    old: QuestionReview | None,
    new: QuestionReview | None,
    who: str,
) -> None:
    """``set_question_review`` when the caller already read ``old`` under the assessment's
    lock (the verdict's write, as prepared Core statements)."""
    if _same_question(old, new):
        return
    connection = _connection(session)
    key = {"b_review": review_id, "b_question": question_id}
    if new is None:
        connection.execute(_DELETE_QUESTION, key)
    else:
        values = {
            "verdict": new.verdict,
            "remark": new.remark,
            "remark_status": new.remark_status,
            "who": new.who,
            "at": new.at,
        }
        if old is None:
            connection.execute(
                _INSERT_QUESTION, {"review_id": review_id, "question_id": question_id, **values}
            )
        else:
            connection.execute(
                _UPDATE_QUESTION, {**key, **{f"b_{k}": v for k, v in values.items()}}
            )
    now = _now()
    connection.execute(_INSERT_HISTORY, {
        "review_id": review_id,
        "subject": ReviewSubject.QUESTION.value,
        "key": question_id,
        "who": who,
        "at": now,
        "old": None if old is None else _question_json(old),
        "new": None if new is None else _question_json(new),
    })
    connection.execute(_TOUCH_REVIEW, {"b_review": review_id, "b_now": now})


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

