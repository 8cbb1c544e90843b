"""Which values a question accepts, and how typed text becomes one (CSV, command line)."""

from __future__ import annotations

import datetime as dt
import math

from aeo_assess.domain.assessment import AnswerValue
from aeo_assess.domain.fields import TEXT_ANSWER
from aeo_assess.domain.questionnaire import MATURITY_LEVELS, Question, QuestionType
from aeo_assess.messages import Message, UserError

DEFAULT_NUMBER_LIMIT = 1e12
"""A number question without its own range takes -10^12..10^12: more than any count, area or
amount an assessment asks for, and exact in a double, in JSON and in every report."""
MAX_NUMBER_TEXT = 40
"""Typed numbers longer than this are refused before parsing (a 5,000-digit integer)."""

_YES = {"yes", "y", "true", "1", "si", "sí", "s", "oui"}
_NO = {"no", "n", "false", "0", "non"}


def number_range(question: Question) -> tuple[float, float]:
    """The values a number question accepts: its questionnaire's ``min``/``max`` where given,
    else the default range."""
    low, high = question.min_value, question.max_value
    return (
        -DEFAULT_NUMBER_LIMIT if low is None else float(low),
        DEFAULT_NUMBER_LIMIT if high is None else float(high),
    )


def value_problem(question: Question, value: object) -> Message | None:
    """Why ``value`` cannot answer ``question``, or None when it can."""
    kind = question.type
    if kind is QuestionType.MATURITY:
        if type(value) is not int or not 0 <= value < MATURITY_LEVELS:
            return Message(
                "answer_values.maturity_answer_whole_number_from_0_to_not",
                "a maturity answer is a whole number from 0 to {maturity_levels}, not {value!r}",
                maturity_levels=MATURITY_LEVELS - 1, value=value,
            )
    elif kind is QuestionType.YES_NO:
        if type(value) is not bool:
            return Message(
                "answer_values.yes_no_answer_true",
                "a yes/no answer is true or false, not {value!r}",
                value=value,
            )
    elif kind is QuestionType.CHOICE:
        if not isinstance(value, str) or question.option(value) is None:
            allowed = ", ".join(o.value for o in question.options)
            return Message(
                "answer_values.not_one_options",
                "{value!r} is not one of the options ({allowed})",
                value=value, allowed=allowed,
            )
    elif kind is QuestionType.NUMBER:
        if type(value) not in (int, float) or not math.isfinite(value):  # type: ignore[arg-type]
            return Message(
                "answer_values.number_answer_must_be_finite",
                "a number answer must be a finite number, not {value!r}",
                value=value,
            )
        low, high = number_range(question)
        if not low <= value <= high:  # type: ignore[operator]
            return Message(
                "answer_values.number_answer_must_be_from",
                "a number answer must be from {low:g} to {high:g}, not {value:g}",
                low=low, high=high, value=value,
            )
    elif kind is QuestionType.TEXT:
        if not isinstance(value, str):
            return Message(
                "answer_values.text_answer_must_be",
                "a text answer must be text, not {value!r}",
                value=value,
            )
        return TEXT_ANSWER.message(value)
    elif kind is QuestionType.DATE and type(value) is not dt.date:
        return Message(
            "answer_values.date_answer_must_be",
            "a date answer must be a date, not {value!r}",
            value=value,
        )
    return None


class AnswerValueError(UserError, ValueError):
    """A typed answer that cannot be read, worded for the user who typed it."""


def parse_value(question: Question, text: str) -> AnswerValue:
    """Read a typed answer from text; raises AnswerValueError with a message a user can act on."""
    raw = text.strip()
    kind = question.type
    value: AnswerValue
    if kind is QuestionType.MATURITY:
        if not raw.isdigit():
            raise AnswerValueError(Message(
                "answer_values.maturity_answer_whole_number_from_0_to_4",
                "a maturity answer is a whole number from 0 to 4, not '{raw}'",
                raw=raw,
            ))
        value = int(raw)
    elif kind is QuestionType.YES_NO:
        lowered = raw.lower()
        if lowered not in _YES | _NO:
            raise AnswerValueError(Message(
                "answer_values.yes_no_answer_yes",
                "a yes/no answer is yes or no, not '{raw}'",
                raw=raw,
            ))
        value = lowered in _YES
    elif kind is QuestionType.NUMBER:
        if len(raw) > MAX_NUMBER_TEXT:
            raise AnswerValueError(Message(
                "answer_values.number_answer_has_at",
                "a number answer has at most {max_number_text} characters",
                max_number_text=MAX_NUMBER_TEXT,
            ))
        decimal = raw.replace(",", ".") if "." not in raw else raw  # Spanish decimal comma
        try:
            value = int(decimal) if decimal.lstrip("-").isdigit() else float(decimal)
        except ValueError:
            raise AnswerValueError(Message(
                "answer_values.not_number",
                "'{raw}' is not a number",
                raw=raw,
            )) from None
    elif kind is QuestionType.DATE:
        try:
            value = dt.date.fromisoformat(raw)
        except ValueError:
            raise AnswerValueError(Message(
                "answer_values.not_date_in_form",
                "'{raw}' is not a date in the form YYYY-MM-DD",
                raw=raw,
            )) from None
    else:
        value = raw
    problem = value_problem(question, value)
    if problem:
        raise AnswerValueError(problem)
    return value


def value_to_json(value: AnswerValue) -> bool | int | float | str:
    """The JSON form of a value: dates as ISO 8601 strings, everything else as is."""
    return value.isoformat() if isinstance(value, dt.date) else value


def na_problem(question: Question, reason: str) -> Message | None:
    """Why ``question`` cannot be marked not applicable with ``reason``, or None when it can:
    an eligibility condition applies to every applicant, and a must needs a reason that the
    validator can check."""
    if not question.na_allowed:
        return (
            Message(
                "answer_values.eligibility_condition_programme_and",
                "{question_id} is an eligibility condition of the programme and cannot be marked "
                "not applicable; answer it",
                question_id=question.id,
            )
        )
    if question.blocking and not reason.strip():
        return Message(
            "answer_values.say_why_question_does",
            "{question_id}: say why the question does not apply",
            question_id=question.id,
        )
    return None
