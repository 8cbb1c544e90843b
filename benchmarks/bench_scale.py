"""Issue 19: a national database of 100,000 assessments, on SQLite and on PostgreSQL.

Each engine is seeded once (``benchmarks.seed``: COPY on PostgreSQL, executemany on SQLite;
its rate is printed), then the officer's everyday actions are timed through the services the
desktop calls: the first screen of the list and of the officer's queue, scrolling further
down, peer statistics for one country, opening one assessment, and searching by company name
(typed without accents) or by tax id (typed without separators).

PostgreSQL is chosen the way ``.ci/run`` sets it up for the tests: AEO_ASSESS_BENCH_PG, else
AEO_ASSESS_TEST_PG, names a server; the benchmark works in a schema of its own and drops it.
Without either, it says so and runs the SQLite half.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtWidgets import QApplication
from sqlalchemy import create_engine, make_url, text

from aeo_assess.domain.search import fold
from aeo_assess.domain.vocabulary import PeerScope
from aeo_assess.gui.assessment_list import AssessmentTableModel
from aeo_assess.questionnaires.registry import find
from aeo_assess.services import assessments, benchmarks, listing
from aeo_assess.services.context import AppContext, open_context
from aeo_assess.storage.listing import ListQuery, SortKey, Term
from benchmarks.seed import company_name, seed
from benchmarks.timing import median_seconds, report

PG_VARIABLES = ("AEO_ASSESS_BENCH_PG", "AEO_ASSESS_TEST_PG")


def postgresql_server() -> str | None:
    for variable in PG_VARIABLES:
        if os.environ.get(variable):
            return os.environ[variable]
    return None


@contextmanager
def postgresql_schema(server: str) -> Iterator[str]:
    """A URL on a new schema of the server, dropped afterwards."""
    schema = f"bench_{uuid.uuid4().hex}"
    admin = create_engine(make_url(server))
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(server).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def _timed(name: str, action: Callable[[], object], target: str, repeat: int = 7) -> None:
    report(name, median_seconds(action, repeat=repeat), target=target)


def _first_screen(ctx: AppContext, query: ListQuery) -> None:
    """What the officer waits for: the first page read and formatted for the table."""
    page = listing.list_page(ctx, query)
    AssessmentTableModel().set_page(page.rows, page.matching, None)


def measure(ctx: AppContext, engine: str, count: int) -> None:
    started = seed(ctx.database, count)
    print(f"  [{engine}] seeded {started.assessments:,} assessments, {started.rows:,} rows in "
          f"{started.seconds:.1f} s: {started.rate:,.0f} rows/s", flush=True)
    newest = ListQuery()
    first = listing.list_page(ctx, newest)
    assert first.total == count and len(first.rows) == listing.PAGE_SIZE
    _timed(f"[{engine}] list: first screen (page + counts)",
           lambda: listing.list_page(ctx, newest), "<= 0.3 s")
    by_completeness = ListQuery(sort=SortKey.COMPLETENESS, descending=False)
    _timed(f"[{engine}] list sorted by completeness, first screen",
           lambda: listing.list_page(ctx, by_completeness), "<= 0.3 s")
    real_only = ListQuery(sort=SortKey.COMPLETENESS, descending=False, show_demo=False)
    _timed(f"[{engine}] the same without demonstration data",
           lambda: listing.list_page(ctx, real_only), "<= 0.3 s")
    _timed(f"[{engine}] list: scroll to page 50 (rows 10,000-10,200)",
           lambda: listing.list_page(ctx, newest, offset=50 * listing.PAGE_SIZE), "<= 0.3 s")
    _timed(f"[{engine}] list: first screen in the desktop's table model",
           lambda: _first_screen(ctx, newest), "<= 0.3 s")
    _timed(f"[{engine}] (before issue 19: every row read at once)",
           lambda: assessments.list_assessments(ctx), "for comparison", repeat=1)
    _timed(f"[{engine}] officer's queue: first screen",
           lambda: listing.submission_queue(ctx), "<= 0.3 s")
    _timed(f"[{engine}] list and queue together (the officer's start)",
           lambda: (listing.list_page(ctx, newest), listing.submission_queue(ctx)), "<= 1 s")
    safe = find("safe-aeo")
    assert safe is not None
    group = benchmarks.peer_statistics(ctx, safe.id, safe.version, PeerScope.COUNTRY, "CR", k=5)
    assert group is not None
    _timed(f"[{engine}] peer statistics for one country",
           lambda: benchmarks.peer_statistics(ctx, safe.id, safe.version, PeerScope.COUNTRY,
                                              "CR", k=5), "<= 1 s", repeat=5)
    some = started.ids[count // 2]
    _timed(f"[{engine}] open one assessment", lambda: assessments.load(ctx, some), "<= 0.2 s")
    wanted = company_name(count // 3)
    words = ListQuery(terms=tuple(Term(w) for w in fold(wanted).split()[:3]))
    found = listing.list_page(ctx, words)
    assert found.matching >= 1, wanted
    _timed(f"[{engine}] search by company, no accents typed",
           lambda: listing.list_page(ctx, words), "<= 0.2 s")
    tax = ListQuery(terms=(Term(f"3101{count // 3:06d}"),))
    assert listing.list_page(ctx, tax).matching == 1
    _timed(f"[{engine}] search by tax id, no separators typed",
           lambda: listing.list_page(ctx, tax), "<= 0.2 s")


def main(count: int = 100_000) -> None:
    application = QApplication.instance() or QApplication([])  # the table model needs one
    with tempfile.TemporaryDirectory(prefix="aeo-bench-scale-") as folder:
        ctx = open_context(f"sqlite:///{Path(folder) / 'national.sqlite3'}")
        try:
            measure(ctx, "SQLite", count)
        finally:
            ctx.database.close()
    server = postgresql_server()
    if server is None:
        print("  PostgreSQL: not measured, neither AEO_ASSESS_BENCH_PG nor AEO_ASSESS_TEST_PG "
              "names a server (.ci/run starts one and prints the URL)", flush=True)
    else:
        with postgresql_schema(server) as url:
            ctx = open_context(url)
            try:
                measure(ctx, "PostgreSQL", count)
            finally:
                ctx.database.close()
    application.quit()

if __name__ == "__main__":
    main()
