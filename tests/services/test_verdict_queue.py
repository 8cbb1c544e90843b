"""Issue 19: two officers judging the same question of one submission at the same moment on
PostgreSQL. The verdict reads the question's current review after taking the assessment's row
lock, in a later statement, so the officer who waited sees what the first one committed: no
duplicate-row error, and the history's "before" is the first officer's verdict, not a stale
snapshot (what the lock's own statement would have seen)."""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from aeo_assess.domain.review import QuestionReview, RemarkStatus, Review, Verdict
from aeo_assess.services import reviews
from aeo_assess.services.context import AppContext
from aeo_assess.storage import review_repository as reviews_repo
from aeo_assess.storage.database import Database
from benchmarks.bench_shared import seed
from tests.db_fixtures import PG_ENV, PG_SKIP_REASON, fresh_database_url

pytestmark = pytest.mark.skipif(not os.environ.get(PG_ENV), reason=PG_SKIP_REASON)


def wait_for_a_queued_lock(url: str) -> None:
    """Until some session of this database waits for a row lock (the second officer)."""
    watcher = create_engine(url)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with watcher.connect() as connection:
                if connection.scalar(text(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND datname = current_database() AND query LIKE '%FOR UPDATE%'"
                )):
                    return
            time.sleep(0.05)
        raise AssertionError("the second officer never waited for the lock")
    finally:
        watcher.dispose()


def test_the_officer_who_waited_for_the_lock_sees_the_first_verdict(tmp_path: Path) -> None:
    with fresh_database_url("postgresql", tmp_path) as url:
        first, second = (AppContext(Database(url), user=name) for name in ("ana", "beto"))
        try:
            [assessment_id], questions = seed(first, tmp_path, 1)
            question = questions[0]
            reviews.start_review(first, assessment_id)
            results: list[Review | BaseException] = []

            def waiting_officer() -> None:
                try:
                    results.append(reviews.set_verdict(
                        second, assessment_id, question, Verdict.NOT_ACCEPTED, "Falta firma."
                    ))
                except BaseException as error:
                    results.append(error)

            with first.database.session() as session:
                target = reviews_repo.lock_for_verdict(session, assessment_id, question)
                assert target.review_id is not None and target.current is None
                waiter = threading.Thread(target=waiting_officer)
                waiter.start()
                wait_for_a_queued_lock(url)
                reviews_repo.replace_question_review(
                    session, target.review_id, question, None,
                    QuestionReview(question, Verdict.ACCEPTED, "", None, "ana",
                                   dt.datetime.now(dt.UTC)),
                    "ana",
                )
            waiter.join(20)
            assert len(results) == 1 and isinstance(results[0], Review), results
            shown = results[0].questions[question]
            assert (shown.verdict, shown.remark, shown.who) == (
                Verdict.NOT_ACCEPTED, "Falta firma.", "beto"
            )
            assert shown.remark_status is RemarkStatus.OPEN
            with first.database.session(readonly=True) as session:
                history = session.execute(text(
                    "SELECT who, old, new FROM review_history WHERE key = :q ORDER BY id"
                ), {"q": question}).all()
            assert [who for who, _, _ in history] == ["ana", "beto"]
            assert history[0].old is None
            assert json.loads(history[1].old)["verdict"] == "accepted"
            assert json.loads(history[1].new)["verdict"] == "not_accepted"
        finally:
            first.database.close()
            second.database.close()
