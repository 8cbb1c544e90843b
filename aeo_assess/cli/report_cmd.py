"""``report``: readiness reports (PDF) of assessments or applicant files, one or many at once.

Imports stay inside ``run_report`` so that other commands never pay for ReportLab.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from aeo_assess.cli.errors import report_error
from aeo_assess.cli.language import gettext as _
from aeo_assess.cli.values import whole_number
from aeo_assess.languages import known_languages
from aeo_assess.messages import Message

if TYPE_CHECKING:
    from aeo_assess.services.reports import ReportOptions

BAR_WIDTH = 30


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser(
        "report",
        help=_("write readiness reports (PDF, or DOCX for a .docx output)"),
        description=_("Write the readiness report of each assessment (id or id prefix) or "
                      "applicant file (the administration report when a customs administration "
                      "assessed itself). Several reports go into a directory and are made in "
                      "parallel."),
    )
    report.add_argument("targets", nargs="+", metavar=_("ASSESSMENT|FILE.aeoa"))
    report.add_argument("-o", "--output", type=Path, required=True, metavar=_("OUT.pdf|OUT.docx|DIR"))
    report.add_argument(
        "--lang", dest="report_lang", choices=known_languages(), help=_("report language")
    )
    report.add_argument("--page-size", choices=("A4", "Letter"), help=_("default: the setting"))
    report.add_argument(
        "--kind",
        choices=("readiness", "review"),
        default="readiness",
        help=_("readiness (default) or review: the customs review of an assessment"),
    )
    report.add_argument(
        "--since",
        metavar=_("BASELINE"),
        help=_("list the answers changed since this earlier assessment (default: the company's "
               "previous cycle, if any)"),
    )
    report.add_argument(
        "--jobs", type=whole_number, metavar=_("N"), help=_("processes for several reports (default: all cores)")
    )
    report.set_defaults(run=run_report)


class ProgressBar:
    """A one-line bar on a terminal; silent when the stream is not one."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.active = stream.isatty()

    def __call__(self, done: int, total: int, target: str) -> None:
        if not self.active:
            return
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "█" * filled + "░" * (BAR_WIDTH - filled)
        self.stream.write(f"\r{bar} {done}/{total} {Path(target).name[:30]:<30}")
        self.stream.flush()

    def close(self) -> None:
        if self.active:
            self.stream.write("\n")
            self.stream.flush()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection for one report: the collector would only walk what the
    imports and the page layout create (about 5 % of the command's time) to free memory that
    the end of the command frees anyway. A batch keeps it, as its memory grows per report.

    What the report leaves is then frozen (``gc.freeze``), not walked: re-enabling would walk
    it all in the next young collection and the interpreter's exit once more (together about
    40 ms of a 0.5 s command). Reference counting still frees it; only its reference cycles
    stay until the process ends, a report's worth in a program that calls the command."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def run_report(args: argparse.Namespace) -> int:
    if len(args.targets) == 1 and not args.output.is_dir():
        with _collector_paused():
            return _run_report(args)
    return _run_report(args)


def _run_report(args: argparse.Namespace) -> int:
    from aeo_assess.services import reports
    from aeo_assess.services.errors import ServiceError
    from aeo_assess.settings import load_settings

    options = reports.ReportOptions(
        language=args.report_lang or args.lang,
        page_size=args.page_size or load_settings().page_size,
        since=args.since,
    )
    out: Path = args.output
    if args.kind == "review":
        return _run_review_report(args, options)
    if len(args.targets) == 1 and not out.is_dir():
        target = args.targets[0]
        ctx = None
        if not reports.is_applicant_file(target):  # a file's report needs no database layer
            from aeo_assess.services.context import open_context

            ctx = open_context(args.db, args.lang)
        print(reports.write_report(ctx, target, out, options))
        return 0
    if out.suffix.lower() in (".pdf", reports.DOCX_SUFFIX):
        raise ServiceError(Message(
            "report_cmd.reports_need_directory_o_dir_not",
            "{reports} reports need a directory: -o DIR, not {out}",
            reports=len(args.targets), out=out,
        ))
    bar = ProgressBar(sys.stderr)
    try:
        result = reports.write_reports(
            args.db, args.targets, out, options, workers=args.jobs, progress=bar
        )
    finally:
        bar.close()
    for outcome in result.outcomes:
        if outcome.path is not None:
            print(outcome.path)
        elif outcome.error is not None:
            report_error(outcome.error, args.lang, about=outcome.target)
    return 1 if result.failed else 0


def _run_review_report(args: argparse.Namespace, options: ReportOptions) -> int:
    """Review reports come from the database: one per assessment, named after it in a DIR."""
    from aeo_assess.services import assessments, reports
    from aeo_assess.services.context import open_context
    from aeo_assess.services.errors import ServiceError

    if len(args.targets) > 1 and not args.output.is_dir():
        raise ServiceError(Message(
            "report_cmd.reports_need_directory_o_dir",
            "{reports} reports need a directory: -o DIR",
            reports=len(args.targets),
        ))
    ctx = open_context(args.db, args.lang)
    for target in args.targets:
        assessment_id = assessments.resolve(ctx, target)
        out = args.output
        if out.is_dir():
            _questionnaire, assessment, _card = assessments.load(ctx, assessment_id)
            out = out / f"review-{reports.report_file_name(assessment)}"
        print(reports.write_review_report(
            ctx, assessment_id, out, options.language, options.page_size
        ))
    return 0
