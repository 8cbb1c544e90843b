"""Issue 3: autosave latency, listing 10,000 assessments, importing 500 applicant files."""

from __future__ import annotations

import itertools
import json
import random
import sqlite3
import statistics
import tempfile
import time
import zipfile
from pathlib import Path

from aeo_assess.domain.assessment import Answer, Assessment
from aeo_assess.questionnaires.registry import find, shipped_raw
from aeo_assess.services import assessments, transfer
from aeo_assess.services.context import AppContext, open_context
from aeo_assess.storage import repository as repo
from benchmarks.timing import median_seconds, report

COUNTRIES = ["CR", "SV", "HN", "CL", "UY", "DO", "GT", "PE", "NI"]


def bench_autosave(directory: Path) -> None:
    ctx = open_context(f"sqlite:///{directory / 'autosave.sqlite3'}")
    assessment_id = assessments.create_assessment(
        ctx, questionnaire_id="safe-aeo", company="Bench", country="CR",
        roles=["importer"], aeo_types=["security", "compliance"],
    )
    questionnaire = find("safe-aeo")
    assert questionnaire is not None
    maturity = [q.id for q in questionnaire.questions() if q.type.value == "maturity"]
    for question in maturity[:60]:
        assessments.set_value(ctx, assessment_id, question, 2)
    values = itertools.cycle(range(5))
    targets = itertools.cycle(maturity)
    service = median_seconds(
        lambda: assessments.set_value(ctx, assessment_id, next(targets), next(values)), repeat=200
    )

    raw_path = directory / "raw.sqlite3"
    connection = sqlite3.connect(raw_path, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "busy_timeout = 30000"):
        connection.execute(f"PRAGMA {pragma}")
    connection.execute("CREATE TABLE answers (assessment TEXT, question TEXT, value TEXT, "
                       "PRIMARY KEY (assessment, question))")
    counter = itertools.count()

    def raw_write() -> None:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)",
                           ("a", f"q{next(counter) % 100}", "2"))
        connection.execute("COMMIT")

    raw = median_seconds(raw_write, repeat=200)
    report("autosave one answer (service) vs raw sqlite3 insert+commit", service, raw, "<= 3x")


def bench_listing(directory: Path, count: int = 10_000) -> None:
    ctx = open_context(f"sqlite:///{directory / 'listing.sqlite3'}")
    questionnaire = find("safe-aeo")
    assert questionnaire is not None
    questions = questionnaire.questions()
    rng = random.Random(11)
    with ctx.database.session() as session:
        pk = repo.store_questionnaire(session, shipped_raw(questionnaire))
        for i in range(count):
            answers = {
                q.id: Answer(rng.randint(0, 4)) for q in questions
                if q.type.value == "maturity" and rng.random() < 0.8
            }
            assessment = Assessment(
                questionnaire.id, questionnaire.version, f"Company {i}", rng.choice(COUNTRIES),
                frozenset({"importer"}), frozenset({"security", "compliance"}), answers,
            )
            assessment_id = repo.create_assessment(session, assessment, pk)
            repo.refresh_summary(session, assessment_id)
    listing = median_seconds(lambda: assessments.list_assessments(ctx), repeat=5)
    rows = assessments.list_assessments(ctx)
    assert len(rows) == count and all(r.level for r in rows)
    report(f"list {count:,} assessments with completeness and level", listing, target="<= 1 s")


def _write_applicant_files(directory: Path, count: int) -> list[Path]:
    """``count`` distinct submissions of fully answered safe-aeo assessments."""
    ctx = open_context(f"sqlite:///{directory / 'source.sqlite3'}")
    questionnaire = find("safe-aeo")
    assert questionnaire is not None
    rng = random.Random(5)
    paths = []
    for i in range(count):
        assessment_id = assessments.create_assessment(
            ctx, questionnaire_id="safe-aeo", company=f"Importadora {i}",
            country=rng.choice(COUNTRIES), roles=["importer"], aeo_types=["security", "compliance"],
        )
        with ctx.database.session() as session:
            for question in questionnaire.questions():
                if question.type.value == "maturity":
                    answer = Answer(rng.randint(0, 4), comment="procedimiento revisado")
                    repo.set_answer(session, assessment_id, question.id, answer, "bench")
            repo.refresh_summary(session, assessment_id)
        path = directory / f"applicant-{i}.aeoa"
        transfer.export_assessment(ctx, assessment_id, path)
        paths.append(path)
    return paths


def bench_import(directory: Path, count: int = 500) -> None:
    """A user imports into an existing database: each repeat creates a fresh one (its
    migrations run) before the timed import. The creation is timed apart and printed on a
    line of its own, then the import with it, so both figures stay in view."""
    paths = _write_applicant_files(directory, count)
    runs = itertools.count()

    def fresh() -> AppContext:
        return open_context(f"sqlite:///{directory / f'import-{next(runs)}.sqlite3'}")

    def import_into(ctx: AppContext) -> None:
        outcomes = transfer.import_applicant_files(ctx, paths)
        assert all(isinstance(o, transfer.ImportResult) and not o.duplicate for o in outcomes)

    def unzip_and_parse() -> None:
        for path in paths:
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    data = archive.read(name)
                    if name.endswith(".json"):
                        json.loads(data)

    import_into(fresh())
    creating, importing = [], []
    for _ in range(3):
        started = time.perf_counter()
        ctx = fresh()
        created = time.perf_counter()
        import_into(ctx)
        creating.append(created - started)
        importing.append(time.perf_counter() - created)
    plain = median_seconds(unzip_and_parse, repeat=3)
    report("create the database to import into (migrations)", statistics.median(creating))
    report(f"import {count} applicant files vs unzip + JSON parse", statistics.median(importing),
           plain, "<= 4x")
    both = statistics.median(c + i for c, i in zip(creating, importing, strict=True))
    report("  the same with the database's creation", both, plain)


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        bench_autosave(Path(directory))
        bench_listing(Path(directory))
        bench_import(Path(directory))


if __name__ == "__main__":
    main()
