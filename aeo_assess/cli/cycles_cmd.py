"""``next``, ``confirm``, ``history`` and ``changes``: the yearly cycle of a company (issue 17).

Services and translations are imported when a command runs, so ``--help`` stays fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from aeo_assess.cli.language import gettext as _
from aeo_assess.domain.assessment import Answer

if TYPE_CHECKING:
    from aeo_assess.scoring.cycles import AnswerDiff, Cycle
    from aeo_assess.services.context import AppContext

type Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_parser(commands: Commands) -> None:
    following = commands.add_parser(
        "next",
        help=_("start a company's next assessment (its yearly review) from this one"),
        description=_("Create a new assessment of the same company on the newest questionnaire "
                      "version, carrying every answer, comment, plan entry and evidence link "
                      "over as 'to confirm'. The verdict stays provisional until each carried "
                      "answer is confirmed (`confirm`) or changed (`answer`). Prints the new "
                      "assessment's id."),
    )
    following.add_argument("assessment", metavar=_("ASSESSMENT"))
    following.add_argument("--json", action="store_true", help=_("print what was done as JSON"))
    following.set_defaults(run=run_next, needs_db=True)

    confirm = commands.add_parser(
        "confirm", help=_("confirm answers carried over from the previous cycle as still true")
    )
    confirm.add_argument("assessment", metavar=_("ASSESSMENT"))
    confirm.add_argument(
        "questions", nargs="*", metavar=_("QUESTION"), help=_("default: every answer still to confirm")
    )
    confirm.set_defaults(run=run_confirm, needs_db=True)

    history = commands.add_parser(
        "history", help=_("the company's cycles: date, version, score and verdict of each")
    )
    history.add_argument("assessment", metavar=_("ASSESSMENT"))
    history.add_argument("--json", action="store_true")
    history.set_defaults(run=run_history, needs_db=True)

    changes = commands.add_parser(
        "changes", help=_("each answer that changed since a baseline (an earlier assessment)")
    )
    changes.add_argument("assessment", metavar=_("ASSESSMENT"))
    changes.add_argument(
        "--since", metavar=_("BASELINE"), help=_("default: the company's previous cycle")
    )
    changes.add_argument("--json", action="store_true")
    changes.set_defaults(run=run_changes, needs_db=True)


def run_next(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.i18n import ngettext, translator
    from aeo_assess.services import assessments, cycles

    _ = translator(args.lang)
    done = cycles.start_next_cycle(ctx, assessments.resolve(ctx, args.assessment))
    if args.json:
        print(
            json.dumps(
                {
                    "assessment": done.assessment_id,
                    "previous": done.previous_id,
                    "questionnaire": done.questionnaire_id,
                    "from_version": done.from_version,
                    "to_version": done.to_version,
                    "to_confirm": done.to_confirm,
                    "dropped": [
                        {"question": d.question_id, "reason": str(d.reason)} for d in done.dropped
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(done.assessment_id)
    print(
        ngettext(
            "{count} answer carried over from {version}, to confirm or change.",
            "{count} answers carried over from {version}, to confirm or change.",
            done.to_confirm,
            args.lang,
        ).format(count=done.to_confirm, version=done.from_version)
    )
    if done.from_version != done.to_version:
        print(_("The new assessment is on version {version}.").format(version=done.to_version))
    for dropped in done.dropped:
        print(
            _("  {question}: not carried over ({reason})").format(
                question=dropped.question_id, reason=dropped.reason
            )
        )
    return 0


def run_confirm(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.i18n import ngettext
    from aeo_assess.services import assessments, cycles

    assessment_id = assessments.resolve(ctx, args.assessment)
    count = cycles.confirm(ctx, assessment_id, args.questions or None)
    print(
        ngettext(
            "{count} answer confirmed.", "{count} answers confirmed.", count, args.lang
        ).format(count=count)
    )
    return 0


def _cycle_json(cycle: Cycle) -> dict[str, Any]:
    card, assessment = cycle.card, cycle.assessment
    return {
        "id": assessment.id,
        "date": cycle.date.isoformat(),
        "questionnaire": {"id": cycle.questionnaire.id, "version": cycle.questionnaire.version},
        "overall": card.overall,
        "level": card.level,
        "provisional": card.provisional,
        "to_confirm": len(card.to_confirm),
        "criteria": {c.criterion_id: c.score for c in card.criteria},
        "certified_on": assessment.certified_on.isoformat() if assessment.certified_on else None,
        "next_review_on": (
            assessment.next_review_on.isoformat() if assessment.next_review_on else None
        ),
    }


def run_history(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.domain.text import localized
    from aeo_assess.i18n import format_date, format_percent, translator
    from aeo_assess.services import assessments, cycles

    _ = translator(args.lang)
    found = cycles.history(ctx, assessments.resolve(ctx, args.assessment))
    if args.json:
        print(json.dumps([_cycle_json(c) for c in found], ensure_ascii=False, indent=2))
        return 0
    for cycle in found:
        level = localized(cycle.questionnaire.level_rule(cycle.card.level).label, args.lang)
        provisional = _(" (provisional)") if cycle.card.provisional else ""
        overall = (
            "-" if cycle.card.overall is None else format_percent(cycle.card.overall, args.lang)
        )
        print(
            f"{cycle.assessment.id[:8]}  {format_date(cycle.date, args.lang)}  "
            f"{cycle.questionnaire.id} {cycle.questionnaire.version}  {overall:>5}  "
            f"{level}{provisional}"
        )
    return 0


def _answer_json(answer: Answer | None) -> dict[str, Any] | None:
    if answer is None:
        return None
    value = answer.value.isoformat() if isinstance(answer.value, dt.date) else answer.value
    return {
        "value": value,
        "na_reason": answer.na_reason,
        "comment": answer.comment,
        "flagged": answer.flagged,
    }


def _change_json(change: AnswerDiff) -> dict[str, Any]:
    return {
        "question": change.question_id,
        "old": _answer_json(change.old),
        "new": _answer_json(change.new),
        "evidence_added": list(change.evidence_added),
    }


def _shown(answer: Answer | None, unanswered: str, not_applicable: str) -> str:
    if answer is None or not answer.answered:
        return unanswered
    if answer.not_applicable:
        return not_applicable
    return str(answer.value)


def run_changes(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.domain.fields import printable
    from aeo_assess.i18n import translator
    from aeo_assess.messages import Message
    from aeo_assess.services import assessments, cycles
    from aeo_assess.services.errors import ServiceError

    _ = translator(args.lang)
    assessment_id = assessments.resolve(ctx, args.assessment)
    if args.since is None:
        previous = assessments.load(ctx, assessment_id)[1].previous_cycle_id
        if previous is None:
            raise ServiceError(Message(
                "cycles_cmd.no_previous_cycle",
                "the assessment has no previous cycle: name one with --since",
            ))
        baseline_id = previous
    else:
        baseline_id = assessments.resolve(ctx, args.since)
    baseline, _current, changes = cycles.changes_since(ctx, baseline_id, assessment_id)
    if args.json:
        print(
            json.dumps(
                {
                    "baseline": baseline.assessment.id,
                    "assessment": assessment_id,
                    "changes": [_change_json(c) for c in changes],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    unanswered, not_applicable = _("unanswered"), _("not applicable")
    for change in changes:
        print(
            f"{change.question_id}: {_shown(change.old, unanswered, not_applicable)} → "
            f"{_shown(change.new, unanswered, not_applicable)}"
        )
        old_comment = change.old.comment if change.old else ""
        new_comment = change.new.comment if change.new else ""
        if new_comment != old_comment and new_comment:
            print("  " + _("comment: {text}").format(text=printable(new_comment)[:200]))
        for name in change.evidence_added:
            print("  " + _("evidence added: {name}").format(name=printable(name)))
    return 0
