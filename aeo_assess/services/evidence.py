"""Attach and remove evidence files; the bytes are kept in the database with their SHA-256."""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from pathlib import Path

from aeo_assess.domain.assessment import Evidence
from aeo_assess.files.container import MAX_MEMBER_BYTES
from aeo_assess.messages import Message
from aeo_assess.services.assessments import refuse_if_submission
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage import repository as repo

MAX_EVIDENCE_BYTES = MAX_MEMBER_BYTES
"""Every evidence file must fit in an applicant file, member by member."""


def _check_size(name: str, size: int) -> None:
    if size > MAX_EVIDENCE_BYTES:
        raise ServiceError(
            Message(
                "evidence.mb_evidence_files_are",
                "{name} is {size:.1f} MB; evidence files are limited to {max_evidence_bytes} MB "
                "each",
                name=name, size=size / 1024 / 1024,
                max_evidence_bytes=MAX_EVIDENCE_BYTES // (1024 * 1024),
            )
        )


def attach_file(
    ctx: AppContext, assessment_id: str, path: Path, questions: Iterable[str]
) -> Evidence:
    """Read ``path`` (refusing it before reading when too large) and attach it."""
    try:
        _check_size(path.name, path.stat().st_size)
        data = path.read_bytes()
    except OSError as error:
        raise ServiceError(Message(
            "evidence.cannot_read",
            "cannot read {path}: {reason}",
            path=path, reason=error.strerror or error,
        )) from None
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return attach_bytes(ctx, assessment_id, path.name, media_type, data, questions)


def attach_bytes(
    ctx: AppContext,
    assessment_id: str,
    name: str,
    media_type: str,
    data: bytes,
    questions: Iterable[str],
) -> Evidence:
    _check_size(name, len(data))
    linked = frozenset(questions)
    with ctx.database.session() as session:
        refuse_if_submission(session, assessment_id)
        questionnaire = repo.get_questionnaire_for(session, assessment_id)
        unknown = sorted(q for q in linked if not questionnaire.has_question(q))
        if unknown:
            raise ServiceError(Message(
                "evidence.evidence_unknown_question_s",
                "evidence {name}: unknown question(s) {unknown}",
                name=name, unknown=', '.join(unknown),
            ))
        return repo.add_evidence(session, assessment_id, name, media_type, data, linked)


def evidence_bytes(ctx: AppContext, assessment_id: str, sha256: str) -> bytes:
    with ctx.database.session(readonly=True) as session:
        return repo.evidence_data(session, assessment_id, sha256)


def remove(ctx: AppContext, assessment_id: str, sha256: str) -> None:
    with ctx.database.session() as session:
        refuse_if_submission(session, assessment_id)
        repo.remove_evidence(session, assessment_id, sha256)
