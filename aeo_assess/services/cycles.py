"""The yearly cycle (issue 17): start a company's next assessment from its last one, confirm
what was carried over, keep the certification and review dates, and read the company's
history for the trend and the changes since a baseline.

Each call opens one session, and the change is committed when the call returns.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from aeo_assess.domain.assessment import Assessment, CarryState, Status
from aeo_assess.domain.review import SubmissionDiff
from aeo_assess.messages import Message
from aeo_assess.questionnaires.registry import find, shipped_raw, version_key
from aeo_assess.questionnaires.upgrade import Dropped, carry_over
from aeo_assess.scoring import score
from aeo_assess.scoring.cycles import AnswerDiff, Cycle, answer_changes
from aeo_assess.services import reviews
from aeo_assess.services.assessments import refuse_if_submission
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage import repository as repo


@dataclass(frozen=True)
class NextCycle:
    """What starting the next cycle did."""

    assessment_id: str
    previous_id: str
    questionnaire_id: str
    from_version: str
    to_version: str
    to_confirm: int
    """Answers carried over, each to confirm or change."""
    dropped: tuple[Dropped, ...]
    """Answers, or their values, that the newer questionnaire version does not take."""


def _get(session: repo.Session, assessment_id: str) -> Assessment:
    try:
        return repo.get_assessment(session, assessment_id)
    except repo.NotFound:
        raise ServiceError(Message(
            "cycles.no_assessment_with_id", "no assessment with id '{id}'", id=assessment_id,
        )) from None


def start_next_cycle(ctx: AppContext, assessment_id: str) -> NextCycle:
    """A new assessment of the same company on the newest version of its questionnaire,
    carrying every answer, comment, plan entry and evidence link over as *to confirm*
    (across versions by the upgrade's mapping), linked to this one as the next cycle."""
    with ctx.database.session() as session:
        source = _get(session, assessment_id)
        archived = repo.archived_by(session, assessment_id)
        if archived is not None:
            raise ServiceError(Message(
                "cycles.upgrade_copy",
                "assessment '{id}' is the copy an upgrade kept: start the next cycle from {live}",
                id=assessment_id, live=archived.assessment_id,
            ))
        following = repo.next_cycle_of(session, assessment_id)
        if following is not None:
            raise ServiceError(Message(
                "cycles.already_has_next",
                "assessment '{id}' already has a next cycle: {next}",
                id=assessment_id, next=following,
            ))
        old = repo.get_questionnaire_for(session, assessment_id)
        newest = find(old.id)
        if newest is not None and version_key(newest.version) > version_key(old.version):
            carried = carry_over(old, newest, source)
            answers, plan, evidence = carried.answers, carried.plan, carried.evidence
            dropped, target, raw = carried.dropped, newest, shipped_raw(newest)
        else:
            answers, plan, evidence = source.answers, source.plan, source.evidence
            dropped, target, raw = (), old, repo.questionnaire_raw_for(session, assessment_id)
        pk = repo.store_questionnaire(session, raw)
        data = {e.sha256: repo.evidence_data(session, assessment_id, e.sha256) for e in evidence}
        new = dataclasses.replace(
            source,
            id="",
            questionnaire_version=target.version,
            answers=dict(answers),
            plan=dict(plan),
            evidence=evidence,
            carried=dict.fromkeys(answers, CarryState.TO_CONFIRM),
            previous_cycle_id=assessment_id,
            status=Status.DRAFT,
            created_at=None,
            updated_at=None,
            submission_sha256=None,
            previous_submission_id=None,
            consent=False,
        )
        new_id = repo.create_assessment(session, new, pk, data)
    return NextCycle(
        new_id, assessment_id, old.id, old.version, target.version, len(answers), dropped
    )


def confirm(ctx: AppContext, assessment_id: str, question_ids: Iterable[str] | None = None) -> int:
    """Confirm carried answers as still true: those named, or every one still to confirm.
    Returns how many were confirmed."""
    with ctx.database.session() as session:
        refuse_if_submission(session, assessment_id)
        assessment = _get(session, assessment_id)
        questionnaire = repo.get_questionnaire_for(session, assessment_id)
        if question_ids is None:
            wanted = [q for q in assessment.carried if assessment.to_confirm(q)]
        else:
            wanted = list(question_ids)
            for question_id in wanted:
                if not questionnaire.has_question(question_id):
                    raise ServiceError(Message(
                        "cycles.question_not_in_questionnaire",
                        "question '{question}' is not in {questionnaire}",
                        question=question_id, questionnaire=questionnaire.key,
                    ))
        return repo.confirm_answers(session, assessment_id, wanted)


def set_review_dates(
    ctx: AppContext,
    assessment_id: str,
    *,
    certified_on: dt.date | None,
    next_review_on: dt.date | None,
) -> None:
    """The company's certification date and next review date, as the user knows them."""
    if certified_on is not None and next_review_on is not None and next_review_on < certified_on:
        raise ServiceError(Message(
            "cycles.review_before_certification",
            "the next review cannot come before the certification",
        ))
    with ctx.database.session() as session:
        refuse_if_submission(session, assessment_id)
        _get(session, assessment_id)
        repo.set_review_dates(session, assessment_id, certified_on, next_review_on)


def _chain(session: repo.Session, assessment_id: str) -> list[str]:
    """The company's cycles, oldest first, that ``assessment_id`` belongs to."""
    chain = [assessment_id]
    seen = {assessment_id}
    while (previous := _get(session, chain[0]).previous_cycle_id) and previous not in seen:
        chain.insert(0, previous)
        seen.add(previous)
    while (following := repo.next_cycle_of(session, chain[-1])) and following not in seen:
        chain.append(following)
        seen.add(following)
    return chain


def history(ctx: AppContext, assessment_id: str) -> tuple[Cycle, ...]:
    """Every cycle of the company ``assessment_id`` belongs to, oldest first, each scored on
    its own questionnaire version."""
    with ctx.database.session(readonly=True) as session:
        cycles = []
        for cycle_id in _chain(session, assessment_id):
            assessment = _get(session, cycle_id)
            questionnaire = repo.get_questionnaire_for(session, cycle_id)
            cycles.append(Cycle(questionnaire, assessment, score(questionnaire, assessment)))
    return tuple(cycles)


def changes_since(
    ctx: AppContext, baseline_id: str, assessment_id: str
) -> tuple[Cycle, Cycle, tuple[AnswerDiff, ...]]:
    """Each answer that changed between the baseline (any earlier assessment) and this one."""
    with ctx.database.session(readonly=True) as session:
        cycles = []
        for cycle_id in (baseline_id, assessment_id):
            assessment = _get(session, cycle_id)
            questionnaire = repo.get_questionnaire_for(session, cycle_id)
            cycles.append(Cycle(questionnaire, assessment, score(questionnaire, assessment)))
    baseline, current = cycles
    if baseline.questionnaire.id != current.questionnaire.id:
        raise ServiceError(Message(
            "cycles.baseline_other_questionnaire",
            "the baseline is on {baseline}, not on a version of {questionnaire}",
            baseline=baseline.questionnaire.key, questionnaire=current.questionnaire.id,
        ))
    return (
        baseline,
        current,
        answer_changes(baseline.assessment, current.assessment, current.questionnaire),
    )


def earlier_assessments(ctx: AppContext, assessment_id: str) -> list[repo.AssessmentSummary]:
    """The baselines an assessment may be compared with, newest first: earlier assessments of
    the same questionnaire and the same company, known by its tax id and country or linked as
    its previous cycle or submission (upgrade copies left out)."""
    with ctx.database.session(readonly=True) as session:
        current = _get(session, assessment_id)
        questionnaire_id = current.questionnaire_id
        linked = set(_chain(session, assessment_id))
        previous = current.previous_submission_id
        while previous is not None and previous not in linked:
            linked.add(previous)
            previous = _get(session, previous).previous_submission_id
        rows = repo.list_assessments(session)
    created = current.created_at
    return sorted(
        (
            r
            for r in rows
            if r.id != assessment_id
            and r.archived_into is None
            and r.questionnaire_id == questionnaire_id
            and (created is None or r.created_at is None or r.created_at < created)
            and (
                r.id in linked
                or (current.tax_id and (r.tax_id, r.country) == (current.tax_id, current.country))
            )
        ),
        key=lambda r: r.created_at or r.updated_at,
        reverse=True,
    )


def submission_diff(ctx: AppContext, baseline_id: str, assessment_id: str) -> SubmissionDiff:
    """Answers, comments and evidence changed since the baseline, as the review mode lists
    the changes since a previous submission."""
    with ctx.database.session(readonly=True) as session:
        baseline = _get(session, baseline_id)
        current = _get(session, assessment_id)
    return reviews.diff_between(baseline, current)
