"""Peer comparison and benchmark packs through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from aeo_assess.domain.benchmark import PeerGroup, PeerScope
from aeo_assess.files.benchmark_pack import FORMAT, STATISTICS, BenchmarkPack, write_benchmark_pack
from aeo_assess.files.container import read_container
from aeo_assess.services import benchmarks, peers, workshops
from aeo_assess.services.context import AppContext, open_context
from aeo_assess.services.errors import ServiceError
from tests.benchmarks.helpers import SAFE, populate, random_assessment, store
from tests.files import zips

VERSION = (SAFE.id, SAFE.version)
GROUPS = [
    (PeerScope.COUNTRY, "CR"),
    (PeerScope.COUNTRY, "GT"),
    (PeerScope.COUNTRY, "PE"),
    (PeerScope.COUNTRY, "CL"),
    (PeerScope.REGION, "Central America"),
    (PeerScope.REGION, "South America"),
    (PeerScope.ALL, "all"),
]


@pytest.fixture
def other(tmp_path: Path) -> Iterator[AppContext]:
    """A second installation, with a database of its own."""
    context = open_context(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    yield context
    context.database.close()


def same_figures(a: PeerGroup | None, b: PeerGroup | None) -> None:
    """Equal n and quartiles exactly, means to rounding, whatever the source."""
    assert a is not None and b is not None
    assert (a.scope, a.key, a.questionnaire_key, a.n, a.demo) == (
        b.scope,
        b.key,
        b.questionnaire_key,
        b.n,
        b.demo,
    )
    assert a.criteria.keys() == b.criteria.keys()
    for mine, theirs in [
        (a.overall, b.overall),
        *zip(a.criteria.values(), b.criteria.values(), strict=True),
    ]:
        assert (mine.n, mine.q1, mine.median, mine.q3) == (
            theirs.n,
            theirs.q1,
            theirs.median,
            theirs.q3,
        )
        assert mine.mean == pytest.approx(theirs.mean, abs=1e-12)


def test_compare_leaves_the_applicant_out_and_ranks_it(ctx: AppContext) -> None:
    ids = populate(ctx, 1, CR=6, GT=5)
    group = benchmarks.compare(ctx, ids[0], PeerScope.COUNTRY, k=5)
    assert group is not None
    assert (group.key, group.n, group.demo, group.source) == ("CR", 5, False, "local database")
    assert group.overall.percentile_rank is not None
    assert set(group.criteria) <= {c.id for c in SAFE.criteria}
    assert all(s.percentile_rank is not None for s in group.criteria.values())
    region = benchmarks.compare(ctx, ids[0], PeerScope.REGION, k=5)
    assert region is not None and (region.key, region.n) == ("Central America", 10)
    everyone = benchmarks.compare(ctx, ids[0], PeerScope.ALL, k=5)
    assert everyone is not None and everyone.n == 10
    # Guatemala has 5: each of them sees only 4 peers there.
    assert benchmarks.compare(ctx, ids[-1], PeerScope.COUNTRY, k=5) is None


def test_the_narrowest_group_is_the_first_scope_compare_finds(ctx: AppContext) -> None:
    """A report's peers, read in one transaction, are exactly what comparing scope after scope
    gives (k=5): Costa Rica's own country, Guatemala's region (4 peers at home), Peru's
    everyone (1 peer in South America)."""
    ids = populate(ctx, 2, CR=6, GT=5, PE=2)
    for k in (3, 5):
        for assessment_id in ids:
            one_by_one = (benchmarks.compare(ctx, assessment_id, s, k=k) for s in PeerScope)
            expected = next((group for group in one_by_one if group is not None), None)
            assert peers.narrowest(ctx, assessment_id, list(PeerScope), k=k) == expected
            for scope in PeerScope:
                alone = benchmarks.compare(ctx, assessment_id, scope, k=k)
                assert peers.narrowest(ctx, assessment_id, [scope], k=k) == alone
    found = {peers.narrowest(ctx, i, list(PeerScope), k=5) is not None for i in ids}
    assert found == {True}


def test_a_country_with_four_assessments_never_appears(ctx: AppContext, tmp_path: Path) -> None:
    ids = populate(ctx, 2, CR=6, GT=6, HN=4)
    honduran = ids[-1]
    assert benchmarks.compare(ctx, honduran, PeerScope.COUNTRY, k=5) is None
    exported = benchmarks.export_pack(ctx, tmp_path / "peers.aeob", k=5)
    keys = {(g.scope, g.key) for g in exported.pack.groups}
    assert (PeerScope.COUNTRY, "HN") not in keys
    # Central America (16) minus Costa Rica (6) minus Guatemala (6) would be Honduras: the pack
    # keeps at most two of those three.
    trio = {
        (PeerScope.COUNTRY, "CR"),
        (PeerScope.COUNTRY, "GT"),
        (PeerScope.REGION, "Central America"),
    }
    assert len(keys & trio) == 2
    assert exported.left_out >= 2
    assert b'"HN"' not in (tmp_path / "peers.aeob").read_bytes()


def test_demonstration_data_is_kept_apart(ctx: AppContext) -> None:
    rng = random.Random(3)
    real = store(ctx, [random_assessment(rng, "CR") for _ in range(6)])
    demo = store(ctx, [random_assessment(rng, "CR", demo=True) for _ in range(8)])
    real_group = benchmarks.compare(ctx, real[0], k=5)
    demo_group = benchmarks.compare(ctx, demo[0], k=5)
    assert real_group is not None and (real_group.n, real_group.demo) == (5, False)
    assert demo_group is not None and (demo_group.n, demo_group.demo) == (7, True)
    assert benchmarks.peer_statistics(ctx, *VERSION, PeerScope.COUNTRY, "CR", k=5).n == 6  # type: ignore[union-attr]


def test_a_country_in_no_region_has_no_region_group(ctx: AppContext) -> None:
    (assessment_id,) = populate(ctx, 4, ZA=1)
    assert benchmarks.compare(ctx, assessment_id, PeerScope.REGION, k=5) is None


def test_statistics_pooled_from_two_packs_equal_those_of_the_union(
    ctx: AppContext, other: AppContext, tmp_path: Path
) -> None:
    first = populate(ctx, 5, CR=6, GT=5, PE=5)
    second = populate(ctx, 6, CR=5, GT=6, CL=5)
    packs = []
    for name, ids in (("A", first), ("B", second)):
        workshop = workshops.create_workshop(ctx, name=f"Taller {name}")
        workshops.add_assessments(ctx, workshop, ids)
        path = tmp_path / f"{name}.aeob"
        benchmarks.export_pack(ctx, path, k=5, workshop=workshop)
        packs.append(path)
    for path in packs:
        assert not benchmarks.import_pack(other, path).duplicate
    for scope, key in GROUPS:
        union = benchmarks.peer_statistics(ctx, *VERSION, scope, key, k=5)
        pooled = benchmarks.peer_statistics(other, *VERSION, scope, key, k=5)
        same_figures(pooled, union)
        assert pooled is not None and pooled.source.count("benchmark pack") in (1, 2)


def test_local_assessments_pool_with_an_imported_pack(
    ctx: AppContext, other: AppContext, tmp_path: Path
) -> None:
    populate(ctx, 7, CR=6, GT=5)
    populate(other, 8, CR=5, GT=7)
    benchmarks.export_pack(other, tmp_path / "other.aeob", k=5, origin="Aduana GT")
    benchmarks.import_pack(ctx, tmp_path / "other.aeob")
    populate(other, 7, CR=6, GT=5)  # the same assessments as ctx's: other now holds the union
    for scope, key in GROUPS[:2] + GROUPS[4:5] + GROUPS[6:]:
        pooled = benchmarks.peer_statistics(ctx, *VERSION, scope, key, k=5)
        same_figures(pooled, benchmarks.peer_statistics(other, *VERSION, scope, key, k=5))
        assert pooled is not None
        assert pooled.source == "local database; benchmark pack Aduana GT"


def test_import_is_idempotent_and_packs_can_be_removed(
    ctx: AppContext, other: AppContext, tmp_path: Path
) -> None:
    populate(other, 9, CR=6)
    exported = benchmarks.export_pack(other, tmp_path / "p.aeob", k=5, origin="Aduana CR")
    first = benchmarks.import_pack(ctx, tmp_path / "p.aeob")
    again = benchmarks.import_pack(ctx, tmp_path / "p.aeob")
    assert (first.duplicate, again.duplicate) == (False, True)
    assert again.pack == first.pack
    (listed,) = benchmarks.list_packs(ctx)
    assert (listed.origin, listed.k, listed.questionnaires) == (
        "Aduana CR",
        5,
        ("safe-aeo@2027.1",),
    )
    assert listed.groups == len(exported.pack.groups)
    assert benchmarks.peer_statistics(ctx, *VERSION, PeerScope.COUNTRY, "CR", k=5) is not None
    benchmarks.remove_pack(ctx, listed.id)
    assert benchmarks.list_packs(ctx) == []
    assert benchmarks.peer_statistics(ctx, *VERSION, PeerScope.COUNTRY, "CR", k=5) is None
    with pytest.raises(ServiceError, match="no imported benchmark pack"):
        benchmarks.remove_pack(ctx, listed.id)


def test_a_demonstration_pack_only_pools_with_demonstration_data(
    ctx: AppContext, other: AppContext, tmp_path: Path
) -> None:
    rng = random.Random(10)
    store(other, [random_assessment(rng, "CR", demo=True) for _ in range(6)])
    exported = benchmarks.export_pack(other, tmp_path / "demo.aeob", k=5, demo=True)
    assert exported.pack.demo
    benchmarks.import_pack(ctx, tmp_path / "demo.aeob")
    assert benchmarks.peer_statistics(ctx, *VERSION, PeerScope.COUNTRY, "CR", k=5) is None
    shown = benchmarks.peer_statistics(ctx, *VERSION, PeerScope.COUNTRY, "CR", demo=True, k=5)
    assert shown is not None and shown.demo and shown.n == 6


@pytest.fixture
def good_pack(tmp_path: Path) -> BenchmarkPack:
    """A pack as another installation exports it: Costa Rica, Central America and all."""
    source = open_context(f"sqlite:///{tmp_path / 'source.sqlite3'}")
    populate(source, 11, CR=6)
    pack = benchmarks.export_pack(source, tmp_path / "good.aeob", k=5).pack
    source.database.close()
    return pack


def _write(tmp_path: Path, pack: BenchmarkPack) -> Path:
    path = tmp_path / "altered.aeob"
    path.write_bytes(write_benchmark_pack(pack))
    return path


def test_a_pack_whose_quartiles_do_not_follow_from_its_counts_is_refused(
    ctx: AppContext, good_pack: BenchmarkPack, tmp_path: Path
) -> None:
    group = good_pack.groups[0]
    lowest = group.overall.counts[0][0] / good_pack.resolution
    assert group.overall.q1 != lowest
    overall = dataclasses.replace(group.overall, q1=lowest)
    bad = dataclasses.replace(good_pack, groups=(dataclasses.replace(group, overall=overall),))
    with pytest.raises(ServiceError, match=r"overall: q1 .* does not follow from its counts"):
        benchmarks.import_pack(ctx, _write(tmp_path, bad))
    assert benchmarks.list_packs(ctx) == []


def test_a_pack_on_a_questionnaire_version_unknown_here_is_refused(
    ctx: AppContext, good_pack: BenchmarkPack, tmp_path: Path
) -> None:
    groups = tuple(dataclasses.replace(g, questionnaire_version="2099.1") for g in good_pack.groups)
    with pytest.raises(ServiceError, match="safe-aeo version 2099.1 is not known here"):
        benchmarks.import_pack(ctx, _write(tmp_path, dataclasses.replace(good_pack, groups=groups)))
    assert benchmarks.list_packs(ctx) == []


def test_a_pack_with_a_group_below_its_k_is_refused(
    ctx: AppContext, good_pack: BenchmarkPack, tmp_path: Path
) -> None:
    members = read_container(write_benchmark_pack(good_pack), "good.aeob", FORMAT)
    document = json.loads(members[STATISTICS])
    document["k"] = 7
    content = json.dumps(document).encode()
    path = tmp_path / "small.aeob"
    path.write_bytes(
        zips.build(
            [
                ("manifest.json", zips.manifest({STATISTICS: content}, format=FORMAT)),
                (STATISTICS, content),
            ]
        )
    )
    with pytest.raises(ServiceError, match="small.aeob: .*fewer than the pack's k of 7"):
        benchmarks.import_pack(ctx, path)
    assert benchmarks.list_packs(ctx) == []


def test_a_damaged_pack_is_refused(ctx: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "damaged.aeob"
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(ServiceError, match="damaged.aeob: not a ZIP file"):
        benchmarks.import_pack(ctx, path)


def test_export_refuses_when_no_group_is_big_enough(ctx: AppContext, tmp_path: Path) -> None:
    populate(ctx, 12, CR=4)
    with pytest.raises(ServiceError, match="nothing to export: no group .* has 5 or more"):
        benchmarks.export_pack(ctx, tmp_path / "none.aeob", k=5)
    assert not (tmp_path / "none.aeob").exists()
    with pytest.raises(ServiceError, match="k must be from 3"):
        benchmarks.export_pack(ctx, tmp_path / "none.aeob", k=2)


def test_k_comes_from_the_settings(
    ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = populate(ctx, 13, CR=7)
    settings = tmp_path / "settings.json"
    monkeypatch.setenv("AEO_ASSESS_SETTINGS", str(settings))
    assert benchmarks.configured_k() == 5
    group = benchmarks.compare(ctx, ids[0])
    assert group is not None and group.n == 6
    settings.write_text(json.dumps({"benchmark_k": 7}), "utf-8")
    assert benchmarks.compare(ctx, ids[0]) is None
    settings.write_text(json.dumps({"benchmark_k": 1}), "utf-8")
    assert benchmarks.configured_k() == 3  # a setting never goes below the floor


def test_workshop_groups_follow_the_same_rules(ctx: AppContext) -> None:
    ids = populate(ctx, 14, CR=5, GT=3)
    workshop = workshops.create_workshop(ctx, name="Taller", place="Antigua")
    workshops.add_assessments(ctx, workshop, ids)
    groups = benchmarks.workshop_groups(ctx, workshop, k=5)
    # Guatemala (3) is too small, and Costa Rica (5) would give it away as Central America
    # minus Costa Rica: only the region and all remain.
    assert {(g.scope, g.key) for g in groups} == {
        (PeerScope.REGION, "Central America"),
        (PeerScope.ALL, "all"),
    }
    assert all(g.n == 8 and g.source == "Taller" and not g.demo for g in groups)


def test_a_pack_of_known_scores_never_reveals_one_local_assessment(
    ctx: AppContext, other: AppContext, tmp_path: Path
) -> None:
    # The attacker knows the five scores in its pack: were the victim pooled in (n = 6),
    # mean x 6 minus the pack's sum would be the victim's score.
    populate(other, 15, CR=5)
    exported = benchmarks.export_pack(other, tmp_path / "known.aeob", k=5, origin="Known")
    benchmarks.import_pack(ctx, tmp_path / "known.aeob")
    populate(ctx, 16, CR=1)
    shown = benchmarks.peer_statistics(ctx, *VERSION, PeerScope.COUNTRY, "CR", k=5)
    pack_cr = next(g for g in exported.pack.groups if g.key == "CR")
    assert shown is not None
    assert (shown.n, shown.local_n, shown.pack_n) == (5, 0, 5)
    assert shown.overall.mean == pytest.approx(pack_cr.overall.mean, abs=1e-12)
    assert all(s.n == 5 for s in shown.criteria.values())
    assert shown.source == "benchmark pack Known"
    populate(ctx, 17, CR=4)  # five local assessments are a source of their own
    pooled = benchmarks.peer_statistics(ctx, *VERSION, PeerScope.COUNTRY, "CR", k=5)
    assert pooled is not None and (pooled.n, pooled.local_n, pooled.pack_n) == (10, 5, 5)


def test_a_small_pack_cannot_bracket_a_local_assessment_into_the_median(
    ctx: AppContext, other: AppContext, tmp_path: Path
) -> None:
    # A pack made with k = 3 holding four scores, plus one local assessment, would publish a
    # group of 5 whose median is the victim's score: each part is below our k of 5.
    populate(other, 18, CR=4)
    benchmarks.export_pack(other, tmp_path / "four.aeob", k=3, origin="Four")
    benchmarks.import_pack(ctx, tmp_path / "four.aeob")
    (victim,) = populate(ctx, 19, CR=1)
    assert benchmarks.peer_statistics(ctx, *VERSION, PeerScope.COUNTRY, "CR", k=5) is None
    (attacker,) = populate(ctx, 20, CR=1)
    assert benchmarks.compare(ctx, attacker, PeerScope.COUNTRY, k=5) is None
    assert benchmarks.compare(ctx, victim, PeerScope.ALL, k=5) is None


def test_a_pack_with_an_implausible_count_is_refused(
    ctx: AppContext, good_pack: BenchmarkPack, tmp_path: Path
) -> None:
    members = read_container(write_benchmark_pack(good_pack), "good.aeob", FORMAT)
    document = json.loads(members[STATISTICS])
    overall = document["groups"][0]["overall"]
    overall["counts"] = [[overall["counts"][0][0], 1_000_001]]
    overall["n"] = 1_000_001
    content = json.dumps(document).encode()
    path = tmp_path / "huge.aeob"
    path.write_bytes(
        zips.build(
            [
                ("manifest.json", zips.manifest({STATISTICS: content}, format=FORMAT)),
                (STATISTICS, content),
            ]
        )
    )
    with pytest.raises(ServiceError, match=r"huge.aeob: .*n: 1,000,001 is out of range"):
        benchmarks.import_pack(ctx, path)
    assert benchmarks.list_packs(ctx) == []


def test_a_pack_origin_with_c1_control_characters_is_refused(
    ctx: AppContext, good_pack: BenchmarkPack, tmp_path: Path
) -> None:
    members = read_container(write_benchmark_pack(good_pack), "good.aeob", FORMAT)
    document = json.loads(members[STATISTICS])
    document["origin"] = "Aduana\x9b2J"  # CSI: clears a terminal that prints it raw
    content = json.dumps(document).encode()
    path = tmp_path / "c1.aeob"
    path.write_bytes(
        zips.build(
            [
                ("manifest.json", zips.manifest({STATISTICS: content}, format=FORMAT)),
                (STATISTICS, content),
            ]
        )
    )
    with pytest.raises(ServiceError, match="origin: must not contain control characters"):
        benchmarks.import_pack(ctx, path)
    with pytest.raises(ServiceError, match="origin: contains the control character U\\+0085"):
        benchmarks.export_pack(ctx, tmp_path / "out.aeob", k=5, origin="Aduana\x85")
