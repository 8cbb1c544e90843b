"""Translations (gettext ``.po`` catalogs) and locale-aware formatting (Babel).

Catalogs live in ``resources/translations/<lang>/*.po``; every file of a language is merged,
so each part of the interface keeps its own catalog. English is the source language.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.messages.pofile import read_po
from babel.numbers import format_decimal as _babel_format_decimal
from babel.numbers import format_percent as _babel_format_percent

from aeo_assess.resources import data_path

LANGUAGES: tuple[str, ...] = ("en", "es", "fr")
_NOT_COUNTRIES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "XK"}
_current = "en"


def catalog_dir(language: str) -> Path:
    return data_path("resources") / "translations" / language


@cache
def _catalog(language: str) -> dict[str, str]:
    messages: dict[str, str] = {}
    for path in sorted(catalog_dir(language).glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=language):
                if (
                    message.id
                    and isinstance(message.id, str)
                    and message.string
                    and not message.fuzzy
                ):
                    messages[message.id] = str(message.string)
    return messages


def set_language(language: str) -> None:
    global _current
    _current = language if language in LANGUAGES else "en"


def language() -> str:
    return _current


def gettext(message: str) -> str:
    """The translation of ``message`` in the current language; English when there is none."""
    if _current == "en":
        return message
    return _catalog(_current).get(message, message)


_ = gettext


def format_percent(value: float | None, lang: str | None = None) -> str:
    if value is None:
        return "–"
    return str(_babel_format_percent(value, locale=lang or _current))


def format_decimal(value: float, lang: str | None = None, digits: int = 1) -> str:
    return str(
        _babel_format_decimal(value, format=f"#,##0.{'#' * digits}", locale=lang or _current)
    )


def format_date(value: dt.date | None, lang: str | None = None) -> str:
    if value is None:
        return ""
    return str(_babel_format_date(value, format="medium", locale=lang or _current))


@cache
def countries(lang: str) -> tuple[tuple[str, str], ...]:
    """ISO 3166 alpha-2 codes with their names in ``lang``, sorted by name."""
    names = Locale.parse(lang).territories
    pairs = [
        (code, str(name))
        for code, name in names.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    ]
    return tuple(sorted(pairs, key=lambda pair: pair[1].casefold()))


def country_name(code: str, lang: str | None = None) -> str:
    return dict(countries(lang or _current)).get(code, code)
