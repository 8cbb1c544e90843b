"""The interface languages and which one a user wants: the one asked for (``--lang``), else the
one chosen in the GUI, else the system's, else English.

Plain standard library, so that the command line can decide before loading Babel.
"""

from __future__ import annotations

import locale
import os

LANGUAGES: tuple[str, ...] = ("en", "es", "fr")
_NO_LANGUAGE = ("C", "POSIX")
_extra: dict[str, str] = {}
"""Languages made at run time (the tests' pseudo-language), by the language whose number and
date formats they borrow. Never shipped: nothing outside the tests registers one."""


def register_language(code: str, formats_of: str) -> None:
    """Accept ``code`` wherever a language is chosen (``--lang``, the interface language);
    its numbers and dates are written as ``formats_of`` writes them."""
    _extra[code] = formats_of


def unregister_language(code: str) -> None:
    _extra.pop(code, None)


def known_languages() -> tuple[str, ...]:
    """The shipped languages and any registered one."""
    return LANGUAGES + tuple(_extra)


def formats_language(code: str) -> str:
    """The language whose formats (Babel's locale) ``code`` uses: itself unless registered."""
    return _extra.get(code, code)


def system_language() -> str:
    """The system's language if we have it, else English. The environment as gettext reads it
    (``LANGUAGE``, a list, then ``LC_ALL``, ``LC_MESSAGES``, ``LANG``; "C" means none), then
    the locale Python sees (Windows and macOS set no variable)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if not value:
            continue
        if value.split(".")[0] in _NO_LANGUAGE:
            return "en"
        for item in value.split(":"):
            if item[:2].lower() in LANGUAGES:
                return item[:2].lower()
        if name != "LANGUAGE":  # the first locale variable set decides
            return "en"
    system = locale.getlocale()[0] or ""
    return system[:2].lower() if system[:2].lower() in LANGUAGES else "en"


def preferred_language(*choices: str | None) -> str:
    """The first of ``choices`` that is one of ours (``--lang``, then the saved one), else the
    system's language."""
    known = known_languages()
    return next((choice for choice in choices if choice in known), None) or system_language()
