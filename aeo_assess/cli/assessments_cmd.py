"""``new``, ``edit``, ``list``, ``answer``, ``consent``, ``import``, ``export`` and ``score``.

Services are imported inside the run functions: building the parser (and ``--help``) must not
pay for the database layer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aeo_assess.cli.benchmark_cmd import describe_import
from aeo_assess.cli.errors import report_error
from aeo_assess.cli.keys_cmd import signature_json, signature_line
from aeo_assess.cli.language import gettext as _
from aeo_assess.cli.language import translation
from aeo_assess.domain.fields import printable
from aeo_assess.domain.text import localized
from aeo_assess.domain.vocabulary import AEO_TYPES, ROLES, Subject
from aeo_assess.messages import Message, UserError
from aeo_assess.services.errors import ServiceError

if TYPE_CHECKING:
    from aeo_assess.domain.questionnaire import Questionnaire
    from aeo_assess.domain.scorecard import ScoreCard
    from aeo_assess.services.context import AppContext
    from aeo_assess.services.transfer import ImportResult

type Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_parsers(commands: Commands) -> None:
    new = commands.add_parser("new", help=_("create an assessment and print its id"))
    new.add_argument("--questionnaire", default="safe-aeo", metavar=_("ID"))
    new.add_argument("--company", required=True, metavar=_("COMPANY"))
    new.add_argument(
        "--country", required=True, metavar=_("CC"), help=_("ISO 3166 alpha-2, e.g. CR")
    )
    new.add_argument("--tax-id", default="", metavar=_("TAX_ID"))
    new.add_argument(
        "--role",
        action="append",
        choices=ROLES,
        dest="roles",
        metavar=_("ROLE"),
        help=_("repeat for several: {roles}").format(roles=", ".join(ROLES)),
    )
    new.add_argument(
        "--aeo-type",
        choices=(*AEO_TYPES, "both"),
        help=_("default: both (none for a questionnaire whose subject is an administration)"),
    )
    new.add_argument("--unit", default="", metavar=_("UNIT"), help=_("an administration's unit that answers"))
    new.add_argument("--contact", default="", metavar=_("CONTACT"), help=_("who to ask about the answers"))
    new.set_defaults(run=run_new, needs_db=True)

    edit = commands.add_parser("edit", help=_("change an assessment's company profile"))
    edit.add_argument("assessment", metavar=_("ASSESSMENT"))
    edit.add_argument("--company", metavar=_("COMPANY"))
    edit.add_argument("--tax-id", metavar=_("TAX_ID"))
    edit.add_argument("--country", metavar=_("CC"), help=_("ISO 3166 alpha-2, e.g. CR"))
    edit.add_argument(
        "--role",
        action="append",
        choices=ROLES,
        dest="roles",
        metavar=_("ROLE"),
        help=_("repeat for several; replaces the roles"),
    )
    edit.add_argument("--aeo-type", choices=(*AEO_TYPES, "both"))
    edit.add_argument(
        "--certified-on", metavar=_("YYYY-MM-DD"), help=_("the company's AEO certification date; '' clears")
    )
    edit.add_argument(
        "--next-review", metavar=_("YYYY-MM-DD"), help=_("the next review of the certification; '' clears")
    )
    edit.set_defaults(run=run_edit, needs_db=True)

    listing = commands.add_parser("list", help=_("list assessments"))
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=run_list, needs_db=True)

    answer = commands.add_parser("answer", help=_("answer one question"))
    answer.add_argument("assessment", metavar=_("ASSESSMENT"))
    answer.add_argument("question", metavar=_("QUESTION"))
    answer.add_argument("value", nargs="?", default=None, metavar=_("VALUE"))
    answer.add_argument("--comment", default=None, metavar=_("TEXT"))
    answer.add_argument("--na", default=None, metavar=_("REASON"), help=_("mark not applicable"))
    answer.set_defaults(run=run_answer, needs_db=True)

    consent = commands.add_parser(
        "consent",
        help=_("whether the subject agrees to be named in workshop summaries"),
        description=_("Record whether the company or administration agrees to be named in "
                      "workshop summaries (never with its figures). It is off until set; the "
                      "applicant file carries it."),
    )
    consent.add_argument("assessment", metavar=_("ASSESSMENT"))
    consent.add_argument("agrees", choices=("yes", "no"))
    consent.set_defaults(run=run_consent, needs_db=True)

    importing = commands.add_parser(
        "import",
        help=_("import .aeoa files, .aeor review files, .aeob benchmark packs, or answers from a "
               ".csv or .xlsx sheet"),
    )
    importing.add_argument("files", nargs="+", type=Path, metavar=_("FILE"))
    importing.add_argument(
        "--into", metavar=_("ASSESSMENT"), help=_("assessment for .csv or .xlsx answers")
    )
    importing.add_argument(
        "--json", action="store_true",
        help=_("print what each file became and who signed it as JSON"),
    )
    importing.set_defaults(run=run_import, needs_db=True)

    export = commands.add_parser(
        "export",
        help=_("write an applicant file (.aeoa), or answers, gaps and action plan as a workbook "
               "(.xlsx)"),
    )
    export.add_argument("assessment", metavar=_("ASSESSMENT"))
    export.add_argument("-o", "--output", type=Path, required=True, metavar=_("FILE.aeoa|FILE.xlsx"))
    export.set_defaults(run=run_export, needs_db=True)

    scoring = commands.add_parser("score", help=_("score an assessment or an applicant file"))
    scoring.add_argument("target", metavar=_("ASSESSMENT|FILE.aeoa"))
    scoring.add_argument("--json", action="store_true")
    scoring.set_defaults(run=run_score)


def run_new(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.services import assessments
    from aeo_assess.services.administrations import subject_of

    chosen = args.aeo_type
    if chosen is None and subject_of(args.questionnaire) is Subject.COMPANY:
        chosen = "both"
    kinds = () if chosen is None else AEO_TYPES if chosen == "both" else (chosen,)
    assessment_id = assessments.create_assessment(
        ctx,
        questionnaire_id=args.questionnaire,
        company=args.company,
        country=args.country,
        roles=args.roles or (),
        aeo_types=kinds,
        tax_id=args.tax_id,
        unit=args.unit,
        contact=args.contact,
    )
    print(assessment_id)
    return 0


def _date_option(text: str | None, option: str) -> dt.date | None:
    if text is None or not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ServiceError(Message(
            "assessments_cmd.not_a_date",
            "{option}: '{value}' is not a date such as 2027-03-31",
            option=option, value=printable(text)[:40],
        )) from None


def run_edit(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.services import assessments, cycles

    changes = (args.company, args.tax_id, args.country, args.roles, args.aeo_type)
    dates = (args.certified_on, args.next_review)
    if all(change is None for change in (*changes, *dates)):
        raise ServiceError(Message(
            "assessments_cmd.say_what_to_change",
            "say what to change: --company, --tax-id, --country, --role, --aeo-type, "
            "--certified-on or --next-review",
        ))
    kinds = None
    if args.aeo_type is not None:
        kinds = AEO_TYPES if args.aeo_type == "both" else (args.aeo_type,)
    assessment_id = assessments.resolve(ctx, args.assessment)
    if any(date is not None for date in dates):
        current = assessments.load(ctx, assessment_id)[1]
        cycles.set_review_dates(
            ctx,
            assessment_id,
            certified_on=current.certified_on
            if args.certified_on is None
            else _date_option(args.certified_on, "--certified-on"),
            next_review_on=current.next_review_on
            if args.next_review is None
            else _date_option(args.next_review, "--next-review"),
        )
    if all(change is None for change in changes):
        print(assessment_id)
        return 0
    assessments.edit_profile(
        ctx,
        assessment_id,
        company=args.company,
        tax_id=args.tax_id,
        country=args.country,
        roles=args.roles,
        aeo_types=kinds,
    )
    print(assessment_id)
    return 0


def _percent(value: float | None, lang: str) -> str:
    from aeo_assess.i18n import format_percent

    return "-" if value is None else format_percent(value, lang)


def run_list(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.i18n import translator
    from aeo_assess.services import assessments

    rows = assessments.list_assessments(ctx)
    if args.json:
        print(json.dumps([summary_json(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    _ = translator(args.lang)
    for r in rows:
        demo = "  " + _("[demonstration data]") if r.demo else ""
        copy = (
            "  " + _("[read-only copy: upgraded as {id}]").format(id=r.archived_into[:8])
            if r.archived_into else ""
        )
        provisional = " " + _("(provisional)") if r.provisional else ""
        review = _review_due(r.next_review_on, args.lang)
        answered = _("{answered}/{applicable} answered").format(
            answered=r.answered, applicable=r.applicable)
        print(
            f"{r.id[:8]}  {printable(r.company)[:40]:<40} {r.country}  {r.questionnaire_id} {r.questionnaire_version}"
            f"  {status_name(r.status, _):<12} {answered}  {_percent(r.overall, args.lang):>5}  "
            f"{_level_name(r.questionnaire_id, r.questionnaire_version, r.level, args.lang)}"
            f"{provisional}{demo}{copy}"
            f"{'  ' + review if review else ''}"
        )
    return 0


def status_name(status: str, _: Callable[[str], str]) -> str:
    """An assessment's status in the language of the output."""
    names = {
        "draft": _("draft"),
        "submitted": _("submitted"),
        "under_review": _("under review"),
        "reviewed": _("reviewed"),
        "resubmitted": _("resubmitted"),
    }
    return names.get(str(status), str(status))


def conclusion_name(conclusion: str, _: Callable[[str], str]) -> str:
    """A criterion's conclusion in the language of the output."""
    names = {
        "met": _("met"),
        "met_with_recommendations": _("met, with recommendations"),
        "not_demonstrated": _("not demonstrated"),
        "not_met": _("not met"),
    }
    return names.get(str(conclusion), str(conclusion))


def _level_name(questionnaire_id: str, version: str, level: str, lang: str) -> str:
    """The readiness level as the questionnaire names it in ``lang``; the code when the
    questionnaire is not installed."""
    from aeo_assess.questionnaires.registry import find

    questionnaire = find(questionnaire_id, version)
    if questionnaire is None:
        return level
    rule = next((r for r in questionnaire.readiness if r.level == level), None)
    if level == "not_eligible" and questionnaire.not_eligible is not None:
        rule = questionnaire.not_eligible
    return level if rule is None else localized(rule.label, lang)


def _review_due(next_review: dt.date | None, lang: str) -> str:
    from aeo_assess.i18n import ngettext, translator

    if next_review is None:
        return ""
    days = (next_review - dt.date.today()).days
    if days < 0:
        return ngettext(
            "review overdue by {days} day", "review overdue by {days} days", -days, lang
        ).format(days=-days)
    if days == 0:
        _ = translator(lang)
        return _("review today")
    return ngettext("review in {days} day", "review in {days} days", days, lang).format(days=days)


def summary_json(r: Any) -> dict[str, Any]:
    return {
        "id": r.id,
        "company": r.company,
        "country": r.country,
        "questionnaire": {"id": r.questionnaire_id, "version": r.questionnaire_version},
        "status": str(r.status),
        "demo": r.demo,
        "applicable": r.applicable,
        "answered": r.answered,
        "completeness": r.answered / r.applicable if r.applicable else 1.0,
        "overall": r.overall,
        "level": r.level,
        "provisional": r.provisional,
        "blocking_gaps": r.blocking_gaps,
        "updated_at": r.updated_at.isoformat() if r.updated_at else None,
        "archived_into": r.archived_into,
        "tax_id": r.tax_id,
        "previous_cycle": r.previous_cycle_id,
        "certified_on": r.certified_on.isoformat() if r.certified_on else None,
        "next_review_on": r.next_review_on.isoformat() if r.next_review_on else None,
    }


def run_answer(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.domain.answer_values import parse_value
    from aeo_assess.services import assessments

    assessment_id = assessments.resolve(ctx, args.assessment)
    if args.value is not None and args.na is not None:
        raise ServiceError(Message(
            "assessments_cmd.give_either_value_or",
            "give either a VALUE or --na REASON, not both",
        ))
    if args.value is None and args.na is None and args.comment is None:
        raise ServiceError(Message(
            "assessments_cmd.give_value_na_reason",
            "give a VALUE, --na REASON or --comment TEXT",
        ))
    questionnaire, _, _ = assessments.load(ctx, assessment_id)
    if not questionnaire.has_question(args.question):
        raise ServiceError(Message(
            "assessments_cmd.question_not_in",
            "question '{question}' is not in {questionnaire_key}",
            question=args.question, questionnaire_key=questionnaire.key,
        ))
    question = questionnaire.question(args.question)
    try:
        value = None if args.value is None else parse_value(question, args.value)
    except ValueError as error:
        raise ServiceError(Message(
            "assessments_cmd.in_place",
            "{question}: {error}",
            question=args.question, error=error,
        )) from None
    assessments.answer(
        ctx, assessment_id, args.question, value=value, na_reason=args.na, comment=args.comment
    )
    return 0


def run_consent(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.services import administrations, assessments

    assessment_id = assessments.resolve(ctx, args.assessment)
    administrations.set_consent(ctx, assessment_id, args.agrees == "yes")
    line = (_("{id}: named in workshop summaries") if args.agrees == "yes"
            else _("{id}: not named in workshop summaries"))
    print(line.format(id=assessment_id))
    return 0


def run_import(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.services import transfer

    if args.into:
        others = [p for p in args.files if p.suffix.lower() not in (".csv", ".xlsx")]
        if others:
            raise ServiceError(
                Message(
                    "assessments_cmd.into_applies_to_csv",
                    "{others}: --into applies to .csv and .xlsx answers only; an applicant file "
                    "becomes an assessment of its own",
                    others=others[0],
                )
            )
    failed = False
    results: list[dict[str, Any]] = []
    # Consecutive applicant files are imported in one transaction (issue 19), each in a
    # savepoint of its own; the output keeps the order of the command line.
    groups = itertools.groupby(args.files, key=lambda p: p.suffix.lower() == ".aeoa")
    for applicant_files, paths in groups:
        if applicant_files:
            for outcome in transfer.import_applicant_files(ctx, list(paths)):
                if isinstance(outcome, transfer.ImportRefused):
                    failed = True
                    results.append(_refused_json(outcome.file, outcome.error))
                    report_error(outcome.error, args.lang)
                else:
                    results.append(_applicant_json(outcome, args.lang))
                    _say(args, _imported(outcome, args.lang))
                    _say(args, signature_line(outcome.signature, args.lang))
            continue
        for path in paths:
            try:
                results.append(_import_other(ctx, args, path))
            except ServiceError as error:
                failed = True
                results.append(_refused_json(str(path), error))
                report_error(error, args.lang)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    return 1 if failed else 0


def _say(args: argparse.Namespace, line: str) -> None:
    """A line of the import's report; with --json the JSON alone goes to stdout."""
    if not args.json:
        print(line)


def _refused_json(file: str, error: UserError) -> dict[str, Any]:
    """A refused file for ``--json``: the error's stable code, and its English text."""
    return {"file": file, "error": str(error), "code": error.code}


def _applicant_json(result: ImportResult, lang: str) -> dict[str, Any]:
    return {
        "file": result.file, "kind": "applicant", "assessment": result.assessment_id,
        "duplicate": result.duplicate,
        "previous_submission": result.previous_submission_id,
        "signature": signature_json(result.signature, lang),
    }


def _imported(result: ImportResult, lang: str) -> str:
    _ = translation(lang)
    path = result.file
    if result.duplicate:
        return _("{path}: already imported as {id}; nothing changed").format(
            path=path, id=result.assessment_id)
    if result.previous_submission_id:
        return _("{path}: imported as {id}, a new submission after {previous}").format(
            path=path, id=result.assessment_id, previous=result.previous_submission_id)
    return _("{path}: imported as {id}").format(path=path, id=result.assessment_id)


def _import_other(ctx: AppContext, args: argparse.Namespace, path: Path) -> dict[str, Any]:
    """Import one file that is not an applicant file: answers, a review or a benchmark pack;
    what was imported, for ``--json``."""
    from aeo_assess.i18n import ngettext
    from aeo_assess.services import assessments, benchmarks, csv_answers, reviews, spreadsheets

    _ = translation(args.lang)
    if path.suffix.lower() in (".csv", ".xlsx"):
        if not args.into:
            raise ServiceError(
                Message(
                    "assessments_cmd.say_which_assessment_answers",
                    "{path}: say which assessment the answers go into with --into",
                    path=path,
                )
            )
        target = assessments.resolve(ctx, args.into)
        sheet = path.suffix.lower() == ".csv"
        read = csv_answers.import_answers_csv if sheet else spreadsheets.import_answers_xlsx
        count = read(ctx, path, target)
        _say(args, ngettext("{path}: {count} answer written to {target}",
                            "{path}: {count} answers written to {target}", count, args.lang
                            ).format(path=path, count=count, target=target))
        return {"file": str(path), "kind": "answers", "assessment": target}
    if path.suffix.lower() == ".aeor":
        received = reviews.import_review_file(ctx, path)
        _say(args, _("{path}: review attached to {id}").format(
            path=path, id=received.assessment_id))
        _say(args, signature_line(received.signature, args.lang))
        return {
            "file": str(path), "kind": "review", "assessment": received.assessment_id,
            "duplicate": received.duplicate,
            "signature": signature_json(received.signature, args.lang),
        }
    if path.suffix.lower() == ".aeob":
        pack = benchmarks.import_pack(ctx, path)
        _say(args, describe_import(path, pack))
        return {"file": str(path), "kind": "benchmark"}
    raise ServiceError(
        Message(
            "assessments_cmd.not_file_aeo_assess",
            "{path}: not a file aeo-assess imports (.aeoa, .aeor, .aeob, .csv or .xlsx)",
            path=path,
        )
    )


def run_export(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.services import assessments, spreadsheets, transfer

    assessment_id = assessments.resolve(ctx, args.assessment)
    if args.output.suffix.lower() == ".xlsx":
        spreadsheets.export_xlsx(ctx, assessment_id, args.output, args.lang)
    else:
        transfer.export_assessment(ctx, assessment_id, args.output)
    print(f"{args.output}")
    return 0


def scorecard_json(questionnaire: Questionnaire, card: ScoreCard, language: str) -> dict[str, Any]:
    return {
        "questionnaire": {"id": questionnaire.id, "version": questionnaire.version},
        "overall": card.overall,
        "completeness": card.completeness,
        "answered": card.answered,
        "applicable": card.applicable,
        "level": card.level,
        "provisional": card.provisional,
        "core_completeness": card.core_completeness,
        "eligibility": list(card.eligibility_failures),
        "open_musts": list(card.open_musts),
        "declared_not_applicable_musts": list(card.declared_na_musts),
        "criteria": [
            {
                "id": c.criterion_id,
                "title": localized(questionnaire.criterion(c.criterion_id).title, language),
                "score": c.score,
                "completeness": c.completeness,
                "answered": c.answered,
                "applicable": c.applicable,
                "extension": c.extension,
                "conclusion": str(c.conclusion),
            }
            for c in card.criteria
        ],
        "blocking_gaps": [g.question_id for g in card.blocking_gaps],
        "action_plan": [
            {
                "rank": item.rank,
                "question": item.gap.question_id,
                "criterion": item.gap.criterion_id,
                "score": item.gap.score,
                "blocking": item.gap.blocking,
                "kind": str(item.gap.kind),
                "unanswered": item.gap.unanswered,
                "extension": item.gap.extension,
                "priority": item.gap.priority,
                "owner": item.owner,
                "due": item.due.isoformat() if item.due else None,
            }
            for item in card.action_plan
        ],
    }


def run_score(args: argparse.Namespace) -> int:
    """Scoring a file needs no database (nor imports one); scoring an assessment opens one."""
    target = Path(args.target)
    if target.suffix.lower() == ".aeoa":
        from aeo_assess.services import transfer

        applicant, card = transfer.score_file(target)
        questionnaire = applicant.questionnaire
    else:
        from aeo_assess.services import assessments
        from aeo_assess.services.context import open_context

        ctx = open_context(args.db, args.lang)
        assessment_id = assessments.resolve(ctx, args.target)
        questionnaire, _assessment, card = assessments.load(ctx, assessment_id)
    if args.json:
        print(
            json.dumps(scorecard_json(questionnaire, card, args.lang), ensure_ascii=False, indent=2)
        )
        return 0
    from aeo_assess.i18n import translator

    _ = translator(args.lang)
    level = questionnaire.level_rule(card.level)
    provisional = " " + _("(provisional)") if card.provisional else ""
    print(f"{localized(questionnaire.title, args.lang)} {questionnaire.version}")
    print(
        _("readiness: {level}   overall {overall}   answered {answered}/{applicable}   "
          "musts not met {blocking}   not yet answered {open}").format(
            level=localized(level.label, args.lang) + provisional,
            overall=_percent(card.overall, args.lang), answered=card.answered,
            applicable=card.applicable, blocking=len(card.blocking_gaps),
            open=len(card.open_musts))
    )
    if card.eligibility_failures:
        print(_("eligibility not met: {questions}").format(
            questions=", ".join(card.eligibility_failures)))
    for c in card.criteria:
        title = localized(questionnaire.criterion(c.criterion_id).title, args.lang)
        extension = " " + _("[extension]") if c.extension else ""
        print(
            f"  {c.criterion_id:<8} {_percent(c.score, args.lang):>5}  {c.answered:>3}/{c.applicable:<3} "
            f"{conclusion_name(c.conclusion, _):<30} {title}{extension}"
        )
    return 0
