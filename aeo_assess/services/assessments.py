"""Use cases on one assessment: create, answer, comment, flag, plan, list, delete, score,
upgrade to the newest version of its questionnaire.

Each call opens one session, and the change is committed when the call returns (autosave).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from aeo_assess.domain.answer_values import na_problem, value_problem
from aeo_assess.domain.assessment import Answer, AnswerValue, Assessment, PlanEntry
from aeo_assess.domain.fields import (
    ADMINISTRATION,
    COMMENT,
    COMPANY,
    CONTACT,
    NA_REASON,
    OWNER,
    TAX_ID,
    UNIT,
)
from aeo_assess.domain.questionnaire import AEO_TYPES, ROLES, Question, Questionnaire
from aeo_assess.domain.scorecard import ScoreCard
from aeo_assess.domain.vocabulary import Subject
from aeo_assess.messages import Message
from aeo_assess.questionnaires.registry import find, shipped_raw, version_key
from aeo_assess.questionnaires.upgrade import Dropped, VersionDiff, carry_over, diff_versions
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from aeo_assess.services.reading import load as load
from aeo_assess.services.reading import resolve as resolve
from aeo_assess.storage import repository as repo
from aeo_assess.storage.repository import AssessmentSummary

_COUNTRY = re.compile(r"^[A-Z]{2}$")


def _profile_problems(
    company: str,
    tax_id: str,
    country: str,
    roles: Iterable[str],
    aeo_types: Iterable[str],
    subject: Subject = Subject.COMPANY,
) -> list[Message]:
    name = ADMINISTRATION if subject is Subject.ADMINISTRATION else COMPANY
    problems = [m for m in (name.message(company), TAX_ID.message(tax_id)) if m]
    if not _COUNTRY.match(country):
        problems.append(Message(
            "assessments.country_not_two_letter",
            "country: '{country}' is not a two-letter ISO 3166 code such as CR or PE",
            country=country,
        ))
    roles, aeo_types = list(roles), list(aeo_types)
    if subject is Subject.ADMINISTRATION:  # customs assesses itself: it has no trade roles
        if roles or aeo_types:
            problems.append(Message(
                "assessments.roles_aeo_type_administration",
                "roles, AEO type: an administration has neither; leave them out",
            ))
        return problems
    if not roles:
        problems.append(Message(
            "assessments.roles_choose_at_least",
            "roles: choose at least one supply-chain role",
        ))
    for role in roles:
        if role not in ROLES:
            problems.append(Message(
                "assessments.roles_not_one",
                "roles: '{role}' is not one of {roles}",
                role=role, roles=', '.join(ROLES),
            ))
    if not aeo_types:
        problems.append(Message(
            "assessments.aeo_type_choose_security",
            "AEO type: choose security, compliance or both",
        ))
    for kind in aeo_types:
        if kind not in AEO_TYPES:
            problems.append(Message(
                "assessments.aeo_type_not_one",
                "AEO type: '{kind}' is not one of {aeo_types}",
                kind=kind, aeo_types=', '.join(AEO_TYPES),
            ))
    return problems


def create_assessment(
    ctx: AppContext,
    *,
    questionnaire_id: str,
    company: str,
    country: str,
    roles: Iterable[str],
    aeo_types: Iterable[str],
    tax_id: str = "",
    demo: bool = False,
    unit: str = "",
    contact: str = "",
) -> str:
    """Start a new assessment on the newest shipped version of a questionnaire; ``company``
    names the subject, a company or (with ``unit`` and ``contact``) an administration."""
    roles, aeo_types = frozenset(roles), frozenset(aeo_types)
    country = country.strip().upper()
    company, tax_id = company.strip(), tax_id.strip()
    questionnaire = find(questionnaire_id)
    subject = Subject.COMPANY if questionnaire is None else questionnaire.subject
    problems = _profile_problems(company, tax_id, country, roles, aeo_types, subject)
    problems += [m for m in (UNIT.message(unit), CONTACT.message(contact)) if m]
    if questionnaire is None:
        problems.append(Message(
            "assessments.questionnaire_no_questionnaire_installed",
            "questionnaire: no questionnaire '{questionnaire_id}' is installed",
            questionnaire_id=questionnaire_id,
        ))
    if problems:
        raise ServiceError(*problems)
    assert questionnaire is not None
    assessment = Assessment(
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        company=company,
        country=country,
        roles=roles,
        aeo_types=aeo_types,
        tax_id=tax_id,
        demo=demo,
        unit=unit.strip(),
        contact=contact.strip(),
    )
    with ctx.database.session() as session:
        pk = repo.store_questionnaire(session, shipped_raw(questionnaire))
        assessment_id = repo.create_assessment(session, assessment, pk)
    return assessment_id


def edit_profile(
    ctx: AppContext,
    assessment_id: str,
    *,
    company: str | None = None,
    tax_id: str | None = None,
    country: str | None = None,
    roles: Iterable[str] | None = None,
    aeo_types: Iterable[str] | None = None,
) -> Assessment:
    """Change some of the company profile (what is None stays), checked as at creation: the
    way to fix a profile stored before the field rules that its export now refuses."""
    with ctx.database.session() as session:
        refuse_if_submission(session, assessment_id)
        current = _get(session, assessment_id)
        new = dataclasses.replace(
            current,
            company=current.company if company is None else company.strip(),
            tax_id=current.tax_id if tax_id is None else tax_id.strip(),
            country=current.country if country is None else country.strip().upper(),
            roles=current.roles if roles is None else frozenset(roles),
            aeo_types=current.aeo_types if aeo_types is None else frozenset(aeo_types),
        )
        subject = repo.get_questionnaire_for(session, assessment_id).subject
        problems = _profile_problems(
            new.company, new.tax_id, new.country, new.roles, new.aeo_types, subject
        )
        if problems:
            raise ServiceError(*problems)
        repo.set_profile(
            session,
            assessment_id,
            company=new.company,
            tax_id=new.tax_id,
            country=new.country,
            roles=new.roles,
            aeo_types=new.aeo_types,
        )
        return _get(session, assessment_id)


def _get(session: repo.Session, assessment_id: str) -> Assessment:
    try:
        return repo.get_assessment(session, assessment_id)
    except repo.NotFound:
        raise ServiceError(Message(
            "assessments.no_assessment_with_id",
            "no assessment with id '{reference}'",
            reference=assessment_id,
        )) from None


def refuse_if_submission(session: repo.Session, assessment_id: str) -> None:
    """An imported applicant file is the applicant's word: the officer reviews it and never
    changes it (answers, comments, flags, plan or evidence). The copy an upgrade kept of an
    assessment on its earlier version is a record, refused the same way."""
    try:
        state = repo.edit_state(session, assessment_id)
    except repo.NotFound:
        raise ServiceError(Message(
            "assessments.no_assessment_with_id",
            "no assessment with id '{reference}'",
            reference=assessment_id,
        )) from None
    refuse_edits(session, assessment_id, state)


def refuse_edits(
    source: repo.Session | repo.Connection, assessment_id: str, state: repo.EditState
) -> None:
    """``refuse_if_submission`` on the edit state already read (the autosave reads it with
    the row it locks, on its connection)."""
    if state.submission_sha256 is not None:
        raise ServiceError(
            Message(
                "assessments.assessment_imported_applicant_file",
                "assessment '{assessment_id}' is an imported applicant file: its answers, "
                "comments and evidence are the applicant's and cannot be changed here",
                assessment_id=assessment_id,
            )
        )
    archived = repo.archived_by(source, assessment_id) if state.archived else None
    if archived is not None:
        raise ServiceError(
            Message(
                "assessments.assessment_copy_kept_on",
                "assessment '{assessment_id}' is the copy kept on {archived_from_version} when "
                "{archived_assessment_id} was upgraded to {archived_to_version}: it cannot be "
                "changed; open the upgraded assessment",
                assessment_id=assessment_id, archived_from_version=archived.from_version,
                archived_assessment_id=archived.assessment_id,
                archived_to_version=archived.to_version,
            )
        )


def _change(
    ctx: AppContext,
    assessment_id: str,
    question_id: str,
    **changes: object,
) -> ScoreCard:
    """Apply ``changes`` to one answer, check it against its question, save, rescore."""

    def update(question: Question, current: Answer) -> Answer:
        new = dataclasses.replace(current, **changes)  # type: ignore[arg-type]
        if new.na_reason is not None and (problem := na_problem(question, new.na_reason)):
            raise ServiceError(problem)
        if new.value is not None:
            problem = value_problem(question, new.value)
            if problem:
                raise ServiceError(Message(
                    "assessments.in_place",
                    "{question_id}: {problem}",
                    question_id=question_id, problem=problem,
                ))
        for rule, text in ((COMMENT, new.comment), (NA_REASON, new.na_reason or "")):
            problem = rule.message(text)
            if problem:
                raise ServiceError(Message(
                    "assessments.in_place",
                    "{question_id}: {problem}",
                    question_id=question_id, problem=problem,
                ))
        return new

    with ctx.database.writing() as connection:
        try:
            return repo.save_answer(
                connection, assessment_id, question_id, update, ctx.user,
                refuse=lambda state: refuse_edits(connection, assessment_id, state),
            )
        except repo.NotFound:
            raise ServiceError(Message(
                "assessments.no_assessment_with_id",
                "no assessment with id '{reference}'",
                reference=assessment_id,
            )) from None
        except repo.StorageError as error:
            raise ServiceError(error) from None


def set_value(
    ctx: AppContext, assessment_id: str, question_id: str, value: AnswerValue
) -> ScoreCard:
    """Answer a question; an answer replaces a not-applicable mark."""
    return _change(ctx, assessment_id, question_id, value=value, na_reason=None)


def clear_answer(ctx: AppContext, assessment_id: str, question_id: str) -> ScoreCard:
    """Back to unanswered; the comment and the flag stay."""
    return _change(ctx, assessment_id, question_id, value=None, na_reason=None)


def mark_not_applicable(
    ctx: AppContext, assessment_id: str, question_id: str, reason: str
) -> ScoreCard:
    if not reason.strip():
        raise ServiceError(Message(
            "assessments.say_why_question_does",
            "{question_id}: say why the question does not apply",
            question_id=question_id,
        ))
    return _change(ctx, assessment_id, question_id, value=None, na_reason=reason.strip())


def answer(
    ctx: AppContext,
    assessment_id: str,
    question_id: str,
    *,
    value: AnswerValue | None = None,
    na_reason: str | None = None,
    comment: str | None = None,
) -> ScoreCard:
    """A value or a not-applicable reason, and a comment, in one transaction: when any part
    is refused nothing is saved (the command line's ``answer``)."""
    changes: dict[str, object] = {}
    if value is not None and na_reason is not None:
        raise ServiceError(Message(
            "assessments.give_either_value_or",
            "give either a value or a not-applicable reason, not both",
        ))
    if value is not None:
        changes.update(value=value, na_reason=None)
    if na_reason is not None:
        changes.update(value=None, na_reason=na_reason.strip())
    if comment is not None:
        changes["comment"] = comment
    if not changes:
        raise ServiceError(Message(
            "assessments.give_value_not_applicable",
            "give a value, a not-applicable reason or a comment",
        ))
    return _change(ctx, assessment_id, question_id, **changes)


def set_comment(ctx: AppContext, assessment_id: str, question_id: str, comment: str) -> ScoreCard:
    return _change(ctx, assessment_id, question_id, comment=comment)


def set_flag(ctx: AppContext, assessment_id: str, question_id: str, flagged: bool) -> ScoreCard:
    return _change(ctx, assessment_id, question_id, flagged=flagged)


def set_answer(ctx: AppContext, assessment_id: str, question_id: str, answer: Answer) -> ScoreCard:
    """Replace the whole answer at once (undo/redo, bulk import of one row)."""
    return _change(
        ctx,
        assessment_id,
        question_id,
        value=answer.value,
        na_reason=answer.na_reason,
        comment=answer.comment,
        flagged=answer.flagged,
    )


def set_plan_entry(
    ctx: AppContext, assessment_id: str, question_id: str, owner: str, due: dt.date | None
) -> None:
    with ctx.database.session() as session:
        refuse_if_submission(session, assessment_id)
        questionnaire = repo.get_questionnaire_for(session, assessment_id)
        if not questionnaire.has_question(question_id):
            raise ServiceError(Message(
                "assessments.question_not_in",
                "question '{question_id}' is not in {questionnaire_key}",
                question_id=question_id, questionnaire_key=questionnaire.key,
            ))
        problem = OWNER.message(owner.strip())
        if problem:
            raise ServiceError(Message(
                "assessments.in_place",
                "{question_id}: {problem}",
                question_id=question_id, problem=problem,
            ))
        repo.set_plan_entry(session, assessment_id, question_id, PlanEntry(owner.strip(), due))


def list_assessments(ctx: AppContext) -> list[AssessmentSummary]:
    with ctx.database.session(readonly=True) as session:
        return repo.list_assessments(session)


def delete_assessment(ctx: AppContext, assessment_id: str) -> None:
    with ctx.database.session() as session:
        _get(session, assessment_id)
        repo.delete_assessment(session, assessment_id)


# --- upgrade to the newest questionnaire version ---------------------------------------------


@dataclass(frozen=True)
class Upgrade:
    """What an upgrade changes (or changed, once ``archive_id`` is set)."""

    assessment_id: str
    old: Questionnaire
    new: Questionnaire
    diff: VersionDiff
    dropped: tuple[Dropped, ...]
    """Answers, or their values or not-applicable marks, that do not follow."""
    archive_id: str | None = None
    """The read-only copy of the assessment as it stood on the old version; None until done."""


def newer_version(ctx: AppContext, assessment_id: str) -> Questionnaire | None:
    """The newest shipped version of the assessment's questionnaire when it is newer than the
    one it is answered on and the assessment may be upgraded (not an imported applicant file,
    not an upgrade's copy); None otherwise. Cheap: the editor asks on every open."""
    with ctx.database.session(readonly=True) as session:
        try:
            refuse_if_submission(session, assessment_id)
        except ServiceError:
            return None
        current = repo.get_questionnaire_for(session, assessment_id)
    newest = find(current.id)
    if newest is None or version_key(newest.version) <= version_key(current.version):
        return None
    return newest


def upgrade(ctx: AppContext, assessment_id: str, *, confirm: bool) -> Upgrade:
    """Carry the assessment's answers over by question id to the newest shipped version of its
    questionnaire. Without ``confirm`` nothing is written: the result says what would change.
    With it, one transaction stores the new version, keeps a read-only copy of the assessment
    as it stood (so the old version can still be opened, scored and printed), rewrites the
    answers, plan and evidence links, records each changed answer in the history under the
    current user with a note naming the upgrade, and refreshes the listing and peer scores."""
    with ctx.database.session(readonly=not confirm) as session:
        refuse_if_submission(session, assessment_id)
        old = repo.get_questionnaire_for(session, assessment_id)
        new = find(old.id)
        if new is None or version_key(new.version) <= version_key(old.version):
            raise ServiceError(
                Message(
                    "assessments.assessment_already_on_newest",
                    "assessment '{assessment_id}' is already on the newest version of {old_id} "
                    "({old_version})",
                    assessment_id=assessment_id, old_id=old.id, old_version=old.version,
                )
            )
        archive_id = None
        if confirm:
            pk = repo.store_questionnaire(session, shipped_raw(new))
            archive_id, carried = repo.upgrade_assessment(session, assessment_id, pk, ctx.user)
        else:
            carried = carry_over(old, new, _get(session, assessment_id))
    return Upgrade(assessment_id, old, new, diff_versions(old, new), carried.dropped, archive_id)


def kept_copy_of(ctx: AppContext, assessment_id: str) -> repo.UpgradeRecord | None:
    """For the read-only copy an upgrade kept: that upgrade (which versions, which assessment
    moved on); None for any other assessment."""
    with ctx.database.session(readonly=True) as session:
        return repo.archived_by(session, assessment_id)
