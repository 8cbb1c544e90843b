"""Peer statistics in SQL, on SQLite and PostgreSQL: per-criterion scores kept on every write,
and counts that match a plain Python computation over the same assessments."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from aeo_assess.domain.assessment import Answer, Assessment
from aeo_assess.questionnaires import parse_questionnaire
from aeo_assess.scoring import score
from aeo_assess.storage import benchmark_repository as store
from aeo_assess.storage import peer_stats
from aeo_assess.storage import repository as repo
from aeo_assess.storage.benchmark_models import CriterionScoreRow
from aeo_assess.storage.database import Database, _alembic_config
from aeo_assess.storage.models import AssessmentRow
from aeo_assess.storage.peer_stats import OVERALL, RESOLUTION, to_bin
from tests.conftest import MINIMAL

RAW = MINIMAL.encode()
QUESTIONNAIRE, _ = parse_questionnaire(RAW, "mini.yaml")
assert QUESTIONNAIRE is not None


@st.composite
def assessments(draw: st.DrawFn) -> Assessment:
    """An assessment on the small test questionnaire: complete or not, demo or not."""
    carrier = draw(st.booleans())
    answers = {
        "C1.01": Answer(draw(st.integers(0, 4))),
        "C1.02": Answer(draw(st.booleans())),
        "C2.02": Answer(dt.date(2025, 1, 1)),
    }
    if answers["C1.02"].value:
        answers["C1.03"] = Answer(draw(st.sampled_from(["none", "full"])))
    if carrier:
        answers["C2.01"] = draw(
            st.sampled_from([Answer(na_reason="no trucks")]) | st.builds(Answer, st.integers(0, 4))
        )
    if draw(st.booleans()):  # leave one question unanswered: not a completed assessment
        answers.pop(draw(st.sampled_from(sorted(answers))))
    assert QUESTIONNAIRE is not None
    return Assessment(
        questionnaire_id=QUESTIONNAIRE.id,
        questionnaire_version=QUESTIONNAIRE.version,
        company="x",
        country=draw(st.sampled_from(["CR", "GT", "PE"])),
        roles=frozenset({"carrier"} if carrier else {"importer"}),
        aeo_types=frozenset({"security"}),
        answers=answers,
        demo=draw(st.booleans()),
    )


def stored_rows(database: Database, assessment_id: str) -> dict[str, tuple[float, int]]:
    with database.session(readonly=True) as session:
        s = CriterionScoreRow
        return {
            c: (v, b)
            for c, v, b in session.execute(
                select(s.criterion_id, s.score, s.bin).where(s.assessment_id == assessment_id)
            )
        }


def expected_rows(assessment: Assessment) -> dict[str, tuple[float, int]]:
    assert QUESTIONNAIRE is not None
    card = score(QUESTIONNAIRE, assessment)
    parts = {c.criterion_id: c.score for c in card.criteria}
    parts[OVERALL] = card.overall
    return {c: (v, to_bin(v)) for c, v in parts.items() if v is not None}


def test_grid_points_round_halves_up_and_stay_in_range() -> None:
    assert [to_bin(x) for x in (0.0, 0.0004, 0.0005, 0.5, 0.6666, 1.0)] == [0, 0, 1, 500, 667, 1000]
    assert RESOLUTION == 1000


def test_criterion_scores_follow_every_write(database: Database) -> None:
    assert QUESTIONNAIRE is not None
    assessment = Assessment(
        QUESTIONNAIRE.id,
        QUESTIONNAIRE.version,
        "x",
        "CR",
        frozenset({"carrier"}),
        frozenset({"security"}),
        {"C1.01": Answer(2), "C2.01": Answer(4)},
    )
    with database.session() as session:
        pk = repo.store_questionnaire(session, RAW)
        assessment_id = repo.create_assessment(session, assessment, pk)
    assert stored_rows(database, assessment_id) == expected_rows(assessment)

    with database.session() as session:
        repo.set_answer(session, assessment_id, "C1.01", Answer(4), "ana")
    changed = dataclasses.replace(assessment, answers={**assessment.answers, "C1.01": Answer(4)})
    assert stored_rows(database, assessment_id) == expected_rows(changed)

    with database.session() as session:
        repo.set_answer(session, assessment_id, "C2.01", None, "ana")
    cleared = dataclasses.replace(assessment, answers={"C1.01": Answer(4)})
    assert set(stored_rows(database, assessment_id)) == {"C1", OVERALL}
    assert stored_rows(database, assessment_id) == expected_rows(cleared)

    with database.session() as session:
        session.execute(delete(CriterionScoreRow))  # lost derived data comes back on refresh
        repo.refresh_summary(session, assessment_id)
    assert stored_rows(database, assessment_id) == expected_rows(cleared)

    with database.session() as session:
        repo.delete_assessment(session, assessment_id)
    assert stored_rows(database, assessment_id) == {}


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(assessments(), max_size=25), st.booleans())
def test_sql_counts_match_a_python_computation(
    database: Database, items: list[Assessment], demo: bool
) -> None:
    assert QUESTIONNAIRE is not None
    with database.session() as session:
        session.execute(delete(AssessmentRow))
        pk = repo.store_questionnaire(session, RAW)
        for item in items:
            repo.create_assessment(session, item, pk)
    expected: dict[tuple[str, str, int], list[float]] = {}
    for item in items:
        card = score(QUESTIONNAIRE, item)
        if item.demo != demo or card.answered != card.applicable or card.applicable == 0:
            continue
        for part, value in expected_rows(item).items():
            expected.setdefault((item.country, part, value[1]), []).append(value[0])
    with database.session(readonly=True) as session:
        rows = peer_stats.local_score_counts(
            session, QUESTIONNAIRE.id, QUESTIONNAIRE.version, demo=demo
        )
    assert {(r.country, r.criterion_id, r.bin): r.count for r in rows} == {
        key: len(values) for key, values in expected.items()
    }
    for r in rows:
        assert math.isclose(
            r.total, math.fsum(expected[(r.country, r.criterion_id, r.bin)]), abs_tol=1e-9
        )


def test_who_counts(database: Database) -> None:
    """Completed, of this version, this kind of data, not superseded, not excluded."""
    assert QUESTIONNAIRE is not None
    base = Assessment(
        QUESTIONNAIRE.id,
        QUESTIONNAIRE.version,
        "x",
        "CR",
        frozenset({"importer"}),
        frozenset({"security"}),
        {"C1.01": Answer(3), "C1.02": Answer(False), "C2.02": Answer(dt.date(2025, 1, 1))},
    )
    with database.session() as session:
        pk = repo.store_questionnaire(session, RAW)
        complete = repo.create_assessment(session, base, pk)
        repo.create_assessment(session, dataclasses.replace(base, answers={"C1.01": Answer(3)}), pk)
        repo.create_assessment(session, dataclasses.replace(base, demo=True), pk)
        old = repo.create_assessment(session, base, pk)
        newer = repo.create_assessment(
            session, dataclasses.replace(base, previous_submission_id=old, country="GT"), pk
        )
        workshop = store.create_workshop(
            session,
            name="w",
            place="",
            starts_on=None,
            ends_on=None,
            facilitator="",
            demo=False,
            created_at=dt.datetime.now(dt.UTC),
        )
        store.add_members(session, workshop, [newer], dt.datetime.now(dt.UTC))

    def overall_counts(**options: object) -> dict[str, int]:
        assert QUESTIONNAIRE is not None
        with database.session(readonly=True) as session:
            rows = peer_stats.local_score_counts(
                session,
                QUESTIONNAIRE.id,
                QUESTIONNAIRE.version,
                **options,  # type: ignore[arg-type]
            )
        return {r.country: r.count for r in rows if r.criterion_id == OVERALL}

    assert overall_counts(demo=False) == {"CR": 1, "GT": 1}
    assert overall_counts(demo=True) == {"CR": 1}
    assert overall_counts(demo=False, exclude=complete) == {"GT": 1}
    assert overall_counts(demo=False, countries={"GT"}) == {"GT": 1}
    assert overall_counts(demo=False, workshop_id=workshop) == {"GT": 1}
    with database.session(readonly=True) as session:
        assert peer_stats.completed_versions(session, demo=False) == [("mini", "1")]
        assert peer_stats.completed_versions(session, demo=False, workshop_id=workshop + 1) == []
        me = peer_stats.applicant(session, complete)
    assert (me.country, me.demo, set(me.bins)) == ("CR", False, {"C1", OVERALL})


def test_upgrading_a_database_from_0001_fills_criterion_scores(database: Database) -> None:
    assert QUESTIONNAIRE is not None
    items = [
        Assessment(
            QUESTIONNAIRE.id,
            QUESTIONNAIRE.version,
            "x",
            country,
            frozenset({"carrier"}),
            frozenset({"security"}),
            {"C1.01": Answer(level), "C1.02": Answer(True), "C1.03": Answer("full"),
             "C2.01": Answer(4 - level), "C2.02": Answer(dt.date(2024, 2, 29))},
        )
        for country, level in (("CR", 0), ("GT", 3), ("PE", 4))
    ] + [
        Assessment(
            QUESTIONNAIRE.id, QUESTIONNAIRE.version, "x", "CR", frozenset({"importer"}),
            frozenset({"security"}),
        )
    ]  # fmt: skip
    with database.session() as session:
        pk = repo.store_questionnaire(session, RAW)
        ids = [repo.create_assessment(session, item, pk) for item in items]
    before = {i: stored_rows(database, i) for i in ids}
    assert before[ids[-1]] == {}
    with database.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), "0001_initial")
    with database.engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")
    assert {i: stored_rows(database, i) for i in ids} == before


def test_a_resubmission_under_another_key_counts_only_once_accepted(database: Database) -> None:
    """Issue 16: the flagged resubmission neither counts nor supersedes the earlier one."""
    from aeo_assess.domain.signatures import Signature, SignatureState
    from aeo_assess.storage import signature_repository as sig_repo

    assert QUESTIONNAIRE is not None
    base = Assessment(
        QUESTIONNAIRE.id, QUESTIONNAIRE.version, "x", "CR", frozenset({"importer"}),
        frozenset({"security"}),
        {"C1.01": Answer(3), "C1.02": Answer(False), "C2.02": Answer(dt.date(2025, 1, 1))},
    )
    with database.session() as session:
        pk = repo.store_questionnaire(session, RAW)
        first = repo.create_assessment(session, base, pk)
        later = repo.create_assessment(
            session, dataclasses.replace(base, previous_submission_id=first, country="GT"), pk
        )
        flagged = Signature(SignatureState.KEY_CHANGED, "AAAA-BBBB-CCCC-DDDD-EEEE", "M", "")
        sig_repo.set_submission_signature(session, later, flagged)

    def countries() -> dict[str, int]:
        assert QUESTIONNAIRE is not None
        with database.session(readonly=True) as session:
            rows = peer_stats.local_score_counts(
                session, QUESTIONNAIRE.id, QUESTIONNAIRE.version, demo=False
            )
        return {r.country: r.count for r in rows if r.criterion_id == OVERALL}

    assert countries() == {"CR": 1}
    with database.session() as session:
        accepted = dataclasses.replace(flagged, state=SignatureState.ACCEPTED)
        sig_repo.set_submission_signature(session, later, accepted)
        assert sig_repo.remembered_key(session, later) == flagged.fingerprint
    assert countries() == {"GT": 1}
