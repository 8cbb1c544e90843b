"""Translations (gettext ``.po`` catalogs) and locale-aware formatting (Babel).

Catalogs live in ``resources/translations/<lang>/*.po``; every file of a language is merged,
so each part of the interface keeps its own catalog. English is the source language.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.numbers import format_decimal as _babel_format_decimal
from babel.numbers import format_percent as _babel_format_percent
from babel.numbers import format_scientific as _babel_format_scientific

from aeo_assess.resources import data_path

LANGUAGES: tuple[str, ...] = ("en", "es", "fr")
_NOT_COUNTRIES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "XK"}
_current = "en"
_ESCAPE = re.compile(r'\\([\\abfnrtv"])')
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_CHARSET = re.compile(r"charset=([\w-]+)", re.IGNORECASE)
_ASCII_SPACE = " \t\n\r\v\f"


def catalog_dir(language: str) -> Path:
    return data_path("resources") / "translations" / language


@cache
def _catalog(language: str) -> dict[str, str]:
    messages: dict[str, str] = {}
    for path in sorted(catalog_dir(language).glob("*.po")):
        raw = path.read_bytes()
        plain = _plain_catalog(raw)
        messages |= _babel_catalog(raw, language) if plain is None else plain
    return messages


def _babel_catalog(raw: bytes, language: str) -> dict[str, str]:
    """The translated, non-fuzzy singular messages of a catalog, as Babel reads them."""
    from babel.messages.pofile import read_po

    return {
        message.id: str(message.string)
        for message in read_po(io.BytesIO(raw), locale=language)
        if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
    }


def _plain_catalog(raw: bytes) -> dict[str, str] | None:
    """What ``_babel_catalog`` gives, in a fraction of the time (Babel's parser costs 20 ms at
    the first translated report), for a catalog written as ours are: UTF-8, comments, flags,
    and entries of one ``msgid`` and one ``msgstr``. None for anything else (contexts, plurals,
    obsolete entries, a repeated msgid, another charset), which is left to Babel."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    charset = _CHARSET.search(text)
    if charset is not None and charset[1].lower() not in ("utf-8", "utf8"):
        return None
    messages: dict[str, str] = {}
    seen: set[str] = set()
    entry: list[list[str]] = []  # the msgid's quoted pieces, then the msgstr's
    fuzzy = False
    for line in (*text.split("\n"), "#"):  # a last comment ends the last entry
        line = line.strip(_ASCII_SPACE)  # Babel strips the undecoded line
        if not line:
            continue
        if line[0] == '"':
            if not entry or len(line) < 2 or line[-1] != '"':
                return None
            entry[-1].append(line)
            continue
        if entry and (line[0] == "#" or line.startswith("msgid ")):  # the entry is complete
            if len(entry) != 2:
                return None
            msgid, msgstr = ("".join(map(_unescape, pieces)) for pieces in entry)
            if msgid in seen:
                return None
            seen.add(msgid)
            if msgid and msgstr and not fuzzy:
                messages[msgid] = msgstr
            entry, fuzzy = [], False
        if line[0] == "#":
            if line[1:2] in ("~", "-"):
                return None
            if line[1:2] == ",":
                fuzzy = fuzzy or "fuzzy" in (flag.strip() for flag in line[2:].split(","))
            continue
        keyword, _, quoted = line.partition(" ")
        quoted = quoted.strip()
        if len(quoted) < 2 or quoted[0] != '"' or quoted[-1] != '"':
            return None
        if (keyword, len(entry)) not in (("msgid", 0), ("msgstr", 1)):
            return None
        entry.append([quoted])
    return messages


def _unescape(quoted: str) -> str:
    """A quoted .po string's text (Babel's ``unescape``)."""
    return _ESCAPE.sub(lambda match: _ESCAPES.get(match[1], match[1]), quoted[1:-1])


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


SCIENTIFIC_FROM = 1e15
"""From here on a number prints as 1.7E308: Babel's decimal formatting fails on such values
(decimal.InvalidOperation) and no one reads a 25-digit figure anyway."""


def format_decimal(value: float, lang: str | None = None, digits: int = 1) -> str:
    """Any stored number, in the language's notation."""
    if not math.isfinite(value):
        return str(value)
    if abs(value) >= SCIENTIFIC_FROM:
        return str(_babel_format_scientific(value, format="0.###E0", locale=lang or _current))
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
