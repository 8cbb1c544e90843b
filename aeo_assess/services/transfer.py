"""Applicant files (.aeoa) in and out: export, import (idempotent), score without importing.

Storage is imported by the functions that use it: scoring a file (or reporting on one) must
not pay for the database layer.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aeo_assess.domain.assessment import Status
from aeo_assess.domain.scorecard import ScoreCard
from aeo_assess.domain.signatures import UNSIGNED, Signature, SignatureState
from aeo_assess.files.applicant import (
    ASSESSMENT,
    ApplicantFile,
    read_applicant_file,
    write_applicant_file,
)
from aeo_assess.files.atomic import write_atomically
from aeo_assess.files.container import FileFormatError
from aeo_assess.files.signing import SignerInfo
from aeo_assess.messages import Message, UserError
from aeo_assess.scoring import score
from aeo_assess.services.errors import ServiceError

if TYPE_CHECKING:
    from aeo_assess.services.context import AppContext
    from aeo_assess.storage.repository import Session

MAX_APPLICANT_FILE_BYTES = 250 * 1024 * 1024


@dataclass(frozen=True)
class ImportResult:
    file: str
    assessment_id: str
    duplicate: bool
    """True when this exact submission was already in the database: nothing was written."""
    previous_submission_id: str | None = None
    signature: Signature = UNSIGNED
    """Who signed the file, and what that means beside the applicant's earlier submissions."""


@dataclass(frozen=True)
class Missing:
    """What an applicant file would leave open, for the applicant to see before sending it."""

    unanswered: int
    unanswered_musts: tuple[str, ...]
    """Required questions (today ``blocking``) neither answered nor declared not applicable."""
    not_applicable_musts: tuple[str, ...]
    """Required questions declared not applicable: the validator will check each reason."""

    @property
    def anything(self) -> bool:
        return bool(self.unanswered or self.not_applicable_musts)


def missing_before_export(ctx: AppContext, assessment_id: str) -> Missing:
    from aeo_assess.scoring.visibility import applicable_questions
    from aeo_assess.services import assessments

    questionnaire, assessment, _card = assessments.load(ctx, assessment_id)
    unanswered: list[str] = []
    unanswered_musts: list[str] = []
    na_musts: list[str] = []
    for question in applicable_questions(questionnaire, assessment):
        answer = assessment.answer(question.id)
        if answer is not None and answer.not_applicable:
            if question.blocking:
                na_musts.append(question.id)
        elif answer is None or not answer.answered:
            unanswered.append(question.id)
            if question.blocking:
                unanswered_musts.append(question.id)
    return Missing(len(unanswered), tuple(unanswered_musts), tuple(na_musts))


def export_assessment(ctx: AppContext, assessment_id: str, out: Path) -> Path:
    from aeo_assess.services import keys
    from aeo_assess.storage import repository as repo
    from aeo_assess.storage import review_repository as review_repo

    with ctx.database.session() as session:
        assessment = repo.get_assessment(session, assessment_id)
        raw = repo.questionnaire_raw_for(session, assessment_id)
        evidence = {
            e.sha256: repo.evidence_data(session, assessment_id, e.sha256)
            for e in assessment.evidence
        }
    # The applicant signs their own work; a submission imported here is passed on as it came.
    signer = (
        keys.signer(ctx, officer=False, organisation=assessment.company)
        if assessment.submission_sha256 is None
        else None
    )
    try:
        data = write_applicant_file(assessment, raw, evidence, signer=signer)
    except FileFormatError as error:
        raise ServiceError(error) from None
    with ctx.database.session() as session:
        # Recorded with the write, so that the review customs send back can be matched to it.
        review_repo.record_export(session, assessment_id, submission_sha256(data), ctx.user)
        if assessment.submission_sha256 is None:  # the applicant's own work goes to customs
            reviewed = bool(review_repo.received_review_ids(session, assessment_id))
            repo.set_status(
                session, assessment_id, Status.RESUBMITTED if reviewed else Status.SUBMITTED
            )
        try:
            write_atomically(out, data)
        except OSError as error:
            raise ServiceError(Message(
                "transfer.cannot_write",
                "cannot write {out}: {reason}",
                out=out, reason=error.strerror or error,
            )) from None
    return out


def submission_sha256(data: bytes) -> str:
    """The submission hash of an applicant file this program just wrote (so not re-verified)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return hashlib.sha256(archive.read(ASSESSMENT)).hexdigest()


def read_file(path: Path, *, keep_evidence: bool = True) -> ApplicantFile:
    """Read and verify an applicant file from disk; its members stream through the checks, so
    that without ``keep_evidence`` no evidence (nor the whole file) is held in memory."""
    try:
        size = path.stat().st_size
        if size > MAX_APPLICANT_FILE_BYTES:
            raise ServiceError(
                Message(
                    "transfer.file_bytes_more_than",
                    "{path}: the file is {size} bytes, more than an applicant file may be",
                    path=path, size=size,
                )
            )
        with path.open("rb") as source:
            return read_applicant_file(source, str(path), keep_evidence=keep_evidence)
    except OSError as error:
        raise ServiceError(Message(
            "transfer.cannot_read",
            "cannot read {path}: {reason}",
            path=path, reason=error.strerror or error,
        )) from None
    except FileFormatError as error:
        raise ServiceError(error) from None


def import_applicant_file(ctx: AppContext, path: Path) -> ImportResult:
    """Import one submission. The same file twice is a no-op; a resubmission of an assessment
    already here becomes a new assessment linked to the latest earlier submission."""
    from aeo_assess.storage import repository as repo
    from aeo_assess.storage import signature_repository as sig_repo

    applicant = read_file(path)
    try:
        with ctx.database.session() as session:
            return _store(session, applicant, str(path), {})
    except repo.StorageError:
        # Two officers importing the same file at once on a shared database: the look-up
        # found nothing for either, and the submission hash's uniqueness refused the second.
        with ctx.database.session(readonly=True) as session:
            existing = repo.find_by_submission(session, applicant.submission_sha256)
            if existing is None:
                raise
            signature = sig_repo.submission_signature(session, existing)
        return ImportResult(str(path), existing, duplicate=True, signature=signature)


@dataclass(frozen=True)
class ImportRefused:
    """A file of a batch that was not imported, and why; nothing of it was written."""

    file: str
    error: UserError
    """The error as ``import_applicant_file`` would have raised it, naming the file."""

    @property
    def message(self) -> str:
        """The error in English (logs, ``--json``)."""
        return str(self.error)

    @property
    def reason(self) -> str:
        """The English error without the file name it may start with."""
        return self.message.removeprefix(f"{self.file}: ")

    def reason_text(self, language: str) -> str:
        """The reason in ``language``, without the file name it may start with."""
        from aeo_assess.i18n import render

        return render(self.error, language).removeprefix(f"{self.file}: ")


def import_applicant_files(
    ctx: AppContext,
    paths: Sequence[Path],
    *,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[ImportResult | ImportRefused]:
    """Import many submissions in one transaction, each file inside a savepoint of its own:
    a file that fails its checks, or that the database refuses, is rolled back alone and
    reported, the others stay. Each file is read and verified before anything of it is
    written. ``cancelled()`` is asked before each file; files already imported stay imported.
    One commit for the batch instead of one per file (issue 19): a crash before it leaves
    none of the batch imported, and importing the same files again finishes the work."""
    outcomes: list[ImportResult | ImportRefused] = []
    questionnaires: dict[str, int] = {}
    with ctx.database.session() as session:
        for done, path in enumerate(paths):
            if cancelled is not None and cancelled():
                break
            outcomes.append(_import_in_savepoint(session, path, questionnaires))
            if progress is not None:
                progress(done + 1, len(paths), path.name)
    return outcomes


def _import_in_savepoint(
    session: Session, path: Path, questionnaires: dict[str, int]
) -> ImportResult | ImportRefused:
    """``questionnaires``: the batch's stored questionnaires, pk by SHA-256; one this file
    stores joins them only once its savepoint is released (a rollback takes the row back)."""
    from aeo_assess.storage import repository as repo

    try:
        applicant = read_file(path)
        stored = dict(questionnaires)
        with repo.savepoint(session):
            result = _store(session, applicant, str(path), stored)
        questionnaires.update(stored)
        return result
    except (ServiceError, repo.StorageError) as error:
        return ImportRefused(str(path), error)


def _store(
    session: Session, applicant: ApplicantFile, file: str, questionnaires: dict[str, int]
) -> ImportResult:
    """Store a read and verified applicant file in the caller's transaction. ``questionnaires``
    holds the pks of questionnaires stored in it, by SHA-256: a batch of files answered on one
    questionnaire looks it up once; the pk of one stored or found here is added."""
    from aeo_assess.storage import repository as repo
    from aeo_assess.storage import signature_repository as sig_repo

    incoming = applicant.assessment
    existing = repo.find_by_submission(session, applicant.submission_sha256)
    if existing is not None:
        signature = sig_repo.submission_signature(session, existing)
        return ImportResult(file, existing, duplicate=True, signature=signature)
    previous = repo.latest_submission_of(session, incoming.id) if incoming.id else None
    new_id = "" if previous is not None or not incoming.id else incoming.id
    pk = questionnaires.get(applicant.questionnaire_sha256)
    if pk is None:
        pk = repo.store_questionnaire(
            session, applicant.questionnaire_raw, sha256=applicant.questionnaire_sha256
        )
        questionnaires[applicant.questionnaire_sha256] = pk
    remembered = None if previous is None else sig_repo.remembered_key(session, previous)
    signature = applicant_signature(applicant.signer, remembered)
    assessment = dataclasses.replace(
        incoming,
        id=new_id,
        submission_sha256=applicant.submission_sha256,
        previous_submission_id=previous,
        # Whatever the applicant's copy said, here it is a submission waiting for review.
        status=Status.SUBMITTED if previous is None else Status.RESUBMITTED,
    )
    assessment_id = repo.create_assessment(
        session, assessment, pk, applicant.evidence_data,
        questionnaire=applicant.questionnaire, signature=signature,
    )
    return ImportResult(
        file, assessment_id, duplicate=False, previous_submission_id=previous,
        signature=signature,
    )


def applicant_signature(signer: SignerInfo | None, remembered: str | None) -> Signature:
    """What an applicant file's signer means beside the key remembered from the applicant's
    earlier submissions (``remembered`` None for a first submission, "" when the earlier one
    was unsigned). Another key, or no signature after a signed submission, is flagged."""
    if signer is None:
        return Signature(SignatureState.KEY_CHANGED) if remembered else UNSIGNED
    if not remembered:
        state = SignatureState.FIRST_KEY
    elif remembered == signer.fingerprint:
        state = SignatureState.SAME_KEY
    else:
        state = SignatureState.KEY_CHANGED
    return Signature(state, signer.fingerprint, signer.name, signer.organisation)


def score_file(path: Path) -> tuple[ApplicantFile, ScoreCard]:
    """Score an applicant file against the questionnaire inside it, without importing it (nor
    holding its evidence, which is verified all the same)."""
    applicant = read_file(path, keep_evidence=False)
    return applicant, score(applicant.questionnaire, applicant.assessment)
