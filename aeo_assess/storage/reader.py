"""Reading an assessment with SQLAlchemy Core, no ORM: the one reader behind
``repository.get_assessment`` (inside a session) and the report from the database (on a
``Database.reading`` connection), so that printing a report never imports the ORM.

Also the stored forms both share: answers as JSON text, and questionnaires parsed once per
content hash.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, bindparam, func, select

from aeo_assess.domain.assessment import (
    Answer,
    AnswerValue,
    Assessment,
    CarryState,
    Evidence,
    PlanEntry,
    Status,
)
from aeo_assess.domain.questionnaire import Question, Questionnaire, QuestionType
from aeo_assess.domain.signatures import Signature, SignatureState
from aeo_assess.messages import Message
from aeo_assess.questionnaires.registry import parse_known
from aeo_assess.storage import tables
from aeo_assess.storage.errors import NotFound, StorageError

parsed: dict[str, Questionnaire] = {}
"""Parsed questionnaires by content SHA-256: safe to share because both are immutable, and it
spares re-validating the YAML on every autosave."""


# --- answers as JSON text --------------------------------------------------------------------


def plain(value: AnswerValue | None) -> Any:
    """The JSON-ready form of a value: dates as ISO strings, everything else as it is."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise StorageError(Message(
                "repository.cannot_store_number",
                "cannot store the number {value}",
                value=value,
            ))
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    raise StorageError(Message(
        "repository.cannot_store_answer_type",
        "cannot store an answer of type {name}",
        name=type(value).__name__,
    ))


def typed(question: Question, plain: Any) -> AnswerValue | None:
    """Back from JSON: JSON keeps bool, int, float and str apart; dates need the question."""
    if question.type is QuestionType.DATE and isinstance(plain, str):
        try:
            return dt.date.fromisoformat(plain)
        except ValueError:
            raise StorageError(Message(
                "repository.stored_date_not_date",
                "{question_id}: stored date '{plain}' is not a date",
                question_id=question.id, plain=plain,
            )) from None
    if plain is None or isinstance(plain, bool | int | float | str):
        return plain
    raise StorageError(Message(
        "repository.stored_answer_not_plain",
        "{question_id}: stored answer {plain!r} is not a plain value",
        question_id=question.id, plain=plain,
    ))


def value_to_json(value: AnswerValue | None) -> str | None:
    if type(value) is int:  # maturity levels, most answers: the text json.dumps gives
        return str(value)
    return None if value is None else json.dumps(plain(value), ensure_ascii=False)


def value_from_json(question: Question, text: str | None) -> AnswerValue | None:
    return None if text is None else typed(question, json.loads(text))


def answer_to_json(answer: Answer) -> str:
    """The whole answer as JSON text, as the history keeps it."""
    return json.dumps(
        {
            "value": plain(answer.value),
            "na_reason": answer.na_reason,
            "comment": answer.comment,
            "flagged": answer.flagged,
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def answer_from_json(question: Question, text: str) -> Answer:
    data = json.loads(text)
    return Answer(
        value=typed(question, data["value"]),
        na_reason=data["na_reason"],
        comment=data["comment"],
        flagged=data["flagged"],
    )


# --- the statements, built once ---------------------------------------------------------------

_A, _Q, _ANSWERS, _PLAN = tables.assessments, tables.questionnaires, tables.answers, tables.plan_entries
_E, _LINKS, _CYCLES = tables.evidence, tables.evidence_links, tables.cycles

PROFILE_COLUMNS = (
    "company",
    "country",
    "roles",
    "aeo_types",
    "tax_id",
    "status",
    "demo",
    "created_at",
    "updated_at",
    "submission_sha256",
    "previous_submission_id",
    "unit",
    "contact",
    "consent",
)
"""The assessments columns an Assessment is made of, besides its id and questionnaire."""

READ_ANSWERS = select(
    _ANSWERS.c.question_id,
    _ANSWERS.c.value,
    _ANSWERS.c.na_reason,
    _ANSWERS.c.comment,
    _ANSWERS.c.flagged,
    _ANSWERS.c.carried,
).where(_ANSWERS.c.assessment_id == bindparam("b_assessment"))
READ_PLAN = select(_PLAN.c.question_id, _PLAN.c.owner, _PLAN.c.due).where(
    _PLAN.c.assessment_id == bindparam("b_assessment")
)
_READ_PROFILE = (
    select(
        _Q.c.questionnaire_id,
        _Q.c.version,
        _Q.c.content_sha256,
        _A.c.certified_on,
        _A.c.next_review_on,
        _CYCLES.c.previous_id,
        *(_A.c[name] for name in PROFILE_COLUMNS),
    )
    .join_from(_A, _Q, _A.c.questionnaire_pk == _Q.c.pk)
    .outerjoin(_CYCLES, _CYCLES.c.assessment_id == _A.c.id)
    .where(_A.c.id == bindparam("b_assessment"))
)
_READ_RAW = select(_Q.c.raw).where(_Q.c.content_sha256 == bindparam("b_sha256"))
_READ_LINKS = (
    select(_LINKS.c.evidence_id, _LINKS.c.question_id)
    .join(_E, _E.c.id == _LINKS.c.evidence_id)
    .where(_E.c.assessment_id == bindparam("b_assessment"))
)
_READ_EVIDENCE = (
    select(_E.c.id, _E.c.sha256, _E.c.name, _E.c.media_type, _E.c.size)
    .where(_E.c.assessment_id == bindparam("b_assessment"))
    .order_by(_E.c.id)
)
_IDS_STARTING = (
    select(_A.c.id)
    .where(func.substr(_A.c.id, 1, bindparam("b_length")) == bindparam("b_prefix"))
    .order_by(_A.c.id)
)
_READ_SIGNATURE = select(
    _A.c.signature_state, _A.c.signer_fingerprint, _A.c.signer_name, _A.c.signer_organisation
).where(_A.c.id == bindparam("b_assessment"))


def _not_found(assessment_id: str) -> NotFound:
    return NotFound(Message(
        "repository.no_assessment_with_id",
        "no assessment with id '{reference}'",
        reference=assessment_id,
    ))


# --- readers -----------------------------------------------------------------------------------


def questionnaire_from(
    connection: Connection, sha256: str, questionnaire_id: str, version: str
) -> Questionnaire:
    """The stored questionnaire with this content hash, parsed once per process."""
    cached = parsed.get(sha256)
    if cached is not None:
        return cached
    raw: bytes = connection.execute(_READ_RAW, {"b_sha256": sha256}).scalar_one()
    return parse_stored(sha256, questionnaire_id, version, raw)


def parse_stored(sha256: str, questionnaire_id: str, version: str, raw: bytes) -> Questionnaire:
    """Parse a stored questionnaire file (and remember it): it loaded when it was stored."""
    name = f"stored questionnaire {questionnaire_id}@{version}"
    questionnaire, problems = parse_known(raw, name)
    if questionnaire is None:
        raise StorageError(
            Message("storage.questionnaire_no_longer_loads", "{name} no longer loads:", name=name),
            *(p.as_message() for p in problems),
        )
    parsed[sha256] = questionnaire
    return questionnaire


def read_answers(
    connection: Connection, questionnaire: Questionnaire, assessment_id: str
) -> tuple[dict[str, Answer], dict[str, CarryState]]:
    """The answers and, for those carried over from the previous cycle, where each stands."""
    rows = connection.execute(READ_ANSWERS, {"b_assessment": assessment_id})
    answers: dict[str, Answer] = {}
    carried: dict[str, CarryState] = {}
    for question_id, value, na_reason, comment, flagged, state in rows:
        answers[question_id] = Answer(
            value=value_from_json(questionnaire.question(question_id), value),
            na_reason=na_reason,
            comment=comment,
            flagged=flagged,
        )
        if state is not None:
            carried[question_id] = CarryState(state)
    return answers, carried


def read_plan(connection: Connection, assessment_id: str) -> dict[str, PlanEntry]:
    rows = connection.execute(READ_PLAN, {"b_assessment": assessment_id})
    return {question_id: PlanEntry(owner=owner, due=due) for question_id, owner, due in rows}


def read_evidence(connection: Connection, assessment_id: str) -> tuple[Evidence, ...]:
    """The evidence metadata (not the files) with the questions each supports."""
    key = {"b_assessment": assessment_id}
    linked: dict[int, set[str]] = {}
    for evidence_id, question_id in connection.execute(_READ_LINKS, key):
        linked.setdefault(evidence_id, set()).add(question_id)
    return tuple(
        Evidence(sha256, name, media_type, size, frozenset(linked.get(evidence_id, ())))
        for evidence_id, sha256, name, media_type, size in connection.execute(_READ_EVIDENCE, key)
    )


def assessment_from(
    columns: Mapping[Any, Any],
    questionnaire: Questionnaire,
    assessment_id: str,
    answers: dict[str, Answer],
    carried: dict[str, CarryState],
    *,
    plan: dict[str, PlanEntry] | None = None,
    evidence: tuple[Evidence, ...] = (),
) -> Assessment:
    """The assessment from its ``PROFILE_COLUMNS`` as read, with where its carried answers
    stand (the verdict depends on them); its cycle and certification dates where ``columns``
    has them (the whole assessment), else none."""
    return Assessment(
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        company=columns["company"],
        country=columns["country"],
        roles=frozenset(columns["roles"]),
        aeo_types=frozenset(columns["aeo_types"]),
        answers=answers,
        plan=plan or {},
        id=assessment_id,
        tax_id=columns["tax_id"],
        status=Status(columns["status"]),
        demo=columns["demo"],
        evidence=evidence,
        created_at=columns["created_at"],
        updated_at=columns["updated_at"],
        submission_sha256=columns["submission_sha256"],
        previous_submission_id=columns["previous_submission_id"],
        unit=columns["unit"],
        contact=columns["contact"],
        consent=columns["consent"],
        carried=carried,
        previous_cycle_id=columns.get("previous_id"),
        certified_on=columns.get("certified_on"),
        next_review_on=columns.get("next_review_on"),
    )


def read_assessment(connection: Connection, assessment_id: str) -> tuple[Questionnaire, Assessment]:
    """The assessment with its answers, plan and evidence metadata (not the evidence bytes),
    and the exact questionnaire version it is answered on."""
    found = connection.execute(_READ_PROFILE, {"b_assessment": assessment_id}).first()
    if found is None:
        raise _not_found(assessment_id)
    columns = found._mapping
    questionnaire = questionnaire_from(
        connection, columns["content_sha256"], columns["questionnaire_id"], columns["version"]
    )
    answers, carried = read_answers(connection, questionnaire, assessment_id)
    return questionnaire, assessment_from(
        columns,
        questionnaire,
        assessment_id,
        answers,
        carried,
        plan=read_plan(connection, assessment_id),
        evidence=read_evidence(connection, assessment_id),
    )


def assessment_ids(connection: Connection, prefix: str) -> list[str]:
    """Ids starting with ``prefix`` (exactly, case-sensitive, on both backends), sorted."""
    found = connection.scalars(_IDS_STARTING, {"b_length": len(prefix), "b_prefix": prefix})
    return list(found)


def signature_of(state: str, fingerprint: str, name: str, organisation: str) -> Signature:
    """A stored signature (an unknown state reads as unsigned)."""
    try:
        known = SignatureState(state)
    except ValueError:
        known = SignatureState.UNSIGNED
    return Signature(known, fingerprint, name, organisation)


def submission_signature(connection: Connection, assessment_id: str) -> Signature:
    """Who signed an imported submission (unsigned for the applicant's own work)."""
    found = connection.execute(_READ_SIGNATURE, {"b_assessment": assessment_id}).first()
    if found is None:
        raise _not_found(assessment_id)
    return signature_of(*found)
