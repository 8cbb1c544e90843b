"""Who signed each imported submission and each received review (issue 16)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from aeo_assess.domain.signatures import Signature, SignatureState
from aeo_assess.messages import Message
from aeo_assess.storage.errors import NotFound
from aeo_assess.storage.models import AssessmentRow
from aeo_assess.storage.reader import signature_of
from aeo_assess.storage.review_models import ReviewRow


def _signature(row: AssessmentRow | ReviewRow) -> Signature:
    return signature_of(
        row.signature_state, row.signer_fingerprint, row.signer_name, row.signer_organisation
    )


def _store(row: AssessmentRow | ReviewRow, signature: Signature) -> None:
    row.signature_state = signature.state.value
    row.signer_fingerprint = signature.fingerprint
    row.signer_name = signature.name
    row.signer_organisation = signature.organisation


def _assessment(session: Session, assessment_id: str) -> AssessmentRow:
    row = session.get(AssessmentRow, assessment_id)
    if row is None:
        raise NotFound(Message(
            "repository.no_assessment_with_id", "no assessment with id '{reference}'",
            reference=assessment_id,
        ))
    return row


def submission_signature(session: Session, assessment_id: str) -> Signature:
    return _signature(_assessment(session, assessment_id))


def set_submission_signature(session: Session, assessment_id: str, signature: Signature) -> None:
    _store(_assessment(session, assessment_id), signature)
    session.flush()


def remembered_key(session: Session, assessment_id: str) -> str:
    """The key an applicant's next submission is expected to carry: that of the latest
    submission in the chain ending at ``assessment_id`` whose key was not flagged as changed
    (and not accepted since); "" when that submission was unsigned."""
    current: str | None = assessment_id
    seen: set[str] = set()
    while current is not None and current not in seen:
        seen.add(current)
        row = _assessment(session, current)
        if row.signature_state != SignatureState.KEY_CHANGED.value:
            return row.signer_fingerprint
        current = row.previous_submission_id
    return ""


def flagged_submissions(session: Session) -> list[str]:
    """Submissions whose key changed and which the officer has not accepted yet."""
    return list(
        session.scalars(
            select(AssessmentRow.id)
            .where(AssessmentRow.signature_state == SignatureState.KEY_CHANGED.value)
            .order_by(AssessmentRow.created_at)
        )
    )


def review_signature(session: Session, review_id: int) -> Signature:
    row = session.get(ReviewRow, review_id)
    if row is None:
        raise NotFound(Message(
            "review_repository.no_review", "no review {review_id}", review_id=review_id
        ))
    return _signature(row)


def set_review_signature(session: Session, review_id: int, signature: Signature) -> None:
    row = session.get(ReviewRow, review_id)
    if row is None:
        raise NotFound(Message(
            "review_repository.no_review", "no review {review_id}", review_id=review_id
        ))
    _store(row, signature)
    session.flush()
