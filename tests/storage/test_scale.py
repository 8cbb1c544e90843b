"""A national database in miniature (issue 19): 10,000 assessments seeded in bulk, on SQLite and
on PostgreSQL, listed a page at a time, searched accent-insensitively by company name or tax id,
sorted in SQL, and the officer's queue read in one query. Functional only: ``make bench``
times the same on 100,000."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import text

from aeo_assess.domain.search import fold, search_key
from aeo_assess.domain.vocabulary import PeerScope
from aeo_assess.questionnaires.registry import find
from aeo_assess.services import benchmarks, listing
from aeo_assess.services.context import AppContext
from aeo_assess.storage import listing as storage_listing
from aeo_assess.storage import repository as repo
from aeo_assess.storage.database import Database, _alembic_config
from aeo_assess.storage.listing import ListQuery, SortKey, Term
from benchmarks.seed import Seeded, company_name, seed
from tests.db_fixtures import backends, fresh_database_url
from tests.storage.conftest import NewAssessment

COUNT = 10_000


@pytest.fixture(scope="module", params=backends())
def national(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[AppContext, Seeded]]:
    """One seeded database per backend, shared by this module's tests (they only read)."""
    with fresh_database_url(request.param, tmp_path_factory.mktemp("national")) as url:
        ctx = AppContext(Database(url))
        try:
            yield ctx, seed(ctx.database, COUNT)
        finally:
            ctx.database.close()


def test_the_list_reads_every_row_once_a_page_at_a_time(
    national: tuple[AppContext, Seeded],
) -> None:
    ctx, seeded = national
    query = ListQuery(sort=SortKey.COMPLETENESS)  # ties everywhere: the id breaks them
    first = listing.list_page(ctx, query)
    assert (first.matching, first.total, len(first.rows)) == (COUNT, COUNT, listing.PAGE_SIZE)
    ids = [row.id for row in first.rows]
    for offset in range(listing.PAGE_SIZE, 2000, listing.PAGE_SIZE):
        later = listing.list_page(ctx, query, offset)
        assert later.matching == -1  # counted once, with the first page
        ids += [row.id for row in later.rows]
    assert len(ids) == len(set(ids)) == 2000
    completeness = [r.completeness for r in first.rows]
    assert completeness == sorted(completeness, reverse=True)
    assert set(ids) <= set(seeded.ids)


def test_sorting_by_company_ignores_accents_and_case(national: tuple[AppContext, Seeded]) -> None:
    ctx, _seeded = national
    page = listing.list_page(ctx, ListQuery(sort=SortKey.COMPANY, descending=False))
    # First words only: past them, the server's collation may weigh spaces differently.
    firsts = [fold(row.company).split()[0] for row in page.rows]
    assert firsts == sorted(firsts)
    assert firsts[0] == min(fold(company_name(i)).split()[0] for i in range(COUNT)) == "aduanas"


@pytest.mark.parametrize("typed", ["LOGISTICA", "logística", "Logistica"])
def test_search_by_company_ignores_accents_and_case(
    national: tuple[AppContext, Seeded], typed: str
) -> None:
    ctx, _seeded = national
    page = listing.list_page(ctx, ListQuery(terms=(Term(typed),)), limit=COUNT)
    expected = {company_name(i) for i in range(COUNT) if "Logística" in company_name(i)}
    assert {row.company for row in page.rows} == expected
    assert page.matching == len(expected) and page.total == COUNT


@pytest.mark.parametrize("typed", ["3-101-004321", "3101004321", "004321"])
def test_search_by_tax_id_with_or_without_separators(
    national: tuple[AppContext, Seeded], typed: str
) -> None:
    ctx, seeded = national
    page = listing.list_page(ctx, ListQuery(terms=(Term(typed),)))
    assert [row.id for row in page.rows] == [seeded.ids[4321]]


def test_search_words_combine_and_special_characters_are_literal(
    national: tuple[AppContext, Seeded],
) -> None:
    ctx, _seeded = national
    assert company_name(2456).startswith("Río Café 2456")
    words = ListQuery(terms=(Term("rio"), Term("CAFE"), Term("2456")))
    assert [row.company for row in listing.list_page(ctx, words).rows] == [company_name(2456)]
    for wildcard in ("%", "_", "\\"):
        assert listing.list_page(ctx, ListQuery(terms=(Term(wildcard),))).matching == 0
    country = ListQuery(terms=(Term("zzz", countries=frozenset({"CR"})),))
    assert listing.list_page(ctx, country).matching == COUNT // 14 + 1


def test_the_officers_queue_in_one_query(national: tuple[AppContext, Seeded]) -> None:
    ctx, _seeded = national
    queue = listing.submission_queue(ctx)
    assert 1500 < queue.matching < 2500 and len(queue.rows) == 100
    decided = [row.outcome is not None for row in queue.rows]
    assert decided == sorted(decided)  # the work left first
    everything = listing.submission_queue(ctx, limit=queue.matching)
    assert [r.outcome is not None for r in everything.rows] == sorted(
        r.outcome is not None for r in everything.rows
    )
    assert any(r.reviewed for r in everything.rows)
    one = everything.rows[-1]
    found = listing.submission_queue(ctx, (Term(fold(one.company)),))
    assert [r.assessment_id for r in found.rows] == [one.assessment_id]


def test_opening_one_and_peer_statistics(national: tuple[AppContext, Seeded]) -> None:
    ctx, seeded = national
    with ctx.database.session(readonly=True) as session:
        assessment = repo.get_assessment(session, seeded.ids[10])
    assert assessment.company == company_name(10)
    summary = listing.summary(ctx, seeded.ids[10])
    assert summary is not None and summary.company == company_name(10)
    safe = find("safe-aeo")
    assert safe is not None
    group = benchmarks.peer_statistics(ctx, safe.id, safe.version, PeerScope.COUNTRY, "CR", k=5)
    assert group is not None


def test_the_search_column_follows_profile_changes_and_the_migration_fills_it(
    database: Database, database_url: str, new_assessment: NewAssessment
) -> None:
    assessment_id = new_assessment(company="Café & Co <Ltd>", tax_id="3-101-55")
    with database.session() as session:
        repo.set_profile(session, assessment_id, company="Ñandú Logística", tax_id="J-9",
                         country="CR", roles=["importer"], aeo_types=["security"])
        found = storage_listing.list_page(session, ListQuery(terms=(Term("nandu"),)))
    assert [row.id for row in found.rows] == [assessment_id]
    with database.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), "0006_subjects")
    database.close()
    again = Database(database_url)
    try:
        with again.session() as session:
            stored = session.scalar(text("SELECT search FROM assessments"))
        assert stored == search_key("Ñandú Logística", "J-9") == "nandu logistica j-9 j9"
    finally:
        again.close()


def test_seeding_writes_what_it_reports(national: tuple[AppContext, Seeded]) -> None:
    ctx, seeded = national
    with ctx.database.session(readonly=True) as session:
        history = session.scalar(text("SELECT count(*) FROM answer_history"))
        versions = session.scalar(text("SELECT count(DISTINCT questionnaire_pk) FROM assessments"))
    assert history == 20 * COUNT and versions == 2
    assert seeded.rows > 25 * COUNT and seeded.rate > 0
