"""The shared ZIP container: deterministic writing, and a reader that refuses every trick."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import random
import stat
import tracemalloc
import zipfile
import zlib

import pytest

from aeo_assess.files import container
from aeo_assess.files.container import (
    MAX_MEMBER_BYTES,
    FileFormatError,
    Member,
    read_container,
    read_contents,
    write_container,
)

from .zips import build, local_header_offset, manifest, patch_central

FORMAT = "aeo-assess.applicant"
WHEN = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
MEMBERS = {"b.json": b'{"b": 1}', "a.txt": b"hello " * 50, "evidence/x": bytes(range(256))}


def refusal(data: bytes, *fragments: str, expected_format: str = FORMAT) -> str:
    """Read ``data``; it must be refused with a message naming the file and every fragment, and
    with the same message when no member is kept (each is only verified as it streams past)."""
    with pytest.raises(FileFormatError) as caught:
        read_container(data, "in.aeoa", expected_format)
    message = str(caught.value)
    with pytest.raises(FileFormatError) as streamed:
        read_contents(io.BytesIO(data), "in.aeoa", expected_format, keep=lambda name: False)
    assert str(streamed.value) == message
    assert message.startswith("in.aeoa: "), message
    for fragment in fragments:
        assert fragment in message, message
    return message


def with_member_info(info: zipfile.ZipInfo, content: bytes) -> bytes:
    members = {info.filename: content}
    return build([("manifest.json", manifest(members)), (info, content)])


# --- writing --------------------------------------------------------------------------------------


def test_round_trip() -> None:
    assert read_container(write_container(FORMAT, "1.0", MEMBERS, WHEN), "f", FORMAT) == MEMBERS


def test_members_larger_than_a_piece_round_trip_stored_and_deflated() -> None:
    rng = random.Random(1)
    noise = rng.randbytes(700_000)  # stored: it does not shrink
    text = b"".join(b"%d %d\n" % (rng.getrandbits(40), i) for i in range(60_000))  # deflated
    data = write_container(FORMAT, "1.0", {"noise": noise, "text": text}, WHEN)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        kinds = {i.filename: i.compress_type for i in archive.infolist()}
    assert kinds["noise"] == zipfile.ZIP_STORED and kinds["text"] == zipfile.ZIP_DEFLATED
    assert read_container(data, "f", FORMAT) == {"noise": noise, "text": text}


def test_members_not_kept_are_verified_and_listed_but_not_held() -> None:
    data = write_container(FORMAT, "1.0", MEMBERS, WHEN)
    contents = read_contents(io.BytesIO(data), "f", FORMAT, keep=lambda name: name == "b.json")
    assert contents.data == {"b.json": MEMBERS["b.json"]}
    assert contents.members == {
        name: Member(hashlib.sha256(content).hexdigest(), len(content))
        for name, content in MEMBERS.items()
    }


def test_same_content_gives_same_bytes() -> None:
    first = write_container(FORMAT, "1.0", MEMBERS, WHEN)
    second = write_container(FORMAT, "1.0", dict(reversed(MEMBERS.items())), WHEN)
    assert first == second


def test_layout_manifest_first_then_sorted_with_fixed_timestamps() -> None:
    data = write_container(FORMAT, "1.0", MEMBERS, WHEN)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        written = json.loads(archive.read("manifest.json"))
    assert [i.filename for i in infos] == ["manifest.json", "a.txt", "b.json", "evidence/x"]
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert written["created_at"] == "2026-03-01T09:30:00Z"
    assert written["format"] == FORMAT and written["format_version"] == "1.0"
    assert sorted(written["members"]) == sorted(MEMBERS)


def test_highly_compressible_member_is_stored_so_that_the_ratio_limit_holds() -> None:
    zeros = bytes(1024 * 1024)
    data = write_container(FORMAT, "1.0", {"zeros": zeros}, WHEN)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.getinfo("zeros").compress_type == zipfile.ZIP_STORED
    assert read_container(data, "f", FORMAT) == {"zeros": zeros}


def test_empty_member_round_trips() -> None:
    data = write_container(FORMAT, "1.0", {"empty": b""}, WHEN)
    assert read_container(data, "f", FORMAT) == {"empty": b""}


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("manifest.json", "reserved"),
        ("../up", "'..'"),
        ("/abs", "absolute"),
        ("a\\b", "backslashes"),
        ("c:x", "drive letter"),
        ("dir/", "characters"),
        ("naïve", "characters"),
    ],
)
def test_writer_refuses_bad_names(name: str, fragment: str) -> None:
    with pytest.raises(FileFormatError, match="cannot write") as caught:
        write_container(FORMAT, "1.0", {name: b"x"}, WHEN)
    assert fragment in str(caught.value)


def test_writer_refuses_an_oversized_member() -> None:
    with pytest.raises(FileFormatError, match="limit is 25 MB"):
        write_container(FORMAT, "1.0", {"big": bytes(MAX_MEMBER_BYTES + 1)}, WHEN)


def test_writer_refuses_too_many_members(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(container, "MAX_MEMBERS", 3)
    with pytest.raises(FileFormatError, match="4 members; the limit is 3"):
        write_container(FORMAT, "1.0", MEMBERS, WHEN)


def test_writer_refuses_an_oversized_total(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(container, "MAX_TOTAL_BYTES", 2000)
    with pytest.raises(FileFormatError, match="add up to"):
        write_container(FORMAT, "1.0", {"a": bytes(1000), "b": bytes(1000)}, WHEN)


# --- refusals: the file as a whole ---------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"hello", b"PK\x03\x04" + bytes(100)])
def test_not_a_zip(data: bytes) -> None:
    refusal(data, "not a ZIP")


def test_truncated_zip() -> None:
    refusal(write_container(FORMAT, "1.0", MEMBERS, WHEN)[:-30], "not a ZIP")


def test_file_over_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(container, "MAX_FILE_BYTES", 100)
    refusal(write_container(FORMAT, "1.0", MEMBERS, WHEN), "the limit is")


def test_too_many_members(monkeypatch: pytest.MonkeyPatch) -> None:
    data = write_container(FORMAT, "1.0", MEMBERS, WHEN)
    monkeypatch.setattr(container, "MAX_MEMBERS", 3)
    refusal(data, "4 members", "limit is 3")


# --- refusals: the manifest ------------------------------------------------------------------------


def test_missing_manifest() -> None:
    refusal(build(MEMBERS.items()), "missing manifest.json")


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"format": "a", "format": "b"}', "duplicate key 'format'"),
        (b'{"n": NaN}', "'NaN' is not a JSON number"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b"[]", "must be a JSON object"),
    ],
)
def test_malformed_manifest(raw: bytes, fragment: str) -> None:
    refusal(build([("manifest.json", raw)], deflate=False), "manifest.json", fragment)


def test_wrong_format_name() -> None:
    data = build([("manifest.json", manifest({}, format="aeo-assess.review"))])
    refusal(data, "'aeo-assess.review', not 'aeo-assess.applicant'")


@pytest.mark.parametrize("version", ["2.0", "0.9", "10.1"])
def test_unknown_major_version(version: str) -> None:
    data = build([("manifest.json", manifest({}, format_version=version))])
    refusal(data, f"format version {version} is unknown", "reads 1.x")


def test_newer_minor_version_is_read() -> None:
    data = build([("manifest.json", manifest({"a": b"x"}, format_version="1.7")), ("a", b"x")])
    assert read_container(data, "f", FORMAT) == {"a": b"x"}


@pytest.mark.parametrize("version", [1, "1", "v1.0", "1.0.0", None])
def test_malformed_version(version: object) -> None:
    refusal(build([("manifest.json", manifest({}, format_version=version))]), "format_version")


@pytest.mark.parametrize(
    ("override", "fragment"),
    [
        ({"app_version": ""}, "app_version"),
        ({"created_at": "2026-01-01 10:00"}, "created_at"),
        ({"created_at": "2026-01-01T10:00:00"}, "created_at"),
        ({"members": []}, "members must be an object"),
        ({"members": {"a": "ABC"}}, "SHA-256 of 'a'"),
        ({"members": {"manifest.json": "0" * 64}}, "reserved"),
        ({"members": {"../a": "0" * 64}}, "'..'"),
        ({"extra": 1}, "unknown field 'extra'"),
    ],
)
def test_invalid_manifest_fields(override: dict[str, object], fragment: str) -> None:
    refusal(build([("manifest.json", manifest({}, **override))]), "manifest.json", fragment)


def test_manifest_field_missing() -> None:
    raw = json.loads(manifest({}))
    del raw["created_at"]
    refusal(build([("manifest.json", json.dumps(raw).encode())]), "missing 'created_at'")


# --- refusals: members and the manifest disagree --------------------------------------------------


def test_member_hash_differs_from_manifest() -> None:
    data = build([("manifest.json", manifest({"a": b"original"})), ("a", b"tampered")])
    refusal(data, "member 'a'", "SHA-256")


def test_member_listed_but_missing() -> None:
    data = build([("manifest.json", manifest({"a": b"x", "b": b"y"})), ("a", b"x")])
    refusal(data, "member 'b'", "missing")


def test_member_present_but_not_listed() -> None:
    data = build([("manifest.json", manifest({"a": b"x"})), ("a", b"x"), ("b", b"y")])
    refusal(data, "member 'b'", "not listed", "extra")


# --- refusals: names and entry kinds --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("/etc/passwd", "absolute path"),
        ("../evil", "'..'"),
        ("evidence/../../evil", "'..'"),
        ("evidence\\evil", "backslashes"),
        ("C:/evil", "drive letter"),
        ("c:evil", "drive letter"),
        ("a//b", "characters"),
        ("./a", "characters"),
        ("évidence", "characters"),
        ("a" * 256, "longer than 255"),
    ],
)
def test_unsafe_names(name: str, fragment: str) -> None:
    data = build([("manifest.json", manifest({name: b"x"})), (name, b"x")])
    refusal(data, fragment)


def test_symlink() -> None:
    info = zipfile.ZipInfo("link")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    refusal(with_member_info(info, b"/etc/passwd"), "member 'link' is a link")


def test_windows_reparse_point() -> None:
    info = zipfile.ZipInfo("link")
    info.external_attr = 0x400
    refusal(with_member_info(info, b"C:/Windows"), "is a link")


def test_device_file() -> None:
    info = zipfile.ZipInfo("device")
    info.external_attr = (stat.S_IFCHR | 0o600) << 16
    refusal(with_member_info(info, b""), "not a regular file")


def test_directory_entry_with_data() -> None:
    data = build([("manifest.json", manifest({})), ("evidence/", b"hidden payload")])
    refusal(data, "member 'evidence/'", "directory entry with data")


def test_empty_directory_entry_is_ignored() -> None:
    data = build(
        [
            ("manifest.json", manifest({"evidence/a": b"x"})),
            ("evidence/", b""),
            ("evidence/a", b"x"),
        ]
    )
    assert read_container(data, "f", FORMAT) == {"evidence/a": b"x"}


def test_duplicate_names() -> None:
    data = build([("manifest.json", manifest({"a": b"x"})), ("a", b"x"), ("a", b"evil")])
    refusal(data, "member 'a' appears more than once")


def test_duplicate_manifest() -> None:
    data = build([("manifest.json", manifest({})), ("manifest.json", manifest({"a": b""}))])
    refusal(data, "'manifest.json' appears more than once")


def test_encrypted_member() -> None:
    data = build([("manifest.json", manifest({"a": b"x"})), ("a", b"x")], deflate=False)
    refusal(patch_central(data, "a", flag_bits=0x1), "member 'a' is encrypted")


def test_unsupported_compression_method() -> None:
    info = zipfile.ZipInfo("a")
    info.compress_type = zipfile.ZIP_BZIP2
    refusal(with_member_info(info, b"x" * 100), "compression method 12")


# --- refusals: sizes --------------------------------------------------------------------------------


def test_member_over_25_mb() -> None:
    big = bytes(MAX_MEMBER_BYTES + 1)
    data = build([("manifest.json", manifest({"big": big})), ("big", big)])
    refusal(data, "member 'big'", "limit is 25 MB")


def test_total_over_200_mb_as_declared() -> None:
    members = {f"m{i}": b"x" for i in range(9)}
    data = build([("manifest.json", manifest(members)), *members.items()], deflate=False)
    for name in members:  # 9 x 24 MB declared, at a plausible ratio: only the total is wrong
        data = patch_central(data, name, file_size=24 << 20, compress_size=1 << 20)
    refusal(data, "more than 200 MB", "limit")


def test_compression_ratio_over_100() -> None:
    zeros = bytes(200_000)
    data = build([("manifest.json", manifest({"bomb": zeros})), ("bomb", zeros)])
    refusal(data, "member 'bomb'", "compression ratio over the 100:1 allowed")


def test_header_that_understates_the_size_cannot_make_the_reader_inflate_a_bomb() -> None:
    """The reader inflates no more than the declared size (and a byte to see it is exceeded):
    refusing the 50 MB bomb holds a tiny fraction of it in memory at any time. Its speed is
    measured by ``make bench`` (bench_hostile)."""
    zeros = bytes(MAX_MEMBER_BYTES * 2)  # 50 MB of zeros deflates to about 50 KB
    data = build([("manifest.json", manifest({"bomb": zeros[:1000]})), ("bomb", zeros)])
    data = patch_central(data, "bomb", file_size=1000, crc=zlib.crc32(zeros[:1000]))
    del zeros
    tracemalloc.start()
    try:
        refusal(data, "member 'bomb'", "different size than it declares")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MAX_MEMBER_BYTES // 25, peak


def test_header_that_overstates_the_size() -> None:
    text = b"some text " * 100
    data = build([("manifest.json", manifest({"a": text})), ("a", text)])
    refusal(patch_central(data, "a", file_size=len(text) + 5), "different size")


def test_damaged_deflate_stream() -> None:
    text = bytes(range(256)) * 40
    data = build([("manifest.json", manifest({"a": text})), ("a", text)])
    start = local_header_offset(data, "a") + 30 + 1
    broken = data[:start] + b"\xff" * 8 + data[start + 8 :]
    refusal(broken, "member 'a' is damaged")


def test_crc_mismatch() -> None:
    data = build([("manifest.json", manifest({"a": b"x"})), ("a", b"x")])
    refusal(patch_central(data, "a", crc=0), "CRC check failed")


def test_local_header_disagreeing_with_the_directory() -> None:
    data = build([("manifest.json", manifest({"a": b"x"})), ("a", b"x")])
    name_at = local_header_offset(data, "a") + 30
    refusal(data[:name_at] + b"b" + data[name_at + 1 :], "local header does not match")


def test_overlapping_members() -> None:
    data = build([("manifest.json", manifest({"a": b"x", "b": b"x"})), ("a", b"x"), ("b", b"x")])
    refusal(patch_central(data, "b", header_offset=local_header_offset(data, "a")), "overlaps")


def test_member_running_into_the_directory() -> None:
    data = build([("manifest.json", manifest({"a": b"x"})), ("a", b"x")], deflate=False)
    refusal(patch_central(data, "a", compress_size=500, file_size=500), "runs past the end")
