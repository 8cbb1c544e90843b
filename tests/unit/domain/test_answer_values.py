"""Number answers have a range: huge values are refused wherever they are typed."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import pytest

from aeo_assess.domain.answer_values import (
    DEFAULT_NUMBER_LIMIT,
    number_range,
    parse_value,
    value_problem,
)
from aeo_assess.domain.questionnaire import Question, QuestionType
from aeo_assess.questionnaires.registry import find


def number_question() -> Question:
    safe = find("safe-aeo")
    assert safe is not None
    return next(q for q in safe.questions() if q.type is QuestionType.NUMBER)


def test_a_number_question_without_a_range_takes_the_default() -> None:
    question = number_question()
    assert number_range(question) == (-DEFAULT_NUMBER_LIMIT, DEFAULT_NUMBER_LIMIT)
    assert value_problem(question, 12) is None
    assert value_problem(question, -DEFAULT_NUMBER_LIMIT) is None


@pytest.mark.parametrize("value", [1e25, 1.7e308, -1.7e308, 2**60, 10**13])
def test_huge_numbers_are_refused(value: float) -> None:
    problem = value_problem(number_question(), value)
    assert problem is not None and "must be from -1e+12 to 1e+12" in str(problem)


def test_a_questionnaire_range_wins_over_the_default() -> None:
    question = cast(Question, SimpleNamespace(type=QuestionType.NUMBER, min_value=0, max_value=100))
    assert number_range(question) == (0.0, 100.0)
    assert value_problem(question, 100) is None
    assert value_problem(question, -1) is not None and value_problem(question, 101) is not None


def test_typed_numbers_out_of_range_or_too_long_are_refused_with_one_line() -> None:
    question = number_question()
    assert parse_value(question, "1234,5") == 1234.5
    with pytest.raises(ValueError, match="must be from"):
        parse_value(question, "1e25")
    with pytest.raises(ValueError, match="at most 40 characters") as caught:
        parse_value(question, "9" * 5000)
    assert len(str(caught.value)) < 100
