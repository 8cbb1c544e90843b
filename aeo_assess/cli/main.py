"""Entry point: parse the command line and dispatch; user errors end in one line, exit 1.

Only argparse-level modules load here (the error types are plain exceptions): each command
imports its services when it runs, so ``--help`` and a file report never pay for SQLAlchemy.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from aeo_assess import __version__
from aeo_assess.cli import (
    assessments_cmd,
    benchmark_cmd,
    cycles_cmd,
    demo_cmd,
    keys_cmd,
    questionnaire_pdf_cmd,
    questionnaires_cmd,
    report_cmd,
    review_cmd,
    upgrade_cmd,
    workshop_cmd,
)
from aeo_assess.cli.errors import report_error, report_interrupted
from aeo_assess.cli.language import asked_language, speaking
from aeo_assess.cli.language import gettext as _
from aeo_assess.languages import known_languages, preferred_language
from aeo_assess.messages import UserError
from aeo_assess.settings import load_settings


class _Version(argparse.Action):
    """``--version`` also says which database a command would use (without opening it)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from aeo_assess.storage.database import default_url, describe_url

        url = namespace.db or default_url()
        print(f"aeo-assess {__version__}")
        print(_("database: {database}").format(database=describe_url(url)))
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aeo-assess",
        description=_("AEO readiness self-assessment on the WCO SAFE Framework of Standards."),
    )
    parser.add_argument(
        "--db",
        default=os.environ.get("AEO_ASSESS_DB"),
        metavar=_("URL"),
        help=_("database URL (default: SQLite in the user data directory; or set AEO_ASSESS_DB)"),
    )
    parser.add_argument(
        "--lang", choices=known_languages(),
        help=_("language (default: the GUI's saved one, else the system's)"),
    )
    parser.add_argument("--version", action=_Version, nargs=0, help=_("show version and database"))
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    questionnaires_cmd.add_parser(commands)
    questionnaire_pdf_cmd.add_parser(commands)
    assessments_cmd.add_parsers(commands)
    benchmark_cmd.add_parser(commands)
    workshop_cmd.add_parser(commands)
    report_cmd.add_parser(commands)
    review_cmd.add_parser(commands)
    demo_cmd.add_parser(commands)
    upgrade_cmd.add_parser(commands)
    keys_cmd.add_parser(commands)
    cycles_cmd.add_parser(commands)
    return parser


BROKEN_PIPE = 141
"""The status a shell gives a command killed by SIGPIPE (128 + 13), as ``head`` leaves it."""


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    saved = load_settings().language
    with speaking(preferred_language(asked_language(argv), saved)):
        args = build_parser().parse_args(argv)
        if args.command is None:
            from aeo_assess.gui.app import main as run_gui  # Qt is loaded only for the GUI

            return run_gui(args.db, args.lang)  # None: the language saved in the settings
    args.lang = preferred_language(args.lang, saved)  # "--la es" too, as argparse reads it
    with speaking(args.lang):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        if getattr(args, "needs_db", False):
            from aeo_assess.services.context import open_context  # the database layer

            ctx = open_context(args.db, args.lang)
            ctx.passphrase = keys_cmd.passphrase_reader(args.lang)
            status = int(args.run(ctx, args))
        else:
            status = int(args.run(args))
        sys.stdout.flush()  # a closed pipe shows here, not at exit as "Exception ignored"
        return status
    except UserError as error:
        report_error(error, args.lang)
        return 1
    except KeyboardInterrupt:
        report_interrupted(args.lang)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return BROKEN_PIPE


def _silence_stdout() -> None:
    """The reader went away (``aeo-assess list | head``): what is still buffered goes
    nowhere, so that Python's exit does not fail writing it (the recipe in the ``signal``
    module's documentation)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a file (tests capture it)
        pass
