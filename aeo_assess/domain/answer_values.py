"""Which values a question accepts, and how typed text becomes one (CSV, command line)."""

from __future__ import annotations

import datetime as dt
import math

from aeo_assess.domain.assessment import AnswerValue
from aeo_assess.domain.questionnaire import MATURITY_LEVELS, Question, QuestionType

_YES = {"yes", "y", "true", "1", "si", "sí", "s", "oui"}
_NO = {"no", "n", "false", "0", "non"}


def value_problem(question: Question, value: object) -> str | None:
    """Why ``value`` cannot answer ``question``, or None when it can."""
    kind = question.type
    if kind is QuestionType.MATURITY:
        if type(value) is not int or not 0 <= value < MATURITY_LEVELS:
            return f"a maturity answer is a whole number from 0 to {MATURITY_LEVELS - 1}, not {value!r}"
    elif kind is QuestionType.YES_NO:
        if type(value) is not bool:
            return f"a yes/no answer is true or false, not {value!r}"
    elif kind is QuestionType.CHOICE:
        if not isinstance(value, str) or question.option(value) is None:
            allowed = ", ".join(o.value for o in question.options)
            return f"{value!r} is not one of the options ({allowed})"
    elif kind is QuestionType.NUMBER:
        if type(value) not in (int, float) or not math.isfinite(value):  # type: ignore[arg-type]
            return f"a number answer must be a finite number, not {value!r}"
    elif kind is QuestionType.TEXT:
        if not isinstance(value, str):
            return f"a text answer must be text, not {value!r}"
    elif kind is QuestionType.DATE and type(value) is not dt.date:
        return f"a date answer must be a date, not {value!r}"
    return None


def parse_value(question: Question, text: str) -> AnswerValue:
    """Read a typed answer from text; raises ValueError with a message a user can act on."""
    raw = text.strip()
    kind = question.type
    value: AnswerValue
    if kind is QuestionType.MATURITY:
        if not raw.isdigit():
            raise ValueError(f"a maturity answer is a whole number from 0 to 4, not '{raw}'")
        value = int(raw)
    elif kind is QuestionType.YES_NO:
        lowered = raw.lower()
        if lowered not in _YES | _NO:
            raise ValueError(f"a yes/no answer is yes or no, not '{raw}'")
        value = lowered in _YES
    elif kind is QuestionType.NUMBER:
        decimal = raw.replace(",", ".") if "." not in raw else raw  # Spanish decimal comma
        try:
            value = int(decimal) if decimal.lstrip("-").isdigit() else float(decimal)
        except ValueError:
            raise ValueError(f"'{raw}' is not a number") from None
    elif kind is QuestionType.DATE:
        try:
            value = dt.date.fromisoformat(raw)
        except ValueError:
            raise ValueError(f"'{raw}' is not a date in the form YYYY-MM-DD") from None
    else:
        value = raw
    problem = value_problem(question, value)
    if problem:
        raise ValueError(problem)
    return value


def value_to_json(value: AnswerValue) -> bool | int | float | str:
    """The JSON form of a value: dates as ISO 8601 strings, everything else as is."""
    return value.isoformat() if isinstance(value, dt.date) else value


def na_problem(question: Question, reason: str) -> str | None:
    """Why ``question`` cannot be marked not applicable with ``reason``, or None when it can:
    an eligibility condition applies to every applicant, and a must needs a reason that the
    validator can check."""
    if not question.na_allowed:
        return (
            f"{question.id} is an eligibility condition of the programme and cannot be marked "
            "not applicable; answer it"
        )
    if question.blocking and not reason.strip():
        return f"{question.id}: say why the question does not apply"
    return None
