"""Score distributions that pool exactly: counts on a fixed grid plus the exact sum.

Why a grid: quartiles of a union cannot be computed from the quartiles of its parts, but they
can from the parts' counts. Every score (0..1) is rounded to the nearest point of a grid of
``resolution`` steps (1,000 in storage: 0.1 percentage point), and a group keeps how many of
its scores fall on each point. Adding two groups' counts gives exactly the counts of their
union, so pooled quartiles equal the union's quartiles, bit for bit, wherever the groups come
from (the local database, a benchmark pack, several packs). The mean is kept exactly, as the
sum of the unrounded scores; pooled, it is the sum of sums over the sum of counts.

Quartiles are those of the rounded scores, by linear interpolation between closest ranks
(Hyndman and Fan type 7, as in numpy's default and ``statistics.quantiles(method="inclusive")``):
for p in (0.25, 0.5, 0.75), h = (n - 1) p and the quantile is x[floor(h)] + (h - floor(h)) *
(x[floor(h) + 1] - x[floor(h)]) over the sorted scores x. With a 1,000-step grid they differ
from the unrounded scores' quartiles by at most 0.0005.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from aeo_assess.domain.benchmark import PeerStats


@dataclass(frozen=True)
class Distribution:
    """One score over one group."""

    resolution: int
    counts: tuple[tuple[int, int], ...]
    """(grid point, how many scores fall on it), ascending, only points with a count."""
    total: float
    """Sum of the unrounded scores, for an exact mean."""

    @classmethod
    def of(cls, resolution: int, counts: Mapping[int, int], total: float) -> Distribution:
        return cls(resolution, tuple(sorted((p, c) for p, c in counts.items() if c)), total)

    @classmethod
    def empty(cls, resolution: int) -> Distribution:
        return cls(resolution, (), 0.0)

    @property
    def n(self) -> int:
        return sum(count for _, count in self.counts)

    def __add__(self, other: Distribution) -> Distribution:
        if other.resolution != self.resolution:
            raise ValueError(
                f"cannot pool a {self.resolution}-step distribution with a "
                f"{other.resolution}-step one"
            )
        merged = dict(self.counts)
        for point, count in other.counts:
            merged[point] = merged.get(point, 0) + count
        return Distribution.of(self.resolution, merged, self.total + other.total)

    def _point_at(self, rank: int) -> int:
        """The grid point of the ``rank``-th smallest score (0-based)."""
        seen = 0
        for point, count in self.counts:
            seen += count
            if rank < seen:
                return point
        raise IndexError(rank)

    def quantile(self, p: float) -> float:
        """Type 7 quantile of the rounded scores, as a score (0..1)."""
        n = self.n
        if n == 0:
            raise ValueError("an empty distribution has no quantiles")
        h = (n - 1) * p
        low = math.floor(h)
        fraction = h - low
        below = self._point_at(low)
        above = self._point_at(low + 1) if fraction else below
        return (below + fraction * (above - below)) / self.resolution

    @property
    def mean(self) -> float:
        return min(1.0, max(0.0, self.total / self.n))

    def percentile_rank(self, point: int) -> float:
        """Share (0..1) of the group below ``point``, scores on it counting half."""
        below = sum(count for p, count in self.counts if p < point)
        equal = sum(count for p, count in self.counts if p == point)
        return (below + equal / 2) / self.n

    def stats(self, applicant_point: int | None = None) -> PeerStats:
        return PeerStats(
            n=self.n,
            mean=self.mean,
            q1=self.quantile(0.25),
            median=self.quantile(0.5),
            q3=self.quantile(0.75),
            percentile_rank=(
                None if applicant_point is None else self.percentile_rank(applicant_point)
            ),
        )
