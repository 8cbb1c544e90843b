"""WAL + synchronous=FULL: a write that returned survives the writer being killed."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aeo_assess.storage import repository as repo
from aeo_assess.storage.database import Database
from tests.storage.conftest import new_assessment_in

ROOT = Path(__file__).resolve().parents[2]
WRITER = """
import sys
from aeo_assess.domain.assessment import Answer
from aeo_assess.storage import repository as repo
from aeo_assess.storage.database import Database

database, assessment_id, n = Database(sys.argv[1]), sys.argv[2], int(sys.argv[3])
while True:
    with database.session() as session:
        repo.set_answer(session, assessment_id, "C2.03", Answer(value=n), "writer")
        repo.refresh_summary(session, assessment_id)
    print(n, flush=True)
    n += 1
"""


@pytest.mark.slow
def test_killed_writers_lose_no_returned_write(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'killed.sqlite3'}"
    database = Database(url)
    with database.session() as session:
        assessment_id = new_assessment_in(session)
    database.close()
    chance = random.Random(20260101)
    returned: list[int] = []
    for _ in range(10):
        start = returned[-1] + 1 if returned else 0
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, url, assessment_id, str(start)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(chance.uniform(0.6, 1.2))
        writer.send_signal(signal.SIGKILL)
        output, _ = writer.communicate(timeout=30)
        returned += [int(line) for line in output.split()]
        with sqlite3.connect(tmp_path / "killed.sqlite3") as check:
            assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        database = Database(url)
        with database.session(readonly=True) as session:
            stored = repo.get_assessment(session, assessment_id).answers["C2.03"].value
            writes = len(repo.history(session, assessment_id, "C2.03"))
        database.close()
        if returned:
            assert isinstance(stored, int) and stored >= returned[-1]
            assert writes >= len(returned)
    assert len(returned) > 10, "the writer never got going: the test proved nothing"


CONTENDER = """
import sys
from aeo_assess.domain.assessment import Answer
from aeo_assess.storage import repository as repo
from aeo_assess.storage.database import Database

database, assessment_id, question_id = Database(sys.argv[1]), sys.argv[2], sys.argv[3]
for n in range(60):
    value = n if question_id == "C2.03" else str(n)
    with database.session() as session:
        repo.set_answer(session, assessment_id, question_id, Answer(value=value), question_id)
        repo.refresh_summary(session, assessment_id)
"""


@pytest.mark.slow
def test_two_processes_writing_one_sqlite_file_both_succeed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    database = Database(url)
    with database.session() as session:
        assessment_id = new_assessment_in(session)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", CONTENDER, url, assessment_id, question_id],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for question_id in ("C2.03", "C2.04")
    ]
    errors = [w.communicate(timeout=120)[1] for w in writers]
    assert [w.returncode for w in writers] == [0, 0], errors
    with database.session(readonly=True) as session:
        assessment = repo.get_assessment(session, assessment_id)
        changes = repo.history(session, assessment_id)
        (summary,) = repo.list_assessments(session)
    assert (assessment.answers["C2.03"].value, assessment.answers["C2.04"].value) == (59, "59")
    assert sorted(c.who for c in changes) == ["C2.03"] * 60 + ["C2.04"] * 60
    assert summary.answered == 2
    database.close()
