"""The yearly cycle through the services: the next assessment carries everything over as to
confirm, the verdict stays provisional until each carried answer is confirmed or changed, a
version change follows the upgrade's mapping, and peers count only each company's latest."""

from __future__ import annotations

import datetime as dt

import pytest

from aeo_assess.domain.assessment import Answer, CarryState
from aeo_assess.domain.benchmark import PeerScope
from aeo_assess.domain.questionnaire import Questionnaire, QuestionType
from aeo_assess.questionnaires.registry import shipped_raw
from aeo_assess.questionnaires.upgrade import DropReason
from aeo_assess.services import assessments, benchmarks, cycles, evidence
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage import repository as repo
from tests.services.test_upgrade import NEW_SAFE, OLD_SAFE, full_answers, store


def good_answers(questionnaire: Questionnaire) -> dict[str, Answer]:
    """Every question answered so that the company is eligible: the verdict is decided."""
    answers = full_answers(questionnaire)
    for question in questionnaire.questions():
        if question.type is QuestionType.YES_NO and question.compliant is not None:
            answers[question.id] = Answer(question.compliant)
        if question.type is QuestionType.CHOICE:
            answers[question.id] = Answer(max(question.options, key=lambda o: o.score or 0.0).value)
    return answers


def test_next_cycle_carries_everything_over_as_to_confirm(ctx: AppContext) -> None:
    answers = good_answers(NEW_SAFE)
    first = store(ctx, shipped_raw(NEW_SAFE), answers, tax_id="3-101-123456")
    evidence.attach_bytes(ctx, first, "política.pdf", "application/pdf", b"%PDF-1 p", {"SAFE-B.01"})
    assessments.set_plan_entry(ctx, first, "SAFE-B.01", "Ana", dt.date(2027, 6, 1))
    cycles.set_review_dates(
        ctx, first, certified_on=dt.date(2026, 3, 1), next_review_on=dt.date(2027, 3, 1)
    )
    _, _, first_card = assessments.load(ctx, first)
    assert not first_card.provisional

    done = cycles.start_next_cycle(ctx, first)

    assert (done.from_version, done.to_version, done.dropped) == ("2027.1", "2027.1", ())
    _, second, card = assessments.load(ctx, done.assessment_id)
    assert second.answers == {q: a for q, a in answers.items() if a != Answer()}
    assert set(second.carried.values()) == {CarryState.TO_CONFIRM}
    assert second.previous_cycle_id == first and second.tax_id == "3-101-123456"
    assert second.plan["SAFE-B.01"].owner == "Ana"
    assert [(e.name, e.questions) for e in second.evidence] == [
        ("política.pdf", frozenset({"SAFE-B.01"}))
    ]
    assert (second.certified_on, second.next_review_on) == (dt.date(2026, 3, 1), dt.date(2027, 3, 1))
    assert card.overall == first_card.overall  # values count ...
    assert card.provisional and card.level != "ready"  # ... but the verdict waits
    assert card.to_confirm and set(card.to_confirm) <= set(second.answers)

    assessments.set_value(ctx, done.assessment_id, "SAFE-B.01", 2)
    assert cycles.confirm(ctx, done.assessment_id) == len(second.answers) - 1
    _, confirmed, card = assessments.load(ctx, done.assessment_id)
    assert confirmed.carried["SAFE-B.01"] is CarryState.CHANGED
    assert {s for q, s in confirmed.carried.items() if q != "SAFE-B.01"} == {CarryState.CONFIRMED}
    assert not card.provisional and card.to_confirm == ()


def test_one_next_cycle_per_assessment_and_not_from_an_upgrade_copy(ctx: AppContext) -> None:
    first = store(ctx, shipped_raw(OLD_SAFE), {"SAFE-B.01": Answer(3)})
    archive = assessments.upgrade(ctx, first, confirm=True).archive_id
    assert archive is not None
    with pytest.raises(ServiceError, match="copy an upgrade kept"):
        cycles.start_next_cycle(ctx, archive)
    second = cycles.start_next_cycle(ctx, first).assessment_id
    with pytest.raises(ServiceError, match=f"already has a next cycle: {second}"):
        cycles.start_next_cycle(ctx, first)


def test_three_cycles_across_a_version_change(ctx: AppContext) -> None:
    answers = {
        "SAFE-A.02": Answer(na_reason="no aplica", comment="consultado con el abogado"),
        "SAFE-C.01": Answer(False, comment="sin procesos"),
        "SAFE-B.01": Answer(2),
    }
    first = store(ctx, shipped_raw(OLD_SAFE), answers)
    second = cycles.start_next_cycle(ctx, first)
    assert (second.from_version, second.to_version) == ("2026.1", "2027.1")
    assert [(d.question_id, d.reason) for d in second.dropped] == [
        ("SAFE-A.02", DropReason.ELIGIBILITY_NOT_APPLICABLE),
        ("SAFE-C.01", DropReason.REMOVED),
    ]
    assessments.set_value(ctx, second.assessment_id, "SAFE-B.01", 3)
    third = cycles.start_next_cycle(ctx, second.assessment_id)
    assert (third.from_version, third.to_version) == ("2027.1", "2027.1")

    found = cycles.history(ctx, second.assessment_id)
    assert [c.assessment.id for c in found] == [first, second.assessment_id, third.assessment_id]
    assert [c.questionnaire.version for c in found] == ["2026.1", "2027.1", "2027.1"]

    baseline, _, changes = cycles.changes_since(ctx, first, third.assessment_id)
    assert baseline.assessment.id == first
    assert {c.question_id: (c.old, c.new) for c in changes} == {
        "SAFE-A.02": (answers["SAFE-A.02"], Answer(comment="consultado con el abogado")),
        "SAFE-B.01": (Answer(2), Answer(3)),
        "SAFE-C.01": (answers["SAFE-C.01"], None),
    }


def test_peers_count_only_the_latest_cycle_of_each_company(ctx: AppContext) -> None:
    complete = full_answers(NEW_SAFE)
    ids = [store(ctx, shipped_raw(NEW_SAFE), complete, company=f"E{i}") for i in range(5)]
    peers = benchmarks.peer_statistics(ctx, "safe-aeo", "2027.1", PeerScope.COUNTRY, "CR", k=5)
    assert peers is not None and peers.n == 5
    following = cycles.start_next_cycle(ctx, ids[0]).assessment_id
    cycles.confirm(ctx, following)
    peers = benchmarks.peer_statistics(ctx, "safe-aeo", "2027.1", PeerScope.COUNTRY, "CR", k=5)
    assert peers is not None and peers.n == 5


def test_review_dates_are_checked(ctx: AppContext) -> None:
    first = store(ctx, shipped_raw(NEW_SAFE), {})
    with pytest.raises(ServiceError, match="cannot come before"):
        cycles.set_review_dates(
            ctx, first, certified_on=dt.date(2027, 3, 1), next_review_on=dt.date(2026, 3, 1)
        )
    with ctx.database.session(readonly=True) as session:
        (summary,) = [s for s in repo.list_assessments(session) if s.id == first]
    assert summary.next_review_on is None


def test_confirm_refuses_an_unknown_question(ctx: AppContext) -> None:
    first = store(ctx, shipped_raw(NEW_SAFE), {"SAFE-B.01": Answer(3)})
    second = cycles.start_next_cycle(ctx, first).assessment_id
    with pytest.raises(ServiceError, match="'NOPE' is not in"):
        cycles.confirm(ctx, second, ["NOPE"])
