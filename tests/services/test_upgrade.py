"""Upgrading an assessment to the newest questionnaire version, through the services: one
transaction, recorded in the history, the old state kept readable, the summary refreshed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from aeo_assess.domain.assessment import Answer, AnswerChange, Assessment, Status
from aeo_assess.domain.benchmark import PeerScope
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.questionnaires import parse_questionnaire
from aeo_assess.questionnaires.registry import find, shipped_raw
from aeo_assess.questionnaires.upgrade import DropReason
from aeo_assess.scoring import score
from aeo_assess.services import assessments, benchmarks, evidence
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage import repository as repo
from tests.conftest import MINIMAL

OLD_SAFE = find("safe-aeo", "2026.1")
NEW_SAFE = find("safe-aeo")
assert OLD_SAFE is not None and NEW_SAFE is not None

V1 = MINIMAL.encode()
V2 = (
    MINIMAL.replace('version: "1"', 'version: "2"')
    # C1.01 becomes an eligibility condition, reworded.
    .replace('        blocking: true\n', '        kind: eligibility\n', 1)
    .replace('text: {en: "How?", es: "¿Cómo?"}', 'text: {en: "How exactly?", es: "¿Cómo exactamente?"}')
    # C1.03 loses the option "full" for "all".
    .replace("{value: full, label: {en: Full, es: Completo}, score: 1}",
             "{value: all, label: {en: All, es: Todo}, score: 1}")
    # C2.02 (a date) is no longer asked.
    .replace(
        """      - id: C2.02
        type: date
        text: {en: "When?", es: "¿Cuándo?"}
        guidance: {en: G, es: G}
        evidence: [{en: E, es: E}]
        recommendation: {en: R, es: R}
""",
        """      - id: C2.05
        type: yes_no
        compliant: true
        text: {en: "New?", es: "¿Nueva?"}
        guidance: {en: G, es: G}
        evidence: [{en: E, es: E}]
        recommendation: {en: R, es: R}
""",
    )
    + """not_eligible:
  label: {en: Not eligible, es: No elegible}
  description: {en: Consult customs, es: Consulte a la aduana}
"""
).encode()


def parsed(raw: bytes) -> Questionnaire:
    questionnaire, problems = parse_questionnaire(raw, "test.yaml")
    assert questionnaire is not None, problems
    return questionnaire


@pytest.fixture
def mini_v2_shipped(monkeypatch: pytest.MonkeyPatch) -> Iterator[Questionnaire]:
    """As if "mini" 2 were shipped and "mini" 1 were the earlier version."""
    newest = parsed(V2)
    monkeypatch.setattr(assessments, "find", lambda qid, version=None: newest if qid == "mini" else find(qid, version))
    monkeypatch.setattr(assessments, "shipped_raw", lambda q: V2 if q is newest else shipped_raw(q))
    yield newest


def store(ctx: AppContext, raw: bytes, answers: dict[str, Answer], **fields: object) -> str:
    questionnaire = parsed(raw)
    with ctx.database.session() as session:
        pk = repo.store_questionnaire(session, raw)
        profile: dict[str, object] = {
            "company": "Café Ñandú S.A.",
            "country": "CR",
            "roles": frozenset({"importer", "carrier"}),
            "aeo_types": frozenset({"security"}),
        }
        profile.update(fields)
        return repo.create_assessment(
            session,
            Assessment(questionnaire.id, questionnaire.version, answers=answers, **profile),  # type: ignore[arg-type]
            pk,
        )


ANSWERS = {
    "C1.01": Answer(na_reason="no aplica", comment="según gerencia"),
    "C1.02": Answer(True, comment="sí"),
    "C1.03": Answer("full", flagged=True),
    "C2.01": Answer(3),
    "C2.02": Answer(dt.date(2026, 2, 1), comment="fecha de la última auditoría"),
}


def test_preview_changes_nothing_and_lists_what_would(ctx: AppContext, mini_v2_shipped: Questionnaire) -> None:
    assessment_id = store(ctx, V1, ANSWERS)
    plan = assessments.upgrade(ctx, assessment_id, confirm=False)
    assert (plan.old.version, plan.new.version, plan.archive_id) == ("1", "2", None)
    assert plan.diff.new == ("C2.05",) and plan.diff.removed == ("C2.02",)
    assert plan.diff.reworded == ("C1.01",) and plan.diff.format_changed == ("C1.03",)
    assert [(d.question_id, d.reason) for d in plan.dropped] == [
        ("C1.01", DropReason.ELIGIBILITY_NOT_APPLICABLE),
        ("C1.03", DropReason.INVALID),
        ("C2.02", DropReason.REMOVED),
    ]
    _, unchanged, _ = assessments.load(ctx, assessment_id)
    assert unchanged.questionnaire_version == "1" and unchanged.answers == ANSWERS
    assert repo_history(ctx, assessment_id) == []


def repo_history(ctx: AppContext, assessment_id: str) -> list[AnswerChange]:
    with ctx.database.session(readonly=True) as session:
        return repo.history(session, assessment_id)


def test_upgrade_moves_answers_records_history_and_keeps_the_old_state(
    ctx: AppContext, mini_v2_shipped: Questionnaire
) -> None:
    assessment_id = store(ctx, V1, ANSWERS)
    evidence.attach_bytes(
        ctx, assessment_id, "auditoria.pdf", "application/pdf", b"%PDF-1 audit", {"C2.02", "C2.01"}
    )
    assessments.set_plan_entry(ctx, assessment_id, "C2.02", "Ana", dt.date(2026, 9, 1))
    assessments.set_plan_entry(ctx, assessment_id, "C2.01", "Luis", None)
    before_history = len(repo_history(ctx, assessment_id))

    done = assessments.upgrade(ctx, assessment_id, confirm=True)

    questionnaire, upgraded, card = assessments.load(ctx, assessment_id)
    assert (questionnaire.version, upgraded.questionnaire_version) == ("2", "2")
    assert upgraded.answers == {
        "C1.01": Answer(comment="según gerencia"),
        "C1.02": Answer(True, comment="sí"),
        "C1.03": Answer(flagged=True),
        "C2.01": Answer(3),
    }
    assert set(upgraded.plan) == {"C2.01"}
    assert [e.questions for e in upgraded.evidence] == [frozenset({"C2.01"})]

    changes = repo_history(ctx, assessment_id)[before_history:]
    assert {c.question_id for c in changes} == {"C1.01", "C1.03", "C2.02"}
    assert {(c.who, c.note) for c in changes} == {("tester", "upgrade mini 1 → 2")}
    removed = next(c for c in changes if c.question_id == "C2.02")
    assert removed.old is not None and removed.old.comment == "fecha de la última auditoría"
    assert removed.new is None

    (summary,) = [s for s in assessments.list_assessments(ctx) if s.id == assessment_id]
    assert (summary.questionnaire_version, summary.answered) == ("2", card.answered)
    assert summary.level == card.level == score(questionnaire, upgraded).level

    assert done.archive_id is not None
    old_q, archived, archived_card = assessments.load(ctx, done.archive_id)
    assert (old_q.version, archived.answers, archived.company) == ("1", ANSWERS, "Café Ñandú S.A.")
    assert set(archived.plan) == {"C2.01", "C2.02"}
    assert [e.questions for e in archived.evidence] == [frozenset({"C2.01", "C2.02"})]
    assert archived_card == score(parsed(V1), archived)
    (copy,) = [s for s in assessments.list_assessments(ctx) if s.id == done.archive_id]
    assert copy.archived_into == assessment_id and copy.questionnaire_version == "1"


def test_the_copy_is_read_only_and_goes_with_the_assessment(
    ctx: AppContext, mini_v2_shipped: Questionnaire
) -> None:
    assessment_id = store(ctx, V1, ANSWERS)
    archive_id = assessments.upgrade(ctx, assessment_id, confirm=True).archive_id
    assert archive_id is not None
    with pytest.raises(ServiceError, match="copy kept on 1 when .* was upgraded to 2"):
        assessments.set_value(ctx, archive_id, "C2.01", 1)
    with pytest.raises(ServiceError, match="copy kept"):
        assessments.upgrade(ctx, archive_id, confirm=True)
    assert assessments.newer_version(ctx, archive_id) is None
    assessments.delete_assessment(ctx, assessment_id)
    assert assessments.list_assessments(ctx) == []


def test_a_failed_upgrade_writes_nothing(
    ctx: AppContext, mini_v2_shipped: Questionnaire, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment_id = store(ctx, V1, ANSWERS)

    def fail(*_args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(repo, "store_criterion_scores", fail)
    with pytest.raises(RuntimeError):
        assessments.upgrade(ctx, assessment_id, confirm=True)
    _, unchanged, _ = assessments.load(ctx, assessment_id)
    assert unchanged.questionnaire_version == "1" and unchanged.answers == ANSWERS
    assert [s.id for s in assessments.list_assessments(ctx)] == [assessment_id]
    assert repo_history(ctx, assessment_id) == []


def test_the_newest_version_cannot_be_upgraded(ctx: AppContext) -> None:
    assessment_id = assessments.create_assessment(
        ctx, questionnaire_id="safe-aeo", company="Nueva", country="PE",
        roles=["importer"], aeo_types=["security"],
    )
    assert assessments.newer_version(ctx, assessment_id) is None
    with pytest.raises(ServiceError, match=r"already on the newest version of safe-aeo \(2027.1\)"):
        assessments.upgrade(ctx, assessment_id, confirm=False)


def test_a_shipped_2026_assessment_upgrades_to_2027(ctx: AppContext) -> None:
    answers = {q.id: Answer(3) for q in OLD_SAFE.questions() if q.type == "maturity"}
    assessment_id = store(ctx, shipped_raw(OLD_SAFE), answers)
    newer = assessments.newer_version(ctx, assessment_id)
    assert newer is not None and newer.version == "2027.1"
    done = assessments.upgrade(ctx, assessment_id, confirm=True)
    assert done.archive_id is not None
    questionnaire, upgraded, _ = assessments.load(ctx, assessment_id)
    assert questionnaire.key == "safe-aeo@2027.1"
    kept = {q for q, a in answers.items() if NEW_SAFE.has_question(q)}
    assert {q for q, a in upgraded.answers.items() if a.value == 3} == kept - {
        d.question_id for d in done.dropped
    }
    with ctx.database.session(readonly=True) as session:
        (record,) = repo.upgrades_of(session, assessment_id)
    assert (record.from_version, record.to_version, record.who) == ("2026.1", "2027.1", "tester")
    assert assessments.newer_version(ctx, assessment_id) is None


def test_the_shipped_2027_changes_drop_what_they_must(ctx: AppContext) -> None:
    """2027.1 makes SAFE-A.02 an eligibility condition and no longer asks SAFE-C.01 (SAFE-C.08
    replaces it): an N/A on the first is dropped, its comment kept; the second goes whole."""
    answers = {
        "SAFE-A.02": Answer(na_reason="no aplica", comment="consultado con el abogado"),
        "SAFE-C.01": Answer(False, comment="sin procesos"),
        "SAFE-B.01": Answer(3),
    }
    assessment_id = store(ctx, shipped_raw(OLD_SAFE), answers)
    done = assessments.upgrade(ctx, assessment_id, confirm=True)
    assert [(d.question_id, d.reason) for d in done.dropped] == [
        ("SAFE-A.02", DropReason.ELIGIBILITY_NOT_APPLICABLE),
        ("SAFE-C.01", DropReason.REMOVED),
    ]
    assert "SAFE-C.08" in done.diff.new and "SAFE-C.01" in done.diff.removed
    _, upgraded, card = assessments.load(ctx, assessment_id)
    assert upgraded.answers == {
        "SAFE-A.02": Answer(comment="consultado con el abogado"),
        "SAFE-B.01": Answer(3),
    }
    assert card.provisional
    notes = {(c.question_id, c.note) for c in repo_history(ctx, assessment_id)}
    assert notes == {
        ("SAFE-A.02", "upgrade safe-aeo 2026.1 → 2027.1"),
        ("SAFE-C.01", "upgrade safe-aeo 2026.1 → 2027.1"),
    }


def test_an_imported_applicant_file_is_not_upgraded(ctx: AppContext) -> None:
    assessment_id = store(ctx, shipped_raw(OLD_SAFE), {}, submission_sha256="ab" * 32)
    assert assessments.newer_version(ctx, assessment_id) is None
    with pytest.raises(ServiceError, match="imported applicant file"):
        assessments.upgrade(ctx, assessment_id, confirm=True)


def test_peers_never_pool_versions_nor_count_the_upgrade_copies(ctx: AppContext) -> None:
    """Five complete 2026.1 and five 2027.1 assessments of one country are two groups of five;
    upgrading two of the 2026.1 ones moves them to 2027.1 and leaves their copies out."""
    def complete(questionnaire: Questionnaire, n: int) -> list[str]:
        return [
            store(ctx, shipped_raw(questionnaire), full_answers(questionnaire), company=f"E{i}")
            for i in range(n)
        ]

    old_ids, new_ids = complete(OLD_SAFE, 5), complete(NEW_SAFE, 5)
    old_peers = benchmarks.peer_statistics(ctx, "safe-aeo", "2026.1", PeerScope.COUNTRY, "CR", k=5)
    new_peers = benchmarks.peer_statistics(ctx, "safe-aeo", "2027.1", PeerScope.COUNTRY, "CR", k=5)
    assert old_peers is not None and new_peers is not None and (old_peers.n, new_peers.n) == (5, 5)
    mine = benchmarks.compare(ctx, new_ids[0], k=4)
    assert mine is not None and (mine.n, mine.questionnaire_key) == (4, "safe-aeo@2027.1")
    for assessment_id in old_ids[:2]:
        assessments.upgrade(ctx, assessment_id, confirm=True)
        _, upgraded, _ = assessments.load(ctx, assessment_id)
        for question_id, answer in full_answers(NEW_SAFE).items():  # the new questions
            if not upgraded.answers.get(question_id, Answer()).answered:
                assessments.set_answer(ctx, assessment_id, question_id, answer)
    assert benchmarks.peer_statistics(ctx, "safe-aeo", "2026.1", PeerScope.COUNTRY, "CR", k=3).n == 3  # type: ignore[union-attr]
    assert benchmarks.peer_statistics(ctx, "safe-aeo", "2027.1", PeerScope.COUNTRY, "CR", k=5).n == 7  # type: ignore[union-attr]


def full_answers(questionnaire: Questionnaire) -> dict[str, Answer]:
    """Every question answered with something valid: complete whatever the profile."""
    from tests.unit.questionnaires.test_upgrade import _every_answer

    return dict(_every_answer(questionnaire, 0).answers)


def test_status_and_demo_flag_follow_into_the_copy(ctx: AppContext, mini_v2_shipped: Questionnaire) -> None:
    assessment_id = store(ctx, V1, {}, status=Status.SUBMITTED, demo=True)
    archive_id = assessments.upgrade(ctx, assessment_id, confirm=True).archive_id
    assert archive_id is not None
    _, archived, _ = assessments.load(ctx, archive_id)
    assert (archived.status, archived.demo) == (Status.SUBMITTED, True)
