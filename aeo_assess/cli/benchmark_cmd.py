"""``aeo-assess benchmark export | list | remove | compare``; ``import FILE.aeob`` is in
``assessments_cmd`` with every other import. Services are imported inside the run functions,
so that building the parser does not pay for the database layer."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aeo_assess.cli.language import current, ngettext
from aeo_assess.cli.language import gettext as _
from aeo_assess.cli.values import whole_number
from aeo_assess.domain.fields import printable
from aeo_assess.domain.vocabulary import PeerScope

if TYPE_CHECKING:
    from aeo_assess.domain.benchmark import PeerGroup, PeerStats
    from aeo_assess.services.benchmarks import PackImport, StoredPack
    from aeo_assess.services.context import AppContext

type Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser("benchmark", help=_("peer comparison and benchmark packs (.aeob)"))
    actions = parser.add_subparsers(dest="action", required=True, metavar=_("ACTION"))

    export = actions.add_parser("export", help=_("write the anonymised statistics as a .aeob"))
    export.add_argument("-o", "--output", type=Path, required=True, metavar=_("FILE.aeob"))
    export.add_argument(
        "--k", type=whole_number, default=None, metavar=_("K"), help=_("smallest group shown (default 5)")
    )
    export.add_argument(
        "--workshop", metavar=_("WORKSHOP"), help=_("only this workshop (number or name)")
    )
    export.add_argument("--origin", default="", metavar=_("TEXT"), help=_("who made the pack"))
    export.add_argument("--demo", action="store_true", help=_("export demonstration data"))
    export.set_defaults(run=run_export, needs_db=True)

    listing = actions.add_parser("list", help=_("list imported benchmark packs"))
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=run_list, needs_db=True)

    remove = actions.add_parser("remove", help=_("remove an imported benchmark pack"))
    remove.add_argument("pack", type=whole_number, metavar=_("PACK"), help=_("its number in 'benchmark list'"))
    remove.set_defaults(run=run_remove, needs_db=True)

    compare = actions.add_parser("compare", help=_("compare an assessment with its peers"))
    compare.add_argument("assessment", metavar=_("ASSESSMENT"))
    compare.add_argument(
        "--scope", choices=[s.value for s in PeerScope], default=PeerScope.COUNTRY.value
    )
    compare.add_argument("--k", type=whole_number, default=None, metavar=_("K"))
    compare.add_argument("--json", action="store_true")
    compare.set_defaults(run=run_compare, needs_db=True)


def run_export(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.services import benchmarks, workshops

    workshop = None if args.workshop is None else workshops.resolve_workshop(ctx, args.workshop)
    result = benchmarks.export_pack(
        ctx, args.output, k=args.k, workshop=workshop, origin=args.origin, demo=args.demo
    )
    demo = "  " + _("[demonstration data]") if result.pack.demo else ""
    groups = len(result.pack.groups)
    print(
        ngettext("{path}: {count} group of {k} or more ({questionnaires}); {left_out} left out",
                 "{path}: {count} groups of {k} or more ({questionnaires}); {left_out} left out",
                 groups).format(
            path=result.path, count=groups, k=result.pack.k,
            questionnaires=", ".join(result.pack.questionnaires), left_out=result.left_out,
        ) + demo
    )
    return 0


def pack_json(pack: StoredPack) -> dict[str, Any]:
    return {
        "id": pack.id,
        "origin": pack.origin,
        "created_at": pack.created_at.isoformat(),
        "k": pack.k,
        "demo": pack.demo,
        "questionnaires": list(pack.questionnaires),
        "groups": pack.groups,
        "file": pack.file_name,
        "imported_at": pack.imported_at.isoformat(),
        "sha256": pack.sha256,
    }


def describe_import(path: Path, result: PackImport) -> str:
    """The line ``aeo-assess import`` prints for a pack."""
    pack = result.pack
    if result.duplicate:
        return _("{path}: benchmark pack already imported as {id}; nothing changed").format(
            path=path, id=pack.id)
    demo = "  " + _("[demonstration data]") if pack.demo else ""
    return ngettext(
        "{path}: benchmark pack {id} from {origin} ({date}, k = {k}, {count} group, "
        "{questionnaires})",
        "{path}: benchmark pack {id} from {origin} ({date}, k = {k}, {count} groups, "
        "{questionnaires})",
        pack.groups,
    ).format(
        path=path, id=pack.id, origin=printable(pack.origin), date=f"{pack.created_at:%Y-%m-%d}",
        k=pack.k, count=pack.groups, questionnaires=", ".join(pack.questionnaires),
    ) + demo


def run_list(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.services import benchmarks

    packs = benchmarks.list_packs(ctx)
    if args.json:
        print(json.dumps([pack_json(p) for p in packs], ensure_ascii=False, indent=2))
        return 0
    for p in packs:
        demo = "  " + _("[demonstration data]") if p.demo else ""
        groups = ngettext("{count} group", "{count} groups", p.groups).format(
            count=f"{p.groups:>4}")
        print(
            f"{p.id:>4}  {printable(p.origin)[:40]:<40} {p.created_at:%Y-%m-%d}  {_('k={k}').format(k=f'{p.k:<3}')} "
            f"{groups}  {', '.join(p.questionnaires)}{demo}"
        )
    return 0


def run_remove(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.services import benchmarks

    benchmarks.remove_pack(ctx, args.pack)
    print(_("benchmark pack {number} removed").format(number=args.pack))
    return 0


def _stats_json(stats: PeerStats) -> dict[str, Any]:
    return {
        "n": stats.n,
        "mean": stats.mean,
        "q1": stats.q1,
        "median": stats.median,
        "q3": stats.q3,
        "percentile_rank": stats.percentile_rank,
    }


def group_json(group: PeerGroup) -> dict[str, Any]:
    return {
        "scope": group.scope.value,
        "key": group.key,
        "questionnaire": group.questionnaire_key,
        "n": group.n,
        "demo": group.demo,
        "source": group.source,
        "overall": _stats_json(group.overall),
        "criteria": {c: _stats_json(s) for c, s in group.criteria.items()},
    }


def _percent(value: float | None, lang: str) -> str:
    from aeo_assess.i18n import format_percent

    return "-" if value is None else format_percent(value, lang)


def run_compare(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.services import assessments, benchmarks

    assessment_id = assessments.resolve(ctx, args.assessment)
    group = benchmarks.compare(ctx, assessment_id, PeerScope(args.scope), k=args.k)
    if args.json:
        print(json.dumps(None if group is None else group_json(group), indent=2))
        return 0
    if group is None:
        none = {
            PeerScope.COUNTRY: _("no country peer group of {k} or more"),
            PeerScope.REGION: _("no region peer group of {k} or more"),
            PeerScope.ALL: _("no peer group of {k} or more"),
        }
        print(none[PeerScope(args.scope)].format(k=benchmarks.configured_k(args.k)))
        return 0
    from aeo_assess.profile_text import ProfileText

    words = ProfileText(current())
    names = {
        PeerScope.COUNTRY: _("country {name}").format(name=group.key),
        PeerScope.REGION: _("region {name}").format(name=words.region(group.key)),
        PeerScope.ALL: _("every country"),
    }
    demo = "  " + _("[demonstration data]") if group.demo else ""
    print(ngettext("{group}: {count} peer on {questionnaire}",
                   "{group}: {count} peers on {questionnaire}", group.n).format(
        group=names[group.scope], count=group.n, questionnaire=group.questionnaire_key) + demo)
    print(_("source: {source}").format(source=printable(words.peer_source(group.source))))
    print(f"  {'':<8} {_('Q1'):>5} {_('median'):>6} {_('Q3'):>5} {'n':>5}  {_('rank')}")
    rows = [*group.criteria.items(), (_("overall"), group.overall)]
    for name, s in rows:
        print(
            f"  {name:<8} {_percent(s.q1, args.lang):>5} {_percent(s.median, args.lang):>6} {_percent(s.q3, args.lang):>5} "
            f"{s.n:>5}  {_percent(s.percentile_rank, args.lang)}"
        )
    return 0
