"""Peer groups by country, region and all; which of them may be shown (k-anonymity).

A group with fewer than k assessments is never shown. That alone is not enough once several
nested groups are published together: a region's counts minus those of its shown countries
are the counts of its hidden countries, so a region of 19 with Costa Rica (8) and Guatemala (7)
shown would give away Honduras's 4. ``publishable`` therefore also hides groups (secondary
suppression) until, for every shown group, the part not covered by its shown subgroups is
either empty or at least k assessments. The same holds for each criterion on its own, since a
criterion's n can be smaller than the group's (questions that do not apply to some roles).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from aeo_assess.benchmarks.regions import Regions
from aeo_assess.benchmarks.stats import Distribution
from aeo_assess.domain.benchmark import PeerGroup, PeerScope

ALL = "all"
"""The key of the group of everyone."""


@dataclass(frozen=True, order=True)
class GroupKey:
    scope: PeerScope
    key: str
    """ISO code, region name, or ``all``."""


ALL_KEY = GroupKey(PeerScope.ALL, ALL)


@dataclass(frozen=True)
class Scores:
    """The distributions of one group: overall, and per criterion."""

    overall: Distribution
    criteria: Mapping[str, Distribution] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return self.overall.n

    def __add__(self, other: Scores) -> Scores:
        criteria = dict(self.criteria)
        for criterion, distribution in other.criteria.items():
            mine = criteria.get(criterion)
            criteria[criterion] = distribution if mine is None else mine + distribution
        return Scores(self.overall + other.overall, criteria)


def group_for(scope: PeerScope, country: str, regions: Regions) -> GroupKey | None:
    """The group of ``scope`` that ``country`` belongs to; None for a country in no region."""
    if scope is PeerScope.COUNTRY:
        return GroupKey(scope, country)
    if scope is PeerScope.REGION:
        region = regions.region_of(country)
        return None if region is None else GroupKey(scope, region)
    return ALL_KEY


def countries_of(group: GroupKey, regions: Regions) -> frozenset[str] | None:
    """The countries whose assessments make up ``group``; None for everyone."""
    if group.scope is PeerScope.COUNTRY:
        return frozenset({group.key})
    if group.scope is PeerScope.REGION:
        return regions.members.get(group.key, frozenset())
    return None


def nest(
    by_country: Mapping[str, Scores], regions: Regions, resolution: int
) -> dict[GroupKey, Scores]:
    """Every country's group, the regions they add up to, and all."""
    groups = {GroupKey(PeerScope.COUNTRY, c): s for c, s in by_country.items()}
    in_region: dict[str, list[Scores]] = {}
    for country, scores in by_country.items():
        region = regions.region_of(country)
        if region is not None:
            in_region.setdefault(region, []).append(scores)
    for region, members in in_region.items():
        groups[GroupKey(PeerScope.REGION, region)] = pool(resolution, members)
    if by_country:
        groups[ALL_KEY] = pool(resolution, by_country.values())
    return groups


def pool(resolution: int, parts: Iterable[Scores]) -> Scores:
    """Several groups' scores as one (local and imported, countries into a region)."""
    total = Scores(Distribution.empty(resolution))
    for part in parts:
        total = total + part
    return total


def safe_part(scores: Scores, k: int) -> Scores:
    """One source's scores with every statistic of fewer than k left out (counted as 0).

    Pooling sources is only as safe as its smallest part: a pack of five known scores plus one
    local assessment would publish n = 6, and mean x 6 minus the pack's sum is that company's
    score. So each source (the local database, each imported pack) takes part in a statistic
    only with 0 or at least k assessments of its own, quartiles included."""

    def kept(distribution: Distribution) -> Distribution:
        return distribution if distribution.n >= k else Distribution.empty(distribution.resolution)

    return Scores(
        kept(scores.overall),
        {c: d for c, d in scores.criteria.items() if d.n >= k},
    )


def _parent(group: GroupKey, present: Mapping[GroupKey, int], regions: Regions) -> GroupKey:
    if group.scope is PeerScope.COUNTRY:
        region = regions.region_of(group.key)
        if region is not None and GroupKey(PeerScope.REGION, region) in present:
            return GroupKey(PeerScope.REGION, region)
    return ALL_KEY


def suppress(
    n: Mapping[GroupKey, int], regions: Regions, k: int, eligible: Iterable[GroupKey]
) -> set[GroupKey]:
    """The groups that may be shown: at least k each, and no shown group whose shown
    subgroups leave out between 1 and k - 1 assessments. ``n`` holds every group's size
    (shown or not); only ``eligible`` groups may be shown at all."""
    shown = {g for g in eligible if n.get(g, 0) >= k}
    children: dict[GroupKey, list[GroupKey]] = {}
    for group in n:
        if group != ALL_KEY:
            children.setdefault(_parent(group, n, regions), []).append(group)

    def cover(group: GroupKey) -> list[GroupKey]:
        """The largest shown groups inside ``group``."""
        found: list[GroupKey] = []
        for child in children.get(group, []):
            found.extend([child] if child in shown else cover(child))
        return found

    def uncovered(group: GroupKey) -> int:
        return n[group] - sum(n[c] for c in cover(group))

    # Regions first: hiding something inside a region only ever adds k or more to what all
    # leaves uncovered, so one pass bottom-up settles every group.
    order = sorted((g for g in n if g.scope is PeerScope.REGION), key=lambda g: g.key)
    for group in [*order, ALL_KEY]:
        if group not in shown:
            continue
        gap = uncovered(group)
        if 0 < gap < k:
            candidates = [c for c in cover(group) if uncovered(c) > 0]
            if candidates:
                shown.discard(min(candidates, key=lambda c: (n[c], c)))
            else:
                shown.discard(group)
    return shown


def publishable(
    groups: Mapping[GroupKey, Scores], regions: Regions, k: int
) -> dict[GroupKey, Scores]:
    """The groups and criteria that may leave the database, everything else left out."""
    overall_n = {g: s.n for g, s in groups.items()}
    shown = suppress(overall_n, regions, k, groups)
    criteria = sorted({c for s in groups.values() for c in s.criteria})
    kept: dict[GroupKey, dict[str, Distribution]] = {g: {} for g in shown}
    for criterion in criteria:
        n = {g: s.criteria[criterion].n for g, s in groups.items() if criterion in s.criteria}
        for group in suppress(n, regions, k, shown & n.keys()):
            kept[group][criterion] = groups[group].criteria[criterion]
    return {g: Scores(groups[g].overall, kept[g]) for g in sorted(shown)}


def peer_group(
    group: GroupKey,
    questionnaire_key: str,
    scores: Scores,
    k: int,
    *,
    demo: bool,
    source: str,
    applicant: Mapping[str, int] | None = None,
    overall_point: int | None = None,
    local_n: int = 0,
    pack_n: int = 0,
) -> PeerGroup | None:
    """What a screen or report may show of one group: None below k, criteria below k left
    out; with the applicant's grid points, each statistic carries its percentile rank."""
    if scores.n < k:
        return None
    points = applicant or {}
    return PeerGroup(
        scope=group.scope,
        key=group.key,
        questionnaire_key=questionnaire_key,
        n=scores.n,
        overall=scores.overall.stats(overall_point),
        criteria={
            criterion: distribution.stats(points.get(criterion))
            for criterion, distribution in sorted(scores.criteria.items())
            if distribution.n >= k
        },
        demo=demo,
        source=source,
        local_n=local_n,
        pack_n=pack_n,
    )
