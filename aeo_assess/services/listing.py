"""The assessment list and the officer's queue a page at a time (issue 19: a national
database of 100,000 assessments lists, searches and sorts in SQL, never all at once)."""

from __future__ import annotations

from collections.abc import Sequence

from aeo_assess.services.context import AppContext
from aeo_assess.storage import listing
from aeo_assess.storage.listing import ListQuery, Page, QueuePage, Term
from aeo_assess.storage.repository import AssessmentSummary

PAGE_SIZE = 200
"""Rows read at a time: more than a tall window shows, few enough to read in milliseconds."""


def list_page(
    ctx: AppContext, query: ListQuery, offset: int = 0, limit: int = PAGE_SIZE
) -> Page:
    """The first page with its counts (``offset`` 0), or a later page without them."""
    with ctx.database.session(readonly=True) as session:
        return listing.list_page(session, query, offset, limit, count=offset == 0)


def summary(ctx: AppContext, assessment_id: str) -> AssessmentSummary | None:
    with ctx.database.session(readonly=True) as session:
        return listing.summary_of(session, assessment_id)


def submission_queue(
    ctx: AppContext, terms: Sequence[Term] = (), offset: int = 0, limit: int = 100
) -> QueuePage:
    with ctx.database.session(readonly=True) as session:
        return listing.submission_queue(session, terms, offset, limit)
