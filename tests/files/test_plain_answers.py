"""The reader takes an ordinary answer entry on a fast path (``applicant._plain_answer``):
whatever it accepts, the full check must accept as the same answer."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from aeo_assess.domain.assessment import Answer
from aeo_assess.files import applicant
from aeo_assess.files.fields import FieldError

from .samples import QUESTION_IDS, QUESTIONNAIRE_RAW

QUESTIONNAIRE = applicant._questionnaire(QUESTIONNAIRE_RAW, applicant.Message("t", "t"))
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 6),
    st.floats(allow_nan=True),
    st.sampled_from(["", "yes", "2026-01-01", "a\x07b", "line\nbreak", "\ud800", "x" * 20_001]),
    st.text(max_size=10),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
KEYS = st.sampled_from(sorted(applicant._ANSWER_KEYS | {"extra"}))
TYPICAL = {
    "value": st.none() | st.integers(-1, 5) | st.booleans(),
    "na_reason": st.none(),
    "comment": st.sampled_from(["", "revisado", "a\x07b", "line\nbreak", "x" * 20_001]),
    "flagged": st.booleans(),
    "extra": st.none(),
}
"""Mostly what the fast path takes, so that its every condition is reached."""


@st.composite
def entries(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 9)) == 0:
        return draw(VALUES)
    keys = set(applicant._ANSWER_KEYS)
    if draw(st.integers(0, 4)) == 0:
        keys = set(draw(st.lists(KEYS, max_size=5)))
    return {
        key: draw(st.integers(0, 3).flatmap(lambda n, key=key: TYPICAL[key] if n else VALUES))
        for key in sorted(keys)
    }


@settings(max_examples=1_500)
@given(raw=entries())
def test_what_the_fast_path_accepts_the_full_check_accepts_alike(raw: Any) -> None:
    for question_id in QUESTION_IDS:
        question = QUESTIONNAIRE.question(question_id)
        fast = applicant._plain_answer(raw, question)
        try:
            full: Answer | None = applicant._answer(raw, question, f"answers.{question_id}")
        except FieldError:
            full = None
        if fast is not None:
            assert fast == full
