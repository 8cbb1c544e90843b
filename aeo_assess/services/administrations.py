"""Use cases of assessments whose subject is not a company (a customs administration assessing
itself) and of every subject's consent to be named in a workshop summary."""

from __future__ import annotations

import datetime as dt

from aeo_assess.domain.assessment import Assessment
from aeo_assess.domain.benchmark import CountryProgramme
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.scorecard import ScoreCard
from aeo_assess.domain.vocabulary import Subject
from aeo_assess.messages import Message
from aeo_assess.questionnaires.registry import find, latest
from aeo_assess.services import assessments
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage import repository as repo
from aeo_assess.storage import subject_repository


def subject_of(questionnaire_id: str) -> Subject:
    """Who answers the shipped questionnaire of that id; an unknown one is a company's, as
    every questionnaire was before subjects existed."""
    questionnaire = find(questionnaire_id)
    return Subject.COMPANY if questionnaire is None else questionnaire.subject


def subject_of_assessment(ctx: AppContext, assessment_id: str) -> Subject:
    """Who the assessment is about, read from the questionnaire it was answered on; an id that
    names no assessment reads as a company's (whoever asked then says it is not there)."""
    with ctx.database.session(readonly=True) as session:
        try:
            return repo.get_questionnaire_for(session, assessment_id).subject
        except repo.NotFound:
            return Subject.COMPANY


def questionnaires_for(subject: Subject) -> list[Questionnaire]:
    """The newest shipped questionnaires that subject answers: what its wizard offers."""
    return [q for q in latest() if q.subject is subject]


def set_consent(ctx: AppContext, assessment_id: str, consent: bool) -> None:
    """Record whether the subject agreed to be named in workshop summaries. An imported file
    carries the applicant's own word, which the importer does not change."""
    with ctx.database.session() as session:
        assessments.refuse_if_submission(session, assessment_id)
        try:
            repo.set_consent(session, assessment_id, consent)
        except repo.NotFound:
            raise ServiceError(Message(
                "administrations.no_assessment_with_id",
                "no assessment with id '{reference}'",
                reference=assessment_id,
            )) from None


def aeo_activity(ctx: AppContext, country: str) -> tuple[int, int]:
    """How many AEO applicant files (and customs reviews of them) this installation holds for
    ``country``: the administration report's link to the traders' side, counts only."""
    traders = {q.id for q in latest() if q.subject is Subject.COMPANY}
    with ctx.database.session(readonly=True) as session:
        return subject_repository.country_activity(session, country, traders)


def render_report(
    ctx: AppContext | None,
    questionnaire: Questionnaire,
    assessment: Assessment,
    card: ScoreCard,
    *,
    language: str,
    page_size: str,
    country: CountryProgramme | None,
) -> bytes:
    """The administration report; the AEO counts need the database, so a report made from a
    file (``ctx`` None) says it has none. ReportLab is imported here, not by the commands
    that only create or change administrations' assessments."""
    from aeo_assess.reporting.administration_report import (
        AeoActivity,
        render_administration_report,
    )

    return render_administration_report(
        questionnaire,
        assessment,
        card,
        language=language,
        page_size=page_size,
        country=country,
        activity=None if ctx is None else AeoActivity(*aeo_activity(ctx, assessment.country)),
        generated_at=dt.datetime.now().astimezone(),
    )
