"""Entry point: parse the command line and dispatch; user errors end in one line, exit 1."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from aeo_assess import __version__
from aeo_assess.cli import questionnaires_cmd
from aeo_assess.locations import user_data_dir
from aeo_assess.questionnaires.registry import shipped_files


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aeo-assess",
        description="AEO readiness self-assessment on the WCO SAFE Framework of Standards.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"aeo-assess {__version__}\ndata: {user_data_dir()}",
    )
    parser.add_argument("--lang", choices=("en", "es", "fr"), default="en", help="language")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    questionnaires_cmd.add_parser(commands)
    return parser


def _overview() -> int:
    """What ``aeo-assess`` with no command shows until the GUI lands."""
    print(f"aeo-assess {__version__}")
    print(f"data directory: {user_data_dir()}")
    print("shipped questionnaires:")
    for path in shipped_files():
        print(f"  {path.name}")
    print("run 'aeo-assess --help' for the commands")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        return _overview()
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
