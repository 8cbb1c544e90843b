"""The data functions on both backends: round trips, history, evidence, summaries, deletes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from aeo_assess.domain.assessment import (
    Answer,
    AnswerValue,
    Assessment,
    Evidence,
    PlanEntry,
    Status,
)
from aeo_assess.domain.questionnaire import Question
from aeo_assess.questionnaires import parse_questionnaire
from aeo_assess.questionnaires.registry import shipped_files
from aeo_assess.scoring import score
from aeo_assess.storage import repository as repo
from aeo_assess.storage.database import Database
from aeo_assess.storage.errors import NotFound, StorageError
from aeo_assess.storage.models import (
    AnswerHistoryRow,
    AnswerRow,
    AssessmentRow,
    Base,
    EvidenceLinkRow,
    EvidenceRow,
    PlanEntryRow,
)
from tests.storage.conftest import EVERY_TYPE, NewAssessment, new_assessment_in

QUESTIONNAIRE, _ = parse_questionnaire(EVERY_TYPE, "every-type.yaml")
assert QUESTIONNAIRE is not None

EVERY_ANSWER: dict[str, Answer] = {
    "C1.01": Answer(value=3, comment="reviewed yearly", flagged=True),
    "C1.02": Answer(value=True),
    "C1.03": Answer(value="full"),
    "C2.01": Answer(na_reason="we run no trucks"),
    "C2.02": Answer(value=dt.date(2024, 2, 29)),
    "C2.03": Answer(value=12.5, comment="ñ, 漢字 & <script>"),
    "C2.04": Answer(value="Ana Pérez\nline two"),
}


def _set(
    database: Database,
    assessment_id: str,
    question_id: str,
    answer: Answer | None,
    who: str = "ana",
) -> None:
    with database.session() as session:
        repo.set_answer(session, assessment_id, question_id, answer, who)
        repo.refresh_summary(session, assessment_id)


def _get(database: Database, assessment_id: str) -> Assessment:
    with database.session(readonly=True) as session:
        return repo.get_assessment(session, assessment_id)


def _strict(answer: Answer | None) -> tuple[object, ...] | None:
    """Equality that also tells True from 1 and 1 from 1.0."""
    return None if answer is None else (type(answer.value), dataclasses.astuple(answer))


# --- answers ---------------------------------------------------------------------------------


def test_every_answer_type_round_trips_exactly(
    database: Database, new_assessment: NewAssessment
) -> None:
    assessment_id = new_assessment()
    for question_id, answer in EVERY_ANSWER.items():
        _set(database, assessment_id, question_id, answer)
    stored = _get(database, assessment_id).answers
    assert {q: _strict(a) for q, a in stored.items()} == {
        q: _strict(a) for q, a in EVERY_ANSWER.items()
    }
    assert type(stored["C2.02"].value) is dt.date
    assert stored["C2.01"].not_applicable


@pytest.mark.parametrize("value", [0, 4, 7, 7.0, -1.5, True, False, "", "7", "2024-01-01"])
def test_a_number_question_keeps_the_exact_json_type(
    database: Database, new_assessment: NewAssessment, value: AnswerValue
) -> None:
    assessment_id = new_assessment()
    _set(database, assessment_id, "C2.03", Answer(value=value))
    stored = _get(database, assessment_id).answers["C2.03"].value
    assert (type(stored), stored) == (type(value), value)


def _question(question_id: str) -> Question:
    assert QUESTIONNAIRE is not None
    return QUESTIONNAIRE.question(question_id)


@given(
    value=st.one_of(
        st.integers(-(2**53), 2**53),
        st.booleans(),
        st.text(),
        st.floats(allow_nan=False, allow_infinity=False),
    ),
    na_reason=st.none() | st.text(),
    comment=st.text(),
    flagged=st.booleans(),
)
def test_answer_json_round_trips(
    value: AnswerValue, na_reason: str | None, comment: str, flagged: bool
) -> None:
    answer = Answer(value=value, na_reason=na_reason, comment=comment, flagged=flagged)
    back = repo.answer_from_json(_question("C2.03"), repo.answer_to_json(answer))
    assert _strict(back) == _strict(answer)


@given(st.dates())
def test_dates_come_back_as_dates_for_date_questions(day: dt.date) -> None:
    text = repo.answer_to_json(Answer(value=day))
    assert repo.answer_from_json(_question("C2.02"), text).value == day
    assert repo.answer_from_json(_question("C2.04"), text).value == day.isoformat()


def test_values_json_cannot_represent_are_refused() -> None:
    with pytest.raises(StorageError):
        repo.answer_to_json(Answer(value=float("nan")))
    with pytest.raises(StorageError):
        repo.answer_to_json(Answer(value=dt.datetime(2024, 1, 1, 12, 0)))


def test_history_records_who_when_old_and_new(
    database: Database, new_assessment: NewAssessment
) -> None:
    assessment_id = new_assessment()
    before = dt.datetime.now(dt.UTC)
    _set(database, assessment_id, "C1.01", Answer(value=1), who="ana")
    _set(database, assessment_id, "C1.01", Answer(value=1), who="ana")  # no change: no entry
    _set(database, assessment_id, "C1.01", Answer(value=3, comment="done"), who="luis")
    _set(database, assessment_id, "C2.02", Answer(value=dt.date(2025, 1, 31)), who="ana")
    _set(database, assessment_id, "C1.01", None, who="ana")
    _set(database, assessment_id, "C1.01", None, who="ana")  # already clear: no entry
    with database.session(readonly=True) as session:
        one = repo.history(session, assessment_id, "C1.01")
        every = repo.history(session, assessment_id)
    assert [(c.who, c.old, c.new) for c in one] == [
        ("ana", None, Answer(value=1)),
        ("luis", Answer(value=1), Answer(value=3, comment="done")),
        ("ana", Answer(value=3, comment="done"), None),
    ]
    assert [c.question_id for c in every] == ["C1.01", "C1.01", "C2.02", "C1.01"]
    assert every[2].new == Answer(value=dt.date(2025, 1, 31))
    assert all(before <= c.at <= dt.datetime.now(dt.UTC) for c in every)
    assert all(c.at.tzinfo is dt.UTC for c in every)


def test_a_change_of_type_alone_is_a_change(
    database: Database, new_assessment: NewAssessment
) -> None:
    assessment_id = new_assessment()
    _set(database, assessment_id, "C2.03", Answer(value=1))
    _set(database, assessment_id, "C2.03", Answer(value=1.0))
    with database.session(readonly=True) as session:
        assert len(repo.history(session, assessment_id, "C2.03")) == 2


def test_an_empty_answer_clears(database: Database, new_assessment: NewAssessment) -> None:
    assessment_id = new_assessment()
    _set(database, assessment_id, "C1.02", Answer(value=False))
    _set(database, assessment_id, "C1.02", Answer())
    assert _get(database, assessment_id).answers == {}


def test_saving_an_answer_touches_updated_at(
    database: Database, new_assessment: NewAssessment
) -> None:
    assessment_id = new_assessment()
    created = _get(database, assessment_id)
    _set(database, assessment_id, "C1.02", Answer(value=True))
    changed = _get(database, assessment_id)
    assert created.updated_at is not None and changed.updated_at is not None
    assert changed.updated_at > created.updated_at
    assert changed.created_at == created.created_at


def test_answers_to_unknown_questions_are_refused(
    database: Database, new_assessment: NewAssessment
) -> None:
    assessment_id = new_assessment()
    with pytest.raises(StorageError, match=r"'Z9\.99' is not in mini@1"):
        _set(database, assessment_id, "Z9.99", Answer(value=1))


def test_missing_assessments_raise_not_found(database: Database) -> None:
    with database.session() as session:
        with pytest.raises(NotFound):
            repo.get_assessment(session, "nope")
        with pytest.raises(NotFound):
            repo.set_answer(session, "nope", "C1.01", Answer(value=1), "ana")
        with pytest.raises(NotFound):
            repo.delete_assessment(session, "nope")
        with pytest.raises(NotFound):
            repo.get_questionnaire_for(session, "nope")


# --- plan, status ----------------------------------------------------------------------------


def test_plan_entries_are_set_changed_and_removed(
    database: Database, new_assessment: NewAssessment
) -> None:
    assessment_id = new_assessment()
    with database.session() as session:
        repo.set_plan_entry(session, assessment_id, "C1.01", PlanEntry("Ana", dt.date(2026, 3, 1)))
        repo.set_plan_entry(session, assessment_id, "C1.02", PlanEntry("Luis"))
    assert _get(database, assessment_id).plan == {
        "C1.01": PlanEntry("Ana", dt.date(2026, 3, 1)),
        "C1.02": PlanEntry("Luis"),
    }
    with database.session() as session:
        repo.set_plan_entry(session, assessment_id, "C1.01", PlanEntry())
        repo.set_plan_entry(session, assessment_id, "C1.02", PlanEntry("Luis", dt.date(2026, 1, 2)))
    assert _get(database, assessment_id).plan == {"C1.02": PlanEntry("Luis", dt.date(2026, 1, 2))}


def test_status_changes(database: Database, new_assessment: NewAssessment) -> None:
    assessment_id = new_assessment()
    with database.session() as session:
        repo.set_status(session, assessment_id, Status.SUBMITTED)
    assert _get(database, assessment_id).status is Status.SUBMITTED


# --- summaries and listing -------------------------------------------------------------------


def test_summary_columns_follow_every_change(
    database: Database, new_assessment: NewAssessment
) -> None:
    assessment_id = new_assessment(roles=frozenset({"importer"}))
    with database.session(readonly=True) as session:
        (summary,) = repo.list_assessments(session)
    assert (summary.applicable, summary.answered, summary.overall, summary.blocking_gaps) == (
        5,
        0,
        None,
        0,
    )
    assert summary.level == "not_ready"
    _set(database, assessment_id, "C1.01", Answer(value=1))
    _set(database, assessment_id, "C1.02", Answer(value=True))
    with database.session(readonly=True) as session:
        (summary,) = repo.list_assessments(session)
        card = score(
            repo.get_questionnaire_for(session, assessment_id),
            repo.get_assessment(session, assessment_id),
        )
    assert (summary.applicable, summary.answered, summary.overall, summary.level) == (
        card.applicable,
        card.answered,
        card.overall,
        card.level,
    )
    assert summary.applicable == 6  # C1.03 appears once C1.02 is yes
    assert summary.blocking_gaps == 1
    assert summary.completeness == pytest.approx(2 / 6)


def test_listing_reads_profile_questionnaire_and_order(
    database: Database, new_assessment: NewAssessment
) -> None:
    first = new_assessment(company="First", demo=True)
    second = new_assessment(company="Second", country="PE")
    _set(database, first, "C1.02", Answer(value=True))
    with database.session(readonly=True) as session:
        listed = repo.list_assessments(session)
    assert [(s.id, s.company, s.country, s.demo) for s in listed] == [
        (first, "First", "CR", True),
        (second, "Second", "PE", False),
    ]
    assert {(s.questionnaire_id, s.questionnaire_version, s.status) for s in listed} == {
        ("mini", "1", Status.DRAFT)
    }
    assert all(s.updated_at.tzinfo is dt.UTC for s in listed)


# --- lookups ---------------------------------------------------------------------------------


def test_prefix_lookup_is_exact_and_case_sensitive(
    database: Database, new_assessment: NewAssessment
) -> None:
    ids = [new_assessment(id=i) for i in ("abc-1", "abd-2", "ABC-3", "x%_4")]
    with database.session(readonly=True) as session:
        assert repo.find_assessment_ids(session, "ab") == ["abc-1", "abd-2"]
        assert repo.find_assessment_ids(session, "abc") == ["abc-1"]
        assert repo.find_assessment_ids(session, "abc-1") == ["abc-1"]
        assert repo.find_assessment_ids(session, "x%") == ["x%_4"]
        assert repo.find_assessment_ids(session, "%") == []
        assert repo.find_assessment_ids(session, "zzz") == []
        assert sorted(repo.find_assessment_ids(session, "")) == sorted(ids)


def test_new_assessments_get_a_uuid(database: Database, new_assessment: NewAssessment) -> None:
    assessment_id = new_assessment()
    assert len(assessment_id) == 36 and assessment_id.count("-") == 4


def test_an_id_cannot_be_taken_twice(database: Database, new_assessment: NewAssessment) -> None:
    new_assessment(id="same")
    with pytest.raises(StorageError, match="already exists"):
        new_assessment(id="same")


def test_submissions_are_found_by_hash_and_chained(
    database: Database, new_assessment: NewAssessment
) -> None:
    original = new_assessment(id="trader-1", submission_sha256="a" * 64)
    second = new_assessment(submission_sha256="b" * 64, previous_submission_id=original)
    third = new_assessment(submission_sha256="c" * 64, previous_submission_id=second)
    with database.session(readonly=True) as session:
        assert repo.find_by_submission(session, "b" * 64) == second
        assert repo.find_by_submission(session, "d" * 64) is None
        assert repo.latest_submission_of(session, original) == third
        assert repo.latest_submission_of(session, third) == third
        assert repo.latest_submission_of(session, "unknown") is None
        assert repo.get_assessment(session, third).previous_submission_id == second


# --- questionnaires --------------------------------------------------------------------------


def test_questionnaires_are_stored_once_and_load_exactly(database: Database) -> None:
    with database.session() as session:
        pk = repo.store_questionnaire(session, EVERY_TYPE)
        assert repo.store_questionnaire(session, EVERY_TYPE) == pk
        other = repo.store_questionnaire(session, EVERY_TYPE + b"\n# same content, other bytes\n")
        assert other != pk
        assert repo.questionnaire_raw(session, pk) == EVERY_TYPE
        assert repo.load_questionnaire(session, pk) == QUESTIONNAIRE
        assert repo.load_questionnaire(session, pk) is repo.load_questionnaire(session, pk)


def test_a_stored_questionnaire_loads_without_the_cache(database: Database) -> None:
    with database.session() as session:
        pk = repo.store_questionnaire(session, EVERY_TYPE)
    repo._parsed.clear()
    with database.session(readonly=True) as session:
        assert repo.load_questionnaire(session, pk) == QUESTIONNAIRE


def test_a_changed_copy_of_a_shipped_questionnaire_is_refused(database: Database) -> None:
    (path,) = [p for p in shipped_files() if p.name == "safe-aeo.yaml"]
    forged = path.read_bytes().replace(b"kind: must", b"kind: should")
    assert forged != path.read_bytes()
    with (
        database.session() as session,
        pytest.raises(StorageError, match=r"claims to be the shipped safe-aeo .* differs"),
    ):
        repo.store_questionnaire(session, forged, "upload.yaml")
    with database.session() as session:
        assert repo.store_questionnaire(session, path.read_bytes()) > 0


def test_invalid_questionnaires_are_refused_listing_problems(database: Database) -> None:
    broken = EVERY_TYPE.replace(b"type: number", b"type: colour")
    with (
        database.session() as session,
        pytest.raises(StorageError, match=r"upload\.yaml:") as refused,
    ):
        repo.store_questionnaire(session, broken, "upload.yaml")
    assert "not valid" in str(refused.value)
    with database.session(readonly=True) as session:
        assert (
            session.scalar(select(func.count()).select_from(Base.metadata.tables["questionnaires"]))
            == 0
        )


# --- evidence --------------------------------------------------------------------------------


def test_evidence_keeps_bytes_hash_and_links(
    database: Database, new_assessment: NewAssessment
) -> None:
    assessment_id = new_assessment()
    data = bytes(range(256)) * 1000
    with database.session() as session:
        evidence = repo.add_evidence(
            session, assessment_id, "policy.pdf", "application/pdf", data, frozenset({"C1.01"})
        )
    expected = Evidence(
        hashlib.sha256(data).hexdigest(),
        "policy.pdf",
        "application/pdf",
        len(data),
        frozenset({"C1.01"}),
    )
    assert evidence == expected
    assert _get(database, assessment_id).evidence == (expected,)
    with database.session(readonly=True) as session:
        assert repo.evidence_data(session, assessment_id, evidence.sha256) == data


def test_the_same_file_twice_is_stored_once_with_both_links(
    database: Database, new_assessment: NewAssessment
) -> None:
    assessment_id = new_assessment()
    with database.session() as session:
        repo.add_evidence(
            session, assessment_id, "a.txt", "text/plain", b"same", frozenset({"C1.01"})
        )
        again = repo.add_evidence(
            session, assessment_id, "b.txt", "text/plain", b"same", frozenset({"C1.02"})
        )
    assert (again.name, again.questions) == ("a.txt", frozenset({"C1.01", "C1.02"}))
    assert len(_get(database, assessment_id).evidence) == 1


def test_evidence_links_are_replaced_and_evidence_removed(
    database: Database, new_assessment: NewAssessment
) -> None:
    assessment_id = new_assessment()
    with database.session() as session:
        evidence = repo.add_evidence(
            session, assessment_id, "a.txt", "text/plain", b"a", frozenset({"C1.01", "C1.02"})
        )
        relinked = repo.link_evidence(
            session, assessment_id, evidence.sha256, frozenset({"C1.02", "C2.04"})
        )
    assert relinked.questions == frozenset({"C1.02", "C2.04"})
    assert _get(database, assessment_id).evidence == (relinked,)
    with database.session() as session:
        repo.remove_evidence(session, assessment_id, evidence.sha256)
    assert _get(database, assessment_id).evidence == ()
    with database.session() as session:
        with pytest.raises(NotFound):
            repo.evidence_data(session, assessment_id, evidence.sha256)
        with pytest.raises(NotFound):
            repo.remove_evidence(session, assessment_id, evidence.sha256)
        assert session.scalar(select(func.count()).select_from(EvidenceLinkRow)) == 0


def test_evidence_is_per_assessment(database: Database, new_assessment: NewAssessment) -> None:
    first, second = new_assessment(), new_assessment()
    with database.session() as session:
        evidence = repo.add_evidence(session, first, "a.txt", "text/plain", b"a", frozenset())
        with pytest.raises(NotFound):
            repo.evidence_data(session, second, evidence.sha256)


# --- create with content (import) and delete -------------------------------------------------


def _full(**changes: object) -> Assessment:
    assessment = Assessment(
        questionnaire_id="mini",
        questionnaire_version="1",
        company="Importer S.A.",
        country="PE",
        roles=frozenset({"carrier"}),
        aeo_types=frozenset({"security", "compliance"}),
        answers=dict(EVERY_ANSWER),
        plan={"C1.01": PlanEntry("Ana", dt.date(2026, 6, 30))},
        tax_id="20100070970",
        status=Status.SUBMITTED,
        evidence=(
            Evidence(
                hashlib.sha256(b"proof").hexdigest(),
                "proof.txt",
                "text/plain",
                5,
                frozenset({"C1.01"}),
            ),
        ),
        created_at=dt.datetime(2025, 5, 1, 9, 30, tzinfo=dt.UTC),
        submission_sha256="e" * 64,
    )
    return dataclasses.replace(assessment, **changes)  # type: ignore[arg-type]


def test_create_stores_everything_the_assessment_carries(database: Database) -> None:
    incoming = _full()
    with database.session() as session:
        pk = repo.store_questionnaire(session, EVERY_TYPE)
        assessment_id = repo.create_assessment(
            session, incoming, pk, {incoming.evidence[0].sha256: b"proof"}
        )
        repo.refresh_summary(session, assessment_id)
    stored = _get(database, assessment_id)
    assert stored.updated_at is not None
    assert stored == dataclasses.replace(incoming, id=assessment_id, updated_at=stored.updated_at)
    assert {q: _strict(a) for q, a in stored.answers.items()} == {
        q: _strict(a) for q, a in EVERY_ANSWER.items()
    }
    with database.session(readonly=True) as session:
        assert repo.evidence_data(session, assessment_id, incoming.evidence[0].sha256) == b"proof"
        assert repo.history(session, assessment_id) == []
        (summary,) = repo.list_assessments(session)
    assert summary.answered == 7


@pytest.mark.parametrize(
    ("changes", "data", "says"),
    [
        ({}, {}, "proof.txt: its bytes are missing"),
        ({}, {hashlib.sha256(b"proof").hexdigest(): b"other"}, "do not match its SHA-256"),
        ({"questionnaire_version": "2"}, None, "is on mini@2, not on mini@1"),
        ({"answers": {"Z1": Answer(value=1)}, "evidence": ()}, None, "'Z1' is not in mini@1"),
    ],
)
def test_create_refuses_inconsistent_content_and_writes_nothing(
    database: Database, changes: dict[str, object], data: dict[str, bytes] | None, says: str
) -> None:
    with database.session() as session:
        pk = repo.store_questionnaire(session, EVERY_TYPE)
    with pytest.raises(StorageError, match=says), database.session() as session:
        repo.create_assessment(session, _full(**changes), pk, data)
    with database.session(readonly=True) as session:
        assert repo.list_assessments(session) == []


def _counts(database: Database) -> dict[str, int]:
    with database.session(readonly=True) as session:
        return {
            row.__table__.name: session.scalar(select(func.count()).select_from(row)) or 0
            for row in (
                AssessmentRow,
                AnswerRow,
                AnswerHistoryRow,
                EvidenceRow,
                EvidenceLinkRow,
                PlanEntryRow,
            )
        }


def test_delete_cascades_to_everything_of_that_assessment_only(
    database: Database, new_assessment: NewAssessment
) -> None:
    doomed, kept = new_assessment(), new_assessment()
    for assessment_id in (doomed, kept):
        _set(database, assessment_id, "C1.01", Answer(value=2))
        with database.session() as session:
            repo.set_plan_entry(session, assessment_id, "C1.01", PlanEntry("Ana"))
            repo.add_evidence(
                session, assessment_id, "a.txt", "text/plain", b"a", frozenset({"C1.01"})
            )
    later = new_assessment(previous_submission_id=doomed)
    assert _counts(database) == {
        "assessments": 3,
        "answers": 2,
        "answer_history": 2,
        "evidence": 2,
        "evidence_links": 2,
        "plan_entries": 2,
    }
    with database.session() as session:
        repo.delete_assessment(session, doomed)
    assert _counts(database) == {
        "assessments": 2,
        "answers": 1,
        "answer_history": 1,
        "evidence": 1,
        "evidence_links": 1,
        "plan_entries": 1,
    }
    assert _get(database, later).previous_submission_id is None
    assert _get(database, kept).answers == {"C1.01": Answer(value=2)}


def test_two_assessments_in_one_session(database: Database) -> None:
    with database.session() as session:
        first = new_assessment_in(session, company="One")
        second = new_assessment_in(session, company="Two")
        repo.set_answer(session, first, "C1.01", Answer(value=4), "ana")
        repo.refresh_summary(session, first)
    assert _get(database, first).answers == {"C1.01": Answer(value=4)}
    assert _get(database, second).answers == {}
