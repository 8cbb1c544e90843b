"""The import's answer rows go to the driver in one executemany (``repository._insert_many``):
the bytes stored must be those a Core ``insert()`` stores, on each backend."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, insert, select

from aeo_assess.storage import repository as repo
from aeo_assess.storage import tables
from aeo_assess.storage.database import Database

from .conftest import new_assessment_in

TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30)
MOMENTS = st.datetimes(
    min_value=dt.datetime(1990, 1, 1),
    max_value=dt.datetime(2090, 1, 1),
    timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-6)),
                               dt.timezone(dt.timedelta(hours=5, minutes=30))]),
)


@st.composite
def answer_rows(draw: st.DrawFn) -> list[dict[str, Any]]:
    questions = draw(st.lists(TEXT.filter(bool), min_size=1, max_size=12, unique=True))
    shared = draw(MOMENTS)
    return [
        {
            "question_id": question,
            "value": draw(st.none() | TEXT),
            "na_reason": draw(st.none() | TEXT),
            "comment": draw(TEXT),
            "flagged": draw(st.booleans()),
            "updated_at": draw(st.just(shared) | MOMENTS),
            "carried": draw(st.sampled_from([None, "pending", "confirmed", "changed"])),
        }
        for question in questions
    ]


def _stored(connection: Connection, assessment_id: str) -> list[tuple[Any, ...]]:
    """The rows as the driver returns them (no type processing), without the assessment id."""
    columns = [c for c in tables.answers.c if c.key != "assessment_id"]
    sql = str(
        select(*columns)
        .where(tables.answers.c.assessment_id == assessment_id)
        .order_by(tables.answers.c.question_id)
        .compile(connection, compile_kwargs={"literal_binds": True})
    )
    return [tuple(row) for row in connection.exec_driver_sql(sql)]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=answer_rows())
def test_rows_stored_through_the_driver_equal_those_core_stores(
    database: Database, rows: list[dict[str, Any]]
) -> None:
    with database.session() as session:
        fast, core = new_assessment_in(session), new_assessment_in(session)
        connection = session.connection()
        repo._insert_many(connection, tables.answers, [{**r, "assessment_id": fast} for r in rows])
        connection.execute(insert(tables.answers), [{**r, "assessment_id": core} for r in rows])
        assert _stored(connection, fast) == _stored(connection, core)
        session.rollback()
