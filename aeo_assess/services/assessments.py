"""Use cases on one assessment: create, answer, comment, flag, plan, list, delete, score.

Each call opens one session, and the change is committed when the call returns (autosave).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable

from aeo_assess.domain.answer_values import na_problem, value_problem
from aeo_assess.domain.assessment import Answer, AnswerValue, Assessment, PlanEntry
from aeo_assess.domain.fields import COMMENT, COMPANY, NA_REASON, OWNER, TAX_ID
from aeo_assess.domain.questionnaire import AEO_TYPES, ROLES, Question, Questionnaire
from aeo_assess.domain.scorecard import ScoreCard
from aeo_assess.questionnaires.registry import find, shipped_raw
from aeo_assess.scoring import score
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage import repository as repo
from aeo_assess.storage import review_repository as review_repo
from aeo_assess.storage.repository import AssessmentSummary

_COUNTRY = re.compile(r"^[A-Z]{2}$")


def _profile_problems(
    company: str, tax_id: str, country: str, roles: Iterable[str], aeo_types: Iterable[str]
) -> list[str]:
    problems = [m for m in (COMPANY.message(company), TAX_ID.message(tax_id)) if m]
    if not _COUNTRY.match(country):
        problems.append(f"country: '{country}' is not a two-letter ISO 3166 code such as CR or PE")
    roles = list(roles)
    if not roles:
        problems.append("roles: choose at least one supply-chain role")
    for role in roles:
        if role not in ROLES:
            problems.append(f"roles: '{role}' is not one of {', '.join(ROLES)}")
    aeo_types = list(aeo_types)
    if not aeo_types:
        problems.append("AEO type: choose security, compliance or both")
    for kind in aeo_types:
        if kind not in AEO_TYPES:
            problems.append(f"AEO type: '{kind}' is not one of {', '.join(AEO_TYPES)}")
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
) -> str:
    """Start a new assessment on the newest shipped version of a questionnaire."""
    roles, aeo_types = frozenset(roles), frozenset(aeo_types)
    country = country.strip().upper()
    company, tax_id = company.strip(), tax_id.strip()
    problems = _profile_problems(company, tax_id, country, roles, aeo_types)
    questionnaire = find(questionnaire_id)
    if questionnaire is None:
        problems.append(f"questionnaire: no questionnaire '{questionnaire_id}' is installed")
    if problems:
        raise ServiceError("; ".join(problems))
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
        problems = _profile_problems(
            new.company, new.tax_id, new.country, new.roles, new.aeo_types
        )
        if problems:
            raise ServiceError("; ".join(problems))
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


def resolve(ctx: AppContext, reference: str) -> str:
    """An assessment named by its id or an unambiguous id prefix."""
    reference = reference.strip()
    if not reference:
        raise ServiceError("no assessment named")
    with ctx.database.session(readonly=True) as session:
        matches = repo.find_assessment_ids(session, reference)
    if reference in matches:
        return reference
    if not matches:
        raise ServiceError(f"no assessment with id '{reference}'")
    if len(matches) > 1:
        shown = ", ".join(sorted(matches)[:5])
        raise ServiceError(
            f"'{reference}' matches {len(matches)} assessments ({shown}); give more of the id"
        )
    return matches[0]


def load(ctx: AppContext, assessment_id: str) -> tuple[Questionnaire, Assessment, ScoreCard]:
    with ctx.database.session(readonly=True) as session:
        assessment = _get(session, assessment_id)
        questionnaire = repo.get_questionnaire_for(session, assessment_id)
    return questionnaire, assessment, score(questionnaire, assessment)


def _get(session: repo.Session, assessment_id: str) -> Assessment:
    try:
        return repo.get_assessment(session, assessment_id)
    except repo.NotFound:
        raise ServiceError(f"no assessment with id '{assessment_id}'") from None


def refuse_if_submission(session: repo.Session, assessment_id: str) -> None:
    """An imported applicant file is the applicant's word: the officer reviews it and never
    changes it (answers, comments, flags, plan or evidence)."""
    try:
        submitted = review_repo.imported_submission(session, assessment_id)
    except repo.NotFound:
        raise ServiceError(f"no assessment with id '{assessment_id}'") from None
    if submitted is not None:
        raise ServiceError(
            f"assessment '{assessment_id}' is an imported applicant file: its answers, "
            "comments and evidence are the applicant's and cannot be changed here"
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
                raise ServiceError(f"{question_id}: {problem}")
        for rule, text in ((COMMENT, new.comment), (NA_REASON, new.na_reason or "")):
            problem = rule.message(text)
            if problem:
                raise ServiceError(f"{question_id}: {problem}")
        return new

    with ctx.database.session() as session:
        refuse_if_submission(session, assessment_id)
        try:
            return repo.save_answer(session, assessment_id, question_id, update, ctx.user)
        except repo.NotFound:
            raise ServiceError(f"no assessment with id '{assessment_id}'") from None
        except repo.StorageError as error:
            raise ServiceError(str(error)) from None


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
        raise ServiceError("give either a value or a not-applicable reason, not both")
    if value is not None:
        changes.update(value=value, na_reason=None)
    if na_reason is not None:
        changes.update(value=None, na_reason=na_reason.strip())
    if comment is not None:
        changes["comment"] = comment
    if not changes:
        raise ServiceError("give a value, a not-applicable reason or a comment")
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
            raise ServiceError(f"question '{question_id}' is not in {questionnaire.key}")
        problem = OWNER.message(owner.strip())
        if problem:
            raise ServiceError(f"{question_id}: {problem}")
        repo.set_plan_entry(session, assessment_id, question_id, PlanEntry(owner.strip(), due))


def list_assessments(ctx: AppContext) -> list[AssessmentSummary]:
    with ctx.database.session(readonly=True) as session:
        return repo.list_assessments(session)


def delete_assessment(ctx: AppContext, assessment_id: str) -> None:
    with ctx.database.session() as session:
        _get(session, assessment_id)
        repo.delete_assessment(session, assessment_id)
