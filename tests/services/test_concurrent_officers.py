"""Issue 19, short: the shared-database benchmark scenario (benchmarks/bench_shared.py) with
4 officer processes for a few seconds, saturated then paced, as a functional check that
concurrent verdicts, findings, openings and exports on one PostgreSQL database end with no
error and every acknowledged write in the database. No timing is asserted: ``make bench``
measures."""

from __future__ import annotations

import os

import pytest

from benchmarks import bench_shared
from tests.db_fixtures import PG_ENV, PG_SKIP_REASON

pytestmark = [
    pytest.mark.skipif(not os.environ.get(PG_ENV), reason=PG_SKIP_REASON),
    pytest.mark.slow,
]


def test_four_officers_side_by_side_lose_nothing() -> None:
    saturated, paced = bench_shared.run_modes(
        os.environ[PG_ENV], clients=4, files=12, modes=[(6, None), (3, (0.02, 0.06))]
    )
    for result in (saturated, paced):
        assert result.errors == []
        assert result.lost == []
        assert result.operations["verdict"] > 0
        assert result.acknowledged == result.operations["verdict"] + result.operations["finding"]
    assert saturated.operations["finding"] > 0
    assert paced.think == (0.02, 0.06)
    # Paced officers do far fewer actions than ones that never pause.
    assert sum(paced.operations.values()) < sum(saturated.operations.values())
