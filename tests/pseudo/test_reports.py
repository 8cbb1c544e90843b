"""Every report in the pseudo-language: the text pypdf reads from each page, line by line,
holds no English outside ⟦…⟧ but user data, ids, numbers, dates and proper names."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from pypdf import PdfReader

from aeo_assess.services import reports, reviews, workshop_reports, workshops
from aeo_assess.services.assessments import list_assessments
from aeo_assess.services.context import AppContext, open_context
from aeo_assess.services.demo import create_demo_administrations, create_demo_data
from tests.pseudo.test_gui import _submission
from tests.pseudo.text_check import Allowed, database_texts

DEMO_NOW = dt.datetime(2026, 11, 20, 15, 30, tzinfo=dt.UTC)


class Demo(NamedTuple):
    ctx: AppContext
    path: Path
    submission: str


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """Traders, a workshop, administrations and a reviewed submission, made once."""
    work = tmp_path_factory.mktemp("pseudo-reports")
    path = work / "aeo-assess.sqlite3"
    ctx = open_context(f"sqlite:///{path}")
    create_demo_data(ctx, now=DEMO_NOW, count=12)
    create_demo_administrations(ctx, now=DEMO_NOW)
    submission = _submission(ctx, work)
    yield Demo(ctx, path, submission)
    ctx.database.close()


def english_lines(pdf: bytes, allowed: Allowed) -> list[str]:
    found = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        # Messages and names run over several lines: the page is read as one text.
        left = allowed.leftover(page.extract_text())
        if left:
            found.append(f"page {number}: {left}")
    return found


def assert_translated(pdf: bytes, ctx_path: Path) -> None:
    allowed = Allowed(database_texts(ctx_path))
    found = english_lines(pdf, allowed)
    assert not found, "English in the pseudo-language report:\n" + "\n".join(found)


def _first(ctx: AppContext, questionnaire_id: str) -> str:
    return next(r.id for r in list_assessments(ctx) if r.questionnaire_id == questionnaire_id)


def test_readiness_report(pseudo: str, demo: Demo) -> None:
    options = reports.ReportOptions(language=pseudo)
    assert_translated(reports.render(demo.ctx, _first(demo.ctx, "safe-aeo"), options).pdf, demo.path)


def test_administration_report(pseudo: str, demo: Demo) -> None:
    options = reports.ReportOptions(language=pseudo)
    target = _first(demo.ctx, "customs-rm")
    assert_translated(reports.render(demo.ctx, target, options).pdf, demo.path)


def test_review_report(pseudo: str, demo: Demo) -> None:
    assert_translated(reviews.review_report_pdf(demo.ctx, demo.submission, pseudo), demo.path)


@pytest.mark.parametrize("regional", [False, True], ids=["traders", "administrations"])
def test_workshop_summaries(pseudo: str, demo: Demo, regional: bool) -> None:
    traders, administrations = sorted(workshops.list_workshops(demo.ctx), key=lambda w: w.id)
    workshop = administrations if regional else traders
    pdf = workshop_reports.render_summary(demo.ctx, workshop.id, language=pseudo, k=3)
    assert_translated(pdf, demo.path)
