"""The list folds one company's earlier cycles under its latest in the query itself (issue 17
on a paged list, issue 19): linked as cycles, or the same tax id and country on the same
questionnaire; an upgrade's copy stays on its own. Both backends."""

from __future__ import annotations

import datetime as dt

from aeo_assess.storage.database import Database
from aeo_assess.storage.listing import ListQuery, SortKey, Term, list_page
from aeo_assess.storage.models import AssessmentRow, UpgradeRow
from tests.storage.conftest import new_assessment_in


def _company(database: Database) -> dict[str, str]:
    """a → b → c linked as cycles (c with a tax id), d the same company imported from
    elsewhere, e the same tax id in another country, f an upgrade's copy, g alone."""
    ids: dict[str, str] = {}

    def add(name: str, year: int, **fields: object) -> None:
        created = dt.datetime(year, 3, 1, tzinfo=dt.UTC)
        with database.session() as session:
            ids[name] = new_assessment_in(session, created_at=created, updated_at=created,
                                          **fields)

    add("a", 2025)
    add("b", 2026, previous_cycle_id=ids["a"])
    add("c", 2027, tax_id="3-101-1", previous_cycle_id=ids["b"])
    add("d", 2024, tax_id="3-101-1")
    add("e", 2026, tax_id="3-101-1", country="PE")
    add("f", 2024, tax_id="3-101-1")
    add("g", 2023, tax_id="  ")
    with database.session() as session:
        row = session.get(AssessmentRow, ids["c"])
        assert row is not None
        pk = row.questionnaire_pk
        session.add(UpgradeRow(
            assessment_id=ids["c"], archive_id=ids["f"], from_questionnaire_pk=pk,
            to_questionnaire_pk=pk, who="test", at=dt.datetime(2027, 3, 2, tzinfo=dt.UTC),
        ))
    return ids


def test_earlier_cycles_are_folded_in_the_query(database: Database) -> None:
    ids = _company(database)
    name = {v: k for k, v in ids.items()}
    with database.session(readonly=True) as session:
        folded = list_page(session, ListQuery())
        everything = list_page(session, ListQuery(show_history=True))
        searched = list_page(session, ListQuery(terms=(Term("3-101-1"),)))
        later = list_page(session, ListQuery(), offset=2, limit=2, count=False)
        # Sorted otherwise, or without demonstration data: folded against the set of ids.
        by_company = list_page(session, ListQuery(sort=SortKey.COMPANY))
        real_only = list_page(session, ListQuery(show_demo=False, sort=SortKey.LEVEL))
    assert sorted(name[r.id] for r in folded.rows) == ["c", "e", "f", "g"]
    assert (folded.matching, folded.total, folded.has_history) == (4, 7, True)
    assert sorted(name[r.id] for r in by_company.rows) == ["c", "e", "f", "g"]
    assert sorted(name[r.id] for r in real_only.rows) == ["c", "e", "f", "g"]
    assert by_company.matching == real_only.matching == 4
    assert sorted(name[r.id] for r in everything.rows) == list("abcdefg")
    assert (everything.matching, everything.has_history) == (7, True)
    assert sorted(name[r.id] for r in searched.rows) == ["c", "e", "f"]
    assert searched.matching == 3
    assert {name[r.id] for r in later.rows} <= {"c", "e", "f", "g"} and len(later.rows) == 2
    rows = {name[r.id]: r for r in everything.rows}
    assert {k for k, r in rows.items() if r.superseded} == {"a", "b", "d"}
    assert rows["c"].earlier_cycles == 1 and rows["c"].previous_cycle_id == ids["b"]
    assert rows["a"].next_cycle_id == ids["b"] and rows["g"].earlier_cycles == 0
    assert rows["f"].archived_into == ids["c"]


def test_no_history_without_earlier_cycles(database: Database) -> None:
    with database.session() as session:
        new_assessment_in(session, tax_id="3-101-1")
        new_assessment_in(session, tax_id="3-101-2")
    with database.session(readonly=True) as session:
        page = list_page(session, ListQuery())
    assert (page.matching, page.total, page.has_history) == (2, 2, False)
    assert not any(r.superseded for r in page.rows)


def test_every_view_lists_exactly_what_it_counts(database: Database) -> None:
    """Each sort, both directions, with and without demonstration data and earlier cycles:
    reading the list a page at a time gives every expected row once, as many as the first
    page said (the count is made apart from the page since issue 19)."""
    ids = _company(database)
    old_demo = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    with database.session() as session:
        ids["h"] = new_assessment_in(session, tax_id="9-9", demo=True, created_at=old_demo,
                                     updated_at=old_demo)
        ids["i"] = new_assessment_in(session, tax_id="9-9", demo=True)
    earlier = {ids["a"], ids["b"], ids["d"], ids["h"]}
    demo = {ids["h"], ids["i"]}
    with database.session(readonly=True) as session:
        for sort in SortKey:
            for descending in (False, True):
                for show_demo in (True, False):
                    for show_history in (True, False):
                        query = ListQuery(sort=sort, descending=descending,
                                          show_demo=show_demo, show_history=show_history)
                        first = list_page(session, query, limit=3)
                        seen = [r.id for r in first.rows]
                        while True:
                            more = list_page(session, query, offset=len(seen), limit=3,
                                             count=False)
                            if not more.rows:
                                break
                            seen += [r.id for r in more.rows]
                        expected = set(ids.values())
                        expected -= set() if show_demo else demo
                        expected -= set() if show_history else earlier
                        assert len(seen) == len(set(seen)) == first.matching, query
                        assert set(seen) == expected, query
                        assert (first.total, first.has_demo, first.has_history) == (9, True, True)
