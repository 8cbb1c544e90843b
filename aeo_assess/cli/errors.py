"""How the command line reports a user error: one ``error:`` line per problem on stderr, in
the command's language."""

from __future__ import annotations

import sys


def report_error(error: BaseException, language: str) -> None:
    from aeo_assess.i18n import render, translate  # Babel: only once something went wrong

    def _(message: str) -> str:
        return translate(message, language)

    for line in render(error, language).splitlines() or [type(error).__name__]:
        print(_("error: {problem}").format(problem=line), file=sys.stderr)
