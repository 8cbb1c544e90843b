"""Translations (gettext ``.po`` catalogs) and locale-aware formatting (Babel).

Catalogs live in ``resources/translations/<lang>/*.po``; every file of a language is merged,
so each part of the interface keeps its own catalog. English is the source language.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable
from functools import cache
from gettext import c2py
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.dates import format_skeleton as _babel_format_skeleton
from babel.numbers import format_decimal as _babel_format_decimal
from babel.numbers import format_percent as _babel_format_percent
from babel.numbers import format_scientific as _babel_format_scientific

from aeo_assess.domain.text import register_derived_language, unregister_derived_language
from aeo_assess.languages import LANGUAGES as LANGUAGES
from aeo_assess.languages import formats_language, known_languages
from aeo_assess.languages import register_language as _register_language
from aeo_assess.languages import unregister_language as _unregister_language
from aeo_assess.messages import Message, UserError
from aeo_assess.resources import data_path

_NOT_COUNTRIES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "XK"}
_current = "en"
_ESCAPE = re.compile(r'\\([\\abfnrtv"])')
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_CHARSET = re.compile(r"charset=([\w-]+)", re.IGNORECASE)
_ASCII_SPACE = " \t\n\r\v\f"


def catalog_dir(language: str) -> Path:
    return data_path("resources") / "translations" / language


Plurals = dict[str, tuple[str, ...]]
"""A catalog's plural messages: each form's translation, by the English singular."""


@cache
def _messages(language: str) -> tuple[dict[str, str], Plurals]:
    messages: dict[str, str] = {}
    plurals: Plurals = {}
    for path in sorted(catalog_dir(language).glob("*.po")):
        raw = path.read_bytes()
        singular, plural = _plain_catalog(raw) or _babel_catalog(raw, language)
        messages |= singular
        plurals |= plural
    return messages, plurals


def _catalog(language: str) -> dict[str, str]:
    return _messages(language)[0]


_generated: dict[str, Callable[[str], str]] = {}
"""Languages whose every message is made from the English one, not read from a catalog."""


def register_generated_language(
    code: str, derive: Callable[[str], str], formats_of: str = "en"
) -> None:
    """A language for tests, never shipped: every message, plural form and questionnaire or
    glossary text is ``derive(english)``, numbers and dates are ``formats_of``'s. The
    pseudo-language check (tests/pseudo) wraps each message in ⟦…⟧ to find English left
    untranslated on screen and on paper."""
    _generated[code] = derive
    _register_language(code, formats_of)
    register_derived_language(code, derive)


def unregister_generated_language(code: str) -> None:
    global _current
    _generated.pop(code, None)
    _unregister_language(code)
    unregister_derived_language(code)
    if _current == code:
        _current = "en"


def is_language(code: str) -> bool:
    """One of ours, or a registered test language."""
    return code in known_languages()


def _locale(lang: str | None) -> str:
    """Babel's locale for a language (a generated one borrows another's)."""
    return formats_language(lang or _current)


def _babel_catalog(raw: bytes, language: str) -> tuple[dict[str, str], Plurals]:
    """The translated, non-fuzzy messages of a catalog, as Babel reads them."""
    from babel.messages.pofile import read_po

    messages: dict[str, str] = {}
    plurals: Plurals = {}
    for message in read_po(io.BytesIO(raw), locale=language):
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, str):
            if message.string:
                messages[message.id] = str(message.string)
        elif message.string and all(message.string):
            plurals[message.id[0]] = tuple(str(form) for form in message.string)
    return messages, plurals


_KEYWORDS = re.compile(r"msgid|msgid_plural|msgstr|msgstr\[\d+\]")


def _plain_catalog(raw: bytes) -> tuple[dict[str, str], Plurals] | None:
    """What ``_babel_catalog`` gives, in a fraction of the time (Babel's parser costs 20 ms at
    the first translated report), for a catalog written as ours are: UTF-8, comments, flags,
    and entries of one ``msgid`` and one ``msgstr``, or of a ``msgid``, a ``msgid_plural`` and
    ``msgstr[0]``, ``msgstr[1]``... in order. None for anything else (contexts, obsolete
    entries, a repeated msgid, another charset), which is left to Babel."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    charset = _CHARSET.search(text)
    if charset is not None and charset[1].lower() not in ("utf-8", "utf8"):
        return None
    messages: dict[str, str] = {}
    plurals: Plurals = {}
    seen: set[str] = set()
    keywords: list[str] = []
    entry: list[list[str]] = []  # each keyword's quoted pieces
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
            texts = ["".join(map(_unescape, pieces)) for pieces in entry]
            if keywords == ["msgid", "msgstr"]:
                msgid = texts[0]
                if msgid and texts[1] and not fuzzy:
                    messages[msgid] = texts[1]
            elif keywords[:3] == ["msgid", "msgid_plural", "msgstr[0]"] and keywords[3:] == [
                f"msgstr[{i}]" for i in range(1, len(keywords) - 2)
            ]:
                msgid = texts[0]
                if msgid and all(texts[2:]) and not fuzzy:
                    plurals[msgid] = tuple(texts[2:])
            else:
                return None
            if msgid in seen:
                return None
            seen.add(msgid)
            keywords, entry, fuzzy = [], [], False
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
        if not _KEYWORDS.fullmatch(keyword) or (keyword == "msgid") != (not keywords):
            return None
        keywords.append(keyword)
        entry.append([quoted])
    return messages, plurals


def _unescape(quoted: str) -> str:
    """A quoted .po string's text (Babel's ``unescape``)."""
    return _ESCAPE.sub(lambda match: _ESCAPES.get(match[1], match[1]), quoted[1:-1])


def set_language(language: str) -> None:
    global _current
    _current = language if is_language(language) else "en"


def language() -> str:
    return _current


def gettext(message: str) -> str:
    """The translation of ``message`` in the current language; English when there is none."""
    return translate(message, _current)


_ = gettext


def N_(message: str) -> str:
    """Mark ``message`` for translation where it is defined; it is translated where shown."""
    return message


def translate(message: str, language: str) -> str:
    """The translation of ``message`` in ``language`` (reports render in their own)."""
    if language == "en":
        return message
    derive = _generated.get(language)
    if derive is not None:
        return derive(message)
    return _catalog(language).get(message, message)


def ngettext(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    """The form of a counted message that ``n`` takes in the language (French says "0
    évaluation", Spanish "0 evaluaciones"); English when there is no translation."""
    language = lang or _current
    derive = _generated.get(language)
    if derive is not None:
        return derive(singular if n == 1 else plural)
    forms = None if language == "en" else _messages(language)[1].get(singular)
    if forms:
        return forms[min(_plural_rule(language)(n), len(forms) - 1)]
    return singular if n == 1 else plural


@cache
def _plural_rule(language: str) -> Callable[[int], int]:
    """The index of a count's plural form, by the rule our catalogs' headers state (Babel's)."""
    from babel.messages.plurals import get_plural  # 10 ms: only where a count is said

    return c2py(get_plural(language).plural_expr)


def translator(language: str) -> Callable[[str], str]:
    """gettext in ``language`` whatever the interface's: command-line output follows
    ``--lang`` without changing the language the rest of the process uses."""
    if not is_language(language):
        return lambda message: message
    return lambda message: translate(message, language)


def render(value: Message | BaseException | str, language: str) -> str:
    """A message, or an error's, in ``language`` through the catalogs (any language code
    whose catalogs exist, a pseudo-locale too); an error that carries no message is shown as
    its English text, and an error with no text at all by its type's name."""
    if isinstance(value, Message):
        return value.render(lambda m: _template(m, language), lambda n: format_integer(n, language))
    if isinstance(value, UserError):
        return value.render_with(
            lambda m: _template(m, language), lambda n: format_integer(n, language)
        )
    return str(value) or type(value).__name__


def _template(message: Message, language: str) -> str:
    if message.plural is None or message.count is None:
        return translate(message.text, language)
    return ngettext(message.text, message.plural, message.count, language)


def format_percent(value: float | None, lang: str | None = None) -> str:
    if value is None:
        return "–"
    return str(_babel_format_percent(value, locale=_locale(lang)))


SCIENTIFIC_FROM = 1e15
"""From here on a number prints as 1.7E308: Babel's decimal formatting fails on such values
(decimal.InvalidOperation) and no one reads a 25-digit figure anyway."""


def format_decimal(value: float, lang: str | None = None, digits: int = 1) -> str:
    """Any stored number, in the language's notation."""
    if not math.isfinite(value):
        return str(value)
    if abs(value) >= SCIENTIFIC_FROM:
        return str(_babel_format_scientific(value, format="0.###E0", locale=_locale(lang)))
    return str(
        _babel_format_decimal(value, format=f"#,##0.{'#' * digits}", locale=_locale(lang))
    )


def format_date(value: dt.date | None, lang: str | None = None) -> str:
    if value is None:
        return ""
    return str(_babel_format_date(value, format="medium", locale=_locale(lang)))


def format_partial_date(iso: str, lang: str | None = None) -> str:
    """A date to the precision a source gives it: "2019" stays, "2019-12" is the month ("dic
    2019"), "2019-12-19" the medium date ("19 dic 2019")."""
    parts = [int(part) for part in iso.split("-")]
    if len(parts) == 3:
        return format_date(dt.date(*parts), lang)
    if len(parts) == 2:
        month = dt.date(parts[0], parts[1], 1)
        return str(_babel_format_skeleton("yMMM", month, locale=_locale(lang)))
    return iso


def medium_date_pattern(lang: str | None = None) -> str:
    """The language's medium date format as a CLDR pattern ("d MMM y"), for widgets that
    format dates themselves (Qt's date editors) to agree with ``format_date``."""
    from babel.dates import get_date_format

    return str(get_date_format("medium", locale=_locale(lang)).pattern)


def format_size(size: int, lang: str | None = None) -> str:
    """A file size in the units people read, in the language's words: "512 bytes", "12,5 kB",
    "3,1 Mo"."""
    from babel.units import format_unit

    locale = _locale(lang)
    if size < 1024:
        return str(format_unit(size, "digital-byte", length="long", locale=locale))
    unit, value = ("digital-kilobyte", size / 1024) if size < 1024**2 else (
        "digital-megabyte", size / 1024**2)
    return str(format_unit(value, unit, length="short", format="#,##0.#", locale=locale))


def format_integer(value: int, lang: str | None = None) -> str:
    return format_decimal(value, lang, digits=0)


@cache
def countries(lang: str) -> tuple[tuple[str, str], ...]:
    """ISO 3166 alpha-2 codes with their names in ``lang``, sorted by name."""
    names = Locale.parse(formats_language(lang)).territories
    pairs = [
        (code, str(name))
        for code, name in names.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    ]
    return tuple(sorted(pairs, key=lambda pair: pair[1].casefold()))


def language_name(lang: str) -> str:
    """A language's name in its own words, capitalised ("Español"); a generated test
    language has only its code."""
    if lang in _generated:
        return lang
    name = Locale.parse(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]


def country_name(code: str, lang: str | None = None) -> str:
    return dict(countries(lang or _current)).get(code, code)
