"""Nothing a user typed is lost: SIGKILL in the middle of writes, two writers at once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from aeo_assess.services import assessments
from aeo_assess.services.context import open_context
from aeo_assess.storage import repository as repo
from tests.db_fixtures import backends, fresh_database_url

ROOT = Path(__file__).resolve().parents[2]
WRITER = [sys.executable, "-m", "tests.services.writer_process"]


def start_writer(url: str, assessment_id: str, tag: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*WRITER, url, assessment_id, tag, str(count)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def new_assessment(url: str) -> str:
    return assessments.create_assessment(
        open_context(url),
        questionnaire_id="safe-aeo",
        company="Kill Test",
        country="PE",
        roles=["importer"],
        aeo_types=["security", "compliance"],
    )


@pytest.mark.slow
@pytest.mark.parametrize("backend", backends())
def test_sigkill_never_loses_an_acknowledged_write(backend: str, tmp_path: Path) -> None:
    with fresh_database_url(backend, tmp_path) as url:
        check_sigkill(url)


def check_sigkill(url: str) -> None:
    assessment_id = new_assessment(url)
    rng = random.Random(2026)
    acknowledged: dict[str, tuple[int, int]] = {}
    for round_ in range(20):
        writer = start_writer(url, assessment_id, f"r{round_}", 10_000)
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        for _ in range(rng.randint(1, 40)):
            line = writer.stdout.readline().split()
            assert line and line[0] == "ok", writer.stderr.read() if writer.stderr else ""
            acknowledged[line[2]] = (round_, int(line[1]))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        assert writer.stderr is not None
        writer.stderr.close()

    if url.startswith("sqlite:///"):
        connection = sqlite3.connect(url.removeprefix("sqlite:///"))
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        connection.close()
    _, stored, _ = assessments.load(open_context(url), assessment_id)
    for question, (round_, index) in acknowledged.items():
        saved_round, saved_index = stored.answers[question].comment[1:].split("-")
        # the stored comment is the acknowledged write or a later one
        assert (int(saved_round), int(saved_index)) >= (round_, index), question


@pytest.mark.slow
@pytest.mark.parametrize("backend", backends())
def test_two_processes_writing_at_once_lose_nothing(backend: str, tmp_path: Path) -> None:
    with fresh_database_url(backend, tmp_path) as url:
        check_two_writers(url)


def check_two_writers(url: str) -> None:
    assessment_id = new_assessment(url)
    writers = [start_writer(url, assessment_id, tag, 60) for tag in ("a", "b")]
    outputs = [w.communicate(timeout=300) for w in writers]
    for writer, (out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err
        assert out.count("ok ") == 60
    ctx = open_context(url)
    with ctx.database.session() as session:
        history = repo.history(session, assessment_id)
    comments = {change.new.comment for change in history if change.new is not None}
    assert {f"a-{i}" for i in range(60)} <= comments
    assert {f"b-{i}" for i in range(60)} <= comments
