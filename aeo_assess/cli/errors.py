"""How the command line reports a user error: one ``error:`` line per problem on stderr."""

from __future__ import annotations

import sys


def report_error(error: BaseException) -> None:
    for line in str(error).splitlines() or [type(error).__name__]:
        print(f"error: {line}", file=sys.stderr)
