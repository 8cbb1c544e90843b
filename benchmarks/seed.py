"""Bulk seeder for a national database (issue 19): 100,000 assessments in seconds, not hours.

Storing assessments one by one through the repository scores each of them and takes a few
milliseconds apiece; a national database would take hours. Here a few hundred answer sets
("templates", on two questionnaire versions) are scored once with the real scoring, and every
seeded assessment copies one of them, so the derived list columns and the per-criterion scores
are exactly what the application would have stored. Rows go in with PostgreSQL's COPY, or one
``executemany`` per table on SQLite, after the schema is migrated by the application itself.

What is seeded, per 100,000 assessments: 20 % imported applicant files (half of them with an
officer's review under way), two versions of the SAFE questionnaire, 20 answer-history rows
each (2 million), about 15 % complete (they count in the peer statistics), the rest partly
answered drafts. Company names carry Spanish accents, tax ids are punctuated, so that the
accent-insensitive search has something to find.

Used by ``benchmarks/bench_scale.py`` and by the 10,000-assessment functional test.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import sqlite3
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, text

from aeo_assess.domain.assessment import Answer, AnswerValue, Assessment
from aeo_assess.domain.questionnaire import Question, Questionnaire, QuestionType
from aeo_assess.domain.search import search_key
from aeo_assess.questionnaires.registry import find, shipped_raw
from aeo_assess.scoring import score
from aeo_assess.scoring.visibility import is_visible
from aeo_assess.storage import repository as repo
from aeo_assess.storage.database import Database
from aeo_assess.storage.peer_stats import OVERALL, to_bin

COUNTRIES = ["CR", "SV", "HN", "GT", "NI", "PA", "MX", "CO", "PE", "CL", "UY", "DO", "EC", "BO"]
WORDS = ["Logística", "Exportadora", "Café", "Agroindustrial", "Importaciones", "Tránsito",
         "Almacenes", "Textiles", "Frutas", "Navieros", "Aduanas", "Comercial", "Pacífico",
         "Andina", "Montaña", "Señor", "Río", "Cóndor", "Maíz", "Añil"]
FORMS = ["S.A.", "S.R.L.", "Ltda.", "S.A. de C.V.", "SpA"]
ROLES = [("importer",), ("exporter",), ("importer", "exporter"), ("carrier",),
         ("warehouse", "customs_broker")]
TEMPLATES_PER_VERSION = 60
COMPLETE_SHARE = 0.15
SUBMISSION_SHARE = 0.20
HISTORY_PER_ASSESSMENT = 20
VERDICTS_PER_REVIEW = 6
START = dt.datetime(2022, 1, 1, tzinfo=dt.UTC)
SPAN_SECONDS = 4 * 365 * 86400


@dataclass(frozen=True)
class Seeded:
    assessments: int
    rows: int
    """Every row written, all tables together."""
    seconds: float
    ids: list[str]

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class _Template:
    questionnaire_pk: int
    roles: tuple[str, ...]
    answers: list[tuple[str, str | None, str | None]]
    """(question id, value JSON, N/A reason)."""
    summary: dict[str, object]
    scores: list[tuple[str, float]]
    history: list[tuple[str, str]]
    """(question id, the whole answer as JSON): the edits that led to these answers."""


def company_name(index: int) -> str:
    """The ``index``-th seeded company's name, the same in every run."""
    first, second = WORDS[index % len(WORDS)], WORDS[(index // len(WORDS)) % len(WORDS)]
    return f"{first} {second} {index} {FORMS[index % len(FORMS)]}"


def tax_id(index: int) -> str:
    return f"3-101-{index:06d}"


def _value(rng: random.Random, question: Question, level: float) -> AnswerValue:
    if question.type is QuestionType.MATURITY:
        return min(4, max(0, round(rng.gauss(level, 1.0))))
    if question.type is QuestionType.YES_NO:
        return rng.random() < 0.6
    if question.type is QuestionType.CHOICE:
        return rng.choice(question.options).value
    if question.type is QuestionType.NUMBER:
        return rng.randint(0, 50)
    if question.type is QuestionType.DATE:
        return dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
    return "texto"


def _json(value: AnswerValue | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return json.dumps(value.isoformat())
    return json.dumps(value, ensure_ascii=False)


def _template(
    rng: random.Random, questionnaire: Questionnaire, pk: int, complete: bool
) -> _Template:
    roles = rng.choice(ROLES)
    assessment = Assessment(questionnaire.id, questionnaire.version, "Plantilla", "CR",
                            frozenset(roles), frozenset({"security", "compliance"}))
    level = rng.uniform(0.5, 3.5)
    share = 1.0 if complete else rng.uniform(0.03, 0.25)
    for question in questionnaire.questions():
        if is_visible(question, questionnaire, assessment) and rng.random() < share:
            assessment.answers[question.id] = Answer(_value(rng, question, level))
    card = score(questionnaire, assessment)
    scores = [(c.criterion_id, c.score) for c in card.criteria if c.score is not None]
    if card.overall is not None:
        scores.append((OVERALL, card.overall))
    summary: dict[str, object] = {
        "applicable": card.applicable, "answered": card.answered, "overall": card.overall,
        "level": card.level, "blocking_gaps": len(card.blocking_gaps),
        "provisional": card.provisional,
    }
    answers = [(q, _json(a.value), a.na_reason) for q, a in assessment.answers.items()]
    edited = list(assessment.answers.items()) or [(questionnaire.questions()[0].id, Answer(0))]
    history = [
        (question, repo.answer_to_json(answer))
        for question, answer in (edited[n % len(edited)] for n in range(HISTORY_PER_ASSESSMENT))
    ]
    return _Template(pk, roles, answers, summary, scores, history)


def _templates(database: Database, rng: random.Random) -> tuple[list[_Template], list[_Template]]:
    """(complete, partial) templates on the current and the previous SAFE version."""
    complete: list[_Template] = []
    partial: list[_Template] = []
    versions = [find("safe-aeo"), find("safe-aeo", "2026.1")]
    with database.session() as session:
        for questionnaire in versions:
            assert questionnaire is not None
            pk = repo.store_questionnaire(session, shipped_raw(questionnaire))
            for n in range(TEMPLATES_PER_VERSION):
                made = _template(rng, questionnaire, pk, complete=n % 3 == 0)
                (complete if made.summary["answered"] == made.summary["applicable"]
                 else partial).append(made)
    return complete, partial


COLUMNS: dict[str, tuple[str, ...]] = {
    "assessments": ("id", "questionnaire_pk", "company", "tax_id", "country", "roles",
                    "aeo_types", "status", "demo", "created_at", "updated_at",
                    "submission_sha256", "previous_submission_id", "applicable",
                    "answered", "overall", "level", "blocking_gaps", "provisional", "unit",
                    "contact", "consent", "search"),
    "answers": ("assessment_id", "question_id", "value", "na_reason", "comment", "flagged",
                "updated_at"),
    "answer_history": ("assessment_id", "question_id", "who", "at", "old", "new"),
    "criterion_scores": ("assessment_id", "criterion_id", "score", "bin"),
    "reviews": ("id", "assessment_id", "submission_sha256", "reviewer", "outcome",
                "outcome_note", "total", "started_at", "updated_at"),
    "question_reviews": ("review_id", "question_id", "verdict", "remark", "remark_status",
                         "who", "at"),
}
"""Every table the seeder fills, with its columns in the order rows are written."""


class _Tables:
    """The rows of every table, as tuples in the column order of ``COLUMNS``."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple[object, ...]]] = {name: [] for name in COLUMNS}


def _moment(rng: random.Random) -> dt.datetime:
    return START + dt.timedelta(seconds=rng.randrange(SPAN_SECONDS))


def _assessment(
    tables: _Tables, rng: random.Random, index: int, template: _Template, first_review: int
) -> tuple[str, int]:
    """Add one assessment's rows; returns its id and the next free review id."""
    key = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    created = _moment(rng)
    updated = created + dt.timedelta(seconds=rng.randrange(86400 * 60))
    submitted = rng.random() < SUBMISSION_SHARE
    sha256 = hashlib.sha256(key.encode()).hexdigest() if submitted else None
    status = rng.choice(["submitted", "under_review", "reviewed"]) if submitted else "draft"
    name, number = company_name(index), tax_id(index)
    s = template.summary
    tables.rows["assessments"].append((
        key, template.questionnaire_pk, name, number, COUNTRIES[index % len(COUNTRIES)],
        json.dumps(list(template.roles)), json.dumps(["compliance", "security"]), status,
        False, created, updated, sha256, None, s["applicable"], s["answered"], s["overall"],
        s["level"], s["blocking_gaps"], s["provisional"], "", "", False,
        search_key(name, number),
    ))
    tables.rows["answers"].extend(
        (key, question, value, na_reason, "", False, updated)
        for question, value, na_reason in template.answers
    )
    tables.rows["answer_history"].extend(
        (key, question, "analista", created + dt.timedelta(minutes=step), None, new)
        for step, (question, new) in enumerate(template.history)
    )
    tables.rows["criterion_scores"].extend(
        (key, criterion, value, to_bin(value)) for criterion, value in template.scores
    )
    if submitted and rng.random() < 0.5:
        outcome = "grant" if status == "reviewed" else None
        tables.rows["reviews"].append((first_review, key, sha256, "oficial", outcome, "",
                                       s["applicable"], updated, updated))
        for question, _value_json, _na in template.answers[:VERDICTS_PER_REVIEW]:
            tables.rows["question_reviews"].append(
                (first_review, question, rng.choice(["accepted", "not_accepted", "needs_evidence"]), "", None,
                 "oficial", updated)
            )
        return key, first_review + 1
    return key, first_review


def _sqlite_value(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def _write_sqlite(engine: Engine, name: str, columns: Sequence[str],
                  rows: Iterable[tuple[object, ...]]) -> None:
    connection = engine.raw_connection()
    try:
        driver = connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        marks = ", ".join("?" * len(columns))
        driver.execute("BEGIN IMMEDIATE")  # the application's connections autocommit
        driver.executemany(
            f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})",
            (tuple(_sqlite_value(v) for v in row) for row in rows),
        )
        driver.execute("COMMIT")
    finally:
        connection.close()


def _write_postgresql(engine: Engine, name: str, columns: Sequence[str],
                      rows: Iterable[tuple[object, ...]]) -> None:
    connection = engine.raw_connection()
    try:
        driver = connection.driver_connection
        assert driver is not None
        statement = f"COPY {name} ({', '.join(columns)}) FROM STDIN"
        with driver.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[attr-defined]
            for row in rows:
                copy.write_row(row)
        driver.commit()  # type: ignore[attr-defined]
    finally:
        connection.close()


def _batches(count: int, size: int) -> Iterator[range]:
    for start in range(0, count, size):
        yield range(start, min(count, start + size))


def seed(database: Database, count: int, *, seed_value: int = 19, batch: int = 5000) -> Seeded:
    """Add ``count`` assessments to an (empty, migrated) database. PostgreSQL's planner
    statistics and visibility map are refreshed, as autovacuum does; SQLite has none, as
    the application leaves it: ANALYZE there counts the mostly-NULL previous_submission_id
    index as useless and turns the peer statistics' NOT EXISTS into a scan per row (40x)."""
    rng = random.Random(seed_value)
    began = time.perf_counter()
    complete, partial = _templates(database, rng)
    engine = database.engine
    write = _write_postgresql if engine.dialect.name == "postgresql" else _write_sqlite
    rows, ids, review = 0, [], 1
    for part in _batches(count, batch):
        tables = _Tables()
        for index in part:
            pool = complete if rng.random() < COMPLETE_SHARE else partial
            key, review = _assessment(tables, rng, index, rng.choice(pool), review)
            ids.append(key)
        for name, columns in COLUMNS.items():
            write(engine, name, columns, tables.rows[name])
            rows += len(tables.rows[name])
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("SELECT setval(pg_get_serial_sequence('reviews', 'id'), "
                                    "(SELECT coalesce(max(id), 1) FROM reviews))"))
        # What autovacuum does on a server soon after: statistics, and the visibility map
        # that lets count(*) read the index alone.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for table in COLUMNS:
                connection.execute(text(f"VACUUM ANALYZE {table}"))
    return Seeded(count, rows, time.perf_counter() - began, ids)
