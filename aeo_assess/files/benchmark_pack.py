"""The benchmark pack ``.aeob``: anonymised peer statistics that other installations pool.

Specified in ``docs/file-formats.md`` §5. A pack holds, per questionnaire version and per group
(a country, a region or all), the n, mean and quartiles of the overall score and of each
criterion, and the counts per grid point that make pooling exact. Groups with fewer than k
assessments are left out by the writer and refuse the whole file in the reader: a pack that
breaks k-anonymity is never imported, whoever wrote it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from aeo_assess.domain.benchmark import MAX_K, MIN_K, PeerScope
from aeo_assess.files.container import read_container, write_container
from aeo_assess.files.errors import FileFormatError
from aeo_assess.files.jsonio import dump_json, format_utc, load_json, parse_utc
from aeo_assess.messages import Message, UserError

FORMAT = "aeo-assess.benchmark-pack"
FORMAT_VERSION = "1.0"
STATISTICS = "benchmark.json"
MAX_RESOLUTION = 100_000
MAX_N = 1_000_000
"""More assessments than any AEO programme has operators: a count beyond it is forged."""
MAX_ORIGIN = 300
MAX_GROUP_KEY = 100
MAX_GROUPS = 20_000
ALL = "all"
TOLERANCE = 1e-9
"""Slack for floating-point rounding when a mean or quartile is checked against its counts."""

_ROOT_KEYS = frozenset(
    {"origin", "created_at", "k", "resolution", "demo", "questionnaires", "groups"}
)
_GROUP_KEYS = frozenset({"questionnaire", "scope", "key", "overall", "criteria"})
_QUESTIONNAIRE_KEYS = frozenset({"id", "version"})
_STATS_KEYS = frozenset({"n", "mean", "q1", "median", "q3", "counts"})
_COUNTRY = re.compile(r"[A-Z]{2}", re.ASCII)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class PackStats:
    """One score's statistics over one group, with the counts they come from."""

    n: int
    mean: float
    q1: float
    median: float
    q3: float
    counts: tuple[tuple[int, int], ...]
    """(grid point, count), ascending; a grid point is a score x the pack's resolution."""


@dataclass(frozen=True)
class PackGroup:
    questionnaire_id: str
    questionnaire_version: str
    scope: PeerScope
    key: str
    overall: PackStats
    criteria: Mapping[str, PackStats] = field(default_factory=dict)

    @property
    def questionnaire_key(self) -> str:
        return f"{self.questionnaire_id}@{self.questionnaire_version}"

    @property
    def n(self) -> int:
        return self.overall.n


@dataclass(frozen=True)
class BenchmarkPack:
    origin: str
    """Who made the pack, in their words: an organisation, a workshop."""
    created_at: dt.datetime
    k: int
    resolution: int
    demo: bool
    groups: tuple[PackGroup, ...]
    sha256: str = ""
    """SHA-256 of ``benchmark.json`` (set by the reader): a pack's identity for re-imports."""

    @property
    def questionnaires(self) -> tuple[str, ...]:
        return tuple(sorted({g.questionnaire_key for g in self.groups}))


@dataclass(frozen=True)
class _Header:
    """What every group is checked against."""

    k: int
    resolution: int
    questionnaires: list[tuple[str, str]]


class _Invalid(UserError):
    """A problem at a JSON path; the reader turns it into one FileFormatError."""


def _fail(path: str, problem: Message) -> _Invalid:
    return _Invalid(Message("file.path_problem", "{path}: {problem}", path=path, problem=problem))


def _object(value: Any, path: str, keys: frozenset[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(path, Message("benchmark_pack.must_be_object", "must be an object"))
    missing = sorted(keys - value.keys())
    if missing:
        raise _fail(path, Message(
            "benchmark_pack.missing",
            "missing '{missing}'",
            missing=missing[0],
        ))
    unknown = sorted(value.keys() - keys)
    if unknown:
        raise _fail(path, Message(
            "benchmark_pack.unknown_field",
            "unknown field '{unknown}'",
            unknown=unknown[0],
        ))
    return value


def _integer(value: Any, path: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(path, Message(
            "benchmark_pack.must_be_whole_number",
            "must be a whole number",
        ))
    if not low <= value <= high:
        raise _fail(path, Message(
            "benchmark_pack.out_range_to",
            "{value} is out of range ({low} to {high})",
            value=value, low=low, high=high,
        ))
    return value


def _share(value: Any, path: str) -> float:
    """A score or statistic: a number from 0 to 1."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(path, Message("benchmark_pack.must_be_number", "must be a number"))
    number = float(value)
    if not math.isfinite(number) or not 0.0 <= number <= 1.0:
        raise _fail(path, Message(
            "benchmark_pack.out_range_0_to",
            "{value} is out of range (0 to 1)",
            value=value,
        ))
    return number


def _text(value: Any, path: str, limit: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, Message(
            "benchmark_pack.must_be_non_empty_text",
            "must be a non-empty text",
        ))
    if len(value) > limit:
        raise _fail(path, Message(
            "benchmark_pack.at_most_characters",
            "at most {limit} characters",
            limit=limit,
        ))
    if _CONTROL.search(value):
        raise _fail(path, Message(
            "benchmark_pack.must_not_contain_control",
            "must not contain control characters",
        ))
    return value


def _counts(value: Any, path: str, resolution: int) -> tuple[tuple[int, int], ...]:
    if not isinstance(value, list) or not value:
        raise _fail(path, Message(
            "benchmark_pack.must_be_non_empty_list_grid",
            "must be a non-empty list of [grid point, count] pairs",
        ))
    pairs: list[tuple[int, int]] = []
    for i, pair in enumerate(value):
        where = f"{path}[{i}]"
        if not isinstance(pair, list) or len(pair) != 2:
            raise _fail(where, Message(
                "benchmark_pack.must_be_grid_point",
                "must be a [grid point, count] pair",
            ))
        point = _integer(pair[0], f"{where}[0]", 0, resolution)
        count = _integer(pair[1], f"{where}[1]", 1, MAX_N)
        if pairs and point <= pairs[-1][0]:
            raise _fail(where, Message(
                "benchmark_pack.grid_points_must_be",
                "grid points must be in ascending order, each once",
            ))
        pairs.append((point, count))
    return tuple(pairs)


def _stats(value: Any, path: str, k: int, resolution: int) -> PackStats:
    item = _object(value, path, _STATS_KEYS)
    n = _integer(item["n"], f"{path}.n", 0, MAX_N)
    if n < k:
        raise _fail(
            path,
            Message(
                "benchmark_pack.assessments_fewer_than_pack",
                "{n} assessment, fewer than the pack's k of {k}: a pack must leave out groups "
                "that small, so that no company can be recognised",
                plural="{n} assessments, fewer than the pack's k of {k}: a pack must leave out "
                "groups that small, so that no company can be recognised", count=n,
                n=n, k=k,
            ),
        )
    stats = PackStats(
        n=n,
        mean=_share(item["mean"], f"{path}.mean"),
        q1=_share(item["q1"], f"{path}.q1"),
        median=_share(item["median"], f"{path}.median"),
        q3=_share(item["q3"], f"{path}.q3"),
        counts=_counts(item["counts"], f"{path}.counts", resolution),
    )
    if sum(count for _, count in stats.counts) != n:
        raise _fail(f"{path}.counts", Message(
            "benchmark_pack.add_up_to_not",
            "add up to {total}, not n = {n}",
            total=sum((c for _, c in stats.counts)), n=n,
        ))
    if not stats.q1 <= stats.median <= stats.q3:
        raise _fail(path, Message(
            "benchmark_pack.quartiles_must_be_in",
            "quartiles must be in order: q1 <= median <= q3",
        ))
    low, high = stats.counts[0][0] / resolution, stats.counts[-1][0] / resolution
    if stats.q1 < low - TOLERANCE or stats.q3 > high + TOLERANCE:
        raise _fail(path, Message(
            "benchmark_pack.quartiles_lie_outside_scores",
            "quartiles lie outside the scores its counts hold",
        ))
    half = 0.5 / resolution
    if not low - half - TOLERANCE <= stats.mean <= high + half + TOLERANCE:
        raise _fail(f"{path}.mean", Message(
            "benchmark_pack.lies_outside_scores_its",
            "lies outside the scores its counts hold",
        ))
    return stats


def _group_key(scope: PeerScope, value: Any, path: str) -> str:
    if scope is PeerScope.COUNTRY:
        if not isinstance(value, str) or not _COUNTRY.fullmatch(value):
            raise _fail(path, Message(
                "benchmark_pack.must_be_two_letter",
                "must be a two-letter ISO 3166 code such as CR",
            ))
        return value
    if scope is PeerScope.ALL:
        if value != ALL:
            raise _fail(path, Message(
                "benchmark_pack.must_be_for_scope",
                "must be '{all}' for scope all",
                all=ALL,
            ))
        return ALL
    return _text(value, path, MAX_GROUP_KEY)


def _group(
    value: Any,
    path: str,
    header: _Header,
    criteria_of: Mapping[str, Collection[str]] | None,
) -> PackGroup:
    item = _object(value, path, _GROUP_KEYS)
    reference = _object(item["questionnaire"], f"{path}.questionnaire", _QUESTIONNAIRE_KEYS)
    questionnaire = (reference["id"], reference["version"])
    if questionnaire not in header.questionnaires:
        raise _fail(f"{path}.questionnaire", Message(
            "benchmark_pack.not_in_pack_s",
            "is not in the pack's list of questionnaires",
        ))
    scope_text = item["scope"]
    if scope_text not in {s.value for s in PeerScope}:
        raise _fail(f"{path}.scope", Message(
            "benchmark_pack.must_be_one",
            "must be one of {value_peerscope}",
            value_peerscope=', '.join(s.value for s in PeerScope),
        ))
    scope = PeerScope(scope_text)
    key = _group_key(scope, item["key"], f"{path}.key")
    k, resolution = header.k, header.resolution
    overall = _stats(item["overall"], f"{path}.overall", k, resolution)
    raw_criteria = item["criteria"]
    if not isinstance(raw_criteria, dict):
        raise _fail(f"{path}.criteria", Message(
            "benchmark_pack.must_be_object_criterion",
            "must be an object of criterion id: statistics",
        ))
    known = None if criteria_of is None else criteria_of[f"{questionnaire[0]}@{questionnaire[1]}"]
    criteria: dict[str, PackStats] = {}
    for criterion_id, raw in sorted(raw_criteria.items()):
        where = f"{path}.criteria.{criterion_id}"
        if known is not None and criterion_id not in known:
            raise _fail(where, Message(
                "benchmark_pack.not_criterion",
                "is not a criterion of {questionnaire} {questionnaire2}",
                questionnaire=questionnaire[0], questionnaire2=questionnaire[1],
            ))
        stats = _stats(raw, where, k, resolution)
        if stats.n > overall.n:
            raise _fail(where, Message(
                "benchmark_pack.n_more_than_group",
                "n = {stats_n} is more than the group's {overall_n} assessment",
                plural="n = {stats_n} is more than the group's {overall_n} assessments",
                count=overall.n, stats_n=stats.n, overall_n=overall.n,
            ))
        criteria[criterion_id] = stats
    return PackGroup(questionnaire[0], questionnaire[1], scope, key, overall, criteria)


def _questionnaires(
    value: Any, criteria_of: Mapping[str, Collection[str]] | None
) -> list[tuple[str, str]]:
    if not isinstance(value, list) or not value:
        raise _fail("questionnaires", Message(
            "benchmark_pack.must_be_non_empty_list",
            "must be a non-empty list",
        ))
    found: list[tuple[str, str]] = []
    for i, raw in enumerate(value):
        item = _object(raw, f"questionnaires[{i}]", _QUESTIONNAIRE_KEYS)
        reference = (
            _text(item["id"], f"questionnaires[{i}].id", 100),
            _text(item["version"], f"questionnaires[{i}].version", 50),
        )
        if reference in found:
            raise _fail(f"questionnaires[{i}]", Message(
                "benchmark_pack.listed_twice",
                "is listed twice",
            ))
        if criteria_of is not None and f"{reference[0]}@{reference[1]}" not in criteria_of:
            raise _fail(
                f"questionnaires[{i}]",
                Message(
                    "benchmark_pack.version_not_known_here",
                    "{reference} version {reference2} is not known here, so its statistics cannot "
                    "be compared (a newer aeo-assess, or an assessment on that version, brings "
                    "it)",
                    reference=reference[0], reference2=reference[1],
                ),
            )
        found.append(reference)
    return found


def _parse(document: Any, criteria_of: Mapping[str, Collection[str]] | None) -> BenchmarkPack:
    root = _object(document, "benchmark.json", _ROOT_KEYS)
    created_at = root["created_at"]
    moment = parse_utc(created_at) if isinstance(created_at, str) else None
    if moment is None:
        raise _fail("created_at", Message(
            "benchmark_pack.must_be_iso_8601",
            "must be an ISO 8601 timestamp with an offset",
        ))
    if not isinstance(root["demo"], bool):
        raise _fail("demo", Message(
            "benchmark_pack.must_be_true_or",
            "must be true or false",
        ))
    header = _Header(
        k=_integer(root["k"], "k", MIN_K, MAX_K),
        resolution=_integer(root["resolution"], "resolution", 1, MAX_RESOLUTION),
        questionnaires=_questionnaires(root["questionnaires"], criteria_of),
    )
    raw_groups = root["groups"]
    if not isinstance(raw_groups, list) or not raw_groups:
        raise _fail("groups", Message(
            "benchmark_pack.must_be_non_empty_list",
            "must be a non-empty list",
        ))
    if len(raw_groups) > MAX_GROUPS:
        raise _fail("groups", Message(
            "benchmark_pack.groups_limit",
            "{raw_groups_count} groups; the limit is {max_groups}",
            raw_groups_count=len(raw_groups), max_groups=MAX_GROUPS,
        ))
    groups = tuple(
        _group(raw, f"groups[{i}]", header, criteria_of) for i, raw in enumerate(raw_groups)
    )
    seen: set[tuple[str, PeerScope, str]] = set()
    for i, group in enumerate(groups):
        identity = (group.questionnaire_key, group.scope, group.key)
        if identity in seen:
            raise _fail(f"groups[{i}]", Message(
                "benchmark_pack.appears_twice",
                "{group_scope} {group_key} appears twice",
                group_scope=group.scope, group_key=group.key,
            ))
        seen.add(identity)
    unused = sorted({f"{q}@{v}" for q, v in header.questionnaires} - {g[0] for g in seen})
    if unused:
        raise _fail("questionnaires", Message(
            "benchmark_pack.has_no_group",
            "{unused} has no group",
            unused=unused[0],
        ))
    return BenchmarkPack(
        origin=_text(root["origin"], "origin", MAX_ORIGIN),
        created_at=moment,
        k=header.k,
        resolution=header.resolution,
        demo=root["demo"],
        groups=groups,
    )


def _stats_json(stats: PackStats) -> dict[str, Any]:
    return {
        "n": stats.n,
        "mean": stats.mean,
        "q1": stats.q1,
        "median": stats.median,
        "q3": stats.q3,
        "counts": [[point, count] for point, count in stats.counts],
    }


def _document(pack: BenchmarkPack) -> dict[str, Any]:
    questionnaires = sorted({(g.questionnaire_id, g.questionnaire_version) for g in pack.groups})
    return {
        "origin": pack.origin,
        "created_at": format_utc(pack.created_at),
        "k": pack.k,
        "resolution": pack.resolution,
        "demo": pack.demo,
        "questionnaires": [{"id": q, "version": v} for q, v in questionnaires],
        "groups": [
            {
                "questionnaire": {"id": g.questionnaire_id, "version": g.questionnaire_version},
                "scope": g.scope.value,
                "key": g.key,
                "overall": _stats_json(g.overall),
                "criteria": {c: _stats_json(s) for c, s in sorted(g.criteria.items())},
            }
            for g in pack.groups
        ],
    }


def write_benchmark_pack(pack: BenchmarkPack) -> bytes:
    """The pack as ``.aeob`` bytes, after the reader's own checks: a pack breaking k (or any
    other rule) is never written."""
    document = _document(pack)
    try:
        _parse(document, None)
    except _Invalid as problem:
        raise FileFormatError(Message(
            "benchmark_pack.cannot_write_benchmark_pack",
            "cannot write the benchmark pack: {problem}",
            problem=problem,
        )) from None
    return write_container(
        FORMAT, FORMAT_VERSION, {STATISTICS: dump_json(document)}, pack.created_at
    )


def read_benchmark_pack(
    data: bytes, file_name: str, known: Mapping[str, Collection[str]]
) -> BenchmarkPack:
    """Read and check a pack entirely; ``known`` maps each questionnaire version this
    installation has (``id@version``) to its criterion ids. Any problem refuses the whole
    file with one FileFormatError that names the file and the problem."""
    members = read_container(data, file_name, FORMAT)
    if set(members) != {STATISTICS}:
        extra = sorted(set(members) - {STATISTICS})
        if extra:
            raise FileFormatError(Message(
                "benchmark_pack.unexpected_member", "{file_name}: unexpected member '{member}'",
                file_name=file_name, member=extra[0]))
        raise FileFormatError(Message("benchmark_pack.missing_member", "{file_name}: missing {member}",
                                      file_name=file_name, member=STATISTICS))
    raw = members[STATISTICS]
    document = load_json(raw, f"{file_name}: {STATISTICS}")
    try:
        pack = _parse(document, known)
    except _Invalid as problem:
        raise FileFormatError(Message(
            "benchmark_pack.member_problem",
            "{file_name}: {statistics}: {problem}",
            file_name=file_name, statistics=STATISTICS, problem=problem,
        )) from None
    return dataclasses.replace(pack, sha256=hashlib.sha256(raw).hexdigest())
