"""Distribution maths against a straightforward Python computation on random data."""

from __future__ import annotations

import math
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aeo_assess.benchmarks.stats import Distribution

RESOLUTION = 1000
scores = st.lists(st.floats(0.0, 1.0, allow_nan=False), min_size=1, max_size=60)


def grid(score: float) -> int:
    return math.floor(score * RESOLUTION + 0.5)


def distribution(values: list[float]) -> Distribution:
    counts: dict[int, int] = {}
    for value in values:
        counts[grid(value)] = counts.get(grid(value), 0) + 1
    return Distribution.of(RESOLUTION, counts, math.fsum(values))


def reference_quantile(values: list[float], p: float) -> float:
    """Type 7, the textbook way: sort the grid scores and interpolate between two ranks."""
    ordered = sorted(grid(v) / RESOLUTION for v in values)
    h = (len(ordered) - 1) * p
    low = math.floor(h)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (h - low) * (ordered[high] - ordered[low])


@given(scores)
def test_statistics_match_a_plain_computation(values: list[float]) -> None:
    stats = distribution(values).stats()
    assert stats.n == len(values)
    assert stats.mean == pytest.approx(statistics.fmean(values), abs=1e-12)
    for p, got in ((0.25, stats.q1), (0.5, stats.median), (0.75, stats.q3)):
        assert got == pytest.approx(reference_quantile(values, p), abs=1e-12)
    if len(values) >= 2:
        inclusive = statistics.quantiles(
            [grid(v) / RESOLUTION for v in values], n=4, method="inclusive"
        )
        assert [stats.q1, stats.median, stats.q3] == pytest.approx(inclusive, abs=1e-12)


@given(scores)
def test_grid_quartiles_are_within_half_a_step_of_the_exact_ones(values: list[float]) -> None:
    stats = distribution(values).stats()
    exact = sorted(values)
    for p, got in ((0.25, stats.q1), (0.5, stats.median), (0.75, stats.q3)):
        h = (len(exact) - 1) * p
        low, high = math.floor(h), min(math.floor(h) + 1, len(exact) - 1)
        want = exact[low] + (h - low) * (exact[high] - exact[low])
        assert abs(got - want) <= 0.5 / RESOLUTION + 1e-12


@given(scores, scores)
def test_pooled_equals_the_union_exactly(first: list[float], second: list[float]) -> None:
    pooled = distribution(first) + distribution(second)
    union = distribution(first + second)
    assert pooled.counts == union.counts
    pooled_stats, union_stats = pooled.stats(), union.stats()
    assert (pooled_stats.q1, pooled_stats.median, pooled_stats.q3) == (
        union_stats.q1,
        union_stats.median,
        union_stats.q3,
    )
    assert pooled_stats.mean == pytest.approx(union_stats.mean, abs=1e-12)


@given(scores, st.floats(0.0, 1.0))
def test_percentile_rank_counts_below_and_half_the_ties(values: list[float], mine: float) -> None:
    point = grid(mine)
    below = sum(1 for v in values if grid(v) < point)
    ties = sum(1 for v in values if grid(v) == point)
    rank = distribution(values).stats(point).percentile_rank
    assert rank == pytest.approx((below + ties / 2) / len(values))
    assert rank is not None and 0.0 <= rank <= 1.0


def test_pooling_different_grids_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot pool"):
        Distribution.of(1000, {1: 1}, 0.001) + Distribution.of(100, {1: 1}, 0.01)


def test_an_empty_distribution_has_no_quartiles() -> None:
    with pytest.raises(ValueError):
        Distribution.empty(RESOLUTION).quantile(0.5)
