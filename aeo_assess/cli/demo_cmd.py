"""``aeo-assess demo``: the demonstration workshop of synthetic companies."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from aeo_assess.cli.language import gettext as _
from aeo_assess.cli.language import ngettext
from aeo_assess.cli.values import whole_number

if TYPE_CHECKING:
    from aeo_assess.services.context import AppContext

type Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "demo",
        help=_("create demonstration workshops of synthetic companies and administrations"),
        description=_("Create a demonstration workshop of synthetic companies across nine Latin "
                      "American countries and a regional workshop of six synthetic customs "
                      "administrations; every record is marked as demonstration data."),
    )
    parser.add_argument(
        "--count", type=whole_number, metavar=_("COUNT"), help=_("how many companies, 1 to 1000 (default: 50)")
    )
    parser.set_defaults(run=run_demo, needs_db=True)


def run_demo(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.services import demo, workshops

    count = demo.DEFAULT_COUNT if args.count is None else args.count
    ids = demo.create_demo_data(ctx, count=count)
    companies = max((w for w in workshops.list_workshops(ctx) if w.demo), key=lambda w: w.id)
    administrations = demo.create_demo_administrations(ctx)
    regional = max((w for w in workshops.list_workshops(ctx) if w.demo), key=lambda w: w.id)
    lines = (
        (companies, ngettext("workshop {number} '{name}': {count} demonstration assessment",
                             "workshop {number} '{name}': {count} demonstration assessments",
                             len(ids)), len(ids)),
        (regional, ngettext("workshop {number} '{name}': {count} demonstration administration",
                            "workshop {number} '{name}': {count} demonstration administrations",
                            len(administrations)), len(administrations)),
    )
    for workshop, line, count in lines:
        print(line.format(number=workshop.id, name=workshop.name, count=count)
              + "  " + _("[demonstration data]"))
    return 0
