"""The autosave's Core write path (issue 19): every change committed and in the history, and
the per-criterion scores it updates incrementally always what a full rescore stores."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, event, func, select
from sqlalchemy.orm import Session

from aeo_assess.domain.assessment import Answer, Assessment, CarryState, PlanEntry
from aeo_assess.domain.questionnaire import QuestionType
from aeo_assess.questionnaires.registry import find, shipped_raw
from aeo_assess.scoring import score
from aeo_assess.storage import repository as repo
from aeo_assess.storage.benchmark_models import CriterionScoreRow
from aeo_assess.storage.database import Database
from aeo_assess.storage.models import AnswerHistoryRow, AssessmentRow
from aeo_assess.storage.peer_stats import OVERALL, to_bin
from tests.db_fixtures import backends, fresh_database_url
from tests.unit.scoring.strategies import answer_for

ROOT = Path(__file__).resolve().parents[2]

SAFE_AEO = find("safe-aeo")
assert SAFE_AEO is not None
SCORED = (QuestionType.MATURITY, QuestionType.YES_NO, QuestionType.CHOICE)
QUESTIONS = [q for q in SAFE_AEO.questions() if q.type in SCORED]
GATES = [q for q in QUESTIONS if any(o.show_if and o.show_if.question == q.id for o in QUESTIONS)]
"""Questions others are shown on: changing one moves the scores of questions it hides."""


def _steps() -> st.SearchStrategy[list[tuple[str, Answer | None]]]:
    question = st.sampled_from(GATES * 4 + QUESTIONS)
    step = question.flatmap(lambda q: st.tuples(st.just(q.id), answer_for(q)))
    return st.lists(step, min_size=1, max_size=12)


def _new(database: Database, roles: frozenset[str]) -> str:
    assert SAFE_AEO is not None
    with database.session() as session:
        pk = repo.store_questionnaire(session, shipped_raw(SAFE_AEO))
        assessment = Assessment(
            SAFE_AEO.id, SAFE_AEO.version, "Aduanas & Co", "GT", roles, frozenset({"security"})
        )
        return repo.create_assessment(session, assessment, pk)


def _stored(database: Database, assessment_id: str) -> dict[str, tuple[float, int]]:
    s = CriterionScoreRow
    with database.session(readonly=True) as session:
        return {
            c: (v, b)
            for c, v, b in session.execute(
                select(s.criterion_id, s.score, s.bin).where(s.assessment_id == assessment_id)
            )
        }


def _full(database: Database, assessment_id: str) -> dict[str, tuple[float, int]]:
    """What a full rescore of the stored answers keeps in ``criterion_scores``."""
    assert SAFE_AEO is not None
    with database.session(readonly=True) as session:
        card = score(SAFE_AEO, repo.get_assessment(session, assessment_id))
    parts: dict[str, float | None] = {c.criterion_id: c.score for c in card.criteria}
    parts[OVERALL] = card.overall
    return {c: (v, to_bin(v)) for c, v in parts.items() if v is not None}


def _history_count(database: Database, assessment_id: str) -> int:
    with database.session(readonly=True) as session:
        count = session.scalar(
            select(func.count()).where(AnswerHistoryRow.assessment_id == assessment_id)
        )
    return int(count or 0)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=_steps(), carrier=st.booleans())
def test_incremental_scores_equal_a_full_rescore_after_every_change(
    database: Database, steps: list[tuple[str, Answer | None]], carrier: bool
) -> None:
    assert SAFE_AEO is not None
    assessment_id = _new(database, frozenset({"carrier" if carrier else "importer"}))
    for question_id, answer in steps:
        with database.session(readonly=True) as session:
            before = repo.get_assessment(session, assessment_id).answers.get(question_id)
        recorded = _history_count(database, assessment_id)
        with database.writing() as connection:
            card = repo.save_answer(
                connection, assessment_id, question_id, lambda _q, _a, new=answer: new, "ana"
            )
        with database.session(readonly=True) as session:
            stored = repo.get_assessment(session, assessment_id)
            row = session.get(AssessmentRow, assessment_id)
        assert card == score(SAFE_AEO, stored)
        assert _stored(database, assessment_id) == _full(database, assessment_id)
        assert row is not None and (row.overall, row.level, row.answered) == (
            card.overall, card.level, card.answered
        )
        changed = (before or Answer()) != (answer or Answer())
        assert _history_count(database, assessment_id) == recorded + changed


def test_a_missing_score_row_is_written_back_by_the_next_change(database: Database) -> None:
    """Derived rows lost (or never written) are not silently left out: the incremental update
    finds nothing to update and stores the whole card instead."""
    assessment_id = _new(database, frozenset({"importer"}))
    question = QUESTIONS[0].id
    with database.session() as session:
        repo.set_answer(session, assessment_id, question, Answer(2), "ana")
    with database.session() as session:
        session.execute(delete(CriterionScoreRow).where(CriterionScoreRow.criterion_id != OVERALL))
    with database.session() as session:
        repo.set_answer(session, assessment_id, question, Answer(4), "ana")
    assert _stored(database, assessment_id) == _full(database, assessment_id)


def test_history_keeps_who_old_and_new_of_each_change(database: Database) -> None:
    assessment_id = _new(database, frozenset({"importer"}))
    question = QUESTIONS[0].id
    for who, value in (("ana", 1), ("luis", 3)):
        with database.session() as session:
            repo.set_answer(session, assessment_id, question, Answer(value), who)
    with database.session(readonly=True) as session:
        changes = repo.history(session, assessment_id, question)
    assert [(c.who, c.old, c.new) for c in changes] == [
        ("ana", None, Answer(1)),
        ("luis", Answer(1), Answer(3)),
    ]


def _carried_over(database: Database, answers: dict[str, Answer]) -> str:
    """A next cycle's assessment: every answer carried over from the previous one, to confirm."""
    assert SAFE_AEO is not None
    with database.session() as session:
        pk = repo.store_questionnaire(session, shipped_raw(SAFE_AEO))
        assessment = Assessment(
            SAFE_AEO.id, SAFE_AEO.version, "Aduanas & Co", "GT", frozenset({"importer"}),
            frozenset({"security"}), answers=answers,
            carried=dict.fromkeys(answers, CarryState.TO_CONFIRM),
        )
        return repo.create_assessment(session, assessment, pk)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    carried=st.lists(st.sampled_from(QUESTIONS).flatmap(
        lambda q: st.tuples(st.just(q.id), answer_for(q))), max_size=8),
    steps=st.lists(st.one_of(_steps().map(lambda s: s[0]), st.just(None)), max_size=8),
)
def test_carried_states_keep_the_verdict_and_scores_of_a_full_rescore(
    database: Database,
    carried: list[tuple[str, Answer | None]],
    steps: list[tuple[str, Answer | None] | None],
) -> None:
    """Changing a carried answer marks it changed, confirming (None steps) refreshes the
    verdict; the summary and the criterion scores always equal a full rescore."""
    assert SAFE_AEO is not None
    answers = {q: a for q, a in carried if a is not None and a != Answer()}
    assessment_id = _carried_over(database, answers)
    expected = dict.fromkeys(answers, CarryState.TO_CONFIRM)
    for step in steps:
        with database.session() as session:
            if step is None:
                repo.confirm_answers(session, assessment_id, answers)
                expected = dict.fromkeys(expected, CarryState.CONFIRMED) | {
                    q: s for q, s in expected.items() if s is CarryState.CHANGED
                }
            else:
                question_id, answer = step
                old = repo.get_assessment(session, assessment_id).answers.get(question_id)
                repo.save_answer(
                    session.connection(), assessment_id, question_id,
                    lambda _q, _a, new=answer: new, "ana",
                )
                if question_id in expected and (old or Answer()) != (answer or Answer()):
                    if answer is None or answer == Answer():
                        del expected[question_id]
                    else:
                        expected[question_id] = CarryState.CHANGED
        with database.session(readonly=True) as session:
            stored = repo.get_assessment(session, assessment_id)
            row = session.get(AssessmentRow, assessment_id)
        card = score(SAFE_AEO, stored)
        assert stored.carried == expected
        assert _stored(database, assessment_id) == _full(database, assessment_id)
        assert row is not None and (row.overall, row.level, row.provisional) == (
            card.overall, card.level, card.provisional
        )


def _elsewhere(database: Database, write: Callable[[Session], object]) -> None:
    """``write`` as another process makes it: through a cache of its own, this one's left as
    it was (so that only the database tells this process what changed)."""
    ours = dict(repo._tallied)
    repo._tallied.clear()
    with database.session() as session:
        write(session)
    repo._tallied.clear()
    repo._tallied.update(ours)


Action = tuple[str, str, Answer | None, str, bool]
"""What, on which question, the answer or the plan's owner, and whether another process
does it: ("answer", question, answer, "", elsewhere), ("plan", question, None, owner,
elsewhere) or ("confirm", "", None, "", elsewhere)."""


def _actions() -> st.SearchStrategy[list[Action]]:
    question = st.sampled_from(GATES * 4 + QUESTIONS)
    answer = question.flatmap(
        lambda q: st.tuples(st.just("answer"), st.just(q.id), answer_for(q), st.just(""))
    )
    plan = st.tuples(
        st.just("plan"), st.sampled_from(QUESTIONS).map(lambda q: q.id), st.none(),
        st.sampled_from(["", "ana", "luis"]),
    )
    confirm = st.just(("confirm", "", None, ""))
    action = st.tuples(st.one_of(answer, answer, plan, confirm), st.booleans()).map(
        lambda a: (*a[0], a[1])
    )
    return st.lists(action, min_size=1, max_size=10)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    carried=st.lists(st.sampled_from(QUESTIONS).flatmap(
        lambda q: st.tuples(st.just(q.id), answer_for(q))), max_size=8),
    actions=_actions(),
)
def test_what_the_autosave_keeps_never_outlives_a_write_here_or_elsewhere(
    database: Database, carried: list[tuple[str, Answer | None]], actions: list[Action]
) -> None:
    """Answers, plan entries and confirmations written by this process or by another one:
    the next autosave here (a change that changes nothing returns the card too) scores as a
    full rescore of a fresh read, and what it stores is what a full rescore stores."""
    assert SAFE_AEO is not None
    answers = {q: a for q, a in carried if a is not None and a != Answer()}
    assessment_id = _carried_over(database, answers)
    probe = QUESTIONS[0].id
    for kind, question_id, answer, owner, elsewhere in actions:

        def write(session: Session, kind: str = kind, question_id: str = question_id,
                  answer: Answer | None = answer, owner: str = owner) -> object:
            if kind == "answer":
                return repo.save_answer(
                    session.connection(), assessment_id, question_id, lambda _q, _a: answer, "ana"
                )
            if kind == "plan":
                return repo.set_plan_entry(session, assessment_id, question_id, PlanEntry(owner))
            return repo.confirm_answers(session, assessment_id, answers)

        if elsewhere:
            _elsewhere(database, write)
        else:
            with database.session() as session:
                write(session)
        with database.writing() as connection:
            card = repo.save_answer(connection, assessment_id, probe, lambda _q, same: same, "ana")
        with database.session(readonly=True) as session:
            stored = repo.get_assessment(session, assessment_id)
            row = session.get(AssessmentRow, assessment_id)
        assert card == score(SAFE_AEO, stored)
        assert row is not None
        if kind == "answer" and not elsewhere:
            assert _stored(database, assessment_id) == _full(database, assessment_id)
            assert (row.overall, row.level, row.provisional) == (
                card.overall, card.level, card.provisional
            )


WRITER = """
import sys
from aeo_assess.services import assessments
from aeo_assess.services.context import open_context
url, assessment_id, question_id = sys.argv[1:]
assessments.set_value(open_context(url), assessment_id, question_id, 0)
"""


@pytest.mark.parametrize("backend", backends())
def test_an_answer_another_process_wrote_is_in_the_next_autosave_here(
    backend: str, tmp_path: Path
) -> None:
    """This process autosaves (and keeps what it scored), another process changes an answer
    of the same criterion, and this process's next autosave counts that answer."""
    assert SAFE_AEO is not None
    with fresh_database_url(backend, tmp_path) as url:
        database = Database(url)
        try:
            assessment_id = _new(database, frozenset({"importer"}))
            first, second, third = next(
                plain[:3] for c in SAFE_AEO.criteria
                if len(plain := [q.id for q in c.questions
                                 if q.type is QuestionType.MATURITY and q.show_if is None]) > 2
            )
            for question_id in (first, second):
                with database.session() as session:
                    repo.set_answer(session, assessment_id, question_id, Answer(4), "ana")
            subprocess.run(
                [sys.executable, "-c", WRITER, url, assessment_id, second],
                cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True,
            )
            with database.writing() as connection:
                card = repo.save_answer(
                    connection, assessment_id, third, lambda _q, _a: Answer(4), "ana"
                )
            with database.session(readonly=True) as session:
                stored = repo.get_assessment(session, assessment_id)
            assert stored.answers[second] == Answer(0)
            assert card == score(SAFE_AEO, stored)
            assert _stored(database, assessment_id) == _full(database, assessment_id)
        finally:
            database.close()


def test_an_autosave_after_one_of_its_own_reads_neither_answers_nor_plan(
    database: Database,
) -> None:
    """What this process wrote last is still the assessment's revision: the next autosave
    reuses its decoded answers and plan (the fast path stays taken)."""
    assessment_id = _new(database, frozenset({"importer"}))
    first, second = QUESTIONS[0].id, QUESTIONS[1].id
    with database.session() as session:
        repo.set_answer(session, assessment_id, first, Answer(2), "ana")
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        with database.session() as session:
            repo.set_answer(session, assessment_id, second, Answer(3), "ana")
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(reads) == 1 and "FROM assessments" in reads[0]
