"""Shared members (a questionnaire many files carry) are compared with one already verified
instead of inflated again: that fast path must reach exactly what streaming every member
through its checks reaches, for intact and damaged files alike."""

from __future__ import annotations

import hashlib
import io
import random
import zlib
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aeo_assess.files import container
from aeo_assess.files.container import Contents, FileFormatError, read_contents

from .zips import build, local_header_offset, manifest, patch_central

FORMAT = "aeo-assess.applicant"
SHARED = "questionnaire.yaml"
_rng = random.Random(3)
QUESTIONNAIRE = b"".join(
    f"- id: Q{i}\n  text: {_rng.choice(['yes', 'no', 'maybe'])} {_rng.random()}\n".encode()
    for i in range(4_000)
)
MEMBERS = {"assessment.json": b'{"answers": {}}', SHARED: QUESTIONNAIRE}
INTACT = build([("manifest.json", manifest(MEMBERS)), *MEMBERS.items()])
STORED = build([("manifest.json", manifest(MEMBERS)), *MEMBERS.items()], deflate=False)
WRONG_HASH = build([
    ("manifest.json", manifest(MEMBERS, members={
        "assessment.json": hashlib.sha256(MEMBERS["assessment.json"]).hexdigest(),
        SHARED: hashlib.sha256(b"another questionnaire").hexdigest(),
    })),
    *MEMBERS.items(),
])


def _outcome(data: bytes, shared: Callable[[str], bool]) -> Contents | str:
    try:
        return read_contents(io.BytesIO(data), "in.aeoa", FORMAT, shared=shared)
    except FileFormatError as error:
        return str(error)


def _fast_and_slow(data: bytes) -> tuple[Contents | str, Contents | str]:
    """What the reader makes of ``data`` with the shared member remembered from the intact
    files, and what it makes of it streaming every member."""
    for intact in (INTACT, STORED):
        assert isinstance(_outcome(intact, lambda name: name == SHARED), Contents)
    return _outcome(data, lambda name: name == SHARED), _outcome(data, lambda name: False)


def _shared_data_at(data: bytes) -> int:
    return local_header_offset(data, SHARED) + 30 + len(SHARED)


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    data = draw(st.sampled_from([INTACT, STORED, WRONG_HASH]))
    how = draw(st.sampled_from(["flip", "truncate", "central"]))
    if how == "central":
        if draw(st.booleans()):
            return patch_central(data, SHARED, compress_type=draw(st.sampled_from([0, 8, 9])))
        field = draw(st.sampled_from(["crc", "file_size", "compress_size"]))
        size = len(QUESTIONNAIRE)
        value = draw(st.sampled_from([0, 1, size - 1, size, size + 1, zlib.crc32(QUESTIONNAIRE)]))
        return patch_central(data, SHARED, **{field: value})
    start = draw(st.sampled_from([0, _shared_data_at(data)]))
    at = draw(st.integers(start, len(data) - 1))
    if how == "truncate":
        return data[:at]
    return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_remembered_shared_member_reaches_what_streaming_reaches(data: bytes) -> None:
    fast, slow = _fast_and_slow(data)
    assert fast == slow


@pytest.mark.parametrize("data", [INTACT, STORED, WRONG_HASH], ids=["deflated", "stored", "hash"])
def test_undamaged_files_read_alike_and_the_shared_member_is_not_inflated_again(
    data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fast_and_slow(data)
    inflated: list[str] = []
    pieces = container._pieces
    monkeypatch.setattr(
        container, "_pieces", lambda source, info, name: inflated.append(info.filename)
        or pieces(source, info, name)
    )
    fast, slow = _fast_and_slow(data)
    assert fast == slow
    assert inflated.count(SHARED) == 1  # the streaming read's only
