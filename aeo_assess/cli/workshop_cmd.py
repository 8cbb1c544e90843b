"""``aeo-assess workshop new | list | add | import | report | print-all``.

Every action imports its services only when run: building the parser pays for neither the
database layer nor ReportLab."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aeo_assess.cli.errors import error_line, report_error
from aeo_assess.cli.language import gettext as _
from aeo_assess.cli.language import ngettext
from aeo_assess.cli.values import iso_date, whole_number
from aeo_assess.domain.fields import printable
from aeo_assess.languages import known_languages

if TYPE_CHECKING:
    from aeo_assess.services.context import AppContext
    from aeo_assess.services.workshops import Workshop

type Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_parser(commands: Commands) -> Commands:
    """Register the workshop actions and return their subparsers, on which the reports'
    ``workshop report`` and ``workshop print-all`` register too."""
    parser = commands.add_parser("workshop", help=_("workshops: create, list, add, import"))
    actions = parser.add_subparsers(dest="action", required=True, metavar=_("ACTION"))

    new = actions.add_parser("new", help=_("create a workshop and print its number"))
    new.add_argument("name", metavar=_("NAME"))
    new.add_argument("--place", default="", metavar=_("PLACE"))
    new.add_argument("--from", dest="starts_on", type=iso_date, metavar=_("DATE"))
    new.add_argument("--to", dest="ends_on", type=iso_date, metavar=_("DATE"))
    new.add_argument("--facilitator", default="", metavar=_("FACILITATOR"))
    new.add_argument("--demo", action="store_true", help=_("a workshop of demonstration data"))
    new.set_defaults(run=run_new, needs_db=True)

    listing = actions.add_parser("list", help=_("list workshops"))
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=run_list, needs_db=True)

    add = actions.add_parser("add", help=_("add assessments to a workshop"))
    add.add_argument("workshop", metavar=_("WORKSHOP"), help=_("its number or exact name"))
    add.add_argument("assessments", nargs="+", metavar=_("ASSESSMENT"))
    add.set_defaults(run=run_add, needs_db=True)

    importing = actions.add_parser(
        "import", help=_("import .aeoa files (and .csv answer sheets named by assessment id)")
    )
    importing.add_argument("workshop", metavar=_("WORKSHOP"))
    importing.add_argument("files", nargs="+", type=Path, metavar=_("FILE"))
    importing.set_defaults(run=run_import, needs_db=True)

    report = actions.add_parser(
        "report",
        help=_("write the workshop summary (PDF): aggregate figures, no company named"),
    )
    report.add_argument("workshop", metavar=_("WORKSHOP"))
    report.add_argument("-o", "--output", type=Path, required=True, metavar=_("OUT.pdf"))
    _report_options(report)
    report.set_defaults(run=run_report, needs_db=True)

    print_all = actions.add_parser(
        "print-all", help=_("write every participant's readiness report into a directory")
    )
    print_all.add_argument("workshop", metavar=_("WORKSHOP"))
    print_all.add_argument("-o", "--output", type=Path, required=True, metavar=_("DIR"))
    _report_options(print_all)
    print_all.add_argument(
        "--jobs", type=whole_number, metavar=_("N"), help=_("processes (default: all cores)")
    )
    print_all.set_defaults(run=run_print_all, needs_db=True)
    return actions


def _report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", dest="report_lang", choices=known_languages(), help=_("report language")
    )
    parser.add_argument("--page-size", choices=("A4", "Letter"), help=_("default: the setting"))
    parser.add_argument(
        "--k", type=whole_number, default=None, metavar=_("K"), help=_("smallest group shown (default 5)")
    )


def run_new(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.services import workshops

    print(
        workshops.create_workshop(
            ctx,
            name=args.name,
            place=args.place,
            starts_on=args.starts_on,
            ends_on=args.ends_on,
            facilitator=args.facilitator,
            demo=args.demo,
        )
    )
    return 0


def workshop_json(w: Workshop) -> dict[str, Any]:
    return {
        "id": w.id,
        "name": w.name,
        "place": w.place,
        "starts_on": w.starts_on.isoformat() if w.starts_on else None,
        "ends_on": w.ends_on.isoformat() if w.ends_on else None,
        "facilitator": w.facilitator,
        "demo": w.demo,
        "assessments": w.members,
    }


def run_list(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.i18n import format_date
    from aeo_assess.services import workshops

    rows = workshops.list_workshops(ctx)
    if args.json:
        print(json.dumps([workshop_json(w) for w in rows], ensure_ascii=False, indent=2))
        return 0
    for w in rows:
        dates = " – ".join(format_date(d, args.lang) for d in (w.starts_on, w.ends_on) if d)
        demo = "  " + _("[demonstration data]") if w.demo else ""
        members = ngettext("{count} assessment", "{count} assessments", w.members).format(
            count=f"{w.members:>4}")
        print(
            f"{w.id:>4}  {printable(w.name)[:40]:<40} {printable(w.place)[:20]:<20} {dates:<23} "
            f"{members}{demo}"
        )
    return 0


def run_add(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.services import assessments, workshops

    workshop = workshops.resolve_workshop(ctx, args.workshop)
    ids = [assessments.resolve(ctx, a) for a in args.assessments]
    added = workshops.add_assessments(ctx, workshop, ids)
    print(ngettext("{added} assessment added, {already} already in the workshop",
                   "{added} assessments added, {already} already in the workshop", added).format(
        added=added, already=len(set(ids)) - added))
    return 0


def run_import(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.services import workshops

    workshop = workshops.resolve_workshop(ctx, args.workshop)
    summary = workshops.import_files(ctx, workshop, args.files)
    for item in summary.imported:
        if item.answers is None:
            print(_("{path}: imported into {id}").format(path=item.file, id=item.assessment_id))
        else:
            print(ngettext("{path}: imported into {id} ({count} answer)",
                           "{path}: imported into {id} ({count} answers)", item.answers
                           ).format(path=item.file, id=item.assessment_id, count=item.answers))
    for item in summary.duplicates:
        print(_("{path}: already imported as {id}").format(path=item.file, id=item.assessment_id))
    for rejected in summary.refused:
        error_line(f"{rejected.file}: {rejected.reason_text(args.lang)}", args.lang)
    imported, duplicates, refused = (
        len(summary.imported), len(summary.duplicates), len(summary.refused))
    print(_("{imported}, {duplicates}, {refused}").format(
        imported=ngettext("{count} imported", "{count} imported", imported).format(
            count=imported),
        duplicates=ngettext("{count} duplicate", "{count} duplicates", duplicates).format(
            count=duplicates),
        refused=ngettext("{count} refused", "{count} refused", refused).format(count=refused)))
    return 1 if summary.refused else 0


def run_report(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.services import workshop_reports, workshops
    from aeo_assess.settings import load_settings

    workshop = workshops.resolve_workshop(ctx, args.workshop)
    out: Path = args.output
    print(
        workshop_reports.write_summary(
            ctx,
            workshop,
            out,
            language=args.report_lang or args.lang,
            page_size=args.page_size or load_settings().page_size,
            k=args.k,
        )
    )
    return 0


def run_print_all(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.cli.report_cmd import ProgressBar
    from aeo_assess.services import benchmarks, reports, workshop_reports, workshops
    from aeo_assess.settings import load_settings

    workshop = workshops.resolve_workshop(ctx, args.workshop)
    options = reports.ReportOptions(
        language=args.report_lang or args.lang,
        page_size=args.page_size or load_settings().page_size,
        k=benchmarks.configured_k(args.k),
    )
    bar = ProgressBar(sys.stderr)
    try:
        result = workshop_reports.print_all(
            ctx, workshop, args.output, options, workers=args.jobs, progress=bar
        )
    finally:
        bar.close()
    for outcome in result.outcomes:
        if outcome.path is not None:
            print(outcome.path)
        elif outcome.error is not None:
            report_error(outcome.error, args.lang, about=outcome.target)
    written = len(result.outcomes) - len(result.failed)
    print(ngettext("{written} report written to {folder}, {failed} failed",
                   "{written} reports written to {folder}, {failed} failed", written).format(
        written=written, folder=args.output, failed=len(result.failed)))
    return 1 if result.failed else 0
