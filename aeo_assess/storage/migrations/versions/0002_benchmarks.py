"""Peer benchmarks and workshops: per-criterion scores, workshops, imported benchmark packs.

The tables are written out in full, like 0001. ``criterion_scores`` is derived data, so the
upgrade fills it for the assessments already stored, scoring each against the exact
questionnaire it was answered on: a database from the earlier release gets peer statistics at
once, with nothing to redo by hand.

Revision ID: 0002_benchmarks
Revises: 0001_initial
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from typing import Any

import sqlalchemy as sa
from alembic import op

from aeo_assess.domain.assessment import Answer, AnswerValue, Assessment
from aeo_assess.domain.questionnaire import Questionnaire, QuestionType
from aeo_assess.questionnaires import parse_questionnaire
from aeo_assess.scoring import score
from aeo_assess.storage.peer_stats import OVERALL, to_bin

revision = "0002_benchmarks"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

ID = sa.String(36)
PART = sa.String(100)
SHA256 = sa.String(64)
TIMESTAMP = sa.DateTime(timezone=True)
BATCH = 5_000


def upgrade() -> None:
    op.create_table(
        "criterion_scores",
        sa.Column("assessment_id", ID, nullable=False),
        sa.Column("criterion_id", PART, nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("bin", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("assessment_id", "criterion_id", name="pk_criterion_scores"),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name="fk_criterion_scores_assessment_id_assessments",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "workshops",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("facilitator", sa.Text(), nullable=False),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_workshops"),
    )
    op.create_table(
        "workshop_members",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", ID, nullable=False),
        sa.Column("added_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("workshop_id", "assessment_id", name="pk_workshop_members"),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name="fk_workshop_members_workshop_id_workshops",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name="fk_workshop_members_assessment_id_assessments",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_workshop_members_assessment_id", "workshop_members", ["assessment_id"])
    op.create_table(
        "benchmark_packs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("sha256", SHA256, nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("k", sa.Integer(), nullable=False),
        sa.Column("resolution", sa.Integer(), nullable=False),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("imported_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_benchmark_packs"),
        sa.UniqueConstraint("sha256", name="uq_benchmark_packs_sha256"),
    )
    op.create_table(
        "benchmark_groups",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("pack_id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_id", sa.String(100), nullable=False),
        sa.Column("questionnaire_version", sa.String(50), nullable=False),
        sa.Column("scope", sa.String(20), nullable=False),
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_benchmark_groups"),
        sa.ForeignKeyConstraint(
            ["pack_id"],
            ["benchmark_packs.id"],
            name="fk_benchmark_groups_pack_id_benchmark_packs",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "pack_id",
            "questionnaire_id",
            "questionnaire_version",
            "scope",
            "key",
            name="uq_benchmark_groups_group",
        ),
    )
    op.create_index(
        "ix_benchmark_groups_questionnaire_id_questionnaire_version",
        "benchmark_groups",
        ["questionnaire_id", "questionnaire_version"],
    )
    op.create_table(
        "benchmark_stats",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", PART, nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("mean", sa.Float(), nullable=False),
        sa.Column("q1", sa.Float(), nullable=False),
        sa.Column("median", sa.Float(), nullable=False),
        sa.Column("q3", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("group_id", "criterion_id", name="pk_benchmark_stats"),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["benchmark_groups.id"],
            name="fk_benchmark_stats_group_id_benchmark_groups",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "benchmark_bins",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", PART, nullable=False),
        sa.Column("bin", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("group_id", "criterion_id", "bin", name="pk_benchmark_bins"),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["benchmark_groups.id"],
            name="fk_benchmark_bins_group_id_benchmark_groups",
            ondelete="CASCADE",
        ),
    )
    _fill_criterion_scores(op.get_bind())


def _value(question_type: QuestionType, text: str | None) -> AnswerValue | None:
    """An answer value as 0001 stores it: JSON text, dates as ISO strings."""
    if text is None:
        return None
    plain = json.loads(text)
    if question_type is QuestionType.DATE and isinstance(plain, str):
        return dt.date.fromisoformat(plain)
    assert plain is None or isinstance(plain, bool | int | float | str)
    return plain


def _fill_criterion_scores(connection: sa.Connection) -> None:
    """Score every stored assessment that has answers, streaming the answers in assessment
    order so that memory stays small however many there are."""
    questionnaires = sa.table(
        "questionnaires", sa.column("pk", sa.Integer), sa.column("raw", sa.LargeBinary)
    )
    assessments = sa.table(
        "assessments",
        sa.column("id", ID),
        sa.column("questionnaire_pk", sa.Integer),
        sa.column("country", sa.String),
        sa.column("roles", sa.JSON),
        sa.column("aeo_types", sa.JSON),
    )
    answers = sa.table(
        "answers",
        sa.column("assessment_id", ID),
        sa.column("question_id", sa.String),
        sa.column("value", sa.Text),
        sa.column("na_reason", sa.Text),
    )
    scores = sa.table(
        "criterion_scores",
        sa.column("assessment_id", ID),
        sa.column("criterion_id", PART),
        sa.column("score", sa.Float),
        sa.column("bin", sa.Integer),
    )
    parsed: dict[int, Questionnaire] = {}
    for pk, raw in connection.execute(sa.select(questionnaires.c.pk, questionnaires.c.raw)):
        questionnaire, problems = parse_questionnaire(raw, f"stored questionnaire {pk}")
        if questionnaire is None:
            raise RuntimeError("\n".join(str(p) for p in problems))
        parsed[pk] = questionnaire
    profiles = {row.id: row for row in connection.execute(sa.select(assessments))}
    stream = connection.execute(
        sa.select(answers).order_by(answers.c.assessment_id, answers.c.question_id)
    )
    batch: list[dict[str, Any]] = []
    for assessment_id, rows in itertools.groupby(stream, key=lambda row: row.assessment_id):
        profile = profiles[assessment_id]
        questionnaire = parsed[profile.questionnaire_pk]
        card = score(
            questionnaire,
            Assessment(
                questionnaire_id=questionnaire.id,
                questionnaire_version=questionnaire.version,
                company="",
                country=profile.country,
                roles=frozenset(profile.roles),
                aeo_types=frozenset(profile.aeo_types),
                answers={
                    row.question_id: Answer(
                        value=_value(questionnaire.question(row.question_id).type, row.value),
                        na_reason=row.na_reason,
                    )
                    for row in rows
                },
            ),
        )
        parts = {c.criterion_id: c.score for c in card.criteria}
        parts[OVERALL] = card.overall
        batch.extend(
            {
                "assessment_id": assessment_id,
                "criterion_id": part,
                "score": value,
                "bin": to_bin(value),
            }
            for part, value in parts.items()
            if value is not None
        )
        if len(batch) >= BATCH:
            connection.execute(sa.insert(scores), batch)
            batch = []
    if batch:
        connection.execute(sa.insert(scores), batch)


def downgrade() -> None:
    for table in (
        "benchmark_bins",
        "benchmark_stats",
        "benchmark_groups",
        "benchmark_packs",
        "workshop_members",
        "workshops",
        "criterion_scores",
    ):
        op.drop_table(table)
