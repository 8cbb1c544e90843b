"""Checks of JSON members shared by the applicant and review readers: every refusal names the
member and the field path, e.g. ``assessment.json: answers.SAFE-A.01.value: ...``."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from aeo_assess.domain.fields import FieldRule
from aeo_assess.files.jsonio import parse_date, parse_utc
from aeo_assess.messages import Message, UserError


class FieldError(UserError):
    """A problem in the content, worded relative to the file; reader and writer frame it."""


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class Fields:
    """The checks, each failing with a FieldError that starts with the member's name."""

    def __init__(self, member: str) -> None:
        self.member = member

    def fail(self, path: str, problem: Message) -> FieldError:
        if not path:
            return FieldError(
                Message("file.member_problem", "{member}: {problem}", member=self.member,
                        problem=problem)
            )
        return FieldError(
            Message("file.field_problem", "{member}: {path}: {problem}", member=self.member,
                    path=path, problem=problem)
        )

    def object(self, value: Any, path: str, keys: frozenset[str] | None = None) -> dict[str, Any]:
        """``value`` as an object; with ``keys``, exactly those keys (a typo must not pass)."""
        if not isinstance(value, dict):
            raise self.fail(path, Message(
                "fields.must_be_json_object",
                "must be a JSON object",
            ))
        if keys is not None and value.keys() != keys:  # as a rule they are: check only then
            missing = sorted(keys - value.keys())
            if missing:
                raise self.fail(join(path, missing[0]), Message(
                    "fields.missing",
                    "is missing",
                ))
            unknown = sorted(value.keys() - keys)
            if unknown:
                raise self.fail(join(path, unknown[0]), Message(
                    "fields.not_known_field",
                    "is not a known field",
                ))
        return value

    def list(self, value: Any, path: str, max_items: int) -> list[Any]:
        """A JSON array of at most ``max_items``, counted before any item is looked at."""
        if not isinstance(value, list):
            raise self.fail(path, Message(
                "fields.must_be_json_array",
                "must be a JSON array",
            ))
        if len(value) > max_items:
            raise self.fail(path, Message(
                "fields.has_items_at_most",
                "has {items} items; at most {max_items} are allowed",
                items=len(value), max_items=max_items,
            ))
        return value

    def text(self, value: Any, path: str, rule: FieldRule) -> str:
        """A string that ``rule`` accepts: the same rule the services apply to typed input."""
        if not isinstance(value, str):
            raise self.fail(path, Message("fields.must_be_string", "must be a string"))
        problem = rule.problem(value)
        if problem is not None:
            raise self.fail(path, problem)
        return value

    def pattern(self, value: Any, path: str, pattern: re.Pattern[str], what: str) -> str:
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise self.fail(path, Message("fields.must_be", "must be {what}", what=what))
        return value

    def boolean(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, Message("fields.must_be_true_or", "must be true or false"))
        return value

    def moment(self, value: Any, path: str) -> dt.datetime:
        moment = parse_utc(value) if isinstance(value, str) else None
        if moment is None:
            raise self.fail(
                path, Message(
                    "fields.must_be_iso_8601",
                    "must be an ISO 8601 timestamp with a UTC offset, like 2026-03-01T09:30:00Z",
                )
            )
        return moment

    def date(self, value: Any, path: str) -> dt.date:
        day = parse_date(value) if isinstance(value, str) else None
        if day is None:
            raise self.fail(path, Message(
                "fields.must_be_calendar_date",
                "must be a calendar date written YYYY-MM-DD",
            ))
        return day
