"""The command line's language, for argparse's own words too.

argparse words its usage, help and errors with the ``_`` and ``ngettext`` of its module, looked
up at each call; while a command runs they translate through our catalogs (``argparse.po``), so
"usage:" and "the following arguments are required" read in the user's language. English is
argparse's own text and needs no catalog.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from aeo_assess.messages import Message

_language = "en"


def current() -> str:
    """The language of this command's messages (argument types check values before a
    command knows its arguments)."""
    return _language


def asked_language(argv: Sequence[str]) -> str | None:
    """The ``--lang`` given before the command, read before argparse runs so that argparse's
    own messages are in it; a command's ``--lang`` (a report's) is the report's language."""
    tokens = iter(argv)
    for token in tokens:
        if token == "--lang":
            return next(tokens, None)
        if token.startswith("--lang="):
            return token.partition("=")[2]
        if token == "--db":
            next(tokens, None)
        elif not token.startswith("-"):
            return None
    return None


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Messages and argparse in ``language`` until the command ends; then as before."""
    global _language
    saved_language = _language
    namespace = vars(argparse)
    saved: dict[str, Callable[..., str]] = {name: namespace[name] for name in ("_", "ngettext")}
    _language = language
    if language != "en":
        from aeo_assess import i18n

        namespace["_"] = lambda message: i18n.translate(message, language)
        namespace["ngettext"] = lambda one, many, n: i18n.ngettext(one, many, n, language)
    try:
        yield
    finally:
        _language = saved_language
        namespace.update(saved)


def translation(language: str) -> Callable[[str], str]:
    """gettext in ``language``, whatever language code it is (a pseudo-locale too)."""
    from aeo_assess.i18n import translate

    return lambda message: translate(message, language)


def gettext(message: str) -> str:
    """``message`` in the command's language. The parser's help texts are built with it, in
    the language ``speaking`` chose before argparse ran; English loads no catalog."""
    if _language == "en":
        return message
    from aeo_assess.i18n import translate

    return translate(message, _language)


def ngettext(one: str, many: str, count: int) -> str:
    """The form of ``one``/``many`` for ``count``, in the command's language."""
    from aeo_assess import i18n

    return i18n.ngettext(one, many, count, _language)


def say(message: Message) -> str:
    """``message`` in the command's language."""
    from aeo_assess.i18n import render

    return render(message, _language)
