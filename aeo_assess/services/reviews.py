"""Customs review use cases, for both sides of the exchange (DESIGN §1, issue 7).

Officer side: review an imported submission (verdicts, remarks, findings, outcome), autosaved
with history, and export it as a review file bound to the submission's SHA-256. Trader side:
import a review file onto the assessment that exported exactly that submission, and read it;
received reviews are never changed. The applicant's answers are never changed by a review
(``assessments`` and ``evidence`` refuse edits to imported submissions).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aeo_assess.domain.assessment import Answer, Assessment, Evidence, Status
from aeo_assess.domain.fields import (
    FINDING_TEXT,
    MAX_FINDINGS,
    OUTCOME_NOTE,
    REMARK,
    REQUIRED_ACTION,
)
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.review import (
    Change,
    ChangeKind,
    Decision,
    Finding,
    Outcome,
    QuestionReview,
    RemarkStatus,
    Review,
    ReviewChange,
    Severity,
    SubmissionDiff,
    Verdict,
)
from aeo_assess.domain.signatures import Signature
from aeo_assess.files.errors import FileFormatError
from aeo_assess.files.jsonio import format_utc
from aeo_assess.files.review_file import Binding, read_review_file, write_review_file
from aeo_assess.i18n import N_
from aeo_assess.messages import Message
from aeo_assess.scoring import score
from aeo_assess.scoring.visibility import is_visible
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage import repository as repo
from aeo_assess.storage import review_repository as reviews_repo

MAX_REVIEW_FILE_BYTES = 8 * 1024 * 1024
"""A review is text only; anything bigger is not a review file."""
FINDING_FIELDS = frozenset({"severity", "criterion_id", "text", "required_action", "due"})


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _submission(session: repo.Session, assessment_id: str) -> str:
    """Lock the assessment and return its submission hash; refuse the trader's own work."""
    try:
        sha = reviews_repo.lock_assessment(session, assessment_id)
    except repo.NotFound:
        raise _no_assessment(assessment_id) from None
    return _imported(assessment_id, sha)


def _no_assessment(assessment_id: str) -> ServiceError:
    return ServiceError(Message(
        "reviews.no_assessment_with_id",
        "no assessment with id '{reference}'",
        reference=assessment_id,
    ))


def _imported(assessment_id: str, sha: str | None) -> str:
    """The submission hash; refuse the trader's own work."""
    if sha is None:
        raise ServiceError(
            Message(
                "reviews.assessment_applicant_s_own",
                "assessment '{assessment_id}' is the applicant's own work, not an imported "
                "applicant file: only imported submissions are reviewed (and a review received "
                "from customs cannot be changed)",
                assessment_id=assessment_id,
            )
        )
    return sha


def _own_review(session: repo.Session, ctx: AppContext, assessment_id: str) -> int:
    """The officer's review of the submission, started (and carried over from the review of
    the previous submission) when there is none yet."""
    sha = _submission(session, assessment_id)
    review_id = reviews_repo.own_review_id(session, assessment_id)
    if review_id is not None:
        return review_id
    questionnaire = repo.get_questionnaire_for(session, assessment_id)
    assessment = repo.get_assessment(session, assessment_id)
    total = score(questionnaire, assessment).applicable
    review_id = reviews_repo.create_review(session, assessment_id, sha, ctx.user, total)
    if assessment.status in (Status.DRAFT, Status.SUBMITTED, Status.RESUBMITTED):
        repo.set_status(session, assessment_id, Status.UNDER_REVIEW)
    if assessment.previous_submission_id is not None:
        _carry_over(session, ctx, review_id, questionnaire, assessment)
    return review_id


def _carry_over(
    session: repo.Session,
    ctx: AppContext,
    review_id: int,
    questionnaire: Questionnaire,
    assessment: Assessment,
) -> None:
    """Start a resubmission's review from the previous round: verdicts on questions the
    applicant did not touch stay; a changed question keeps its remark (to resolve) but loses
    its verdict, so the officer judges it again; findings stay until the officer removes them."""
    previous_id = assessment.previous_submission_id
    assert previous_id is not None
    previous_review = reviews_repo.own_review_id(session, previous_id)
    if previous_review is None:
        return
    before = reviews_repo.load_review(session, previous_review)
    changed = set(_diff(repo.get_assessment(session, previous_id), assessment).question_ids())
    for question_id, q in before.questions.items():
        if not _applies(questionnaire, assessment, question_id):
            continue
        if question_id in changed:
            if not q.remark:
                continue
            q = dataclasses.replace(q, verdict=None)
        reviews_repo.set_question_review(session, review_id, question_id, q, ctx.user)
    for finding in before.findings:
        reviews_repo.put_finding(session, review_id, finding, ctx.user)


def _applies(questionnaire: Questionnaire, assessment: Assessment, question_id: str) -> bool:
    return questionnaire.has_question(question_id) and is_visible(
        questionnaire.question(question_id), questionnaire, assessment
    )


def _load(session: repo.Session, review_id: int) -> Review:
    return reviews_repo.load_review(session, review_id)


def start_review(ctx: AppContext, assessment_id: str) -> Review:
    """Open the review of an imported submission (idempotent); marks it under review."""
    with ctx.database.session() as session:
        return _load(session, _own_review(session, ctx, assessment_id))


def load_review(ctx: AppContext, assessment_id: str) -> Review:
    """The officer's review of the submission; an empty one if not started (nothing written)."""
    with ctx.database.session(readonly=True) as session:
        try:
            assessment = repo.get_assessment(session, assessment_id)
        except repo.NotFound:
            raise ServiceError(Message(
                "reviews.no_assessment_with_id",
                "no assessment with id '{reference}'",
                reference=assessment_id,
            )) from None
        if assessment.submission_sha256 is None:
            raise ServiceError(
                Message(
                    "reviews.assessment_not_imported_applicant",
                    "assessment '{assessment_id}' is not an imported applicant file, so it has no "
                    "review of its own; see the reviews received from customs instead",
                    assessment_id=assessment_id,
                )
            )
        review_id = reviews_repo.own_review_id(session, assessment_id)
        if review_id is not None:
            return _load(session, review_id)
        questionnaire = repo.get_questionnaire_for(session, assessment_id)
        return Review(
            assessment_id=assessment_id,
            submission_sha256=assessment.submission_sha256,
            questions={},
            findings=(),
            outcome=None,
            outcome_note="",
            reviewed=0,
            total=score(questionnaire, assessment).applicable,
            reviewer=ctx.user,
        )


def set_verdict(
    ctx: AppContext,
    assessment_id: str,
    question_id: str,
    verdict: Verdict | None,
    remark: str = "",
) -> Review:
    """Judge one answer. ``verdict`` None with no remark clears the question's review; a new
    remark opens, an edited one keeps its status."""
    remark = remark.strip()
    problem = REMARK.message(remark)
    if problem:
        raise ServiceError(Message(
            "reviews.in_place",
            "{question_id}: {problem}",
            question_id=question_id, problem=problem,
        ))
    with ctx.database.session() as session:
        # One locking read gives what the checks need; the questionnaire comes from the cache
        # of parsed files, and only the answers the question's visibility reads are loaded.
        try:
            target = reviews_repo.lock_for_verdict(session, assessment_id, question_id)
        except repo.NotFound:
            raise _no_assessment(assessment_id) from None
        _imported(assessment_id, target.submission_sha256)
        review_id, current = target.review_id, target.current
        if review_id is None:
            review_id = _own_review(session, ctx, assessment_id)
            current = reviews_repo.question_review(session, review_id, question_id)
        questionnaire = target.questionnaire
        if not questionnaire.has_question(question_id):
            raise ServiceError(Message(
                "reviews.question_not_in",
                "question '{question_id}' is not in {questionnaire_key}",
                question_id=question_id, questionnaire_key=questionnaire.key,
            ))
        if not _applies(questionnaire, target.applicant, question_id):
            raise ServiceError(
                Message(
                    "reviews.question_does_not_apply",
                    "question '{question_id}' does not apply to this applicant, so it is not "
                    "reviewed",
                    question_id=question_id,
                )
            )
        new: QuestionReview | None = None
        if verdict is not None or remark:
            status: RemarkStatus | None = None
            if remark:
                kept = current.remark_status if current is not None and current.remark else None
                status = kept or RemarkStatus.OPEN
            new = QuestionReview(question_id, verdict, remark, status, ctx.user, _now())
        reviews_repo.replace_question_review(
            session, review_id, question_id, current, new, ctx.user
        )
        return _load(session, review_id)


def set_remark_status(
    ctx: AppContext, assessment_id: str, question_id: str, status: RemarkStatus
) -> Review:
    with ctx.database.session() as session:
        review_id = _own_review(session, ctx, assessment_id)
        current = _load(session, review_id).questions.get(question_id)
        if current is None or not current.remark:
            raise ServiceError(Message(
                "reviews.there_no_remark_to",
                "{question_id}: there is no remark to mark {status_value}",
                question_id=question_id, status_value=status.value,
            ))
        new = dataclasses.replace(current, remark_status=status, who=ctx.user, at=_now())
        reviews_repo.set_question_review(session, review_id, question_id, new, ctx.user)
        return _load(session, review_id)


def _checked_finding(questionnaire: Questionnaire, finding: Finding) -> Finding:
    if not isinstance(finding.severity, Severity):
        raise ServiceError(Message(
            "reviews.severity_must_be_one",
            "severity must be one of {severity}",
            severity=', '.join(Severity),
        ))
    if finding.criterion_id not in {c.id for c in questionnaire.criteria}:
        raise ServiceError(Message(
            "reviews.criterion_not_in",
            "criterion '{finding_criterion_id}' is not in {questionnaire_key}",
            finding_criterion_id=finding.criterion_id, questionnaire_key=questionnaire.key,
        ))
    text, action = finding.text.strip(), finding.required_action.strip()
    if not text:
        raise ServiceError(Message(
            "reviews.finding_needs_text_saying",
            "a finding needs a text saying what was found",
        ))
    problem = FINDING_TEXT.message(text) or REQUIRED_ACTION.message(action)
    if problem:
        raise ServiceError(problem)
    if finding.due is not None and not isinstance(finding.due, dt.date):
        raise ServiceError(Message(
            "reviews.finding_s_due_date",
            "a finding's due date must be a date",
        ))
    return dataclasses.replace(finding, text=text, required_action=action)


def add_finding(
    ctx: AppContext,
    assessment_id: str,
    *,
    severity: Severity,
    criterion_id: str,
    text: str,
    required_action: str = "",
    due: dt.date | None = None,
) -> Review:
    with ctx.database.session() as session:
        review_id = _own_review(session, ctx, assessment_id)
        if len(_load(session, review_id).findings) >= MAX_FINDINGS:
            raise ServiceError(Message(
                "reviews.review_holds_at_most",
                "a review holds at most {max_findings} findings",
                max_findings=MAX_FINDINGS,
            ))
        questionnaire = repo.get_questionnaire_for(session, assessment_id)
        finding = _checked_finding(
            questionnaire,
            Finding(
                id=reviews_repo.next_finding_id(session, review_id),
                severity=severity,
                criterion_id=criterion_id,
                text=text,
                required_action=required_action,
                due=due,
                who=ctx.user,
                at=_now(),
            ),
        )
        reviews_repo.put_finding(session, review_id, finding, ctx.user)
        return _load(session, review_id)


def update_finding(ctx: AppContext, assessment_id: str, finding_id: str, **fields: Any) -> Review:
    """Change some of a finding's fields: severity, criterion_id, text, required_action, due."""
    unknown = sorted(set(fields) - FINDING_FIELDS)
    if unknown:
        raise ServiceError(Message(
            "reviews.finding_has_no_field",
            "a finding has no field '{unknown}'",
            unknown=unknown[0],
        ))
    with ctx.database.session() as session:
        review_id = _own_review(session, ctx, assessment_id)
        current = reviews_repo.get_finding(session, review_id, finding_id)
        if current is None:
            raise ServiceError(Message(
                "reviews.review_has_no_finding",
                "the review has no finding '{finding_id}'",
                finding_id=finding_id,
            ))
        questionnaire = repo.get_questionnaire_for(session, assessment_id)
        changed = _checked_finding(
            questionnaire, dataclasses.replace(current, **fields, who=ctx.user, at=_now())
        )
        reviews_repo.put_finding(session, review_id, changed, ctx.user)
        return _load(session, review_id)


def remove_finding(ctx: AppContext, assessment_id: str, finding_id: str) -> Review:
    with ctx.database.session() as session:
        review_id = _own_review(session, ctx, assessment_id)
        try:
            reviews_repo.delete_finding(session, review_id, finding_id, ctx.user)
        except repo.NotFound:
            raise ServiceError(Message(
                "reviews.review_has_no_finding",
                "the review has no finding '{finding_id}'",
                finding_id=finding_id,
            )) from None
        return _load(session, review_id)


def set_outcome(
    ctx: AppContext, assessment_id: str, outcome: Outcome | None, note: str = ""
) -> Review:
    """The officer's recommendation; None withdraws it."""
    note = note.strip()
    problem = OUTCOME_NOTE.message(note)
    if problem:
        raise ServiceError(problem)
    with ctx.database.session() as session:
        review_id = _own_review(session, ctx, assessment_id)
        reviews_repo.set_decision(session, review_id, Decision(outcome, note), ctx.user)
        return _load(session, review_id)


def review_history(ctx: AppContext, assessment_id: str) -> list[ReviewChange]:
    """Every change to the officer's review of the submission, oldest first."""
    with ctx.database.session(readonly=True) as session:
        review_id = reviews_repo.own_review_id(session, assessment_id)
        return [] if review_id is None else reviews_repo.review_history(session, review_id)


# --- files -----------------------------------------------------------------------------------


def export_review(ctx: AppContext, assessment_id: str, out: Path) -> Path:
    """Write the review file, signed with the officer's key, and mark the submission reviewed."""
    from aeo_assess.files.atomic import write_atomically
    from aeo_assess.services import keys

    signer = keys.signer(ctx, officer=True)
    with ctx.database.session() as session:
        review_id = _own_review(session, ctx, assessment_id)
        review = _load(session, review_id)
        questionnaire = repo.get_questionnaire_for(session, assessment_id)
        binding = Binding(review.submission_sha256, questionnaire.id, questionnaire.version)
        try:
            data = write_review_file(review, binding, questionnaire, signer=signer)
        except FileFormatError as error:
            raise ServiceError(error) from None
        try:
            write_atomically(out, data)
        except OSError as error:
            raise ServiceError(Message(
                "reviews.cannot_write",
                "cannot write {out}: {reason}",
                out=out, reason=error.strerror or error,
            )) from None
        repo.set_status(session, assessment_id, Status.REVIEWED)
    return out


@dataclass(frozen=True)
class ReviewImport:
    assessment_id: str
    signature: Signature
    """Who signed the review, and whether a trusted customs administration vouches for it."""
    duplicate: bool
    """True when this exact review file was already imported: nothing was written."""


def import_review(ctx: AppContext, path: Path) -> str:
    """``import_review_file``'s assessment id."""
    return import_review_file(ctx, path).assessment_id


def import_review_file(ctx: AppContext, path: Path) -> ReviewImport:
    """Attach a review file to the assessment that exported the submission it reviews (or to
    that submission, when it was imported here) and say who signed it. The same file twice
    writes nothing the second time; a review older than one already received for the same
    submission (a replay) is refused. Any problem refuses the whole file, writing nothing."""
    from aeo_assess.services import keys
    from aeo_assess.storage import signature_repository as sig_repo

    try:
        size = path.stat().st_size
        if size > MAX_REVIEW_FILE_BYTES:
            raise ServiceError(Message(
                "reviews.file_bytes_more_than",
                "{path}: the file is {size} bytes, more than a review file may be",
                path=path, size=size,
            ))
        data = path.read_bytes()
    except OSError as error:
        raise ServiceError(Message(
            "reviews.cannot_read",
            "cannot read {path}: {reason}",
            path=path, reason=error.strerror or error,
        )) from None
    with ctx.database.session() as session:
        found: list[str] = []

        def questionnaire_for(binding: Binding) -> Questionnaire:
            sha = binding.submission_sha256
            target = reviews_repo.exported_by(session, sha) or repo.find_by_submission(
                session, sha
            )
            if target is None:
                raise ServiceError(
                    Message(
                        "reviews.review_bound_to_submission",
                        "{path}: the review is bound to submission {sha}, which this database "
                        "never exported nor imported: it reviews other answers (another "
                        "assessment, another installation, or a changed file), so it is refused",
                        path=path, sha=sha,
                    )
                )
            found.append(target)
            return repo.get_questionnaire_for(session, target)

        try:
            received = read_review_file(data, str(path), questionnaire_for)
        except FileFormatError as error:
            raise ServiceError(error) from None
        (target,) = found
        existing = reviews_repo.find_received(session, received.sha256)
        if existing is not None:
            return ReviewImport(target, sig_repo.review_signature(session, existing), True)
        reviews_repo.lock_assessment(session, target)
        _refuse_replay(session, path, target, received.review)
        signature = keys.review_signature(received.signer)
        review_id = reviews_repo.add_received_review(
            session, target, received.review, received.sha256
        )
        sig_repo.set_review_signature(session, review_id, signature)
        repo.set_status(session, target, Status.REVIEWED)
    return ReviewImport(target, signature, False)


def _refuse_replay(session: repo.Session, path: Path, target: str, incoming: Review) -> None:
    """A review of a submission older than one already received for it is a replay (or a
    mistake): importing it would show a superseded decision as the latest."""
    if incoming.updated_at is None:
        return
    for review_id in reviews_repo.received_review_ids(session, target):
        known = reviews_repo.load_review(session, review_id)
        if (
            known.submission_sha256 == incoming.submission_sha256
            and known.updated_at is not None
            and known.updated_at > incoming.updated_at
        ):
            raise ServiceError(Message(
                "reviews.older_review",
                "{path}: this review was last changed on {incoming}, before the review already "
                "received for the same submission ({known}): an older review is not imported "
                "over a newer one",
                path=path,
                incoming=format_utc(incoming.updated_at),
                known=format_utc(known.updated_at),
            ))


def received_reviews(ctx: AppContext, assessment_id: str) -> list[Review]:
    """Reviews received from customs for this assessment, the most recently imported first."""
    with ctx.database.session(readonly=True) as session:
        return [
            reviews_repo.load_review(session, review_id)
            for review_id in reviews_repo.received_review_ids(session, assessment_id)
        ]


# --- changes between submissions -------------------------------------------------------------


def changes_since_previous(ctx: AppContext, assessment_id: str) -> SubmissionDiff | None:
    """What the applicant changed since the submission this one follows; None for a first
    submission (or local work)."""
    with ctx.database.session(readonly=True) as session:
        try:
            current = repo.get_assessment(session, assessment_id)
            if current.previous_submission_id is None:
                return None
            previous = repo.get_assessment(session, current.previous_submission_id)
        except repo.NotFound:
            raise ServiceError(Message(
                "reviews.no_assessment_with_id",
                "no assessment with id '{reference}'",
                reference=assessment_id,
            )) from None
    return _diff(previous, current)


def _diff(previous: Assessment, current: Assessment) -> SubmissionDiff:
    answers: list[Change[Answer]] = []
    comments: list[Change[str]] = []
    for question_id in sorted(set(previous.answers) | set(current.answers)):
        old, new = previous.answer(question_id), current.answer(question_id)
        old_answered = old is not None and old.answered
        new_answered = new is not None and new.answered
        if old_answered or new_answered:
            kind = _kind(old_answered, new_answered, _given(old) != _given(new))
            if kind is not None:
                answers.append(
                    Change(question_id, kind, old if old_answered else None,
                           new if new_answered else None)
                )
        old_comment = old.comment if old is not None else ""
        new_comment = new.comment if new is not None else ""
        kind = _kind(bool(old_comment), bool(new_comment), old_comment != new_comment)
        if kind is not None:
            comments.append(
                Change(question_id, kind, old_comment or None, new_comment or None)
            )
    return SubmissionDiff(
        previous_id=previous.id,
        answers=tuple(answers),
        comments=tuple(comments),
        evidence=tuple(_evidence_changes(previous.evidence, current.evidence)),
    )


def _given(answer: Answer | None) -> tuple[object, str | None]:
    if answer is None:
        return (None, None)
    # bool and int compare equal in Python; the type keeps True apart from 1.
    return ((type(answer.value).__name__, answer.value), answer.na_reason)


def _kind(old: bool, new: bool, differs: bool) -> ChangeKind | None:
    if old and new:
        return ChangeKind.CHANGED if differs else None
    if new:
        return ChangeKind.ADDED
    return ChangeKind.REMOVED if old else None


def _evidence_changes(
    previous: tuple[Evidence, ...], current: tuple[Evidence, ...]
) -> list[Change[Evidence]]:
    """Per question (and "" for evidence supporting none): files by SHA-256; a file gone and
    one of the same name come is a replacement ("changed")."""

    def by_question(items: tuple[Evidence, ...]) -> dict[str, dict[str, Evidence]]:
        result: dict[str, dict[str, Evidence]] = {}
        for item in items:
            for question_id in item.questions or {""}:
                result.setdefault(question_id, {})[item.sha256] = item
        return result

    old_map, new_map = by_question(previous), by_question(current)
    changes: list[Change[Evidence]] = []
    for question_id in sorted(set(old_map) | set(new_map)):
        old = old_map.get(question_id, {})
        new = new_map.get(question_id, {})
        gone = [old[sha] for sha in old if sha not in new]
        came = [new[sha] for sha in new if sha not in old]
        replaced = {e.name: e for e in gone}
        for item in came:
            before = replaced.pop(item.name, None)
            if before is not None:
                changes.append(Change(question_id, ChangeKind.CHANGED, before, item))
            else:
                changes.append(Change(question_id, ChangeKind.ADDED, None, item))
        changes += [Change(question_id, ChangeKind.REMOVED, e, None) for e in replaced.values()]
    return changes


# --- report ----------------------------------------------------------------------------------


def review_report_pdf(
    ctx: AppContext,
    assessment_id: str,
    language: str = "en",
    page_size: str = "A4",
    *,
    docx: bool = False,
) -> bytes:
    """The review report: of the officer's review for an imported submission, or of the
    review received last for the trader's own assessment; with ``docx``, as a Word document."""
    from aeo_assess.reporting import PAGE_SIZES
    from aeo_assess.reporting.review_report import render_review_report
    from aeo_assess.reporting.word import render_review_docx

    if page_size not in PAGE_SIZES:
        raise ServiceError(Message(
            "reviews.page_size_not_one",
            "page size '{page_size}' is not one of {page_sizes}",
            page_size=page_size, page_sizes=', '.join(PAGE_SIZES),
        ))
    with ctx.database.session(readonly=True) as session:
        try:
            assessment = repo.get_assessment(session, assessment_id)
        except repo.NotFound:
            raise ServiceError(Message(
                "reviews.no_assessment_with_id",
                "no assessment with id '{reference}'",
                reference=assessment_id,
            )) from None
        questionnaire = repo.get_questionnaire_for(session, assessment_id)
        previous = None
        if assessment.previous_submission_id is not None:
            previous = repo.get_assessment(session, assessment.previous_submission_id)
    imported = assessment.submission_sha256 is not None
    if imported:
        review = load_review(ctx, assessment_id)
    else:
        received = received_reviews(ctx, assessment_id)
        if not received:
            raise ServiceError(
                Message(
                    "reviews.assessment_has_no_review",
                    "assessment '{assessment_id}' has no review: it is the applicant's own work "
                    "and no review file from customs was imported for it",
                    assessment_id=assessment_id,
                )
            )
        review = received[0]
    rows, warning = signature_lines(ctx, assessment_id, imported, language)
    render = render_review_docx if docx else render_review_report
    return render(
        questionnaire,
        assessment,
        score(questionnaire, assessment),
        review,
        diff=None if previous is None else _diff(previous, assessment),
        previous=previous,
        language=language,
        page_size=page_size,
        generated_at=dt.datetime.now().astimezone(),
        signatures=rows,
        signature_warning=warning,
    )


def signature_lines(
    ctx: AppContext, assessment_id: str, imported: bool, language: str
) -> tuple[tuple[tuple[str, str], ...], str]:
    """The review report's lines on who signed the files it is made from, and the warning it
    opens with when a file is unsigned or its key is not vouched for. The officer's report
    names the applicant's signer; the trader's, the signer of the review received."""
    from aeo_assess.i18n import translator
    from aeo_assess.services import signatures

    tr = translator(language)
    if imported:
        signature = signatures.submission_signature(ctx, assessment_id)
        label, warning = tr(signatures.APPLICANT_SIGNATURE), tr(_APPLICANT_WARNING)
    else:
        signature = signatures.received_review_signature(ctx, assessment_id)
        label, warning = tr(_REVIEW_SIGNATURE), tr(_REVIEW_WARNING)
    words = f"{signatures.symbol(signature)} {signatures.describe(signature, language)}"
    return ((label, words),), (warning if signature.state.warning else "")


_REVIEW_SIGNATURE = N_("Review file signature")
_APPLICANT_WARNING = N_(
    "Warning: the applicant file is not signed by the applicant's known key; check who sent "
    "it with the applicant before relying on it."
)
_REVIEW_WARNING = N_(
    "Warning: this review is not signed by a trusted customs key; it is not a customs decision "
    "until you check it with your customs office."
)


def diff_between(previous: Assessment, current: Assessment) -> SubmissionDiff:
    """What changed from ``previous`` to ``current``, as ``changes_since_previous`` says it:
    the review mode compares with any earlier assessment of the company (issue 17)."""
    return _diff(previous, current)
