"""Row <-> domain mapping and the data functions the services call inside their session.

Every function takes the caller's Session first and never commits: the caller's
``Database.session()`` block does, once per user action (DESIGN §2).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, exists, insert, select
from sqlalchemy import update as update_
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, aliased

from aeo_assess.domain.assessment import (
    Answer,
    AnswerChange,
    Assessment,
    CarryState,
    Evidence,
    PlanEntry,
    Status,
)
from aeo_assess.domain.questionnaire import Question, Questionnaire
from aeo_assess.domain.scorecard import ScoreCard
from aeo_assess.domain.search import search_key
from aeo_assess.domain.signatures import UNSIGNED, Signature
from aeo_assess.messages import Message
from aeo_assess.questionnaires.registry import differs_from_shipped, parse_known
from aeo_assess.questionnaires.upgrade import CarryOver, UpgradeError, carry_over
from aeo_assess.scoring import score
from aeo_assess.scoring.score import Tallies, tally
from aeo_assess.storage import reader, tables
from aeo_assess.storage.errors import NotFound, StorageError
from aeo_assess.storage.models import (
    AnswerHistoryRow,
    AnswerRow,
    AssessmentRow,
    CycleRow,
    EvidenceLinkRow,
    EvidenceRow,
    PlanEntryRow,
    QuestionnaireRow,
    UpgradeRow,
)
from aeo_assess.storage.peer_stats import (
    OVERALL,
    insert_criterion_scores,
    store_criterion_scores,
    update_criterion_scores,
)
from aeo_assess.storage.reader import (
    answer_from_json,
    answer_to_json,
    assessment_ids,
    parse_stored,
    questionnaire_from,
    read_answers,
    read_assessment,
    read_plan,
)

__all__ = [
    "AssessmentSummary",
    "Connection",
    "EditState",
    "NotFound",
    "Session",
    "StorageError",
    "UpgradeRecord",
    "add_evidence",
    "answer_from_json",
    "answer_to_json",
    "archived_by",
    "confirm_answers",
    "create_assessment",
    "delete_assessment",
    "edit_state",
    "evidence_data",
    "find_assessment_ids",
    "find_by_submission",
    "get_assessment",
    "get_questionnaire_for",
    "history",
    "latest_submission_of",
    "link_evidence",
    "list_assessments",
    "load_questionnaire",
    "new_revision",
    "next_cycle_of",
    "questionnaire_raw",
    "questionnaire_raw_for",
    "refresh_summary",
    "remove_evidence",
    "save_answer",
    "savepoint",
    "set_answer",
    "set_plan_entry",
    "set_review_dates",
    "set_status",
    "store_questionnaire",
    "upgrade_assessment",
    "upgrades_of",
]

# The Core reader's forms and statements, under the names the writers here use.
_parsed = reader.parsed
_PROFILE_COLUMNS = reader.PROFILE_COLUMNS
_READ_ANSWERS = reader.READ_ANSWERS
_assessment_from = reader.assessment_from
_value_from_json = reader.value_from_json
_value_to_json = reader.value_to_json


_NO_ANSWER = Answer()
_NO_PLAN = PlanEntry()
"""Empty entries carry nothing and are not stored (compared once per row of an import)."""


@dataclass(frozen=True)
class AssessmentSummary:
    """One line of the assessment list, read from derived columns (no answers scanned)."""

    id: str
    company: str
    country: str
    questionnaire_id: str
    questionnaire_version: str
    status: Status
    demo: bool
    applicable: int
    answered: int
    overall: float | None
    level: str
    blocking_gaps: int
    updated_at: dt.datetime
    provisional: bool = False
    archived_into: str | None = None
    """For the read-only copy kept by an upgrade: the assessment that moved on."""
    tax_id: str = ""
    previous_cycle_id: str | None = None
    """The company's assessment this one follows as its next cycle."""
    next_cycle_id: str | None = None
    """The company's assessment that follows this one: this one is history."""
    created_at: dt.datetime | None = None
    certified_on: dt.date | None = None
    next_review_on: dt.date | None = None
    superseded: bool = False
    """An earlier cycle of a company with a later assessment: the list folds it."""
    earlier_cycles: int = 0
    """How many of the company's assessments came before this one."""

    @property
    def completeness(self) -> float:
        return self.answered / self.applicable if self.applicable else 1.0


@contextmanager
def savepoint(session: Session) -> Iterator[None]:
    """Work that fails alone: on any error the block's writes are rolled back to a savepoint
    and the transaction goes on. A database error (such as a constraint another session's
    write made fail) comes out as StorageError, the error of a refused part."""
    try:
        with session.begin_nested():
            yield
    except DBAPIError as error:
        raise StorageError(Message(
            "repository.database_refused", "the database refused it: {detail}",
            detail=str(error.orig),
        )) from error


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _answer_from_row(question: Question, row: AnswerRow) -> Answer:
    return Answer(
        value=_value_from_json(question, row.value),
        na_reason=row.na_reason,
        comment=row.comment,
        flagged=row.flagged,
    )


# --- questionnaires --------------------------------------------------------------------------


def store_questionnaire(
    session: Session, raw: bytes, name: str = "questionnaire", sha256: str = ""
) -> int:
    """The pk of this exact questionnaire file, storing it first if new (deduplicated by
    SHA-256). ``name`` is what problems are reported against when the file is invalid;
    ``sha256`` is the file's, when a reader has just verified it (else computed here)."""
    sha256 = sha256 or _sha256(raw)
    existing = _connection(session).scalar(_QUESTIONNAIRE_PK, {"b_sha256": sha256})
    if existing is not None:
        return int(existing)
    questionnaire, problems = parse_known(raw, name)
    if questionnaire is None:
        raise StorageError(
            Message("storage.questionnaire_invalid", "the questionnaire {name} is not valid:",
                    name=name),
            *(p.as_message() for p in problems),
        )
    if differs_from_shipped(questionnaire.id, questionnaire.version, sha256):
        raise StorageError(
            Message(
                "repository.questionnaire_claims_to_be",
                "the questionnaire {name} claims to be the shipped {questionnaire_id} "
                "{questionnaire_version} but differs from it",
                name=name, questionnaire_id=questionnaire.id,
                questionnaire_version=questionnaire.version,
            )
        )
    _parsed[sha256] = questionnaire
    row = QuestionnaireRow(
        questionnaire_id=questionnaire.id,
        version=questionnaire.version,
        content_sha256=sha256,
        raw=raw,
        stored_at=_now(),
    )
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        # Another PostgreSQL session stored the same file since the look-up above.
        raced = session.scalar(
            select(QuestionnaireRow.pk).where(QuestionnaireRow.content_sha256 == sha256)
        )
        if raced is None:
            raise
        return raced
    return row.pk


def _questionnaire(row: QuestionnaireRow) -> Questionnaire:
    cached = _parsed.get(row.content_sha256)
    return cached or parse_stored(row.content_sha256, row.questionnaire_id, row.version, row.raw)


def _questionnaire_row(session: Session, pk: int) -> QuestionnaireRow:
    row = session.get(QuestionnaireRow, pk)
    if row is None:
        raise NotFound(Message(
            "repository.no_stored_questionnaire",
            "no stored questionnaire {pk}",
            pk=pk,
        ))
    return row


def load_questionnaire(session: Session, pk: int) -> Questionnaire:
    sha256 = _connection(session).scalar(_QUESTIONNAIRE_SHA256, {"b_pk": pk})
    cached = _parsed.get(sha256) if sha256 is not None else None
    return cached or _questionnaire(_questionnaire_row(session, pk))


def questionnaire_raw(session: Session, pk: int) -> bytes:
    return _questionnaire_row(session, pk).raw


def _question(questionnaire: Questionnaire, question_id: str) -> Question:
    if not questionnaire.has_question(question_id):
        raise StorageError(Message(
            "repository.question_not_in",
            "question '{question_id}' is not in {questionnaire_key}",
            question_id=question_id, questionnaire_key=questionnaire.key,
        ))
    return questionnaire.question(question_id)


# --- assessments -----------------------------------------------------------------------------


def _assessment_row(session: Session, assessment_id: str, *, lock: bool = False) -> AssessmentRow:
    """``lock`` before changing an assessment: on PostgreSQL concurrent writers to one
    assessment then queue (SELECT ... FOR UPDATE) instead of racing on the same answer row;
    SQLite's BEGIN IMMEDIATE already serialises them. Only the assessment's row (FOR UPDATE OF):
    the questionnaire joined in is shared by every assessment answered on it, and locking it too
    queued every writer of the office behind one another (and needs a right to change
    questionnaires that an officer's role does not have)."""
    row = session.get(
        AssessmentRow, assessment_id, with_for_update={"of": AssessmentRow} if lock else None
    )
    if row is None:
        raise NotFound(Message(
            "repository.no_assessment_with_id",
            "no assessment with id '{reference}'",
            reference=assessment_id,
        ))
    pin(session, row)
    return row


def pin(session: Session, row: object) -> None:
    """Keep ``row`` in the session's identity map until the session ends: the map holds rows
    weakly, so a row a caller did not keep was read again by the next function of the same
    user action (three times per officer's verdict)."""
    session.info.setdefault("pinned", []).append(row)


def get_questionnaire_for(session: Session, assessment_id: str) -> Questionnaire:
    """The exact questionnaire version the assessment is answered on."""
    return _questionnaire(_assessment_row(session, assessment_id).questionnaire)


def questionnaire_raw_for(session: Session, assessment_id: str) -> bytes:
    return _assessment_row(session, assessment_id).questionnaire.raw


def create_assessment(
    session: Session,
    assessment: Assessment,
    questionnaire_pk: int,
    evidence_data: Mapping[str, bytes] | None = None,
    *,
    questionnaire: Questionnaire | None = None,
    signature: Signature = UNSIGNED,
) -> str:
    """Store a new assessment with the answers, plan and evidence it carries (so an import
    is one call); ``evidence_data`` holds each evidence file's bytes by SHA-256. A uuid4 is
    assigned when ``assessment.id`` is empty; timestamps it carries are kept, missing ones are
    now. The derived listing columns are filled from the answers it carries.

    ``questionnaire``: the one stored under ``questionnaire_pk``, when the caller holds it
    (an import has just read and verified it: not looked up again for each file).
    ``signature``: who signed the submission it is imported from, stored with the row."""
    if questionnaire is None:
        questionnaire = load_questionnaire(session, questionnaire_pk)
    if (questionnaire.id, questionnaire.version) != (
        assessment.questionnaire_id,
        assessment.questionnaire_version,
    ):
        raise StorageError(
            Message(
                "repository.assessment_on_not_on",
                "the assessment is on "
                "{assessment_questionnaire_id}@{assessment_questionnaire_version}, not on "
                "{questionnaire_key}",
                assessment_questionnaire_id=assessment.questionnaire_id,
                assessment_questionnaire_version=assessment.questionnaire_version,
                questionnaire_key=questionnaire.key,
            )
        )
    assessment_id = assessment.id or str(uuid.uuid4())
    connection = _connection(session)
    if connection.execute(_EXISTS, {"b_assessment": assessment_id}).first() is not None:
        raise StorageError(Message(
            "repository.assessment_with_id_already",
            "an assessment with id '{assessment_id}' already exists",
            assessment_id=assessment_id,
        ))
    for question_id in [*assessment.answers, *assessment.plan]:
        _question(questionnaire, question_id)
    now = _now()
    card = score(questionnaire, assessment)
    # Core inserts on the session's connection: an import stores hundreds of these in one
    # transaction, and the ORM's unit of work cost more than the rows themselves (issue 19).
    connection.execute(
        _INSERT_ASSESSMENT,
        {
            "id": assessment_id,
            "questionnaire_pk": questionnaire_pk,
            "company": assessment.company,
            "tax_id": assessment.tax_id,
            "country": assessment.country,
            "roles": sorted(assessment.roles),
            "aeo_types": sorted(assessment.aeo_types),
            "status": assessment.status.value,
            "demo": assessment.demo,
            "created_at": assessment.created_at or now,
            "updated_at": assessment.updated_at or now,
            "submission_sha256": assessment.submission_sha256,
            "previous_submission_id": assessment.previous_submission_id,
            "unit": assessment.unit,
            "contact": assessment.contact,
            "consent": assessment.consent,
            "search": search_key(assessment.company, assessment.tax_id),
            "certified_on": assessment.certified_on,
            "next_review_on": assessment.next_review_on,
            "signature_state": signature.state.value,
            "signer_fingerprint": signature.fingerprint,
            "signer_name": signature.name,
            "signer_organisation": signature.organisation,
            **_summary_values(card),
        },
    )
    if assessment.previous_cycle_id is not None:
        _link_cycle(session, assessment_id, assessment.previous_cycle_id)
    rows = [
        {
            "assessment_id": assessment_id,
            "question_id": question_id,
            "value": _value_to_json(answer.value),
            "na_reason": answer.na_reason,
            "comment": answer.comment,
            "flagged": answer.flagged,
            "updated_at": now,
            "carried": _carried_value(assessment.carried.get(question_id)),
        }
        for question_id, answer in assessment.answers.items()
        if answer != _NO_ANSWER
    ]
    if rows:
        _insert_many(connection, _ANSWERS, rows)
    insert_criterion_scores(session, assessment_id, card)
    plan = [
        {"assessment_id": assessment_id, "question_id": q, "owner": e.owner, "due": e.due}
        for q, e in assessment.plan.items()
        if e != _NO_PLAN
    ]
    if plan:
        connection.execute(_INSERT_PLAN, plan)
    data = evidence_data or {}
    for evidence in assessment.evidence:
        content = data.get(evidence.sha256)
        if content is None or _sha256(content) != evidence.sha256:
            raise StorageError(
                Message(
                    "repository.evidence_its_bytes_are",
                    "evidence {evidence_name}: its bytes are missing or do not match its SHA-256",
                    evidence_name=evidence.name,
                )
            )
        for question_id in evidence.questions:
            _question(questionnaire, question_id)
        evidence_pk = connection.execute(_INSERT_EVIDENCE, {
            "assessment_id": assessment_id, "sha256": evidence.sha256, "name": evidence.name,
            "media_type": evidence.media_type, "size": len(content), "data": content,
            "added_at": now,
        }).scalar_one()
        if evidence.questions:
            connection.execute(_INSERT_EVIDENCE_LINKS, [
                {"evidence_id": evidence_pk, "question_id": q} for q in sorted(evidence.questions)
            ])
    return assessment_id


def _insert_many(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (every column given) in one executemany through the driver.

    An import stores about a hundred answers per file, for hundreds of files: SQLAlchemy's
    handling of each row's parameters cost more than the inserts (issue 19). Values still go
    through their columns' bind processors, each distinct value once per call (a file's
    rows share their timestamp and a few flags), so those values must be hashable.
    """
    dialect = connection.dialect
    key = (table.name, dialect.name, dialect.driver)
    compiled = _DRIVER_INSERTS.get(key)
    if compiled is None:
        statement = insert(table).compile(dialect=dialect)
        names = tuple(statement.positiontup or ()) if dialect.positional else None
        compiled = _DRIVER_INSERTS[key] = statement.string, names
    sql, names = compiled
    processors: list[tuple[str, Callable[[Any], Any], dict[tuple[type, Any], Any]]] = [
        (column.key, bind, {})
        for column in table.c
        if (bind := column.type.dialect_impl(dialect).bind_processor(dialect)) is not None
    ]
    processed: list[dict[str, Any] | tuple[Any, ...]] = []
    for row in rows:
        values = dict(row)
        for name, processor, seen in processors:
            value = values[name]
            typed = type(value), value  # True and 1 are equal keys but not the same value
            if typed not in seen:
                seen[typed] = processor(value)
            values[name] = seen[typed]
        processed.append(values if names is None else tuple(values[n] for n in names))
    connection.exec_driver_sql(sql, processed)


_DRIVER_INSERTS: dict[tuple[str, str, str], tuple[str, tuple[str, ...] | None]] = {}
"""``_insert_many``'s statement and parameter order (positional drivers), by table and driver."""


def _connection(session: Session) -> Connection:
    """The session's connection for prepared Core statements, once what the session holds
    is flushed (``Session.execute`` would autoflush; a Connection does not)."""
    session.flush()
    return session.connection()


def _carried_value(state: CarryState | None) -> str | None:
    return None if state is None else state.value


def _answers(
    session: Session, questionnaire: Questionnaire, assessment_id: str
) -> tuple[dict[str, Answer], dict[str, CarryState]]:
    """The answers and where carried ones stand (``reader.read_answers``)."""
    return read_answers(_connection(session), questionnaire, assessment_id)


def _domain(
    row: AssessmentRow,
    answers: dict[str, Answer],
    plan: dict[str, PlanEntry],
    evidence: tuple[Evidence, ...],
    carried: dict[str, CarryState] | None = None,
    previous_cycle_id: str | None = None,
) -> Assessment:
    return Assessment(
        questionnaire_id=row.questionnaire.questionnaire_id,
        questionnaire_version=row.questionnaire.version,
        company=row.company,
        country=row.country,
        roles=frozenset(row.roles),
        aeo_types=frozenset(row.aeo_types),
        answers=answers,
        plan=plan,
        id=row.id,
        tax_id=row.tax_id,
        status=Status(row.status),
        demo=row.demo,
        evidence=evidence,
        created_at=row.created_at,
        updated_at=row.updated_at,
        submission_sha256=row.submission_sha256,
        previous_submission_id=row.previous_submission_id,
        unit=row.unit,
        contact=row.contact,
        consent=row.consent,
        carried=carried or {},
        previous_cycle_id=previous_cycle_id,
        certified_on=row.certified_on,
        next_review_on=row.next_review_on,
    )


def get_assessment(session: Session, assessment_id: str) -> Assessment:
    """The assessment with its answers, plan and evidence metadata (not the evidence bytes)."""
    return read_assessment(_connection(session), assessment_id)[1]


@dataclass(frozen=True)
class EditState:
    """What decides whether an assessment may be changed, read in one query."""

    submission_sha256: str | None
    """Set when the assessment is an imported applicant file."""
    archived: bool
    """True for the read-only copy an upgrade kept."""


def edit_state(session: Session, assessment_id: str) -> EditState:
    """Whether the assessment is an imported submission or an upgrade's copy (checked before
    every autosave, so one small query rather than the upgrade record's joins)."""
    found = _connection(session).execute(_EDIT_STATE, {"b_assessment": assessment_id}).first()
    if found is None:
        raise NotFound(Message(
            "repository.no_assessment_with_id", "no assessment with id '{reference}'",
            reference=assessment_id,
        ))
    return EditState(found.submission_sha256, bool(found.archived))


def find_assessment_ids(session: Session, prefix: str) -> list[str]:
    """Ids starting with ``prefix`` (exactly, case-sensitive, on both backends), sorted."""
    return assessment_ids(_connection(session), prefix)


def find_by_submission(session: Session, sha256: str) -> str | None:
    """The assessment imported from the applicant file whose assessment.json has this hash."""
    found = _connection(session).scalar(_BY_SUBMISSION, {"b_sha256": sha256})
    return None if found is None else str(found)


def latest_submission_of(session: Session, assessment_id: str) -> str | None:
    """The newest assessment in the chain of resubmissions that starts at ``assessment_id``
    (the id itself when nothing followed it); None when there is no such assessment."""
    connection = _connection(session)
    if connection.execute(_EXISTS, {"b_assessment": assessment_id}).first() is None:
        return None
    current, seen = assessment_id, {assessment_id}
    while True:
        following = connection.scalar(_FOLLOWING, {"b_assessment": current})
        if following is None or following in seen:
            return current
        current = str(following)
        seen.add(current)


def set_status(session: Session, assessment_id: str, status: Status) -> None:
    row = _assessment_row(session, assessment_id, lock=True)
    if row.status != status.value:
        row.status = status.value
        row.updated_at = _now()


def set_consent(session: Session, assessment_id: str, consent: bool) -> None:
    """Whether the subject agreed to be named in a workshop summary (off until it says so)."""
    row = _assessment_row(session, assessment_id, lock=True)
    if row.consent != consent:
        row.consent = consent
        row.updated_at = _now()


def set_profile(
    session: Session,
    assessment_id: str,
    *,
    company: str,
    tax_id: str,
    country: str,
    roles: Iterable[str],
    aeo_types: Iterable[str],
) -> None:
    """Change the company profile; the figures follow (roles and AEO types decide which
    questions apply)."""
    row = _assessment_row(session, assessment_id, lock=True)
    row.company, row.tax_id, row.country = company, tax_id, country
    row.search = search_key(company, tax_id)
    row.roles, row.aeo_types = sorted(roles), sorted(aeo_types)
    row.updated_at = _now()
    refresh_summary(session, assessment_id)


def delete_assessment(session: Session, assessment_id: str) -> None:
    """Delete it with its answers, history, evidence and plan (ON DELETE CASCADE) and the
    read-only copies its upgrades kept; later submissions that pointed at it keep existing,
    unlinked."""
    row = _assessment_row(session, assessment_id)
    for upgrade in upgrades_of(session, assessment_id):
        delete_assessment(session, upgrade.archive_id)
    session.delete(row)
    session.flush()


# --- answers and plan ------------------------------------------------------------------------


_ANSWERS = tables.answers
_HISTORY = tables.answer_history
_ASSESSMENTS = tables.assessments
_QUESTIONNAIRES = tables.questionnaires
_PLAN = tables.plan_entries
_CYCLES = tables.cycles
# The autosave's statements, built once: building and caching a statement per call cost more
# than running it.
_ANSWER_KEY = (_ANSWERS.c.assessment_id == bindparam("b_assessment")) & (
    _ANSWERS.c.question_id == bindparam("b_question")
)
_WRITE_TARGET = (
    select(
        _QUESTIONNAIRES.c.pk,
        _QUESTIONNAIRES.c.content_sha256,
        *(_ASSESSMENTS.c[name] for name in _PROFILE_COLUMNS),
    )
    .join_from(_ASSESSMENTS, _QUESTIONNAIRES, _ASSESSMENTS.c.questionnaire_pk == _QUESTIONNAIRES.c.pk)
    .where(_ASSESSMENTS.c.id == bindparam("b_assessment"))
    .with_for_update(of=_ASSESSMENTS)
)
_ARCHIVED = exists().where(UpgradeRow.__table__.c.archive_id == _ASSESSMENTS.c.id)
_EDIT_STATE = select(
    _ASSESSMENTS.c.submission_sha256, _ARCHIVED.label("archived")
).where(_ASSESSMENTS.c.id == bindparam("b_assessment"))
_AUTOSAVE_TARGET = (
    select(
        _QUESTIONNAIRES.c.questionnaire_id,
        _QUESTIONNAIRES.c.version,
        _QUESTIONNAIRES.c.content_sha256,
        _ASSESSMENTS.c.roles,
        _ASSESSMENTS.c.aeo_types,
        _ASSESSMENTS.c.submission_sha256,
        _ARCHIVED.label("archived"),
        _ASSESSMENTS.c.revision,
    )
    .join_from(_ASSESSMENTS, _QUESTIONNAIRES, _ASSESSMENTS.c.questionnaire_pk == _QUESTIONNAIRES.c.pk)
    .where(_ASSESSMENTS.c.id == bindparam("b_assessment"))
    .with_for_update(of=_ASSESSMENTS)
)
_EXISTS = select(_ASSESSMENTS.c.id).where(_ASSESSMENTS.c.id == bindparam("b_assessment"))
_INSERT_ASSESSMENT = insert(_ASSESSMENTS)
_INSERT_PLAN = insert(_PLAN)
_INSERT_EVIDENCE = insert(tables.evidence).returning(tables.evidence.c.id)
_INSERT_EVIDENCE_LINKS = insert(tables.evidence_links)
"""create_assessment's statements: an import runs them for each of hundreds of files."""
_QUESTIONNAIRE_PK = select(_QUESTIONNAIRES.c.pk).where(
    _QUESTIONNAIRES.c.content_sha256 == bindparam("b_sha256")
)
_QUESTIONNAIRE_SHA256 = select(_QUESTIONNAIRES.c.content_sha256).where(
    _QUESTIONNAIRES.c.pk == bindparam("b_pk")
)
_BY_SUBMISSION = select(_ASSESSMENTS.c.id).where(
    _ASSESSMENTS.c.submission_sha256 == bindparam("b_sha256")
)
_FOLLOWING = (
    select(_ASSESSMENTS.c.id)
    .where(_ASSESSMENTS.c.previous_submission_id == bindparam("b_assessment"))
    .order_by(_ASSESSMENTS.c.created_at.desc(), _ASSESSMENTS.c.id.desc())
    .limit(1)
)
_INSERT_ANSWER = insert(_ANSWERS)
_INSERT_HISTORY = insert(_HISTORY)
_UPDATE_ANSWER = update_(_ANSWERS).where(_ANSWER_KEY)
_DELETE_ANSWER = delete(_ANSWERS).where(_ANSWER_KEY)
_UPDATE_SUMMARY = update_(_ASSESSMENTS).where(_ASSESSMENTS.c.id == bindparam("b_assessment"))


def new_revision() -> str:
    """A new ``AssessmentRow.revision``: every write of an assessment's answers or plan sets
    one. Random, so that no two writes, in any process or database, ever share one."""
    return uuid.uuid4().hex


@dataclass(frozen=True)
class _Tallied:
    """An assessment's answers and plan as the autosave last read or wrote them, decoded and
    tallied, and the revision they are at. An entry is used only while the locked row holds
    that revision and ``basis``: another process's write, or a write rolled back, leaves
    another revision in the row, and the answers are read again instead of trusted."""

    revision: str | None
    basis: tuple[str, frozenset[str], frozenset[str]]
    """The questionnaire's SHA-256, and the roles and AEO types that decide what applies."""
    answers: dict[str, Answer]
    carried: dict[str, CarryState]
    plan: dict[str, PlanEntry]
    tallies: Tallies


_tallied: dict[str, _Tallied] = {}
"""By assessment id, the least recently saved first to go: reading, decoding and scoring
every answer was most of an autosave's time (issue 19)."""
_TALLIED_KEPT = 16


def _tallied_for(
    connection: Connection, questionnaire: Questionnaire, target: Any, assessment_id: str
) -> _Tallied:
    basis = (target.content_sha256, frozenset(target.roles), frozenset(target.aeo_types))
    known = _tallied.get(assessment_id)
    if (
        known is not None
        and known.revision is not None
        and known.revision == target.revision
        and known.basis == basis
    ):
        return known
    answers, carried = read_answers(connection, questionnaire, assessment_id)
    tallies = tally(questionnaire, _scored(questionnaire, basis, answers, carried))
    return _Tallied(
        target.revision, basis, answers, carried, read_plan(connection, assessment_id), tallies
    )


def _scored(
    questionnaire: Questionnaire,
    basis: tuple[str, frozenset[str], frozenset[str]],
    answers: dict[str, Answer],
    carried: dict[str, CarryState],
) -> Assessment:
    """The assessment as far as its score reads it: the roles and AEO types, the answers and
    where carried ones stand (the rest of the profile is left blank)."""
    _, roles, aeo_types = basis
    return Assessment(
        questionnaire.id, questionnaire.version, "", "", roles, aeo_types, answers,
        carried=carried,
    )


def _keep(assessment_id: str, entry: _Tallied) -> None:
    """Keep ``entry`` as the most recent (safe from several threads: ``list`` copies the keys
    at once, and each entry is immutable)."""
    _tallied.pop(assessment_id, None)
    _tallied[assessment_id] = entry
    for stale in list(_tallied)[:-_TALLIED_KEPT]:
        _tallied.pop(stale, None)


def save_answer(
    connection: Connection,
    assessment_id: str,
    question_id: str,
    update: Callable[[Question, Answer], Answer | None],
    who: str,
    refuse: Callable[[EditState], None] | None = None,
) -> ScoreCard:
    """The autosave path: change one answer, record the change, refresh the listing columns
    and the scores of the criteria the change can move, and return the new ScoreCard.

    ``refuse`` gets the assessment's edit state, read with the row it locks, and may raise to
    refuse any change to it; ``update`` gets the question and the current answer (empty when
    unanswered) and returns the new one (None or an empty Answer clears it); it may raise to
    refuse the change.
    Statements go to ``connection`` (no Session: the autosave's own transaction, or a
    session's connection once flushed) as prepared Core statements, one each: this runs on
    every keystroke that settles, and the ORM's unit of work and Session cost several times
    the writes themselves (issue 19). The answers and plan are read, decoded and tallied again
    only when the assessment is not at the revision this process last saw (``_Tallied``),
    and only the criteria the change can move are tallied again (``Tallies.after``).
    """
    target = connection.execute(_AUTOSAVE_TARGET, {"b_assessment": assessment_id}).first()
    if target is None:
        raise NotFound(Message(
            "repository.no_assessment_with_id", "no assessment with id '{reference}'",
            reference=assessment_id,
        ))
    if refuse is not None:
        refuse(EditState(target.submission_sha256, bool(target.archived)))
    questionnaire = questionnaire_from(
        connection, target.content_sha256, target.questionnaire_id, target.version
    )
    question = _question(questionnaire, question_id)
    known = _tallied_for(connection, questionnaire, target, assessment_id)
    old = known.answers.get(question_id)
    new = update(question, old or Answer())
    new = None if new is None or new == Answer() else new
    old_json = None if old is None else answer_to_json(old)
    new_json = None if new is None else answer_to_json(new)
    if old_json == new_json:
        _keep(assessment_id, known)
        return known.tallies.scorecard(known.plan)
    now = _now()
    key = {"b_assessment": assessment_id, "b_question": question_id}
    answers = dict(known.answers)
    carried = dict(known.carried)
    if question_id in carried:  # the company changed what the previous cycle carried over
        carried[question_id] = CarryState.CHANGED
    if new is None:
        connection.execute(_DELETE_ANSWER, key)
        del answers[question_id]
        carried.pop(question_id, None)
    else:
        values = {
            "value": _value_to_json(new.value),
            "na_reason": new.na_reason,
            "comment": new.comment,
            "flagged": new.flagged,
            "updated_at": now,
            "carried": _carried_value(carried.get(question_id)),
        }
        if old is None:
            row = {"assessment_id": assessment_id, "question_id": question_id, **values}
            connection.execute(_INSERT_ANSWER, row)
        else:
            connection.execute(_UPDATE_ANSWER, {**key, **values})
        answers[question_id] = new
    connection.execute(
        _INSERT_HISTORY,
        {
            "assessment_id": assessment_id,
            "question_id": question_id,
            "who": who,
            "at": now,
            "old": old_json,
            "new": new_json,
        },
    )
    tallies = known.tallies.after(_scored(questionnaire, known.basis, answers, carried), question_id)
    card = tallies.scorecard(known.plan)
    revision = new_revision()
    connection.execute(
        _UPDATE_SUMMARY,
        {
            "b_assessment": assessment_id,
            "updated_at": now,
            "revision": revision,
            **_summary_values(card),
        },
    )
    # A carried answer's state moves the verdict (above), never a criterion's score: the
    # criteria the changed value touches are all that can move.
    was, now_scored = known.tallies.moved_scores(question_id), tallies.moved_scores(question_id)
    changes = {c: (was[c], now_scored[c]) for c in now_scored}
    changes[OVERALL] = (known.tallies.overall, card.overall)
    update_criterion_scores(connection, assessment_id, changes, card)
    _keep(assessment_id, _Tallied(revision, known.basis, answers, carried, known.plan, tallies))
    return card


def set_answer(
    session: Session, assessment_id: str, question_id: str, answer: Answer | None, who: str
) -> None:
    """Save one answer (None, or an empty Answer, clears it). A real change is recorded in the
    history with who made it and the whole answer before and after; a no-op writes nothing."""
    save_answer(_connection(session), assessment_id, question_id, lambda _q, _old: answer, who)


def history(
    session: Session, assessment_id: str, question_id: str | None = None
) -> list[AnswerChange]:
    """Every recorded change, oldest first, of one question or of the whole assessment."""
    questionnaire = get_questionnaire_for(session, assessment_id)
    query = select(AnswerHistoryRow).where(AnswerHistoryRow.assessment_id == assessment_id)
    if question_id is not None:
        query = query.where(AnswerHistoryRow.question_id == question_id)
    return [
        AnswerChange(
            question_id=h.question_id,
            who=h.who,
            at=h.at,
            old=None if h.old is None else _history_answer(questionnaire, h.question_id, h.old),
            new=None if h.new is None else _history_answer(questionnaire, h.question_id, h.new),
            note=h.note,
        )
        for h in session.scalars(query.order_by(AnswerHistoryRow.id))
    ]


def _history_answer(questionnaire: Questionnaire, question_id: str, text: str) -> Answer:
    """An entry written before an upgrade may name a question the current version no longer
    asks, or one whose type changed: its value then comes back as stored (a date as ISO text)."""
    if questionnaire.has_question(question_id):
        try:
            return answer_from_json(questionnaire.question(question_id), text)
        except StorageError:
            pass
    data = json.loads(text)
    return Answer(data["value"], data["na_reason"], data["comment"], data["flagged"])


def set_plan_entry(
    session: Session, assessment_id: str, question_id: str, entry: PlanEntry
) -> None:
    """Set who closes a gap and by when; an empty entry removes it."""
    row = _assessment_row(session, assessment_id, lock=True)
    _question(_questionnaire(row.questionnaire), question_id)
    current = session.get(PlanEntryRow, (assessment_id, question_id))
    if current is None and entry == PlanEntry():
        return
    if current is not None and PlanEntry(current.owner, current.due) == entry:
        return
    if entry == PlanEntry():
        session.delete(current)
    elif current is None:
        session.add(
            PlanEntryRow(
                assessment_id=assessment_id,
                question_id=question_id,
                owner=entry.owner,
                due=entry.due,
            )
        )
    else:
        current.owner, current.due = entry.owner, entry.due
    row.updated_at = _now()
    row.revision = new_revision()


def confirm_answers(session: Session, assessment_id: str, question_ids: Iterable[str]) -> int:
    """Confirm answers carried over from the previous cycle as still true (those still to
    confirm among ``question_ids``); returns how many were, and refreshes the verdict."""
    row = _assessment_row(session, assessment_id, lock=True)
    wanted = sorted(set(question_ids))
    if not wanted:
        return 0
    pending = (
        AnswerRow.assessment_id == assessment_id,
        AnswerRow.question_id.in_(wanted),
        AnswerRow.carried == CarryState.TO_CONFIRM.value,
    )
    confirmed = len(session.scalars(select(AnswerRow.question_id).where(*pending)).all())
    if confirmed:
        session.execute(
            update_(AnswerRow)
            .where(*pending)
            .values(carried=CarryState.CONFIRMED.value)
            .execution_options(synchronize_session=False)
        )
        row.updated_at = _now()
        row.revision = new_revision()
        refresh_summary(session, assessment_id)
    return confirmed


def set_review_dates(
    session: Session,
    assessment_id: str,
    certified_on: dt.date | None,
    next_review_on: dt.date | None,
) -> None:
    """The company's AEO certification date and next review date, as the user entered them."""
    row = _assessment_row(session, assessment_id, lock=True)
    if (row.certified_on, row.next_review_on) != (certified_on, next_review_on):
        row.certified_on, row.next_review_on = certified_on, next_review_on
        row.updated_at = _now()


def _link_cycle(session: Session, assessment_id: str, previous_id: str) -> None:
    """Record ``assessment_id`` as the next cycle of ``previous_id``, on the connection like
    the rest of ``create_assessment``."""
    connection = _connection(session)
    if connection.execute(_EXISTS, {"b_assessment": previous_id}).first() is None:
        raise NotFound(Message(
            "repository.no_assessment_with_id",
            "no assessment with id '{reference}'",
            reference=previous_id,
        ))
    following = next_cycle_of(session, previous_id)
    if following is not None:
        raise StorageError(Message(
            "repository.already_followed",
            "assessment '{previous}' is already followed by '{following}'",
            previous=previous_id, following=following,
        ))
    connection.execute(
        insert(_CYCLES), {"assessment_id": assessment_id, "previous_id": previous_id}
    )


def next_cycle_of(session: Session, assessment_id: str) -> str | None:
    """The assessment that follows this one as the company's next cycle; None if none yet."""
    return session.scalar(select(CycleRow.assessment_id).where(CycleRow.previous_id == assessment_id))


def refresh_summary(session: Session, assessment_id: str) -> None:
    """Recompute the derived listing columns and per-criterion scores from the answers (call
    after every change)."""
    row = _assessment_row(session, assessment_id, lock=True)
    questionnaire = _questionnaire(row.questionnaire)
    # The figures depend on the profile and the answers only: plan and evidence are not read.
    answers, carried = _answers(session, questionnaire, assessment_id)
    card = score(questionnaire, _domain(row, answers, {}, (), carried))
    _store_summary(row, card)
    store_criterion_scores(session, assessment_id, card)


def refresh_stale_summaries(session: Session) -> int:
    """Rescore every assessment whose level a migration blanked (the verdict rules changed)."""
    stale = session.scalars(select(AssessmentRow.id).where(AssessmentRow.level == "")).all()
    for assessment_id in stale:
        refresh_summary(session, assessment_id)
    return len(stale)


def _summary_values(card: ScoreCard) -> dict[str, Any]:
    return {
        "applicable": card.applicable,
        "answered": card.answered,
        "overall": card.overall,
        "level": card.level,
        "blocking_gaps": len(card.blocking_gaps),
        "provisional": card.provisional,
    }


def _store_summary(row: AssessmentRow, card: ScoreCard) -> None:
    for name, value in _summary_values(card).items():
        setattr(row, name, value)


def list_assessments(session: Session) -> list[AssessmentSummary]:
    """Every assessment, most recently changed first, from the assessments table alone."""
    a, q = AssessmentRow, QuestionnaireRow
    following = aliased(CycleRow)
    rows = session.execute(
        select(
            a.id,
            a.company,
            a.country,
            q.questionnaire_id,
            q.version,
            a.status,
            a.demo,
            a.applicable,
            a.answered,
            a.overall,
            a.level,
            a.blocking_gaps,
            a.updated_at,
            a.provisional,
            a.tax_id,
            a.created_at,
            a.certified_on,
            a.next_review_on,
        )
        .add_columns(
            UpgradeRow.assessment_id.label("archived_into"),
            CycleRow.previous_id.label("previous_cycle_id"),
            following.assessment_id.label("next_cycle_id"),
        )
        .join(q, a.questionnaire_pk == q.pk)
        .outerjoin(UpgradeRow, UpgradeRow.archive_id == a.id)
        .outerjoin(CycleRow, CycleRow.assessment_id == a.id)
        .outerjoin(following, following.previous_id == a.id)
        .order_by(a.updated_at.desc(), a.id)
    )
    return [
        summary_from_row(r)
        for r in rows
    ]


# --- evidence --------------------------------------------------------------------------------


def _evidence(row: EvidenceRow) -> Evidence:
    return Evidence(
        sha256=row.sha256,
        name=row.name,
        media_type=row.media_type,
        size=row.size,
        questions=frozenset(link.question_id for link in row.links),
    )


def _new_evidence_row(
    assessment_id: str,
    sha256: str,
    name: str,
    media_type: str,
    data: bytes,
    questions: frozenset[str],
    now: dt.datetime,
) -> EvidenceRow:
    """``sha256``: of ``data``, which the caller has just computed (evidence can be large)."""
    return EvidenceRow(
        assessment_id=assessment_id,
        sha256=sha256,
        name=name,
        media_type=media_type,
        size=len(data),
        data=data,
        added_at=now,
        links=[EvidenceLinkRow(question_id=q) for q in sorted(questions)],
    )


def _evidence_row(session: Session, assessment_id: str, sha256: str) -> EvidenceRow:
    row = session.scalar(
        select(EvidenceRow).where(
            EvidenceRow.assessment_id == assessment_id, EvidenceRow.sha256 == sha256
        )
    )
    if row is None:
        raise NotFound(Message(
            "repository.assessment_has_no_evidence",
            "assessment '{assessment_id}' has no evidence {sha256}",
            assessment_id=assessment_id, sha256=sha256,
        ))
    return row


def add_evidence(
    session: Session,
    assessment_id: str,
    name: str,
    media_type: str,
    data: bytes,
    questions: frozenset[str],
) -> Evidence:
    """Attach a file (its SHA-256 computed here). The same bytes attached again are stored
    once: the first name is kept and the new questions are added to its links."""
    row = _assessment_row(session, assessment_id, lock=True)
    questionnaire = _questionnaire(row.questionnaire)
    for question_id in questions:
        _question(questionnaire, question_id)
    now = _now()
    sha256 = _sha256(data)
    existing = session.scalar(
        select(EvidenceRow).where(
            EvidenceRow.assessment_id == assessment_id, EvidenceRow.sha256 == sha256
        )
    )
    if existing is None:
        evidence = _new_evidence_row(
            assessment_id, sha256, name, media_type, data, questions, now
        )
        session.add(evidence)
    else:
        evidence = existing
        linked = {link.question_id for link in evidence.links}
        evidence.links.extend(EvidenceLinkRow(question_id=q) for q in sorted(questions - linked))
    row.updated_at = now
    session.flush()
    return _evidence(evidence)


def link_evidence(
    session: Session, assessment_id: str, sha256: str, questions: frozenset[str]
) -> Evidence:
    """Make the evidence support exactly ``questions``."""
    row = _assessment_row(session, assessment_id, lock=True)
    questionnaire = _questionnaire(row.questionnaire)
    for question_id in questions:
        _question(questionnaire, question_id)
    evidence = _evidence_row(session, assessment_id, sha256)
    kept = [link for link in evidence.links if link.question_id in questions]
    present = {link.question_id for link in kept}
    evidence.links = kept + [EvidenceLinkRow(question_id=q) for q in sorted(questions - present)]
    row.updated_at = _now()
    session.flush()
    return _evidence(evidence)


def evidence_data(session: Session, assessment_id: str, sha256: str) -> bytes:
    data = session.scalar(
        select(EvidenceRow.data).where(
            EvidenceRow.assessment_id == assessment_id, EvidenceRow.sha256 == sha256
        )
    )
    if data is None:
        raise NotFound(Message(
            "repository.assessment_has_no_evidence",
            "assessment '{assessment_id}' has no evidence {sha256}",
            assessment_id=assessment_id, sha256=sha256,
        ))
    return data


def remove_evidence(session: Session, assessment_id: str, sha256: str) -> None:
    row = _assessment_row(session, assessment_id, lock=True)
    session.delete(_evidence_row(session, assessment_id, sha256))
    row.updated_at = _now()
    session.flush()


# --- upgrades to a newer questionnaire version -----------------------------------------------


@dataclass(frozen=True)
class UpgradeRecord:
    """One upgrade: the assessment that moved on, its read-only copy of before, and when."""

    assessment_id: str
    archive_id: str
    from_version: str
    to_version: str
    who: str
    at: dt.datetime


def _upgrade_records(source: Session | Connection, *where: Any) -> list[UpgradeRecord]:
    u = UpgradeRow
    old, new = QuestionnaireRow.__table__.alias("old"), QuestionnaireRow.__table__.alias("new")
    rows = source.execute(
        select(u.assessment_id, u.archive_id, old.c.version, new.c.version, u.who, u.at)
        .join(old, old.c.pk == u.from_questionnaire_pk)
        .join(new, new.c.pk == u.to_questionnaire_pk)
        .where(*where)
        .order_by(u.id)
    )
    return [UpgradeRecord(*row) for row in rows]


def upgrades_of(session: Session, assessment_id: str) -> list[UpgradeRecord]:
    """The assessment's upgrades, oldest first (each with the copy it kept)."""
    return _upgrade_records(session, UpgradeRow.assessment_id == assessment_id)


def archived_by(source: Session | Connection, assessment_id: str) -> UpgradeRecord | None:
    """The upgrade that kept this assessment as its read-only copy; None for live work (a
    Connection: the autosave's refusal)."""
    found = _upgrade_records(source, UpgradeRow.archive_id == assessment_id)
    return found[0] if found else None


def upgrade_assessment(
    session: Session, assessment_id: str, questionnaire_pk: int, who: str
) -> tuple[str, CarryOver]:
    """Move the assessment to the stored questionnaire ``questionnaire_pk``, carrying its
    answers, plan and evidence links over (``carry_over``, on the answers as they are once the
    row is locked), and return the id of the read-only copy kept as it stood with what was
    carried. Every answer that changes is recorded in the history with ``who`` and a note
    naming the upgrade; the listing columns and peer scores follow the new version."""
    row = _assessment_row(session, assessment_id, lock=True)
    old_questionnaire = _questionnaire(row.questionnaire)
    target = _questionnaire_row(session, questionnaire_pk)
    new_questionnaire = _questionnaire(target)
    before = get_assessment(session, assessment_id)
    try:
        carried = carry_over(old_questionnaire, new_questionnaire, before)
    except UpgradeError as error:
        raise StorageError(error) from None

    archive_id = create_assessment(
        session,
        dataclasses.replace(
            before,
            id="",
            submission_sha256=None,
            previous_submission_id=None,
            previous_cycle_id=None,
        ),
        row.questionnaire_pk,
        {e.sha256: evidence_data(session, assessment_id, e.sha256) for e in before.evidence},
    )
    now = _now()
    note = f"upgrade {old_questionnaire.id} {old_questionnaire.version} → {new_questionnaire.version}"
    session.add(
        UpgradeRow(
            assessment_id=assessment_id,
            archive_id=archive_id,
            from_questionnaire_pk=row.questionnaire_pk,
            to_questionnaire_pk=questionnaire_pk,
            who=who,
            at=now,
        )
    )
    key = AnswerRow.assessment_id == assessment_id
    history = []
    for question_id in [*before.answers, *(q for q in carried.answers if q not in before.answers)]:
        old, new = before.answers.get(question_id), carried.answers.get(question_id)
        old_json = None if old is None else answer_to_json(old)
        new_json = None if new is None else answer_to_json(new)
        if old_json != new_json:
            history.append(
                {
                    "assessment_id": assessment_id,
                    "question_id": question_id,
                    "who": who,
                    "at": now,
                    "old": old_json,
                    "new": new_json,
                    "note": note,
                }
            )
    session.execute(delete(AnswerRow).where(key))
    answers = [
        {
            "assessment_id": assessment_id,
            "question_id": question_id,
            "value": _value_to_json(answer.value),
            "na_reason": answer.na_reason,
            "comment": answer.comment,
            "flagged": answer.flagged,
            "updated_at": now,
            "carried": _carried_value(before.carried.get(question_id)),
        }
        for question_id, answer in carried.answers.items()
    ]
    if answers:
        session.execute(insert(AnswerRow), answers)
    if history:
        session.execute(insert(AnswerHistoryRow), history)
    session.execute(
        delete(PlanEntryRow).where(
            PlanEntryRow.assessment_id == assessment_id,
            PlanEntryRow.question_id.not_in(sorted(carried.plan)),
        )
    )
    linked = {e.sha256: e.questions for e in carried.evidence}
    for stored in session.scalars(
        select(EvidenceRow).where(EvidenceRow.assessment_id == assessment_id)
    ):
        stored.links = [
            link for link in stored.links if link.question_id in linked.get(stored.sha256, ())
        ]
    row.questionnaire = target
    row.updated_at = now
    row.revision = new_revision()
    session.flush()
    states = {q: state for q, state in before.carried.items() if q in carried.answers}
    card = score(new_questionnaire, _domain(row, dict(carried.answers), {}, (), states))
    _store_summary(row, card)
    store_criterion_scores(session, assessment_id, card)
    return archive_id, carried


def summary_from_row(
    r: Any, *, superseded: bool = False, earlier_cycles: int = 0
) -> AssessmentSummary:
    """A list line from a row of the summary columns (``list_summaries`` and the paged list
    select the same labels)."""
    return AssessmentSummary(
        id=r.id,
        company=r.company,
        country=r.country,
        questionnaire_id=r.questionnaire_id,
        questionnaire_version=r.version,
        status=Status(r.status),
        demo=r.demo,
        applicable=r.applicable,
        answered=r.answered,
        overall=r.overall,
        level=r.level,
        blocking_gaps=r.blocking_gaps,
        updated_at=r.updated_at,
        provisional=r.provisional,
        archived_into=r.archived_into,
        tax_id=r.tax_id,
        previous_cycle_id=r.previous_cycle_id,
        next_cycle_id=r.next_cycle_id,
        created_at=r.created_at,
        certified_on=r.certified_on,
        next_review_on=r.next_review_on,
        superseded=superseded,
        earlier_cycles=earlier_cycles,
    )
