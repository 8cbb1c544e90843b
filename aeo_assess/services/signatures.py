"""What the signatures on imported files mean, in words (issue 16): one wording for the
command line, the window and the reports, so that a warning never reads differently.

The words always accompany an icon or a symbol in the interfaces; they say who signed, with
the fingerprint to read over the phone, and never show an untrusted or unsigned file as a
customs decision (or an applicant's word) without saying so. Storage is imported by the
functions that use it: a report on an applicant file must not load the database layer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from aeo_assess.domain.signatures import UNSIGNED, Signature, SignatureState
from aeo_assess.i18n import N_, translator
from aeo_assess.i18n import gettext as _
from aeo_assess.messages import Message
from aeo_assess.services.errors import ServiceError

if TYPE_CHECKING:
    from aeo_assess.services.context import AppContext

_WORDS = {
    SignatureState.TRUSTED: N_("signed by {name}, {organisation}, a trusted key ({fingerprint})"),
    SignatureState.UNTRUSTED: N_(
        "signed by a key you have not trusted (fingerprint {fingerprint}, naming itself "
        "{name}, {organisation}): check it with your customs office"
    ),
    SignatureState.UNSIGNED: N_("unsigned: anyone could have written it"),
    SignatureState.FIRST_KEY: N_(
        "signed by {name}, {organisation} (fingerprint {fingerprint}); the applicant's first "
        "signed file here: its key is remembered, check the fingerprint with the applicant"
    ),
    SignatureState.SAME_KEY: N_(
        "signed by {name}, {organisation} (fingerprint {fingerprint}), the same key as the "
        "applicant's earlier submission"
    ),
    SignatureState.KEY_CHANGED: N_(
        "signed by another key than the applicant's earlier submission (fingerprint "
        "{fingerprint}, naming itself {name}, {organisation}): not counted in the peer "
        "statistics until you accept it; check it with the applicant"
    ),
    SignatureState.ACCEPTED: N_(
        "signed by {name}, {organisation} (fingerprint {fingerprint}), a changed key you accepted"
    ),
}
APPLICANT_SIGNATURE = N_("Applicant file signature")
"""The reports' label for the line on who signed the applicant file."""
_UNSIGNED_CHANGE = N_(
    "unsigned, although the applicant's earlier submission was signed: not counted in the peer "
    "statistics until you accept it; check it with the applicant"
)


def describe(signature: Signature, language: str | None = None) -> str:
    """The signature in words, in ``language`` (the interface's when None)."""
    tr: Callable[[str], str] = _ if language is None else translator(language)
    if signature.state is SignatureState.KEY_CHANGED and not signature.fingerprint:
        return tr(_UNSIGNED_CHANGE)
    return tr(_WORDS[signature.state]).format(
        name=signature.name or "?",
        organisation=signature.organisation or "?",
        fingerprint=signature.fingerprint,
    )


def symbol(signature: Signature) -> str:
    """A text symbol beside the words where no icon can be drawn (terminal, PDF)."""
    if signature.state.warning:
        return "⚠"
    return "✔"


def submission_signature(ctx: AppContext, assessment_id: str) -> Signature:
    """Who signed an imported submission (UNSIGNED for the applicant's own work)."""
    from aeo_assess.storage import reader
    from aeo_assess.storage.errors import NotFound

    try:
        with ctx.database.reading() as connection:
            return reader.submission_signature(connection, assessment_id)
    except NotFound:
        raise ServiceError(Message(
            "assessments.no_assessment_with_id", "no assessment with id '{reference}'",
            reference=assessment_id,
        )) from None


def received_review_signature(ctx: AppContext, assessment_id: str) -> Signature:
    """Who signed the review received last for the trader's assessment (UNSIGNED if none)."""
    from aeo_assess.storage import review_repository as reviews_repo
    from aeo_assess.storage import signature_repository as sig_repo

    with ctx.database.session(readonly=True) as session:
        ids = reviews_repo.received_review_ids(session, assessment_id)
        return sig_repo.review_signature(session, ids[0]) if ids else UNSIGNED


def received_review_signatures(ctx: AppContext, assessment_id: str) -> list[Signature]:
    """Who signed each review received for the assessment, in ``received_reviews`` order."""
    from aeo_assess.storage import review_repository as reviews_repo
    from aeo_assess.storage import signature_repository as sig_repo

    with ctx.database.session(readonly=True) as session:
        return [
            sig_repo.review_signature(session, review_id)
            for review_id in reviews_repo.received_review_ids(session, assessment_id)
        ]


def accept_submission_key(ctx: AppContext, assessment_id: str) -> Signature:
    """The officer accepts a resubmission's changed key (after checking it with the
    applicant): it now supersedes the earlier submission, in the peer statistics too, and its
    key is the one the applicant's next submissions are expected to carry."""
    from aeo_assess.storage import repository as repo
    from aeo_assess.storage import signature_repository as sig_repo

    with ctx.database.session() as session:
        try:
            current = sig_repo.submission_signature(session, assessment_id)
        except repo.NotFound:
            raise ServiceError(Message(
                "assessments.no_assessment_with_id", "no assessment with id '{reference}'",
                reference=assessment_id,
            )) from None
        if current.state is not SignatureState.KEY_CHANGED:
            raise ServiceError(Message(
                "signatures.no_changed_key", "submission '{id}' has no changed key to accept",
                id=assessment_id,
            ))
        accepted = Signature(
            SignatureState.ACCEPTED, current.fingerprint, current.name, current.organisation
        )
        sig_repo.set_submission_signature(session, assessment_id, accepted)
        return accepted


def flagged_submissions(ctx: AppContext) -> list[str]:
    from aeo_assess.storage import signature_repository as sig_repo

    with ctx.database.session(readonly=True) as session:
        return sig_repo.flagged_submissions(session)
