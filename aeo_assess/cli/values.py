"""Argument value types that refuse in the user's language: argparse's own refusal names the
Python type ("valor int no válido"), which no user of the program should read."""

from __future__ import annotations

import argparse
import datetime as dt

from aeo_assess.cli.language import say
from aeo_assess.domain.fields import printable
from aeo_assess.messages import Message


def whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say(Message(
            "values.not_whole_number", "'{text}' is not a whole number", text=printable(text)[:40],
        ))) from None


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say(Message(
            "values.not_date_like_2026", "'{text}' is not a date like 2026-03-09",
            text=printable(text)[:40],
        ))) from None
