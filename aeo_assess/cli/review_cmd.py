"""``review``: a customs officer's review of an imported applicant file, for scripts.

``review set``, ``finding``, ``outcome`` and ``remark`` change the review (autosaved with
history, like the GUI); ``export`` writes the review file; ``show`` prints the review, or on
the trader's side the reviews received, as text or as stable JSON. Services are imported inside
the run functions, so that building the parser does not pay for the database layer.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aeo_assess.cli.language import current, ngettext
from aeo_assess.cli.language import gettext as _
from aeo_assess.cli.values import iso_date
from aeo_assess.domain.vocabulary import Outcome, RemarkStatus, Severity, Verdict
from aeo_assess.messages import Message
from aeo_assess.services.errors import ServiceError

if TYPE_CHECKING:
    from aeo_assess.domain.review import Review
    from aeo_assess.services.context import AppContext

type Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_parser(commands: Commands) -> None:
    review = commands.add_parser(
        "review",
        help=_("review an imported applicant file (customs officer)"),
        description=_("Review an imported applicant file: verdicts with remarks, findings, "
                      "an outcome; export the review file that goes back to the applicant."),
    )
    verbs = review.add_subparsers(dest="verb", metavar=_("VERB"), required=True)

    verdict = verbs.add_parser("set", help=_("give one answer a verdict (and a remark)"))
    verdict.add_argument("assessment", metavar=_("ASSESSMENT"))
    verdict.add_argument("question", metavar=_("QUESTION"))
    verdict.add_argument(
        "verdict", choices=[*(v.value for v in Verdict), "none"], help=_("'none' clears it")
    )
    verdict.add_argument("--remark", default="", metavar=_("TEXT"))
    verdict.set_defaults(run=run_set, needs_db=True)

    remark = verbs.add_parser("remark", help=_("mark a question's remark open or resolved"))
    remark.add_argument("assessment", metavar=_("ASSESSMENT"))
    remark.add_argument("question", metavar=_("QUESTION"))
    remark.add_argument("status", choices=[s.value for s in RemarkStatus])
    remark.set_defaults(run=run_remark, needs_db=True)

    finding = verbs.add_parser("finding", help=_("record a finding"))
    finding.add_argument("assessment", metavar=_("ASSESSMENT"))
    finding.add_argument("--severity", required=True, choices=[s.value for s in Severity])
    finding.add_argument("--criterion", required=True, metavar=_("C"))
    finding.add_argument("--text", required=True, metavar=_("T"))
    finding.add_argument("--action", default="", metavar=_("A"), help=_("the required action"))
    finding.add_argument("--due", type=iso_date, metavar=_("YYYY-MM-DD"))
    finding.set_defaults(run=run_finding, needs_db=True)

    outcome = verbs.add_parser("outcome", help=_("recommend an outcome"))
    outcome.add_argument("assessment", metavar=_("ASSESSMENT"))
    outcome.add_argument(
        "outcome", choices=[*(o.value for o in Outcome), "none"], help=_("'none' withdraws it")
    )
    outcome.add_argument("--note", default="", metavar=_("TEXT"))
    outcome.set_defaults(run=run_outcome, needs_db=True)

    export = verbs.add_parser("export", help=_("write the review file (.aeor)"))
    export.add_argument("assessment", metavar=_("ASSESSMENT"))
    export.add_argument("-o", "--output", type=Path, required=True, metavar=_("FILE.aeor"))
    export.set_defaults(run=run_export, needs_db=True)

    show = verbs.add_parser("show", help=_("print the review (or the reviews received)"))
    show.add_argument("assessment", metavar=_("ASSESSMENT"))
    show.add_argument("--json", action="store_true")
    show.set_defaults(run=run_show, needs_db=True)


def run_set(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.services import assessments, reviews

    target = assessments.resolve(ctx, args.assessment)
    verdict = None if args.verdict == "none" else Verdict(args.verdict)
    review = reviews.set_verdict(ctx, target, args.question, verdict, args.remark)
    print(_reviewed(review))
    return 0


def run_remark(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.services import assessments, reviews

    target = assessments.resolve(ctx, args.assessment)
    reviews.set_remark_status(ctx, target, args.question, RemarkStatus(args.status))
    return 0


def run_finding(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.services import assessments, reviews

    target = assessments.resolve(ctx, args.assessment)
    review = reviews.add_finding(
        ctx,
        target,
        severity=Severity(args.severity),
        criterion_id=args.criterion,
        text=args.text,
        required_action=args.action,
        due=args.due,
    )
    print(review.findings[-1].id)
    return 0


def run_outcome(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.services import assessments, reviews

    target = assessments.resolve(ctx, args.assessment)
    outcome = None if args.outcome == "none" else Outcome(args.outcome)
    reviews.set_outcome(ctx, target, outcome, args.note)
    return 0


def run_export(ctx: AppContext, args: argparse.Namespace) -> int:
    from aeo_assess.services import assessments, reviews

    target = assessments.resolve(ctx, args.assessment)
    print(reviews.export_review(ctx, target, args.output))
    return 0


def review_json(review: Review) -> dict[str, Any]:
    """The stable JSON form of a review (documented in docs/command-line.md)."""
    return {
        "assessment": review.assessment_id,
        "submission_sha256": review.submission_sha256,
        "reviewer": review.reviewer,
        "received_at": review.received_at.isoformat() if review.received_at else None,
        "reviewed": review.reviewed,
        "total": review.total,
        "questions": {
            question_id: {
                "verdict": q.verdict,
                "remark": q.remark,
                "remark_status": q.remark_status,
                "who": q.who,
                "at": q.at.isoformat(),
            }
            for question_id, q in sorted(review.questions.items())
        },
        "findings": [
            {
                "id": f.id,
                "severity": f.severity,
                "criterion": f.criterion_id,
                "text": f.text,
                "required_action": f.required_action,
                "due": f.due.isoformat() if f.due else None,
            }
            for f in review.findings
        ],
        "outcome": review.outcome,
        "outcome_note": review.outcome_note,
    }


def _reviewed(review: Review) -> str:
    return ngettext("{reviewed} of {total} question reviewed",
                    "{reviewed} of {total} questions reviewed", review.total).format(
        reviewed=review.reviewed, total=review.total)


def _print_review(review: Review) -> None:
    """The review as text; verdicts, severities and outcomes in the command's language (the
    JSON keeps their codes)."""
    from aeo_assess.i18n import format_date

    names = _names()
    source = ("  " + _("received {date} {time} UTC").format(
        date=format_date(review.received_at.date(), current()),
        time=f"{review.received_at:%H:%M}") if review.received_at else "")
    print(_("review of submission {submission} by {reviewer}").format(
        submission=review.submission_sha256[:12], reviewer=review.reviewer) + source)
    print("  " + _reviewed(review))
    for question_id, q in sorted(review.questions.items()):
        status = "" if q.remark_status is None else names[q.remark_status]
        remark = f"  [{status}] {q.remark}" if q.remark else ""
        verdict = names.get(q.verdict, q.verdict) if q.verdict else "-"
        print(f"  {question_id:<12} {verdict:<15}{remark}")
    for f in review.findings:
        due = " " + _("(due {date})").format(date=format_date(f.due, current())) if f.due else ""
        print(f"  {f.id:<4} {names.get(f.severity, f.severity):<12} {f.criterion_id:<8} "
              f"{f.text}{due}")
        if f.required_action:
            print("       " + _("action: {action}").format(action=f.required_action))
    note = f": {review.outcome_note}" if review.outcome_note else ""
    outcome = names.get(review.outcome, review.outcome) if review.outcome else _("none yet")
    print("  " + _("outcome: {outcome}").format(outcome=outcome) + note)


def _names() -> dict[str, str]:
    """Verdicts, remark states, severities and outcomes by their codes, for people."""
    return {
        Verdict.ACCEPTED: _("accepted"),
        Verdict.NOT_ACCEPTED: _("not accepted"),
        Verdict.NEEDS_EVIDENCE: _("needs evidence"),
        RemarkStatus.OPEN: _("open"),
        RemarkStatus.RESOLVED: _("resolved"),
        Severity.CRITICAL: _("critical"),
        Severity.MAJOR: _("major"),
        Severity.MINOR: _("minor"),
        Severity.OBSERVATION: _("observation"),
        Outcome.GRANT: _("grant"),
        Outcome.GRANT_AFTER_IMPROVEMENTS: _("grant after improvements"),
        Outcome.REFUSE: _("refuse"),
        Outcome.FURTHER_REVIEW: _("further review"),
    }


def run_show(ctx: AppContext, args: argparse.Namespace) -> int:
    """The officer's review of a submission; the reviews received for the trader's own work."""
    from aeo_assess.services import assessments, reviews

    target = assessments.resolve(ctx, args.assessment)
    _questionnaire, assessment, _card = assessments.load(ctx, target)
    if assessment.submission_sha256 is not None:
        shown = [reviews.load_review(ctx, target)]
    else:
        shown = reviews.received_reviews(ctx, target)
        if not shown and not args.json:
            raise ServiceError(Message(
                "review_cmd.no_review_from_customs",
                "no review from customs has been imported for '{target}' yet",
                target=target,
            ))
    if args.json:
        print(json.dumps([review_json(r) for r in shown], ensure_ascii=False, indent=2))
        return 0
    for review in shown:
        _print_review(review)
    return 0
