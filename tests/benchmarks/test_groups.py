"""Which groups may be shown: at least k each, and none that can be worked out by subtraction."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from aeo_assess.benchmarks.groups import (
    ALL_KEY,
    GroupKey,
    Scores,
    nest,
    peer_group,
    publishable,
    suppress,
)
from aeo_assess.benchmarks.regions import Regions
from aeo_assess.benchmarks.stats import Distribution
from aeo_assess.domain.benchmark import PeerScope

RESOLUTION = 1000
REGIONS = Regions(
    {
        "Central America": frozenset({"CR", "GT", "HN", "NI"}),
        "South America": frozenset({"CL", "PE"}),
    }
)
COUNTRIES = ("CR", "GT", "HN", "NI", "CL", "PE", "ZA")
"""ZA is in no region: it sits directly under all."""


def scores(rng: random.Random, n: int, criteria: dict[str, int] | None = None) -> Scores:
    def dist(count: int) -> Distribution:
        points = [rng.randrange(RESOLUTION + 1) for _ in range(count)]
        counts: dict[int, int] = {}
        for p in points:
            counts[p] = counts.get(p, 0) + 1
        return Distribution.of(RESOLUTION, counts, sum(points) / RESOLUTION)

    return Scores(dist(n), {c: dist(m) for c, m in (criteria or {}).items()})


def country(code: str) -> GroupKey:
    return GroupKey(PeerScope.COUNTRY, code)


def region(name: str) -> GroupKey:
    return GroupKey(PeerScope.REGION, name)


def leaves(group: GroupKey) -> set[str]:
    if group.scope is PeerScope.COUNTRY:
        return {group.key}
    if group.scope is PeerScope.REGION:
        return set(REGIONS.members[group.key])
    return set(COUNTRIES)


def assert_no_subtraction_reveals_a_small_group(
    sizes: dict[str, int], shown: set[GroupKey], k: int
) -> None:
    """For every shown group, the largest shown groups inside it leave 0 or >= k uncovered."""
    for group in shown:
        inside = [g for g in shown if g != group and leaves(g) < leaves(group)]
        largest = [g for g in inside if not any(leaves(g) < leaves(o) for o in inside)]
        covered = set().union(*(leaves(g) for g in largest)) if largest else set()
        left = sum(sizes.get(c, 0) for c in leaves(group) - covered)
        assert left == 0 or left >= k, (group, left)


sizes = st.dictionaries(st.sampled_from(COUNTRIES), st.integers(1, 12), min_size=1)


@given(sizes, st.integers(3, 6))
def test_shown_groups_are_big_enough_and_cannot_be_subtracted(
    counts: dict[str, int], k: int
) -> None:
    rng = random.Random(0)
    groups = nest({c: scores(rng, n) for c, n in counts.items()}, REGIONS, RESOLUTION)
    shown = set(publishable(groups, REGIONS, k))
    assert all(groups[g].n >= k for g in shown)
    assert_no_subtraction_reveals_a_small_group(counts, shown, k)
    assert all(country(c) not in shown for c, n in counts.items() if n < k)


@given(sizes, st.integers(3, 6), st.data())
def test_each_criterion_is_protected_on_its_own(
    counts: dict[str, int], k: int, data: st.DataObject
) -> None:
    rng = random.Random(1)
    partial = {c: data.draw(st.integers(0, n)) for c, n in counts.items()}
    groups = nest(
        {c: scores(rng, n, {"C1": partial[c]} if partial[c] else {}) for c, n in counts.items()},
        REGIONS,
        RESOLUTION,
    )
    kept = publishable(groups, REGIONS, k)
    with_criterion = {g for g, s in kept.items() if "C1" in s.criteria}
    assert all(kept[g].criteria["C1"].n >= k for g in with_criterion)
    assert_no_subtraction_reveals_a_small_group(partial, with_criterion, k)


def test_a_country_of_four_is_never_shown_nor_can_be_derived() -> None:
    rng = random.Random(2)
    groups = nest(
        {"CR": scores(rng, 8), "GT": scores(rng, 7), "HN": scores(rng, 4)}, REGIONS, RESOLUTION
    )
    shown = publishable(groups, REGIONS, 5)
    assert country("HN") not in shown
    # Central America (19) minus Costa Rica (8) and Guatemala (7) would be Honduras's 4: one
    # of those three is hidden too.
    visible = {country("CR"), country("GT"), region("Central America")}
    assert len(visible & set(shown)) == 2


def test_a_region_fully_covered_by_its_countries_stays() -> None:
    rng = random.Random(3)
    groups = nest({"CR": scores(rng, 6), "GT": scores(rng, 5)}, REGIONS, RESOLUTION)
    assert set(publishable(groups, REGIONS, 5)) == {
        country("CR"),
        country("GT"),
        region("Central America"),
        ALL_KEY,
    }


def test_suppress_hides_the_smaller_child_first() -> None:
    n = {country("CR"): 6, region("Central America"): 8, ALL_KEY: 8}
    # Central America minus Costa Rica would be 2: Costa Rica goes, the region stays.
    assert suppress(n, REGIONS, 5, n) == {region("Central America"), ALL_KEY}


def test_suppress_hides_the_parent_when_no_child_can_go() -> None:
    n = {
        country("CR"): 5,
        country("GT"): 5,
        region("Central America"): 10,
        country("ZA"): 2,
        ALL_KEY: 12,
    }
    # All minus Central America would be South Africa's 2, and hiding the region would not
    # help (its countries cover it): all goes.
    assert suppress(n, REGIONS, 5, n) == {country("CR"), country("GT"), region("Central America")}


def test_peer_group_drops_small_criteria_and_ranks_the_applicant() -> None:
    rng = random.Random(4)
    group = peer_group(
        country("CR"),
        "safe-aeo@2026.1",
        scores(rng, 6, {"A": 6, "B": 4}),
        5,
        demo=True,
        source="local database",
        applicant={"A": 500},
        overall_point=1000,
    )
    assert group is not None
    assert set(group.criteria) == {"A"}
    assert group.demo
    assert group.overall.percentile_rank is not None
    assert group.criteria["A"].percentile_rank is not None
    assert peer_group(country("CR"), "q@1", scores(rng, 4), 5, demo=False, source="") is None
