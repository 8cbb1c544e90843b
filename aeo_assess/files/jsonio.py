"""Strict JSON and timestamp handling shared by every file kind.

Files come from other machines and other programs, so parsing refuses what Python's ``json``
would quietly accept: duplicate keys (which one wins is reader-dependent), ``NaN``/``Infinity``
(not JSON), invalid UTF-8 and nesting deep enough to exhaust the stack.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from aeo_assess.files.errors import FileFormatError
from aeo_assess.messages import Message, UserError

_UTC_TIMESTAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})", re.ASCII
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


class _HookError(UserError, ValueError):
    """What the JSON decoder's hooks refuse, worded for the user."""


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _HookError(Message("json.duplicate_key", "duplicate key '{key}'", key=key))
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise _HookError(Message("json.not_a_number", "'{name}' is not a JSON number", name=name))


class _TooManyObjects(Exception):
    pass


def load_json(raw: bytes, where: str, max_objects: int | None = None) -> Any:
    """Parse ``raw`` strictly; ``where`` (file and member) starts the error message. With
    ``max_objects``, parsing stops at the first object beyond it: a member that lists 120,000
    items is refused after reading a few thousand, not after building them all."""
    hook = _object_without_duplicates
    if max_objects is not None:
        count = 0

        def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            nonlocal count
            count += 1
            if count > max_objects:
                raise _TooManyObjects
            return _object_without_duplicates(pairs)

    try:
        text = raw.decode("utf-8")
        return json.loads(text, object_pairs_hook=hook, parse_constant=_no_constants)
    except _TooManyObjects:
        raise FileFormatError(
            Message(
                "jsonio.holds_more_than_json",
                "{where}: holds more than {max_objects} JSON objects, more than such a file can",
                where=where, max_objects=max_objects,
            )
        ) from None
    except UnicodeDecodeError as error:
        raise FileFormatError(Message(
            "jsonio.not_utf_8_byte",
            "{where}: not UTF-8 (byte {error_start})",
            where=where, error_start=error.start,
        )) from None
    except json.JSONDecodeError as error:
        raise FileFormatError(
            Message(
                "jsonio.not_valid_json_at",
                "{where}: not valid JSON: {error_msg} at line {error_lineno} column {error_colno}",
                where=where, error_msg=error.msg, error_lineno=error.lineno,
                error_colno=error.colno,
            )
        ) from None
    except ValueError as error:  # our hooks, and integers too long to convert
        raise FileFormatError(Message(
            "jsonio.not_valid_json",
            "{where}: not valid JSON: {error}",
            where=where, error=error,
        )) from None
    except RecursionError:
        raise FileFormatError(Message(
            "jsonio.json_nested_too_deeply",
            "{where}: JSON nested too deeply",
            where=where,
        )) from None


def dump_json(data: Any) -> bytes:
    """Canonical bytes: the same data always gives the same bytes (and the same SHA-256)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


def format_utc(moment: dt.datetime) -> str:
    """ISO 8601 in UTC with a ``Z``; naive datetimes are taken to be UTC already."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.replace(tzinfo=None).isoformat() + "Z"


def parse_utc(text: str) -> dt.datetime | None:
    """An aware UTC datetime, or None when ``text`` is not an ISO 8601 timestamp with offset."""
    if not _UTC_TIMESTAMP.fullmatch(text):
        return None
    try:
        return dt.datetime.fromisoformat(text).astimezone(dt.UTC)
    except (ValueError, OverflowError):
        return None


def parse_date(text: str) -> dt.date | None:
    """A calendar date from ``YYYY-MM-DD``, or None when it is not one."""
    if not _DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
