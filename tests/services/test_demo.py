"""Demonstration data: plentiful, varied, deterministic, and always marked as demonstration."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from aeo_assess.services import assessments, demo
from aeo_assess.services.context import AppContext
from aeo_assess.storage.database import Database

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
COUNTRIES = {"CR", "SV", "HN", "CL", "UY", "DO", "GT", "PE", "NI"}


def test_creates_marked_varied_companies(ctx: AppContext) -> None:
    reported: list[tuple[int, int]] = []
    ids = demo.create_demo_data(ctx, lambda done, total: reported.append((done, total)), now=NOW)
    rows = assessments.list_assessments(ctx)
    assert len(ids) == len(rows) == demo.DEFAULT_COUNT >= 40
    assert reported[-1] == (len(ids), len(ids)) and len(reported) <= 5  # few sessions
    assert all(r.demo and r.company.endswith(" (demo)") for r in rows)
    assert len({r.company for r in rows}) == len(rows)
    assert {r.country for r in rows} == COUNTRIES
    assert {r.questionnaire_id for r in rows} == {"safe-aeo"}
    levels = Counter(r.level for r in rows)
    assert set(levels) == {"ready", "nearly_ready", "developing", "not_ready"}
    assert min(r.completeness for r in rows) < 0.5 < max(r.completeness for r in rows) == 1.0
    assert all(r.updated_at <= NOW for r in rows)

    _q, sample, card = assessments.load(ctx, ids[0])
    assert sample.demo and sample.tax_id
    assert card.answered == sum(1 for a in sample.answers.values() if a.answered)


def test_same_seed_same_data(tmp_path: Path, ctx: AppContext) -> None:
    other = AppContext(Database(f"sqlite:///{tmp_path}/other.sqlite3"))
    try:
        first = demo.create_demo_data(ctx, count=6, seed=7, now=NOW)
        second = demo.create_demo_data(other, count=6, seed=7, now=NOW)
        for left, right in zip(first, second, strict=True):
            _q, a, card_a = assessments.load(ctx, left)
            _q, b, card_b = assessments.load(other, right)
            assert (a.company, a.country, a.tax_id, a.roles, a.answers, a.plan) == (
                b.company, b.country, b.tax_id, b.roles, b.answers, b.plan
            )
            assert card_a == card_b
        different = demo.create_demo_data(other, count=6, seed=8, now=NOW)
        assert {assessments.load(other, i)[1].company for i in different} != {
            assessments.load(other, i)[1].company for i in second
        }
    finally:
        other.database.close()


def test_delete_removes_only_demonstration_data(ctx: AppContext) -> None:
    demo.create_demo_data(ctx, count=4, now=NOW)
    own = assessments.create_assessment(
        ctx,
        questionnaire_id="safe-aeo",
        company="Operador Real S.A.",
        country="CR",
        roles=["importer"],
        aeo_types=["security"],
    )
    assert demo.delete_demo_data(ctx) == 4
    assert [r.id for r in assessments.list_assessments(ctx)] == [own]
