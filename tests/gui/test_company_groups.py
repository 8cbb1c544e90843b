"""The list groups one company's assessments under its latest: linked as cycles, or with the
same tax id and country on the same questionnaire; an upgrade's copy stays on its own."""

from __future__ import annotations

import dataclasses
import datetime as dt

from aeo_assess.domain.assessment import Status
from aeo_assess.gui.assessment_list import company_latest
from aeo_assess.storage.repository import AssessmentSummary

BASE = AssessmentSummary(
    id="", company="Café Ñandú S.A.", country="CR", questionnaire_id="safe-aeo",
    questionnaire_version="2027.1", status=Status.DRAFT, demo=False, applicable=1, answered=0,
    overall=None, level="not_ready", blocking_gaps=0,
    updated_at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
)


def row(assessment_id: str, year: int, **fields: object) -> AssessmentSummary:
    return dataclasses.replace(
        BASE, id=assessment_id, created_at=dt.datetime(year, 3, 1, tzinfo=dt.UTC), **fields  # type: ignore[arg-type]
    )


def test_cycles_and_tax_ids_group_under_the_latest() -> None:
    rows = [
        row("a", 2025),
        row("b", 2026, previous_cycle_id="a"),
        row("c", 2027, tax_id="3-101-1", previous_cycle_id="b"),
        row("d", 2024, tax_id="3-101-1"),  # imported from elsewhere, same company
        row("e", 2026, tax_id="3-101-1", country="PE"),  # another country: another company
        row("f", 2024, tax_id="3-101-1", archived_into="c"),  # an upgrade's copy
        row("g", 2023),  # no tax id, no link: alone
    ]
    latest = company_latest(rows)
    assert latest == {"a": "c", "b": "c", "c": "c", "d": "c", "e": "e", "f": "f", "g": "g"}
