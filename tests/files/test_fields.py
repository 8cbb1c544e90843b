"""The object check that every field of a file goes through: its shortcut for an object with
exactly the expected keys must refuse and accept as the full comparison does."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from aeo_assess.files.fields import FieldError, Fields, join

FIELDS = Fields("assessment.json")
KEYS = st.frozensets(st.sampled_from("abcde"))


def _full_comparison(value: dict[str, Any], keys: frozenset[str]) -> str | None:
    """The path the check must name, or None when ``value`` has exactly ``keys``."""
    missing = sorted(keys - value.keys())
    if missing:
        return join("answers.X", missing[0]) + ": is missing"
    unknown = sorted(value.keys() - keys)
    if unknown:
        return join("answers.X", unknown[0]) + ": is not a known field"
    return None


@given(given_keys=KEYS, keys=KEYS)
def test_the_shortcut_refuses_exactly_what_the_full_comparison_refuses(
    given_keys: frozenset[str], keys: frozenset[str]
) -> None:
    value = dict.fromkeys(given_keys, 0)
    expected = _full_comparison(value, keys)
    try:
        assert FIELDS.object(value, "answers.X", keys) is value
    except FieldError as error:
        assert str(error) == f"assessment.json: {expected}"
    else:
        assert expected is None
