"""Issue 19: customs officers sharing one PostgreSQL database.

Client processes (20 by default), each an officer with its own connection pool, do an
officer's mix against a few hundred imported applicant files: open an
assessment with its review, give verdicts with a remark, record findings, export the review
file. Every write a service call acknowledged carries a unique token; afterwards each one must
be in the database (a verdict in the review history, whose newest entry per question must be
what the question shows; a finding in the findings), so a lost update shows as a count, not as
a hunch. Prints p50/p95 of a verdict write, throughput and every error. As in the review
window, an officer judges the submission it has open: opening one starts its review (once per
submission, gui/review/state.py), and verdicts, findings and exports go to the one open until
the next opening; each officer has one open when the clock starts.

Two runs on the same imported files, because they answer different questions:

* **paced** (two minutes, as the issue asks): each officer pauses a think time (uniform 0.5-1.5 s) before every action, as a
  person reads the answer and its evidence before judging it. This is what the target "p95 of
  a verdict <= 50 ms" is about: the wait an officer feels with 20 colleagues at work.
* **saturated**: no pause at all (closed loop), every client calls again the moment an answer
  comes back. No office works like this; it measures the throughput the server and machine
  can give, and proves no write is lost under the most contention the machine can produce.
  Its latency is mostly queueing: on a 2-core machine 20 busy processes plus the server wait
  in the run queue about ten times their own CPU time, so it is reported, not held to 50 ms.

The server: AEO_ASSESS_BENCH_PG, else AEO_ASSESS_TEST_PG (a scratch schema, dropped after).
AEO_ASSESS_BENCH_CLIENTS (20), AEO_ASSESS_BENCH_FILES (300), AEO_ASSESS_BENCH_PACED_SECONDS
(120), AEO_ASSESS_BENCH_SECONDS (the saturated run, 60), AEO_ASSESS_BENCH_THINK_MS (the think
time's bounds, "500-1500") change the size; a duration of 0 skips that run.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import random
import statistics
import tempfile
import time
import traceback
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, make_url, text

from aeo_assess.domain.review import Severity, Verdict
from aeo_assess.files.applicant import read_applicant_file, write_applicant_file
from aeo_assess.scoring.visibility import is_visible
from aeo_assess.services import assessments, reviews, transfer
from aeo_assess.services.context import AppContext
from aeo_assess.storage.database import Database

if TYPE_CHECKING:
    from multiprocessing.synchronize import Barrier

URL_VARIABLES = ("AEO_ASSESS_BENCH_PG", "AEO_ASSESS_TEST_PG")
VERDICT_P95_TARGET_S = 0.050
VERDICTS = (Verdict.ACCEPTED, Verdict.NOT_ACCEPTED, Verdict.NEEDS_EVIDENCE)
THINK_S = (0.5, 1.5)
"""An officer's pause before each action in the paced run, in seconds (uniform)."""


def server_url() -> str | None:
    for name in URL_VARIABLES:
        if os.environ.get(name, "").strip():
            return os.environ[name].strip()
    return None


def _setting(name: str, default: int) -> int:
    return int(os.environ.get(name, "").strip() or default)


@contextmanager
def scratch_schema(url: str) -> Iterator[str]:
    """A new schema first on the search path, dropped afterwards: the run never touches data
    already on the server."""
    server = make_url(url)
    schema = f"bench_{uuid.uuid4().hex}"
    admin = create_engine(server)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        yield server.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False
        )
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def _template(folder: Path) -> list[str]:
    """One exporter's applicant file with every applicable maturity question answered, and
    those questions (what the officers judge)."""
    trader = AppContext(Database(f"sqlite:///{folder / 'trader.sqlite3'}"), user="trader")
    try:
        trader_id = assessments.create_assessment(
            trader, questionnaire_id="safe-aeo", company="Plantilla", country="CR",
            roles=["exporter"], aeo_types=["security"],
        )
        questionnaire = assessments.load(trader, trader_id)[0]
        questions = [q for q in questionnaire.questions()
                     if q.type.value == "maturity" and q.kind.value != "eligibility"]
        for number, question in enumerate(questions):
            assessments.set_value(trader, trader_id, question.id, number % 5)
        transfer.export_assessment(trader, trader_id, folder / "template.aeoa")
        answered = assessments.load(trader, trader_id)[1]
        shown = [q.id for q in questions if q.id in answered.answers
                 and is_visible(q, questionnaire, answered)]
    finally:
        trader.database.close()
    return shown


def seed(ctx: AppContext, folder: Path, count: int) -> tuple[list[str], list[str]]:
    """``count`` distinct applicants' files imported as an officer would: their ids, and the
    questions every one of them answered."""
    questions = _template(folder)
    with (folder / "template.aeoa").open("rb") as source:
        template = read_applicant_file(source, "template.aeoa")
    ids = []
    for number in range(count):
        assessment = dataclasses.replace(
            template.assessment, id=str(uuid.uuid4()), company=f"Exportadora {number:04d} S.A.",
            submission_sha256=None,
            answers={q: dataclasses.replace(a, comment=f"Respuesta {number}")
                     for q, a in template.assessment.answers.items()},
        )
        path = folder / f"applicant-{number}.aeoa"
        path.write_bytes(write_applicant_file(assessment, template.questionnaire_raw,
                                              template.evidence_data))
        ids.append(transfer.import_applicant_file(ctx, path).assessment_id)
        path.unlink()
    return ids, questions


def _think_setting() -> tuple[float, float]:
    bounds = os.environ.get("AEO_ASSESS_BENCH_THINK_MS", "").strip()
    if not bounds:
        return THINK_S
    low, _, high = bounds.partition("-")
    return int(low) / 1000, int(high or low) / 1000


def _client(number: int, url: str, ids: list[str], questions: list[str], seconds: float,
            think: tuple[float, float] | None, start: Barrier, out: str) -> None:
    """One officer: the mix until the time is up, pausing ``think`` (bounds in seconds)
    before each action when given; what happened is written to ``out``."""
    ctx = AppContext(Database(url), user=f"funcionario{number:02d}")
    rng = random.Random(number if think is None else 1000 + number)
    mode = "s" if think is None else "p"
    operations: Counter[str] = Counter()
    acknowledged: list[tuple[str, str, str, str]] = []
    latencies: list[float] = []
    errors: list[str] = []
    folder = Path(out).parent
    opened = rng.choice(ids)
    _open(ctx, opened)  # the officer's window is up with a submission open when the clock starts
    start.wait()
    deadline = time.monotonic() + seconds
    count = 0
    while time.monotonic() < deadline:
        if think is not None:
            pause = rng.uniform(*think)
            if time.monotonic() + pause >= deadline:
                break
            time.sleep(pause)
        count += 1
        assessment_id, roll = opened, rng.random()
        token = f"{mode}{number}-{count}"
        try:
            if roll < 0.40:
                opened = rng.choice(ids)
                _open(ctx, opened)
                operations["open"] += 1
            elif roll < 0.80:
                question = rng.choice(questions)
                began = time.perf_counter()
                reviews.set_verdict(ctx, assessment_id, question, rng.choice(VERDICTS),
                                    f"{token} Presente el registro firmado.")
                latencies.append(time.perf_counter() - began)
                acknowledged.append(("verdict", assessment_id, question, token))
                operations["verdict"] += 1
            elif roll < 0.93:
                reviews.add_finding(ctx, assessment_id, severity=Severity.MINOR,
                                    criterion_id=question_criterion(rng.choice(questions)),
                                    text=f"{token} Falta evidencia del control de acceso.")
                acknowledged.append(("finding", assessment_id, "", token))
                operations["finding"] += 1
            else:
                reviews.export_review(ctx, assessment_id, folder / f"review-{number}.aeor")
                operations["export"] += 1
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}".splitlines()[0][:300])
            if len(errors) == 1:
                traceback.print_exc()
    ctx.database.close()
    Path(out).write_text(json.dumps({
        "operations": operations, "acknowledged": acknowledged, "latencies": latencies,
        "errors": errors,
    }), "utf-8")


def _open(ctx: AppContext, assessment_id: str) -> None:
    """What the review window does when an officer opens a submission (gui/review/state.py):
    the assessment, the review started (once per submission), the review."""
    assessments.load(ctx, assessment_id)
    reviews.start_review(ctx, assessment_id)
    reviews.load_review(ctx, assessment_id)


def question_criterion(question_id: str) -> str:
    """``SAFE-A.03`` belongs to ``SAFE-A``."""
    return question_id.rsplit(".", 1)[0]


@dataclass
class Result:
    clients: int
    seconds: float
    think: tuple[float, float] | None = None
    operations: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    acknowledged: int = 0
    lost: list[str] = field(default_factory=list)

    def verdict_percentile(self, percent: int) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else 0.0
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[percent - 1]

    @property
    def throughput(self) -> float:
        return sum(self.operations.values()) / self.seconds


def lost_writes(ctx: AppContext, acknowledged: list[tuple[str, str, str, str]]) -> list[str]:
    """Each acknowledged write that the database does not hold, described."""
    verdicts: set[str] = set()
    newest: dict[tuple[int, str], str] = {}
    with ctx.database.session(readonly=True) as session:
        history = session.execute(text(
            "SELECT review_id, key, new FROM review_history WHERE subject = 'question' "
            "AND new IS NOT NULL ORDER BY id"))
        for review_id, key, new in history:
            token = json.loads(new)["remark"].split()[0]
            verdicts.add(token)
            newest[(review_id, key)] = token
        shown = {(r, q): remark.split()[0] for r, q, remark in session.execute(
            text("SELECT review_id, question_id, remark FROM question_reviews"))}
        findings = {t.split()[0] for (t,) in session.execute(text("SELECT text FROM findings"))}
    lost = [f"{kind} {token} on {aid} {question}" for kind, aid, question, token in acknowledged
            if token not in (verdicts if kind == "verdict" else findings)]
    lost += [f"question {key} of review {review} shows {shown.get((review, key))}, its newest "
             f"change is {token}" for (review, key), token in newest.items()
             if shown.get((review, key)) != token]
    return lost


def run(url: str, clients: int, seconds: float, files: int,
        think: tuple[float, float] | None = None) -> Result:
    """Seed a scratch schema, run the clients side by side (pausing ``think`` before each
    action when given), check every acknowledged write."""
    return run_modes(url, clients, files, [(seconds, think)])[0]


def run_modes(url: str, clients: int, files: int,
              modes: list[tuple[float, tuple[float, float] | None]]) -> list[Result]:
    """Seed one scratch schema, then one run per ``(seconds, think)`` in turn on the same
    files, each with its own check of every write it acknowledged."""
    results = []
    with scratch_schema(url) as scratch, tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        owner = AppContext(Database(scratch), user="importador")
        try:
            ids, questions = seed(owner, folder, files)
            for seconds, think in modes:
                results.append(_run_clients(owner, scratch, folder, ids, questions, clients,
                                            seconds, think))
        finally:
            owner.database.close()
    return results


def _run_clients(owner: AppContext, scratch: str, folder: Path, ids: list[str],
                 questions: list[str], clients: int, seconds: float,
                 think: tuple[float, float] | None) -> Result:
    result = Result(clients, seconds, think)
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(clients)
    outs = [folder / f"client-{n}.json" for n in range(clients)]
    for out in outs:
        out.unlink(missing_ok=True)
    processes = [spawn.Process(target=_client, args=(
        n, scratch, ids, questions, seconds, think, start, str(outs[n]))) for n in range(clients)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    acknowledged = []
    for n, out in enumerate(outs):
        if not out.exists():
            result.errors.append(f"client {n} ended without a result "
                                 f"(exit code {processes[n].exitcode})")
            continue
        report = json.loads(out.read_text("utf-8"))
        result.operations.update(report["operations"])
        result.latencies += report["latencies"]
        result.errors += report["errors"]
        acknowledged += [tuple(a) for a in report["acknowledged"]]
    result.acknowledged = len(acknowledged)
    result.lost = lost_writes(owner, acknowledged)
    return result


def _print(name: str, result: Result, files: int) -> None:
    ops = ", ".join(f"{op} {n}" for op, n in sorted(result.operations.items()))
    pause = ("no pause" if result.think is None else
             f"think time {result.think[0]:g}-{result.think[1]:g} s before each action")
    print(f"  {name}: {result.clients} officers for {result.seconds:g} s, {pause}, on {files} "
          f"imported applicant files: {ops}", flush=True)
    target = f" (target p95 <= {VERDICT_P95_TARGET_S * 1000:.0f} ms)" if result.think else ""
    print(f"    throughput {result.throughput:.1f} operations/s; verdict write p50 "
          f"{result.verdict_percentile(50) * 1000:.1f} ms, p95 "
          f"{result.verdict_percentile(95) * 1000:.1f} ms{target}", flush=True)
    print(f"    errors {len(result.errors)}; acknowledged writes {result.acknowledged}, "
          f"lost {len(result.lost)}", flush=True)
    for line in (result.errors + result.lost)[:20]:
        print(f"      {line}", flush=True)


def main() -> None:
    url = server_url()
    if url is None:
        print("  skipped: set AEO_ASSESS_BENCH_PG (or AEO_ASSESS_TEST_PG) to a PostgreSQL URL "
              "to run the shared-database scenario", flush=True)
        return
    clients = _setting("AEO_ASSESS_BENCH_CLIENTS", 20)
    files = _setting("AEO_ASSESS_BENCH_FILES", 300)
    named = [("paced", _setting("AEO_ASSESS_BENCH_PACED_SECONDS", 120), _think_setting()),
             ("saturated", _setting("AEO_ASSESS_BENCH_SECONDS", 60), None)]
    named = [(name, seconds, think) for name, seconds, think in named if seconds > 0]
    results = run_modes(url, clients, files, [(seconds, think) for _, seconds, think in named])
    for (name, _, _), result in zip(named, results, strict=True):
        _print(name, result, files)


if __name__ == "__main__":
    main()
