"""For an administration's report: how much AEO work this installation holds for its country,
counts only, so that the administration's self-assessment and its traders' files meet without
any applicant being named."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from aeo_assess.storage.models import AssessmentRow, QuestionnaireRow
from aeo_assess.storage.review_models import ReviewRow


def country_activity(
    session: Session, country: str, trader_questionnaires: Collection[str]
) -> tuple[int, int]:
    """(applicant files imported, officer's reviews started) for traders of ``country`` on
    the questionnaires whose ids are given (the trader ones)."""
    files = (
        select(AssessmentRow.id)
        .join(QuestionnaireRow, AssessmentRow.questionnaire_pk == QuestionnaireRow.pk)
        .where(
            AssessmentRow.country == country,
            AssessmentRow.submission_sha256.is_not(None),
            QuestionnaireRow.questionnaire_id.in_(list(trader_questionnaires)),
        )
    )
    count_files = session.scalar(select(func.count()).select_from(files.subquery())) or 0
    count_reviews = session.scalar(
        select(func.count(ReviewRow.id)).where(
            ReviewRow.received_at.is_(None), ReviewRow.assessment_id.in_(files)
        )
    ) or 0
    return count_files, count_reviews
