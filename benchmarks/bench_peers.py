"""Issue 6: peer statistics over 10,000 assessments (~1.1 million answers), against the same
GROUP BY run in raw sqlite3 on the same file (target: within 2x and under 1 s)."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from aeo_assess.benchmarks.regions import shipped_regions
from aeo_assess.domain.assessment import Answer, AnswerValue, Assessment
from aeo_assess.domain.benchmark import PeerScope
from aeo_assess.domain.questionnaire import Question, QuestionType
from aeo_assess.questionnaires.registry import find, shipped_raw
from aeo_assess.services import benchmarks
from aeo_assess.services.context import AppContext, open_context
from aeo_assess.storage import repository as repo
from benchmarks.timing import median_seconds, report

COUNTRIES = ["CR", "SV", "HN", "CL", "UY", "DO", "GT", "PE", "NI", "MX", "CO", "PA"]
BATCH = 500

COMPLETED = """
FROM questionnaires q
JOIN assessments a ON a.questionnaire_pk = q.pk
JOIN criterion_scores s ON s.assessment_id = a.id
WHERE q.questionnaire_id = ? AND q.version = ? AND a.demo = 0
  AND a.applicable > 0 AND a.answered = a.applicable
  AND NOT EXISTS (SELECT 1 FROM assessments later WHERE later.previous_submission_id = a.id)
"""
# The GROUP BYs the services run, written by hand: the baselines.
ONE_GROUP = f"""
SELECT s.criterion_id, s.bin, count(*), sum(s.score) {COMPLETED}
GROUP BY s.criterion_id, s.bin
"""


def region_without_one(countries: int) -> str:
    return f"""
SELECT s.criterion_id, s.bin, count(*), sum(s.score) {COMPLETED}
  AND a.country IN ({", ".join("?" * countries)}) AND a.id != ?
GROUP BY s.criterion_id, s.bin
"""


BY_COUNTRY = f"""
SELECT a.country, s.criterion_id, s.bin, count(*), sum(s.score) {COMPLETED}
GROUP BY a.country, s.criterion_id, s.bin
"""


def _value(rng: random.Random, question: Question, level: float) -> AnswerValue:
    if question.type is QuestionType.MATURITY:
        return min(4, max(0, round(rng.gauss(level, 0.8))))
    if question.type is QuestionType.YES_NO:
        return rng.random() < 0.6
    if question.type is QuestionType.CHOICE:
        return rng.choice(question.options).value
    if question.type is QuestionType.NUMBER:
        return rng.randint(1, 100)
    if question.type is QuestionType.DATE:
        return dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 365))
    return "texto"


def populate(ctx: AppContext, count: int) -> tuple[int, list[str]]:
    """``count`` completed assessments answering every question; returns the answers stored
    and the ids."""
    questionnaire = find("safe-aeo")
    assert questionnaire is not None
    questions = questionnaire.questions()
    rng = random.Random(6)
    answers = 0
    ids: list[str] = []
    for start in range(0, count, BATCH):
        with ctx.database.session() as session:
            pk = repo.store_questionnaire(session, shipped_raw(questionnaire))
            for i in range(start, min(count, start + BATCH)):
                level = rng.uniform(0.5, 3.5)
                assessment = Assessment(
                    questionnaire.id,
                    questionnaire.version,
                    f"Empresa {i}",
                    rng.choice(COUNTRIES),
                    frozenset(rng.sample(["importer", "exporter", "carrier", "warehouse"], 2)),
                    frozenset({"security", "compliance"}),
                    {q.id: Answer(_value(rng, q, level)) for q in questions},
                )
                answers += len(assessment.answers)
                ids.append(repo.create_assessment(session, assessment, pk))
    return answers, ids


def bench_peer_statistics(directory: Path, count: int = 10_000) -> None:
    path = directory / "peers.sqlite3"
    ctx = open_context(f"sqlite:///{path}")
    start = time.perf_counter()
    answers, ids = populate(ctx, count)
    print(
        f"  (set-up: {count:,} assessments, {answers:,} answers in "
        f"{time.perf_counter() - start:.0f} s)",
        flush=True,
    )
    questionnaire = find("safe-aeo")
    assert questionnaire is not None
    version = (questionnaire.id, questionnaire.version)

    connection = sqlite3.connect(path)

    def raw(sql: str, *parameters: str) -> float:
        return median_seconds(
            lambda: connection.execute(sql, (*version, *parameters)).fetchall(), repeat=15
        )

    everyone = median_seconds(
        lambda: benchmarks.peer_statistics(ctx, *version, PeerScope.ALL, "all", k=5), repeat=15
    )
    report(f"peer statistics of all {count:,}", everyone, raw(ONE_GROUP), "<= 2x, <= 1 s")
    central = sorted(shipped_regions().members["Central America"])
    comparison = median_seconds(
        lambda: benchmarks.compare(ctx, ids[0], PeerScope.REGION, k=5), repeat=15
    )
    baseline = raw(region_without_one(len(central)), *central, ids[0])
    report("compare one assessment with its region", comparison, baseline, "<= 2x, <= 1 s")
    with tempfile.TemporaryDirectory() as out:
        export = median_seconds(
            lambda: benchmarks.export_pack(ctx, Path(out) / "peers.aeob", k=5), repeat=5
        )
    report("export a pack: every country, region and all", export, raw(BY_COUNTRY))
    connection.close()
    ctx.database.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        bench_peer_statistics(Path(directory))


if __name__ == "__main__":
    main()
