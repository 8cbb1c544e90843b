"""``questionnaire-pdf``: a questionnaire to fill in on paper, blank, pre-filled with an
assessment's answers, or as the evidence checklist."""

from __future__ import annotations

import argparse
from pathlib import Path

from aeo_assess.cli.language import gettext as _
from aeo_assess.domain.vocabulary import AEO_TYPES, ROLES
from aeo_assess.languages import known_languages


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    form = commands.add_parser(
        "questionnaire-pdf",
        help=_("print a questionnaire to fill in on paper (PDF)"),
        description=_("Write the questions that apply to the roles and AEO types, with tick "
                      "boxes and lines to write on; --assessment ticks its current answers."),
    )
    form.add_argument("questionnaire", metavar=_("QUESTIONNAIRE"), help=_("for example safe-aeo"))
    form.add_argument("-o", "--output", type=Path, required=True, metavar=_("OUT.pdf"))
    form.add_argument("--role", action="append", choices=ROLES, default=[], help=_("repeatable"))
    form.add_argument("--aeo-type", action="append", choices=AEO_TYPES, default=[],
                      help=_("repeatable (default: both)"))
    form.add_argument("--lang", dest="form_lang", choices=known_languages(), help=_("language"))
    form.add_argument("--page-size", choices=("A4", "Letter"), help=_("default: the setting"))
    form.add_argument("--assessment", metavar=_("ID"), help=_("tick this assessment's answers"))
    form.add_argument("--checklist", action="store_true",
                      help=_("the evidence checklist per criterion instead of the questions"))
    form.set_defaults(run=run_questionnaire_pdf)


def run_questionnaire_pdf(args: argparse.Namespace) -> int:
    from aeo_assess.services import questionnaire_forms
    from aeo_assess.settings import load_settings

    ctx = None
    if args.assessment is not None:
        from aeo_assess.services.context import open_context

        ctx = open_context(args.db, args.lang)
    options = questionnaire_forms.FormOptions(
        questionnaire_id=args.questionnaire,
        roles=frozenset(args.role),
        aeo_types=frozenset(args.aeo_type),
        language=args.form_lang or args.lang,
        page_size=args.page_size or load_settings().page_size,
        assessment=args.assessment,
        checklist=args.checklist,
    )
    print(questionnaire_forms.write_questionnaire_pdf(ctx, options, args.output))
    return 0
