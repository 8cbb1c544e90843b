"""``upgrade ASSESSMENT``: carry an assessment's answers to the newest questionnaire version.

Shows what changes and asks first (DESIGN §4: upgrading is an explicit, recorded step); a
script passes ``--yes``. Services and translations are imported when the command runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aeo_assess.cli.language import gettext as _
from aeo_assess.domain.text import localized
from aeo_assess.messages import Message
from aeo_assess.services.errors import ServiceError

if TYPE_CHECKING:
    from aeo_assess.services.assessments import Upgrade
    from aeo_assess.services.context import AppContext

_YES = {"y", "yes", "s", "si", "sí", "o", "oui"}


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    upgrade = commands.add_parser(
        "upgrade",
        help=_("carry an assessment's answers to the newest questionnaire version"),
        description=_("Show what changes between the assessment's questionnaire version and "
                      "the newest one (new, removed, reworded questions, changed kinds, answers "
                      "that do not follow), ask, then upgrade. The assessment as it stood is "
                      "kept as a read-only copy."),
    )
    upgrade.add_argument("assessment", metavar=_("ASSESSMENT"))
    upgrade.add_argument("--yes", action="store_true", help=_("upgrade without asking"))
    upgrade.add_argument("--json", action="store_true", help=_("print what changes as JSON"))
    upgrade.set_defaults(run=run_upgrade, needs_db=True)


def upgrade_json(result: Upgrade) -> dict[str, Any]:
    diff = result.diff
    return {
        "assessment": result.assessment_id,
        "questionnaire": diff.questionnaire_id,
        "from_version": diff.old_version,
        "to_version": diff.new_version,
        "applied": result.archive_id is not None,
        "archive": result.archive_id,
        "new": list(diff.new),
        "removed": list(diff.removed),
        "reworded": list(diff.reworded),
        "kind_changed": [
            {"question": c.question_id, "from": str(c.old), "to": str(c.new)}
            for c in diff.kind_changed
        ],
        "format_changed": list(diff.format_changed),
        "dropped": [{"question": d.question_id, "reason": str(d.reason)} for d in result.dropped],
    }


def _describe(result: Upgrade, language: str, _: Callable[[str], str]) -> list[str]:
    from aeo_assess.questionnaires.upgrade import DropReason

    diff, new = result.diff, result.new
    kinds = {"eligibility": _("eligibility"), "must": _("must"), "should": _("should")}
    reasons = {
        DropReason.REMOVED: _("the question is no longer asked"),
        DropReason.INVALID: _("the answer is not valid on the new version"),
        DropReason.ELIGIBILITY_NOT_APPLICABLE: _(
            "an eligibility question cannot be marked not applicable"
        ),
    }

    def text_of(question_id: str) -> str:
        questionnaire = new if new.has_question(question_id) else result.old
        return localized(questionnaire.question(question_id).text, language)

    lines = [
        _("{questionnaire}: version {old} to {new}").format(
            questionnaire=localized(new.title, language), old=diff.old_version, new=diff.new_version
        )
    ]
    sections: list[tuple[str, list[str]]] = [
        (_("New questions, unanswered after the upgrade:"), [
            f"  {q}  {text_of(q)}" for q in diff.new]),
        (_("Questions no longer asked:"), [f"  {q}  {text_of(q)}" for q in diff.removed]),
        (_("Reworded questions:"), [f"  {q}  {text_of(q)}" for q in diff.reworded]),
        (_("Questions whose kind changed:"), [
            f"  {c.question_id}  {kinds[c.old]} → {kinds[c.new]}" for c in diff.kind_changed]),
        (_("Questions whose answer type or options changed:"), [
            f"  {q}  {text_of(q)}" for q in diff.format_changed]),
        (_("Answers that do not follow (the comments stay):"), [
            f"  {d.question_id}  {reasons[d.reason]}" for d in result.dropped]),
    ]
    for title, items in sections:
        if items:
            lines += [title, *items]
    if diff.unchanged and not result.dropped:
        lines.append(_("The questions are the same: every answer follows."))
    return lines


def run_upgrade(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.i18n import translator
    from aeo_assess.services import assessments

    _ = translator(args.lang)
    assessment_id = assessments.resolve(ctx, args.assessment)
    if not args.yes:
        result = assessments.upgrade(ctx, assessment_id, confirm=False)
        if args.json:
            print(json.dumps(upgrade_json(result), ensure_ascii=False, indent=2))
        else:
            print("\n".join(_describe(result, args.lang, _)))
        if args.json or not sys.stdin.isatty():
            raise ServiceError(Message(
                "upgrade_cmd.pass_yes", "nothing was changed: pass --yes to upgrade"
            ))
        answer = input(_("Upgrade to {version}? [y/N] ").format(version=result.new.version))
        if answer.strip().casefold() not in _YES:
            raise ServiceError(Message("upgrade_cmd.not_confirmed", "nothing was changed"))
    done = assessments.upgrade(ctx, assessment_id, confirm=True)
    if args.json:
        print(json.dumps(upgrade_json(done), ensure_ascii=False, indent=2))
        return 0
    if args.yes:
        print("\n".join(_describe(done, args.lang, _)))
    print(
        _("Upgraded to {new}. The assessment as it stood on {old} is kept, read-only, as {copy}.")
        .format(new=done.new.version, old=done.old.version, copy=done.archive_id)
    )
    return 0
