"""Checks of JSON members shared by the applicant and review readers: every refusal names the
member and the field path, e.g. ``assessment.json: answers.SAFE-A.01.value: ...``."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from aeo_assess.files.jsonio import parse_date, parse_utc

NOT_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
"""Control characters and unpaired surrogates (which cannot be encoded)."""
NOT_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
"""The same, but tab, line feed and carriage return are allowed in multi-line text."""


class FieldError(Exception):
    """A problem in the content, worded relative to the file; reader and writer frame it."""


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class Fields:
    """The checks, each failing with a FieldError that starts with the member's name."""

    def __init__(self, member: str) -> None:
        self.member = member

    def fail(self, path: str, problem: str) -> FieldError:
        return FieldError(
            f"{self.member}: {path}: {problem}" if path else f"{self.member}: {problem}"
        )

    def object(self, value: Any, path: str, keys: frozenset[str] | None = None) -> dict[str, Any]:
        """``value`` as an object; with ``keys``, exactly those keys (a typo must not pass)."""
        if not isinstance(value, dict):
            raise self.fail(path, "must be a JSON object")
        if keys is not None:
            missing = sorted(keys - value.keys())
            if missing:
                raise self.fail(join(path, missing[0]), "is missing")
            unknown = sorted(value.keys() - keys)
            if unknown:
                raise self.fail(join(path, unknown[0]), "is not a known field")
        return value

    def list(self, value: Any, path: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(path, "must be a JSON array")
        return value

    def text(
        self,
        value: Any,
        path: str,
        max_length: int,
        *,
        multiline: bool = False,
        required: bool = False,
    ) -> str:
        if not isinstance(value, str):
            raise self.fail(path, "must be a string")
        if len(value) > max_length:
            raise self.fail(path, f"is longer than {max_length:,} characters")
        if required and not value.strip():
            raise self.fail(path, "must not be empty")
        bad = (NOT_IN_TEXT if multiline else NOT_IN_LINE).search(value)
        if bad is None:
            return value
        if 0xD800 <= ord(bad.group()) <= 0xDFFF:
            raise self.fail(path, "contains an unpaired surrogate (not valid Unicode text)")
        raise self.fail(path, f"contains the control character U+{ord(bad.group()):04X}")

    def pattern(self, value: Any, path: str, pattern: re.Pattern[str], what: str) -> str:
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise self.fail(path, f"must be {what}")
        return value

    def boolean(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, "must be true or false")
        return value

    def moment(self, value: Any, path: str) -> dt.datetime:
        moment = parse_utc(value) if isinstance(value, str) else None
        if moment is None:
            raise self.fail(
                path, "must be an ISO 8601 timestamp with a UTC offset, like 2026-03-01T09:30:00Z"
            )
        return moment

    def date(self, value: Any, path: str) -> dt.date:
        day = parse_date(value) if isinstance(value, str) else None
        if day is None:
            raise self.fail(path, "must be a calendar date written YYYY-MM-DD")
        return day
