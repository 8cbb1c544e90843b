"""The benchmark pack (.aeob): round trip, and every refusal the issue lists, naming the problem."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from aeo_assess.domain.benchmark import PeerScope
from aeo_assess.files.benchmark_pack import (
    FORMAT,
    STATISTICS,
    BenchmarkPack,
    PackGroup,
    PackStats,
    read_benchmark_pack,
    write_benchmark_pack,
)
from aeo_assess.files.container import read_container
from aeo_assess.files.errors import FileFormatError

from . import zips

KNOWN = {"safe-aeo@2026.1": frozenset({"SAFE-A", "SAFE-B"})}
DOC = Path(__file__).resolve().parents[2] / "docs" / "file-formats.md"


def stats(
    counts: list[tuple[int, int]], mean: float, q1: float, median: float, q3: float
) -> PackStats:
    return PackStats(sum(c for _, c in counts), mean, q1, median, q3, tuple(counts))


FIVE = stats([(512, 1), (600, 2), (731, 1), (800, 1)], 0.6486, 0.6, 0.6, 0.731)
PACK = BenchmarkPack(
    origin="Taller OEA San José <2026> & co",
    created_at=dt.datetime(2026, 3, 9, 18, tzinfo=dt.UTC),
    k=5,
    resolution=1000,
    demo=False,
    groups=(
        PackGroup("safe-aeo", "2026.1", PeerScope.COUNTRY, "CR", FIVE, {"SAFE-A": FIVE}),
        PackGroup("safe-aeo", "2026.1", PeerScope.REGION, "Central America", FIVE),
        PackGroup("safe-aeo", "2026.1", PeerScope.ALL, "all", FIVE),
    ),
)


def document() -> dict[str, Any]:
    """What the writer puts in ``benchmark.json`` for PACK, to break on purpose."""
    members = read_container(write_benchmark_pack(PACK), "peers.aeob", FORMAT)
    return json.loads(members[STATISTICS])


def pack_file(doc: dict[str, Any]) -> bytes:
    """A well-formed container around ``doc``, hashes right, whatever the doc says."""
    content = json.dumps(doc).encode()
    return zips.build(
        [
            ("manifest.json", zips.manifest({STATISTICS: content}, format=FORMAT)),
            (STATISTICS, content),
        ]
    )


def refused(data: bytes, message: str, known: dict[str, frozenset[str]] = KNOWN) -> None:
    with pytest.raises(FileFormatError, match=message) as caught:
        read_benchmark_pack(data, "peers.aeob", known)
    assert str(caught.value).startswith("peers.aeob: ")


def test_round_trip() -> None:
    data = write_benchmark_pack(PACK)
    back = read_benchmark_pack(data, "peers.aeob", KNOWN)
    assert back == dataclasses.replace(PACK, sha256=back.sha256)
    assert re.fullmatch(r"[0-9a-f]{64}", back.sha256)
    assert back.questionnaires == ("safe-aeo@2026.1",)
    assert write_benchmark_pack(PACK) == data  # deterministic


def test_a_group_below_k_is_refused_by_reader_and_writer() -> None:
    doc = document()
    doc["k"] = 6
    refused(pack_file(doc), r"groups\[0\]\.overall: 5 assessments, fewer than the pack's k of 6")
    small = stats([(500, 4)], 0.5, 0.5, 0.5, 0.5)
    doc = document()
    doc["groups"][0]["criteria"]["SAFE-A"] = {
        "n": 4, "mean": 0.5, "q1": 0.5, "median": 0.5, "q3": 0.5, "counts": [[500, 4]],
    }  # fmt: skip
    refused(pack_file(doc), r"criteria\.SAFE-A: 4 assessments, fewer than the pack's k of 5")
    with pytest.raises(FileFormatError, match="cannot write the benchmark pack: .*fewer than"):
        write_benchmark_pack(
            BenchmarkPack(
                "x", PACK.created_at, 5, 1000, False,
                (PackGroup("safe-aeo", "2026.1", PeerScope.COUNTRY, "HN", small),),
            )
        )  # fmt: skip


def test_a_broken_hash_is_refused() -> None:
    content = json.dumps(document()).encode()
    listed = zips.manifest({STATISTICS: content + b" "}, format=FORMAT)
    refused(
        zips.build([("manifest.json", listed), (STATISTICS, content)]),
        "does not match its SHA-256",
    )


def test_an_unknown_questionnaire_version_is_refused() -> None:
    refused(
        write_benchmark_pack(PACK),
        r"safe-aeo version 2026\.1 is not known here",
        {"safe-aeo@2025.9": frozenset({"SAFE-A"})},
    )
    refused(
        write_benchmark_pack(PACK),
        "SAFE-A: is not a criterion of safe-aeo 2026.1",
        {"safe-aeo@2026.1": frozenset({"SAFE-B"})},
    )


def _with(path: str, value: Any) -> dict[str, Any]:
    doc = document()
    *parents, last = path.split(".")
    target: Any = doc
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[int(last) if last.isdigit() else last] = value
    return doc


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("groups.0.overall.mean", 1.5, r"overall\.mean: 1\.5 is out of range \(0 to 1\)"),
        ("groups.0.overall.q1", -0.1, r"overall\.q1: -0\.1 is out of range"),
        ("groups.0.overall.n", 5.5, r"overall\.n: must be a whole number"),
        ("groups.0.overall.median", "0.6", r"overall\.median: must be a number"),
        (
            "groups.0.overall.counts",
            [[512, 1], [600, 2], [731, 1], [1001, 1]],
            r"1,001 is out of range",
        ),
        (
            "groups.0.overall.counts",
            [[512, 1], [600, 2], [731, 1], [800, 2]],
            "add up to 6, not n = 5",
        ),
        ("groups.0.overall.counts", [[600, 2], [512, 1], [731, 1], [800, 1]], "ascending order"),
        ("groups.0.overall.counts", [[512, 0], [600, 3], [731, 1], [800, 1]], r"0 is out of range"),
        ("groups.0.overall.q3", 0.5, "quartiles must be in order"),
        ("groups.0.overall.mean", 0.2, "mean: lies outside the scores its counts hold"),
        ("k", 2, r"k: 2 is out of range \(3 to"),
        ("resolution", 0, "resolution: 0 is out of range"),
        ("demo", "no", "demo: must be true or false"),
        ("created_at", "2026-03-09", "created_at: must be an ISO 8601 timestamp"),
        ("origin", "", "origin: must be a non-empty text"),
        ("groups.0.scope", "city", "scope: must be one of country, region, all"),
        ("groups.0.key", "Costa Rica", "must be a two-letter ISO 3166 code"),
        ("groups.2.key", "everyone", "must be 'all' for scope all"),
        ("groups.1.questionnaire", {"id": "safe-aeo", "version": "1"}, "not in the pack's list"),
        ("groups.0.extra", 1, "unknown field 'extra'"),
        ("groups", [], "groups: must be a non-empty list"),
    ],
)
def test_bad_content_is_refused_naming_the_problem(path: str, value: Any, message: str) -> None:
    refused(pack_file(_with(path, value)), message)


def test_a_group_listed_twice_is_refused() -> None:
    doc = document()
    doc["groups"].append(copy.deepcopy(doc["groups"][0]))
    refused(pack_file(doc), r"groups\[3\]: country CR appears twice")


def test_an_unused_questionnaire_is_refused() -> None:
    doc = document()
    doc["questionnaires"].append({"id": "safe-aeo", "version": "2025.1"})
    known = {**KNOWN, "safe-aeo@2025.1": frozenset({"SAFE-A"})}
    refused(pack_file(doc), "safe-aeo@2025.1 has no group", known)


def test_other_members_and_other_formats_are_refused() -> None:
    content = json.dumps(document()).encode()
    members = {STATISTICS: content, "extra.txt": b"x"}
    refused(
        zips.build([("manifest.json", zips.manifest(members, format=FORMAT)), *members.items()]),
        "unexpected member 'extra.txt'",
    )
    refused(
        zips.build(
            [("manifest.json", zips.manifest({STATISTICS: content})), (STATISTICS, content)]
        ),
        "not 'aeo-assess.benchmark-pack'",
    )


def test_the_documented_example_is_a_valid_pack() -> None:
    text = DOC.read_text("utf-8")
    example = re.search(r"<!-- benchmark example -->\n```json\n(.*?)```", text, re.DOTALL)
    assert example is not None
    pack = read_benchmark_pack(pack_file(json.loads(example.group(1))), "example.aeob", KNOWN)
    assert pack.groups[0].overall == FIVE
    assert pack.groups[0].criteria["SAFE-A"].counts == ((250, 1), (500, 2), (750, 2))
