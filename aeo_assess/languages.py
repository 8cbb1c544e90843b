"""The interface languages and which one a user wants: the one asked for (``--lang``), else the
one chosen in the GUI, else the system's, else English.

Plain standard library, so that the command line can decide before loading Babel.
"""

from __future__ import annotations

import locale
import os

LANGUAGES: tuple[str, ...] = ("en", "es", "fr")
_NO_LANGUAGE = ("C", "POSIX")


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
    return next((choice for choice in choices if choice in LANGUAGES), None) or system_language()
