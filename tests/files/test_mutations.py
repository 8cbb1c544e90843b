"""Mutated applicant files: every outcome is a clean FileFormatError or a file fit to import.

Two families, 1,100 cases in all: raw byte damage to the ZIP (flips, truncations, insertions,
deletions), and field-level edits of assessment.json, manifest.json or questionnaire.yaml
re-packed with correct hashes, so that the checks past the hashes are reached too.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from aeo_assess.files import FileFormatError, read_applicant_file

from .applicant_helpers import assert_sound, repack, unpack, valid_file
from .samples import QUESTIONNAIRE_YAML
from .test_independent_writer import independent_writer

BASES = (valid_file(), independent_writer())
PLAUSIBLE = [
    0,
    4,
    5,
    -1,
    2.5,
    True,
    False,
    None,
    "",
    "full",
    "most",
    "2025-01-01",
    "2025-13-01",
    "importer",
    "pirate",
    "draft",
    "CR",
    "cr",
    "SAFE-A.01",
    "SAFE-X.1",
    "a" * 64,
    [],
    {},
]
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(PLAUSIBLE),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.text(max_size=10) | st.sampled_from(["value", "SAFE-A.01"]), children, max_size=3
        )
    ),
    max_leaves=6,
)


def outcome_is_clean(data: bytes) -> None:
    try:
        applicant = read_applicant_file(data, "fuzz.aeoa")
    except FileFormatError as error:
        assert str(error).startswith("fuzz.aeoa: ")
        event("refused")
        return
    event("read")
    assert_sound(applicant)


# --- raw bytes --------------------------------------------------------------------------------


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "flip", "truncate", "insert", "delete"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "truncate":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        else:
            del data[at : at + draw(st.integers(1, 16))]
    return bytes(data)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_byte_damage_is_refused_cleanly_or_harmless(data: bytes) -> None:
    outcome_is_clean(data)


# --- fields, re-packed with correct hashes -------------------------------------------------------


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    children = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in children:
        yield from paths(child, (*prefix, key))


def alike(value: Any) -> st.SearchStrategy[Any]:
    """A value of the same JSON kind, so that many edits stay valid and reach deeper checks."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.integers(-2, 6)
    if isinstance(value, float):
        return st.floats()
    if isinstance(value, str):
        return st.text(max_size=20) | st.sampled_from([v for v in PLAUSIBLE if isinstance(v, str)])
    return st.sampled_from(PLAUSIBLE)


@st.composite
def edited_json(draw: st.DrawFn, doc: Any) -> Any:
    """``doc`` with one to three nodes replaced, removed, or given an extra key."""
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(paths(doc))))
        if not path:
            doc = draw(JSON_VALUES)
            continue
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        kind = draw(st.sampled_from(["alike", "alike", "replace", "remove", "add"]))
        if kind == "alike":
            parent[path[-1]] = draw(alike(parent[path[-1]]))
        elif kind == "replace":
            parent[path[-1]] = draw(JSON_VALUES)
        elif kind == "remove":
            parent.pop(path[-1])
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = draw(JSON_VALUES)
    return doc


def rebuild(members: dict[str, bytes], manifest: Any) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@st.composite
def edited_files(draw: st.DrawFn) -> bytes:
    base = draw(st.sampled_from(BASES))
    members = unpack(base)
    target = draw(
        st.sampled_from(["assessment.json"] * 6 + ["manifest.json", "questionnaire.yaml"])
    )
    if target == "assessment.json":
        doc = draw(edited_json(json.loads(members["assessment.json"])))
        members["assessment.json"] = json.dumps(doc).encode()
        return repack(members)
    if target == "manifest.json":
        with zipfile.ZipFile(io.BytesIO(base)) as archive:
            manifest = json.loads(archive.read("manifest.json"))
        return rebuild(members, draw(edited_json(manifest)))
    lines = QUESTIONNAIRE_YAML.splitlines(keepends=True)
    at = draw(st.integers(0, len(lines) - 1))
    lines[at] = draw(
        st.sampled_from(["", "\n", "      - id: SAFE-A.09\n", lines[at].replace(":", "")])
    )
    raw = "".join(lines).encode()
    doc = json.loads(members["assessment.json"])
    doc["questionnaire"]["sha256"] = hashlib.sha256(raw).hexdigest()
    members["questionnaire.yaml"] = raw
    members["assessment.json"] = json.dumps(doc).encode()
    return repack(members)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_files())
def test_field_edits_are_refused_cleanly_or_read_soundly(data: bytes) -> None:
    outcome_is_clean(data)
