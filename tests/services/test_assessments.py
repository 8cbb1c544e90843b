"""Use cases through the services layer, on SQLite and (in CI) PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from aeo_assess.services import assessments, evidence
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage import repository as repo


def new(ctx: AppContext, **overrides: object) -> str:
    fields: dict[str, object] = {
        "questionnaire_id": "safe-aeo",
        "company": "Café Ñandú S.A.",
        "country": "CR",
        "roles": ["importer", "carrier"],
        "aeo_types": ["security", "compliance"],
    }
    fields.update(overrides)
    return assessments.create_assessment(ctx, **fields)  # type: ignore[arg-type]


def test_create_and_list(ctx: AppContext) -> None:
    assessment_id = new(ctx)
    (row,) = assessments.list_assessments(ctx)
    assert row.id == assessment_id
    assert row.company == "Café Ñandú S.A."
    assert row.answered == 0 and row.applicable > 90
    assert row.level == "not_ready"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("company", "  ", "company name: it must not be empty"),
        ("country", "Costa Rica", "not a two-letter ISO 3166 code"),
        ("roles", [], "choose at least one supply-chain role"),
        ("roles", ["pirate"], "'pirate' is not one of"),
        ("aeo_types", ["gold"], "'gold' is not one of"),
        ("questionnaire_id", "nope", "no questionnaire 'nope'"),
    ],
)
def test_create_refuses_bad_profile(
    ctx: AppContext, field: str, value: object, message: str
) -> None:
    with pytest.raises(ServiceError, match=message):
        new(ctx, **{field: value})
    assert assessments.list_assessments(ctx) == []


def test_answers_are_committed_and_scored(ctx: AppContext) -> None:
    assessment_id = new(ctx)
    card = assessments.set_value(ctx, assessment_id, "SAFE-A.03", 4)
    assert card.answered == 1
    assessments.set_value(ctx, assessment_id, "SAFE-B.01", 1)
    assessments.set_comment(ctx, assessment_id, "SAFE-B.01", "only on paper")
    assessments.set_flag(ctx, assessment_id, "SAFE-B.01", True)
    assessments.mark_not_applicable(ctx, assessment_id, "SAFE-D.03", "we never hold goods")
    _, stored, card = assessments.load(ctx, assessment_id)
    b01 = stored.answers["SAFE-B.01"]
    assert (b01.value, b01.comment, b01.flagged) == (1, "only on paper", True)
    assert stored.answers["SAFE-D.03"].na_reason == "we never hold goods"
    assert "SAFE-B.01" in [g.question_id for g in card.blocking_gaps]
    (row,) = assessments.list_assessments(ctx)
    assert row.answered == card.answered == 3
    assert row.blocking_gaps == len(card.blocking_gaps)


def test_clear_keeps_comment_and_flag(ctx: AppContext) -> None:
    assessment_id = new(ctx)
    assessments.set_value(ctx, assessment_id, "SAFE-B.01", 3)
    assessments.set_comment(ctx, assessment_id, "SAFE-B.01", "note")
    assessments.clear_answer(ctx, assessment_id, "SAFE-B.01")
    _, stored, card = assessments.load(ctx, assessment_id)
    assert stored.answers["SAFE-B.01"].value is None
    assert stored.answers["SAFE-B.01"].comment == "note"
    assert card.answered == 0


def test_wrong_values_are_refused_and_nothing_changes(ctx: AppContext) -> None:
    assessment_id = new(ctx)
    with pytest.raises(ServiceError, match="SAFE-B.01: a maturity answer is a whole number"):
        assessments.set_value(ctx, assessment_id, "SAFE-B.01", 7)
    with pytest.raises(ServiceError, match="question 'SAFE-Z.99' is not in safe-aeo"):
        assessments.set_value(ctx, assessment_id, "SAFE-Z.99", 1)
    with pytest.raises(ServiceError, match="say why"):
        assessments.mark_not_applicable(ctx, assessment_id, "SAFE-B.01", " ")
    _, stored, _ = assessments.load(ctx, assessment_id)
    assert stored.answers == {}


def test_history_records_who_old_and_new(ctx: AppContext) -> None:
    assessment_id = new(ctx)
    ctx.user = "maria"
    assessments.set_value(ctx, assessment_id, "SAFE-B.01", 1)
    assessments.set_value(ctx, assessment_id, "SAFE-B.01", 3)
    with ctx.database.session() as session:
        changes = repo.history(session, assessment_id, "SAFE-B.01")
    assert [(c.who, c.old and c.old.value, c.new and c.new.value) for c in changes] == [
        ("maria", None, 1),
        ("maria", 1, 3),
    ]


def test_plan_owner_and_due_date_reach_the_action_plan(ctx: AppContext) -> None:
    assessment_id = new(ctx)
    assessments.set_value(ctx, assessment_id, "SAFE-B.01", 0)
    assessments.set_plan_entry(ctx, assessment_id, "SAFE-B.01", "Ana Pérez", dt.date(2027, 2, 1))
    _, _, card = assessments.load(ctx, assessment_id)
    (item,) = [i for i in card.action_plan if i.gap.question_id == "SAFE-B.01"]
    assert (item.owner, item.due) == ("Ana Pérez", dt.date(2027, 2, 1))
    assert not item.gap.unanswered


def test_resolve_by_prefix(ctx: AppContext) -> None:
    first = new(ctx)
    assert assessments.resolve(ctx, first[:8]) == first
    with pytest.raises(ServiceError, match="no assessment with id 'zzz'"):
        assessments.resolve(ctx, "zzz")


def test_resolve_ambiguous_prefix(ctx: AppContext) -> None:
    ids = [new(ctx) for _ in range(20)]
    shared = next((a[:1] for a in ids if sum(b.startswith(a[:1]) for b in ids) > 1), None)
    assert shared is not None
    with pytest.raises(ServiceError, match="matches .* assessments"):
        assessments.resolve(ctx, shared)


def test_delete(ctx: AppContext) -> None:
    assessment_id = new(ctx)
    assessments.set_value(ctx, assessment_id, "SAFE-B.01", 2)
    assessments.delete_assessment(ctx, assessment_id)
    assert assessments.list_assessments(ctx) == []
    with pytest.raises(ServiceError):
        assessments.load(ctx, assessment_id)


def test_evidence_attach_and_remove(ctx: AppContext, tmp_path: Path) -> None:
    assessment_id = new(ctx)
    proof = tmp_path / "seal log.pdf"
    proof.write_bytes(b"%PDF-1.4 seal log")
    attached = evidence.attach_file(ctx, assessment_id, proof, ["SAFE-G.03"])
    assert attached.media_type == "application/pdf"
    assert attached.size == len(b"%PDF-1.4 seal log")
    assert evidence.evidence_bytes(ctx, assessment_id, attached.sha256) == proof.read_bytes()
    _, stored, _ = assessments.load(ctx, assessment_id)
    assert [e.name for e in stored.evidence] == ["seal log.pdf"]
    evidence.remove(ctx, assessment_id, attached.sha256)
    _, stored, _ = assessments.load(ctx, assessment_id)
    assert stored.evidence == ()


def test_evidence_over_25_mb_is_refused_before_reading(ctx: AppContext, tmp_path: Path) -> None:
    assessment_id = new(ctx)
    big = tmp_path / "video.mp4"
    with big.open("wb") as out:
        out.truncate(25 * 1024 * 1024 + 1)
    with pytest.raises(ServiceError, match="limited to 25 MB"):
        evidence.attach_file(ctx, assessment_id, big, [])
    _, stored, _ = assessments.load(ctx, assessment_id)
    assert stored.evidence == ()
