"""Words and colours for review values, and an applicant's answer as one line of text."""

from __future__ import annotations

import datetime as dt

from aeo_assess.domain.assessment import Answer
from aeo_assess.domain.questionnaire import Question, Questionnaire, QuestionType
from aeo_assess.domain.review import Outcome, RemarkStatus, Severity, Verdict
from aeo_assess.domain.text import localized
from aeo_assess.i18n import _, format_date, format_decimal, language, ngettext

VERDICT_COLOURS = {
    Verdict.ACCEPTED: "#1B7F3B",
    Verdict.NOT_ACCEPTED: "#B00020",
    Verdict.NEEDS_EVIDENCE: "#A35200",
}
"""Text colours with at least 4.5:1 contrast on white; a mark beside each keeps the meaning
for readers who do not tell the colours apart."""
VERDICT_MARKS = {Verdict.ACCEPTED: "✓", Verdict.NOT_ACCEPTED: "✗", Verdict.NEEDS_EVIDENCE: "?"}
SEVERITY_COLOURS = {
    Severity.CRITICAL: "#B00020",
    Severity.MAJOR: "#A35200",
    Severity.MINOR: "#5A5A00",
    Severity.OBSERVATION: "#33537A",
}


def reviewed_text(reviewed: int, total: int) -> str:
    """The review's progress, as the queue's tooltip and the workspace's bar both say it."""
    return ngettext(
        "{reviewed} of {total} question reviewed", "{reviewed} of {total} questions reviewed",
        total,
    ).format(reviewed=reviewed, total=total)


def verdict_label(verdict: Verdict | None) -> str:
    if verdict is None:
        return _("Not reviewed")
    return {
        Verdict.ACCEPTED: _("Accepted"),
        Verdict.NOT_ACCEPTED: _("Not accepted"),
        Verdict.NEEDS_EVIDENCE: _("Needs evidence"),
    }[verdict]


def remark_status_label(status: RemarkStatus | None) -> str:
    if status is None:
        return ""
    return {
        RemarkStatus.OPEN: _("Open remark"),
        RemarkStatus.RESOLVED: _("Resolved remark"),
    }[status]


def severity_label(severity: Severity) -> str:
    return {
        Severity.CRITICAL: _("Critical"),
        Severity.MAJOR: _("Major"),
        Severity.MINOR: _("Minor"),
        Severity.OBSERVATION: _("Observation"),
    }[severity]


def outcome_label(outcome: Outcome | None) -> str:
    if outcome is None:
        return _("No recommendation yet")
    return {
        Outcome.GRANT: _("Grant"),
        Outcome.GRANT_AFTER_IMPROVEMENTS: _("Grant after improvements"),
        Outcome.REFUSE: _("Refuse"),
        Outcome.FURTHER_REVIEW: _("Further review"),
    }[outcome]


def question_title(questionnaire: Questionnaire, question_id: str) -> str:
    """``"SAFE-A.01  text"`` in the current language, or the bare id when unknown."""
    if not questionnaire.has_question(question_id):
        return question_id
    return f"{question_id}  {localized(questionnaire.question(question_id).text, language())}"


def answer_text(questionnaire: Questionnaire, question: Question, answer: Answer | None) -> str:
    """What the applicant answered, in words."""
    if answer is None or not answer.answered:
        return _("Unanswered")
    if answer.not_applicable:
        return _("Not applicable: {reason}").format(reason=answer.na_reason)
    value = answer.value
    lang = language()
    if question.type is QuestionType.MATURITY and isinstance(value, int):
        level = next((m for m in questionnaire.maturity_scale if m.value == value), None)
        label = localized(level.label, lang) if level else ""
        return label if label.startswith(str(value)) else f"{value} · {label}".rstrip(" ·")
    if question.type is QuestionType.YES_NO and isinstance(value, bool):
        return _("Yes") if value else _("No")
    if question.type is QuestionType.CHOICE and isinstance(value, str):
        option = question.option(value)
        return localized(option.label, lang) if option else value
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int | float):
        return format_decimal(value, digits=3)
    return str(value)
