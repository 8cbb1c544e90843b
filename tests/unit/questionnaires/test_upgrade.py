"""What changes between two versions, and which answers follow an assessment to the newer one:
on tiny hand-made versions (each rule on its own) and on the shipped 2026.1 and 2027.1 files."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from aeo_assess.domain.answer_values import value_problem
from aeo_assess.domain.assessment import Answer, Assessment, Evidence, PlanEntry
from aeo_assess.domain.questionnaire import (
    Criterion,
    Option,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionType,
    ReadinessRule,
)
from aeo_assess.questionnaires.registry import find
from aeo_assess.questionnaires.upgrade import (
    Dropped,
    DropReason,
    KindChange,
    carry_over,
    diff_versions,
)


def question(qid: str, **changes: object) -> Question:
    base = Question(
        id=qid,
        criterion_id="C",
        type=QuestionType.MATURITY,
        text={"en": f"{qid}?", "es": f"¿{qid}?"},
        guidance={"en": "G"},
        evidence=(),
        recommendation={"en": "R"},
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def version(number: str, *questions: Question) -> Questionnaire:
    return Questionnaire(
        id="tiny",
        version=number,
        title={"en": "Tiny"},
        source={"en": "S"},
        languages=("en", "es"),
        readiness=(ReadinessRule("not_ready", {"en": "Not ready"}, {"en": ""}),),
        criteria=(Criterion("C", {"en": "C"}, {"en": ""}, 1.0, questions),),
    )


CHOICE = (Option("none", {"en": "None"}, 0.0), Option("full", {"en": "Full"}, 1.0))
OLD = version(
    "1",
    question("Q1"),
    question("Q2", type=QuestionType.CHOICE, options=CHOICE),
    question("Q3"),
    question("Q4", kind=QuestionKind.MUST),
    question("Q5", type=QuestionType.NUMBER),
    question("Q6", type=QuestionType.YES_NO, compliant=True),
)
NEW = version(
    "2",
    question("Q1"),
    question("Q2", type=QuestionType.CHOICE, options=(*CHOICE[:1], Option("all", {"en": "All"}, 1.0))),
    question("Q4", kind=QuestionKind.ELIGIBILITY, text={"en": "Q4?", "es": "¿Q4 ahora?"}),
    question("Q5", type=QuestionType.NUMBER, min_value=0, max_value=100),
    question("Q6", type=QuestionType.YES_NO, compliant=True),
    question("Q7"),
)


def on(questionnaire: Questionnaire, answers: dict[str, Answer], **more: object) -> Assessment:
    return Assessment(
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        company="Tiny S.A.",
        country="CR",
        roles=frozenset({"importer"}),
        aeo_types=frozenset({"security"}),
        answers=answers,
        **more,  # type: ignore[arg-type]
    )


def test_the_diff_lists_new_removed_reworded_kind_and_format_changes() -> None:
    diff = diff_versions(OLD, NEW)
    assert (diff.questionnaire_id, diff.old_version, diff.new_version) == ("tiny", "1", "2")
    assert diff.new == ("Q7",)
    assert diff.removed == ("Q3",)
    assert diff.reworded == ("Q4",)
    assert diff.kind_changed == (KindChange("Q4", QuestionKind.MUST, QuestionKind.ELIGIBILITY),)
    assert diff.format_changed == ("Q2", "Q5")
    assert not diff.unchanged
    assert diff_versions(OLD, OLD).unchanged


def test_a_changed_score_or_compliant_answer_is_a_format_change() -> None:
    rescored = version("2", question("Q2", type=QuestionType.CHOICE,
                                     options=(CHOICE[0], dataclasses.replace(CHOICE[1], score=0.5))))
    flipped = version("2", question("Q6", type=QuestionType.YES_NO, compliant=False))
    assert diff_versions(OLD, rescored).format_changed == ("Q2",)
    assert diff_versions(OLD, flipped).format_changed == ("Q6",)


def test_a_label_change_alone_is_no_format_change() -> None:
    relabelled = version("2", question("Q2", type=QuestionType.CHOICE, options=(
        CHOICE[0], dataclasses.replace(CHOICE[1], label={"en": "Complete"}))))
    assert diff_versions(OLD, relabelled).format_changed == ()


def test_answers_follow_by_id_while_still_valid() -> None:
    answers = {
        "Q1": Answer(3, comment="procedimiento P-01"),
        "Q2": Answer("full", flagged=True, comment="ver anexo"),
        "Q3": Answer(2, comment="se va"),
        "Q4": Answer(na_reason="no importamos", comment="según gerencia"),
        "Q5": Answer(250),
        "Q6": Answer(True),
    }
    result = carry_over(OLD, NEW, on(OLD, answers))
    assert result.answers == {
        "Q1": Answer(3, comment="procedimiento P-01"),
        "Q2": Answer(None, flagged=True, comment="ver anexo"),
        "Q4": Answer(comment="según gerencia"),
        "Q6": Answer(True),
    }
    assert result.dropped == (
        Dropped("Q2", answers["Q2"], DropReason.INVALID),
        Dropped("Q3", answers["Q3"], DropReason.REMOVED),
        Dropped("Q4", answers["Q4"], DropReason.ELIGIBILITY_NOT_APPLICABLE),
        Dropped("Q5", answers["Q5"], DropReason.INVALID),
    )


def test_a_number_inside_the_new_range_follows() -> None:
    result = carry_over(OLD, NEW, on(OLD, {"Q5": Answer(12.5)}))
    assert result.answers == {"Q5": Answer(12.5)} and result.dropped == ()


def test_a_not_applicable_must_that_stays_a_must_follows() -> None:
    still_must = version("2", question("Q4", kind=QuestionKind.MUST))
    answer = Answer(na_reason="no operamos almacenes")
    assert carry_over(OLD, still_must, on(OLD, {"Q4": answer})).answers == {"Q4": answer}


def test_plan_entries_and_evidence_links_follow_the_question_id() -> None:
    due = dt.date(2027, 3, 1)
    plan = {"Q1": PlanEntry("Ana", due), "Q3": PlanEntry("Luis")}
    evidence = (
        Evidence("a" * 64, "politica.pdf", "application/pdf", 10, frozenset({"Q1", "Q3"})),
        Evidence("b" * 64, "solo-q3.pdf", "application/pdf", 20, frozenset({"Q3"})),
    )
    result = carry_over(OLD, NEW, on(OLD, {}, plan=plan, evidence=evidence))
    assert result.plan == {"Q1": PlanEntry("Ana", due)}
    assert [(e.name, e.questions) for e in result.evidence] == [
        ("politica.pdf", frozenset({"Q1"})),
        ("solo-q3.pdf", frozenset()),
    ]


def test_carry_over_refuses_an_assessment_on_another_version() -> None:
    with pytest.raises(ValueError, match="not on tiny@1"):
        carry_over(OLD, NEW, on(NEW, {}))
    with pytest.raises(ValueError, match="not a version of"):
        carry_over(OLD, dataclasses.replace(NEW, id="other"), on(OLD, {}))


# --- the shipped versions ---------------------------------------------------------------------


@pytest.mark.parametrize("qid", ["safe-aeo", "risk-management"])
def test_shipped_diff_matches_the_files_question_by_question(qid: str) -> None:
    old, new = find(qid, "2026.1"), find(qid)
    assert old is not None and new is not None and new.version == "2027.1"
    diff = diff_versions(old, new)
    old_ids = [q.id for q in old.questions()]
    new_ids = [q.id for q in new.questions()]
    assert set(diff.new) == set(new_ids) - set(old_ids)
    assert set(diff.removed) == set(old_ids) - set(new_ids)
    for change in diff.kind_changed:
        assert (old.question(change.question_id).kind, new.question(change.question_id).kind) == (
            change.old,
            change.new,
        )
    for qid_ in set(old_ids) & set(new_ids):
        assert (qid_ in diff.reworded) == (old.question(qid_).text != new.question(qid_).text)


def _every_answer(questionnaire: Questionnaire, pick: int) -> Assessment:
    """Each question answered with its ``pick``-th kind of answer (0: a value, 1: N/A)."""
    answers: dict[str, Answer] = {}
    for q in questionnaire.questions():
        if pick == 1 and q.na_allowed:
            answers[q.id] = Answer(na_reason="no aplica", comment="c")
        elif q.type is QuestionType.MATURITY:
            answers[q.id] = Answer(3)
        elif q.type is QuestionType.YES_NO:
            answers[q.id] = Answer(True)
        elif q.type is QuestionType.CHOICE:
            answers[q.id] = Answer(q.options[-1].value)
        elif q.type is QuestionType.NUMBER:
            answers[q.id] = Answer(q.min_value if q.min_value is not None else 1)
        elif q.type is QuestionType.DATE:
            answers[q.id] = Answer(dt.date(2026, 5, 1))
        else:
            answers[q.id] = Answer("texto")
    return on(questionnaire, answers)


@pytest.mark.parametrize("pick", [0, 1])
@pytest.mark.parametrize("qid", ["safe-aeo", "risk-management"])
def test_shipped_upgrade_carries_only_valid_answers_and_accounts_for_each(qid: str, pick: int) -> None:
    old, new = find(qid, "2026.1"), find(qid)
    assert old is not None and new is not None
    assessment = _every_answer(old, pick)
    result = carry_over(old, new, assessment)
    for question_id, answer in result.answers.items():
        q = new.question(question_id)
        assert answer.value is None or value_problem(q, answer.value) is None
        assert not answer.not_applicable or q.na_allowed
    dropped = {d.question_id for d in result.dropped}
    for question_id, answer in assessment.answers.items():
        assert result.answers.get(question_id) == answer or question_id in dropped
