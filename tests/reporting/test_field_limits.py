"""Every text field at any length up to its limit renders in every report: long paragraphs
and table cells split across pages, a word wider than its column breaks between characters
(a remark of 5,000 characters or one word of 1,500 used to stop the review report with a
LayoutError)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aeo_assess.domain.assessment import Answer, Assessment, Evidence, PlanEntry
from aeo_assess.domain.fields import (
    COMMENT,
    COMPANY,
    EVIDENCE_NAME,
    FACILITATOR,
    FINDING_TEXT,
    NA_REASON,
    OUTCOME_NOTE,
    OWNER,
    PERSON,
    REMARK,
    REQUIRED_ACTION,
    TAX_ID,
    TEXT_ANSWER,
    WORKSHOP_NAME,
    WORKSHOP_PLACE,
    FieldRule,
)
from aeo_assess.domain.questionnaire import QuestionType
from aeo_assess.domain.review import (
    Finding,
    Outcome,
    QuestionReview,
    RemarkStatus,
    Review,
    Severity,
    Verdict,
)
from aeo_assess.reporting import render_readiness_report
from aeo_assess.reporting.review_report import render_review_report
from aeo_assess.reporting.workshop_report import WorkshopFigures, render_workshop_report
from aeo_assess.scoring import score
from aeo_assess.scoring.visibility import is_visible
from tests.reporting.samples import GENERATED_AT, full_assessment, safe_aeo, text_of

SHAPES = ("words", "one word", "lines", "wide")
REPORTS = settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


@st.composite
def text_up_to(draw: st.DrawFn, rule: FieldRule) -> str:
    """A value of the field, up to its maximum length: running text, one long word, many
    short lines (where newlines are allowed), or wide characters."""
    length = draw(st.sampled_from([rule.max_length, rule.max_length // 3 + 1, 1500, 64]))
    length = max(1, min(length, rule.max_length))
    shape = draw(st.sampled_from(SHAPES if rule.multiline else SHAPES[:2] + SHAPES[3:]))
    if shape == "words":
        unit = "Peña & <Sons> sello "
    elif shape == "one word":
        unit = "W"
    elif shape == "lines":
        unit = "línea\n"
    else:
        unit = "MÉ—"
    return (unit * (length // len(unit) + 1))[:length]


@given(st.data())
def test_generated_values_are_valid_for_their_field(data: st.DataObject) -> None:
    for rule in (COMPANY, TAX_ID, COMMENT, NA_REASON, EVIDENCE_NAME, REMARK, PERSON):
        assert rule.problem(data.draw(text_up_to(rule))) is None


def _assessment(company: str, tax_id: str, long: str, short: str, name: str) -> Assessment:
    questionnaire = safe_aeo()
    assessment = full_assessment(questionnaire, company=company, evidence=0, comment_sentences=1)
    questions = questionnaire.questions()
    answers = dict(assessment.answers)
    answers[questions[0].id] = dataclasses.replace(answers[questions[0].id], comment=long)
    for question in questions:
        if question.type is QuestionType.TEXT:
            answers[question.id] = Answer(long[: TEXT_ANSWER.max_length])
    answers[questions[5].id] = Answer(na_reason=long[: NA_REASON.max_length])
    plan = {questions[1].id: PlanEntry(short, dt.date(2026, 9, 30))}
    evidence = (Evidence("ab" * 32, name, "application/pdf", 10, frozenset({questions[2].id})),)
    return dataclasses.replace(
        assessment, tax_id=tax_id, answers=answers, plan=plan, evidence=evidence
    )


@REPORTS
@given(
    company=text_up_to(COMPANY),
    tax_id=text_up_to(TAX_ID),
    long=text_up_to(COMMENT),
    short=text_up_to(OWNER),
    name=text_up_to(EVIDENCE_NAME),
)
def test_readiness_report_renders_every_field_up_to_its_limit(
    company: str, tax_id: str, long: str, short: str, name: str
) -> None:
    questionnaire = safe_aeo()
    assessment = _assessment(company, tax_id, long, short, name.replace("/", "-"))
    pdf = render_readiness_report(
        questionnaire, assessment, score(questionnaire, assessment),
        language="en", page_size="A4", generated_at=GENERATED_AT,
    )
    assert "Action plan" in text_of(pdf)


@REPORTS
@given(
    long=text_up_to(REMARK),
    finding=text_up_to(FINDING_TEXT),
    action=text_up_to(REQUIRED_ACTION),
    note=text_up_to(OUTCOME_NOTE),
    person=text_up_to(PERSON),
)
def test_review_report_renders_every_field_up_to_its_limit(
    long: str, finding: str, action: str, note: str, person: str
) -> None:
    questionnaire = safe_aeo()
    assessment = _assessment("Acme", "1", "ok", "Ana", "a.pdf")
    ids = [q.id for q in questionnaire.questions() if is_visible(q, questionnaire, assessment)]
    questions = {
        i: QuestionReview(i, verdict, long, RemarkStatus.OPEN, person, GENERATED_AT)
        for i, verdict in zip(ids[:2], (Verdict.NOT_ACCEPTED, Verdict.NEEDS_EVIDENCE), strict=True)
    }
    findings = (
        Finding("F1", Severity.CRITICAL, "SAFE-A", finding, action, None, person, GENERATED_AT),
    )
    review = Review(assessment.id, "ab" * 32, questions, findings, Outcome.REFUSE, note, 2,
                    len(ids), reviewer=person)
    pdf = render_review_report(
        questionnaire, assessment, score(questionnaire, assessment), review,
        diff=None, previous=None, language="en", page_size="A4", generated_at=GENERATED_AT,
    )
    assert "Findings by severity" in text_of(pdf)


@REPORTS
@given(
    name=text_up_to(WORKSHOP_NAME),
    place=text_up_to(WORKSHOP_PLACE),
    facilitator=text_up_to(FACILITATOR),
)
def test_workshop_report_renders_every_field_up_to_its_limit(
    name: str, place: str, facilitator: str
) -> None:
    figures = WorkshopFigures(name, place, None, None, facilitator, False, 0, (), (), (), 5)
    pdf = render_workshop_report(
        figures, language="en", page_size="A4", generated_at=GENERATED_AT
    )
    assert "Workshop summary" in text_of(pdf)
