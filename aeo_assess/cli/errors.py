"""How the command line reports a user error: one ``error:`` line per problem on stderr, in
the command's language (French writes "erreur :")."""

from __future__ import annotations

import sys
from collections.abc import Callable


def report_error(error: BaseException, language: str, about: str | None = None) -> None:
    """Each line of ``error`` in ``language``, after ``about`` (a file, a target) if given."""
    from aeo_assess.i18n import render  # Babel: only once something went wrong

    for line in render(error, language).splitlines() or [type(error).__name__]:
        error_line(line if about is None else f"{about}: {line}", language)


def error_line(text: str, language: str) -> None:
    """``text`` (already in ``language``) as an error line on stderr."""
    _ = _translator(language)
    print(_("error: {problem}").format(problem=text), file=sys.stderr)


def report_interrupted(language: str) -> None:
    _ = _translator(language)
    print(_("interrupted"), file=sys.stderr)


def _translator(language: str) -> Callable[[str], str]:
    """gettext in ``language``, whatever language code it is (a pseudo-locale too)."""
    from aeo_assess.i18n import translate

    return lambda message: translate(message, language)
