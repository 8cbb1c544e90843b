"""Finding and reading one assessment on a Core connection (``storage.reader``): what a
report from the database needs, without the ORM that changing assessments uses."""

from __future__ import annotations

from aeo_assess.domain.assessment import Assessment
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.scorecard import ScoreCard
from aeo_assess.messages import Message
from aeo_assess.scoring import score
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage import reader
from aeo_assess.storage.errors import NotFound


def resolve(ctx: AppContext, reference: str) -> str:
    """An assessment named by its id or an unambiguous id prefix."""
    reference = reference.strip()
    if not reference:
        raise ServiceError(Message(
            "assessments.no_assessment_named",
            "no assessment named",
        ))
    with ctx.database.reading() as connection:
        matches = reader.assessment_ids(connection, reference)
    if reference in matches:
        return reference
    if not matches:
        raise ServiceError(Message(
            "assessments.no_assessment_with_id",
            "no assessment with id '{reference}'",
            reference=reference,
        ))
    if len(matches) > 1:
        shown = ", ".join(sorted(matches)[:5])
        raise ServiceError(
            Message(
                "assessments.matches_assessments_give_more",
                "'{reference}' matches {matches_count} assessments ({shown}); give more of the id",
                reference=reference, matches_count=len(matches), shown=shown,
            )
        )
    return matches[0]


def load(ctx: AppContext, assessment_id: str) -> tuple[Questionnaire, Assessment, ScoreCard]:
    """The assessment, the questionnaire version it is answered on, and its score card."""
    try:
        with ctx.database.reading() as connection:
            questionnaire, assessment = reader.read_assessment(connection, assessment_id)
    except NotFound:
        raise ServiceError(Message(
            "assessments.no_assessment_with_id",
            "no assessment with id '{reference}'",
            reference=assessment_id,
        )) from None
    return questionnaire, assessment, score(questionnaire, assessment)
