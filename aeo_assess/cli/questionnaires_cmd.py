"""``aeo-assess questionnaires list | validate FILE...``; the loaders (YAML, JSON Schema) are
imported only when one of them runs."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from aeo_assess.cli.language import gettext as _
from aeo_assess.cli.language import ngettext, say
from aeo_assess.domain.text import localized


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("questionnaires", help=_("list or validate questionnaire files"))
    actions = parser.add_subparsers(dest="action", required=True, metavar=_("ACTION"))
    listing = actions.add_parser("list", help=_("list the shipped questionnaires"))
    listing.add_argument("--json", action="store_true", help=_("machine-readable output"))
    listing.set_defaults(run=run_list)
    check = actions.add_parser("validate", help=_("check questionnaire files, one line per problem"))
    check.add_argument("files", nargs="+", type=Path, metavar=_("FILE"))
    check.set_defaults(run=run_validate)


def run_list(args: argparse.Namespace) -> int:
    from aeo_assess.domain.questionnaire import QuestionKind
    from aeo_assess.questionnaires import QuestionnaireError
    from aeo_assess.questionnaires.registry import latest, shipped_with_files

    try:
        questionnaires = shipped_with_files()
    except QuestionnaireError as error:
        for problem in error.problems:
            print(say(problem.as_message()), file=sys.stderr)
        return 1
    language = args.lang
    current = latest()
    rows: list[dict[str, Any]] = [
        {
            "id": q.id,
            "version": q.version,
            "title": localized(q.title, language),
            "languages": list(q.languages),
            "criteria": len(q.criteria),
            "questions": len(q.questions()),
            "blocking": sum(1 for x in q.questions() if x.blocking),
            "eligibility": sum(1 for x in q.questions() if x.kind is QuestionKind.ELIGIBILITY),
            "must": sum(1 for x in q.questions() if x.kind is QuestionKind.MUST),
            "current": q in current,
            "file": str(path),
        }
        for q, path in questionnaires
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        criteria = ngettext("{count} criterion", "{count} criteria", row["criteria"])
        questions = ngettext("{count} question", "{count} questions", row["questions"])
        counts = _(
            "({criteria}, {questions}, {eligibility} eligibility, {must} must; {languages})"
        ).format(criteria=criteria.format(count=row["criteria"]),
                 questions=questions.format(count=row["questions"]),
                 eligibility=row["eligibility"], must=row["must"],
                 languages=", ".join(row["languages"]))
        earlier = "" if row["current"] else "  " + _("[earlier version]")
        print(f"{row['id']} {row['version']}  {row['title']}  {counts}{earlier}")
    return 0


def run_validate(args: argparse.Namespace) -> int:
    from aeo_assess.questionnaires import validate_file

    failed = False
    for path in args.files:
        problems = validate_file(path)
        for problem in problems:
            print(say(problem.as_message()), file=sys.stderr)
        failed = failed or bool(problems)
        if not problems:
            print(_("{path}: ok").format(path=path))
    return 1 if failed else 0
