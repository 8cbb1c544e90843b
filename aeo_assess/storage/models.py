"""The ORM's view of the tables in ``tables`` (SQLAlchemy 2 typed models): the classes the
repositories write through. Readers that need no ORM query ``tables`` directly."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, relationship

from aeo_assess.storage import tables


class Base(DeclarativeBase):
    metadata = tables.METADATA


class QuestionnaireRow(Base):
    __table__ = tables.questionnaires

    pk: Mapped[int]
    questionnaire_id: Mapped[str]
    version: Mapped[str]
    content_sha256: Mapped[str]
    raw: Mapped[bytes] = deferred(tables.questionnaires.c.raw)
    stored_at: Mapped[dt.datetime]


class AssessmentRow(Base):
    __table__ = tables.assessments

    id: Mapped[str]
    questionnaire_pk: Mapped[int]
    company: Mapped[str]
    tax_id: Mapped[str]
    country: Mapped[str]
    roles: Mapped[list[str]]
    aeo_types: Mapped[list[str]]
    status: Mapped[str]
    demo: Mapped[bool]
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    submission_sha256: Mapped[str | None]
    previous_submission_id: Mapped[str | None]
    applicable: Mapped[int]
    answered: Mapped[int]
    overall: Mapped[float | None]
    level: Mapped[str]
    blocking_gaps: Mapped[int]
    provisional: Mapped[bool]
    unit: Mapped[str]
    contact: Mapped[str]
    consent: Mapped[bool]
    certified_on: Mapped[dt.date | None]
    next_review_on: Mapped[dt.date | None]
    search: Mapped[str]
    signature_state: Mapped[str]
    signer_fingerprint: Mapped[str]
    signer_name: Mapped[str]
    signer_organisation: Mapped[str]
    revision: Mapped[str | None]

    questionnaire: Mapped[QuestionnaireRow] = relationship(lazy="joined", innerjoin=True)


class AnswerRow(Base):
    __table__ = tables.answers

    assessment_id: Mapped[str]
    question_id: Mapped[str]
    value: Mapped[str | None]
    na_reason: Mapped[str | None]
    comment: Mapped[str]
    flagged: Mapped[bool]
    updated_at: Mapped[dt.datetime]
    carried: Mapped[str | None]


class AnswerHistoryRow(Base):
    __table__ = tables.answer_history

    id: Mapped[int]
    assessment_id: Mapped[str]
    question_id: Mapped[str]
    who: Mapped[str]
    at: Mapped[dt.datetime]
    old: Mapped[str | None]
    new: Mapped[str | None]
    note: Mapped[str | None]


class UpgradeRow(Base):
    __table__ = tables.upgrades

    id: Mapped[int]
    assessment_id: Mapped[str]
    archive_id: Mapped[str]
    from_questionnaire_pk: Mapped[int]
    to_questionnaire_pk: Mapped[int]
    who: Mapped[str]
    at: Mapped[dt.datetime]


class CycleRow(Base):
    __table__ = tables.cycles

    assessment_id: Mapped[str]
    previous_id: Mapped[str]


class EvidenceRow(Base):
    __table__ = tables.evidence

    id: Mapped[int]
    assessment_id: Mapped[str]
    sha256: Mapped[str]
    name: Mapped[str]
    media_type: Mapped[str]
    size: Mapped[int]
    data: Mapped[bytes] = deferred(tables.evidence.c.data)
    """Deferred: listing evidence never reads the files themselves."""
    added_at: Mapped[dt.datetime]

    links: Mapped[list[EvidenceLinkRow]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", passive_deletes=True
    )


class EvidenceLinkRow(Base):
    __table__ = tables.evidence_links

    evidence_id: Mapped[int]
    question_id: Mapped[str]


class PlanEntryRow(Base):
    __table__ = tables.plan_entries

    assessment_id: Mapped[str]
    question_id: Mapped[str]
    owner: Mapped[str]
    due: Mapped[dt.date | None]


from aeo_assess.storage import benchmark_models, review_models  # noqa: E402, F401 - their tables join Base.metadata
