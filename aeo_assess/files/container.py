"""The ZIP container shared by applicant, review and benchmark-pack files (DESIGN §6).

Files arrive from strangers, so the reader verifies everything before it returns anything:
names, links, encryption, sizes (declared ones first, then again while inflating, because
headers can lie), the manifest and every member's SHA-256. Nothing is ever extracted to disk.
The reader streams each member through its checks in pieces, so a caller may verify members
it does not keep (a report needs the evidence list, not the evidence). The writer is
deterministic, so the same content always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, BinaryIO

from aeo_assess import __version__
from aeo_assess.files.errors import FileFormatError as FileFormatError
from aeo_assess.files.jsonio import dump_json, format_utc, load_json, parse_utc
from aeo_assess.files.signing import SIGNATURE, Signer, SignerInfo, parse_signer, verify

MANIFEST = "manifest.json"
MAX_MEMBER_BYTES = 25 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 10_000
MAX_NAME_LENGTH = 255
MAX_FILE_BYTES = MAX_TOTAL_BYTES + 4 * 1024 * 1024
"""A valid file cannot be much larger than its content: refuse bigger ones before parsing."""
_PIECE = 256 * 1024
"""Compressed bytes read at a time while verifying a member."""

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_REGULAR_FILE_ATTR = (stat.S_IFREG | 0o644) << 16
_UNIX = 3
_WINDOWS_REPARSE_POINT = 0x400
_ENCRYPTED = 0x1
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_NAME = re.compile(r"[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*", re.ASCII)
_SHA256 = re.compile(r"[0-9a-f]{64}", re.ASCII)
_VERSION = re.compile(r"(\d{1,4})\.(\d{1,4})", re.ASCII)
_MANIFEST_KEYS = {"format", "format_version", "app_version", "created_at", "members"}
_OPTIONAL_MANIFEST_KEYS = {"signer"}
_RESERVED = (MANIFEST, SIGNATURE)
"""Members outside the manifest's list: the manifest itself and the signature over it."""


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def name_problem(name: str) -> str | None:
    """Why ``name`` is not an acceptable member name, or None when it is."""
    if not name:
        return "has an empty name"
    if "\\" in name:
        return "uses backslashes in its name"
    if name.startswith("/"):
        return "has an absolute path"
    if re.match(r"[A-Za-z]:", name):
        return "names a drive letter"
    if ".." in name.split("/"):
        return "has '..' in its path"
    if len(name) > MAX_NAME_LENGTH:
        return f"has a name longer than {MAX_NAME_LENGTH} characters"
    if not _NAME.fullmatch(name) or "." in name.split("/"):
        return "has characters other than ASCII letters, digits, '.', '_', '-' and '/' separators"
    return None


def write_container(
    format_name: str,
    format_version: str,
    members: Mapping[str, bytes],
    created_at: dt.datetime,
    signer: Signer | None = None,
) -> bytes:
    """A ZIP with ``manifest.json`` first, then ``signature.json`` when ``signer`` signs the
    manifest, then ``members`` sorted by name.

    Entry timestamps are fixed and each member is deflated unless that would not shrink it or
    would exceed the compression-ratio limit (then it is stored), so readers never refuse it.
    Raises FileFormatError when the content breaks a limit or a rule of the format.
    """
    if len(members) >= MAX_MEMBERS:
        raise FileFormatError(
            f"cannot write the file: {len(members) + 1:,} members; the limit is {MAX_MEMBERS:,}"
        )
    total = 0
    for name, data in members.items():
        problem = "is a reserved name" if name in _RESERVED else name_problem(name)
        if problem is not None:
            raise FileFormatError(f"cannot write the file: member '{name}' {problem}")
        if len(data) > MAX_MEMBER_BYTES:
            raise FileFormatError(
                f"cannot write the file: member '{name}' is {len(data):,} bytes; "
                f"the limit is {_mb(MAX_MEMBER_BYTES)}"
            )
        total += len(data)
    document: dict[str, Any] = {
        "format": format_name,
        "format_version": format_version,
        "app_version": __version__,
        "created_at": format_utc(created_at),
        "members": {name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
    }
    if signer is not None:
        document["signer"] = signer.manifest_entry()
    manifest = dump_json(document)
    first = [(MANIFEST, manifest)]
    if signer is not None:
        first.append((SIGNATURE, signer.signature_member(manifest)))
    if total + len(manifest) > MAX_TOTAL_BYTES:
        raise FileFormatError(
            f"cannot write the file: its members add up to {total + len(manifest):,} bytes; "
            f"the limit is {_mb(MAX_TOTAL_BYTES)}"
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in [*first, *sorted(members.items())]:
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.create_system = _UNIX
            info.external_attr = _REGULAR_FILE_ATTR
            info.compress_type = _compression(data)
            archive.writestr(info, data, compresslevel=6)
    return buffer.getvalue()


def _compression(data: bytes) -> int:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    deflated = len(compressor.compress(data)) + len(compressor.flush())
    if deflated >= len(data) or len(data) > MAX_RATIO * deflated:
        return zipfile.ZIP_STORED
    return zipfile.ZIP_DEFLATED


@dataclass(frozen=True)
class Member:
    """A member's SHA-256 and size, both verified against its bytes."""

    sha256: str
    size: int


@dataclass(frozen=True)
class Contents:
    members: dict[str, Member]
    """Every member except the manifest, by name."""
    data: dict[str, bytes]
    """The bytes of the members kept, by name."""
    signer: SignerInfo | None = None
    """Who signed the manifest, the signature verified; None for an unsigned file."""
    created_at: dt.datetime | None = None
    """The manifest's ``created_at``."""


def read_container(
    data: bytes, file_name: str, expected_format: str, *, supported_major: int = 1
) -> dict[str, bytes]:
    """Every member except the manifest and signature, by name, after every check has passed.

    Raises FileFormatError naming ``file_name`` and the problem; returns nothing partial.
    """
    return read_signed_container(
        data, file_name, expected_format, supported_major=supported_major
    ).data


def read_signed_container(
    data: bytes, file_name: str, expected_format: str, *, supported_major: int = 1
) -> Contents:
    """``read_container`` that also says who signed the file (the signature verified)."""
    with io.BytesIO(data) as source:
        return read_contents(source, file_name, expected_format, supported_major=supported_major)


def read_contents(
    source: BinaryIO,
    file_name: str,
    expected_format: str,
    *,
    supported_major: int = 1,
    keep: Callable[[str], bool] = lambda name: True,
) -> Contents:
    """Verify the container read from ``source`` exactly as ``read_container`` does, keeping
    the bytes of the members ``keep`` names; the others are hashed as they stream past.

    Raises FileFormatError naming ``file_name`` and the problem; returns nothing partial.
    """
    size = source.seek(0, io.SEEK_END)
    if size > MAX_FILE_BYTES:
        raise FileFormatError(
            f"{file_name}: the file is {size:,} bytes; the limit is {_mb(MAX_FILE_BYTES)}"
        )
    source.seek(0)
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise FileFormatError(f"{file_name}: not a ZIP file, or a damaged one") from None
    except NotImplementedError as error:
        raise FileFormatError(
            f"{file_name}: uses a ZIP feature that is not supported ({error})"
        ) from None
    with archive:
        infos = _checked_entries(archive, file_name)
        if MANIFEST not in infos:
            raise FileFormatError(f"{file_name}: missing {MANIFEST}")
        _check_no_overlap(source, infos, archive.start_dir, file_name)
        manifest_raw = b"".join(_pieces(source, infos[MANIFEST], file_name))
        manifest = load_json(manifest_raw, f"{file_name}: {MANIFEST}")
        listed = _manifest_members(manifest, file_name, expected_format, supported_major)
        signer = _verified_signer(source, infos, manifest, manifest_raw, file_name)
        for name in sorted(infos):
            if name not in _RESERVED and name not in listed:
                raise FileFormatError(
                    f"{file_name}: member '{name}' is not listed in the manifest (extra member)"
                )
        for name in sorted(listed):
            if name not in infos:
                raise FileFormatError(
                    f"{file_name}: member '{name}' is listed in the manifest but missing"
                )
        members: dict[str, Member] = {}
        kept: dict[str, bytes] = {}
        for name, expected in sorted(listed.items()):
            digest = hashlib.sha256()
            keeping = keep(name)
            pieces: list[bytes] = []
            for piece in _pieces(source, infos[name], file_name):
                digest.update(piece)
                if keeping:
                    pieces.append(piece)
            if digest.hexdigest() != expected:
                raise FileFormatError(
                    f"{file_name}: member '{name}' does not match its SHA-256 in the manifest "
                    "(the file was altered or damaged)"
                )
            members[name] = Member(expected, infos[name].file_size)
            if keeping:
                kept[name] = b"".join(pieces)
    return Contents(members, kept, signer, parse_utc(manifest["created_at"]))


def _verified_signer(
    source: BinaryIO,
    infos: Mapping[str, zipfile.ZipInfo],
    manifest: dict[str, Any],
    manifest_raw: bytes,
    file_name: str,
) -> SignerInfo | None:
    """The manifest's signer once its signature checks out; None when the file is unsigned.
    A signer without a signature, or a signature without a signer, refuses the file."""
    where = f"{file_name}: {MANIFEST}"
    if "signer" not in manifest:
        if SIGNATURE in infos:
            raise FileFormatError(f"{where}: the file has {SIGNATURE} but names no signer")
        return None
    signer = parse_signer(manifest["signer"], where)
    if SIGNATURE not in infos:
        raise FileFormatError(f"{file_name}: names a signer but {SIGNATURE} is missing")
    verify(signer, manifest_raw, b"".join(_pieces(source, infos[SIGNATURE], file_name)), file_name)
    return signer


def _checked_entries(archive: zipfile.ZipFile, file_name: str) -> dict[str, zipfile.ZipInfo]:
    """File entries by name, after the checks that need only the central directory."""
    entries = archive.infolist()
    if len(entries) > MAX_MEMBERS:
        raise FileFormatError(
            f"{file_name}: has {len(entries):,} members; the limit is {MAX_MEMBERS:,}"
        )
    infos: dict[str, zipfile.ZipInfo] = {}
    seen: set[str] = set()
    total = 0
    for info in entries:
        name = info.orig_filename
        directory = name.endswith("/")
        problem = name_problem(name[:-1] if directory else name)
        if problem is not None:
            raise FileFormatError(f"{file_name}: member '{name}' {problem}")
        if name in seen:
            raise FileFormatError(f"{file_name}: member '{name}' appears more than once")
        seen.add(name)
        problem = _entry_problem(info, directory)
        if problem is not None:
            raise FileFormatError(f"{file_name}: member '{name}' {problem}")
        if directory:
            continue
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise FileFormatError(
                f"{file_name}: members add up to more than {_mb(MAX_TOTAL_BYTES)} uncompressed; "
                "that is the limit"
            )
        infos[name] = info
    return infos


def _entry_problem(info: zipfile.ZipInfo, directory: bool) -> str | None:
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind == stat.S_IFLNK or info.external_attr & _WINDOWS_REPARSE_POINT:
        return "is a link"
    if directory:
        if kind not in (0, stat.S_IFDIR):
            return "is not a regular directory"
        return "is a directory entry with data" if info.file_size else None
    if kind not in (0, stat.S_IFREG):
        return "is not a regular file"
    if info.flag_bits & _ENCRYPTED:
        return "is encrypted"
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return f"uses compression method {info.compress_type}; only stored (0) and deflate (8) are allowed"
    if info.file_size > MAX_MEMBER_BYTES:
        return f"is {info.file_size:,} bytes uncompressed; the limit is {_mb(MAX_MEMBER_BYTES)}"
    if info.file_size > MAX_RATIO * info.compress_size:
        return (
            f"inflates {info.compress_size:,} bytes to {info.file_size:,}, a compression ratio "
            f"over the {MAX_RATIO}:1 allowed (a possible ZIP bomb)"
        )
    return None


def _manifest_members(
    manifest: Any, file_name: str, expected_format: str, supported_major: int
) -> dict[str, str]:
    where = f"{file_name}: {MANIFEST}"
    if not isinstance(manifest, dict):
        raise FileFormatError(f"{where}: must be a JSON object")
    found = manifest.get("format")
    if found != expected_format:
        shown = f"'{found}'" if isinstance(found, str) else "no format"
        raise FileFormatError(f"{where}: the file is {shown}, not '{expected_format}'")
    version = manifest.get("format_version")
    match = _VERSION.fullmatch(version) if isinstance(version, str) else None
    if match is None:
        raise FileFormatError(f'{where}: format_version must be a string like "1.0"')
    if int(match.group(1)) != supported_major:
        raise FileFormatError(
            f"{where}: format version {version} is unknown; this version of aeo-assess reads "
            f"{supported_major}.x (a newer aeo-assess may read it)"
        )
    missing = sorted(_MANIFEST_KEYS - manifest.keys())
    if missing:
        raise FileFormatError(f"{where}: missing '{missing[0]}'")
    unknown = sorted(manifest.keys() - _MANIFEST_KEYS - _OPTIONAL_MANIFEST_KEYS)
    if unknown:
        raise FileFormatError(f"{where}: unknown field '{unknown[0]}'")
    app_version = manifest["app_version"]
    if not isinstance(app_version, str) or not 0 < len(app_version) <= 64:
        raise FileFormatError(f"{where}: app_version must be a string of 1 to 64 characters")
    created_at = manifest["created_at"]
    if not isinstance(created_at, str) or parse_utc(created_at) is None:
        raise FileFormatError(f"{where}: created_at must be an ISO 8601 timestamp in UTC")
    members = manifest["members"]
    if not isinstance(members, dict):
        raise FileFormatError(f"{where}: members must be an object of name: SHA-256")
    for name, digest in members.items():
        problem = "is reserved" if name in _RESERVED else name_problem(name)
        if problem is not None:
            raise FileFormatError(f"{where}: member '{name}' {problem}")
        if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
            raise FileFormatError(
                f"{where}: the SHA-256 of '{name}' must be 64 lowercase hexadecimal digits"
            )
    return members


def _local_data_offset(source: BinaryIO, info: zipfile.ZipInfo, file_name: str) -> int:
    """Where the member's bytes start, after checking its local header agrees with the directory."""
    start = info.header_offset
    header = b""
    if start >= 0:
        source.seek(start)
        header = source.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size:
        raise FileFormatError(f"{file_name}: member '{info.orig_filename}' is damaged (no header)")
    fields = _LOCAL_HEADER.unpack(header)
    name_length: int = fields[-2]
    extra_length: int = fields[-1]
    name = source.read(name_length)
    if fields[0] != _LOCAL_SIGNATURE or name != info.orig_filename.encode("ascii"):
        raise FileFormatError(
            f"{file_name}: member '{info.orig_filename}' is damaged "
            "(its local header does not match the directory)"
        )
    return start + _LOCAL_HEADER.size + name_length + extra_length


def _check_no_overlap(
    source: BinaryIO, infos: Mapping[str, zipfile.ZipInfo], directory_start: int, file_name: str
) -> None:
    """Refuse members that share bytes: overlapping entries are a known ZIP-bomb technique."""
    end = 0
    for info in sorted(infos.values(), key=lambda i: i.header_offset):
        if info.header_offset < end:
            raise FileFormatError(
                f"{file_name}: member '{info.orig_filename}' overlaps another member"
            )
        end = _local_data_offset(source, info, file_name) + info.compress_size
        if end > directory_start:
            raise FileFormatError(
                f"{file_name}: member '{info.orig_filename}' runs past the end of the data"
            )


def _pieces(source: BinaryIO, info: zipfile.ZipInfo, file_name: str) -> Iterator[bytes]:
    """The member's content in pieces, never producing more than one byte beyond its declared
    size in all; the size and CRC are checked once the last piece is out.

    Declared sizes passed the limits already; capping the actual output at them is what makes
    those limits hold against a header that lies about what the data inflates to.
    """
    name = info.orig_filename
    remaining = info.compress_size
    source.seek(_local_data_offset(source, info, file_name))
    limit = info.file_size
    inflater = None if info.compress_type == zipfile.ZIP_STORED else zlib.decompressobj(-15)
    produced = crc = 0
    while remaining and not (inflater is not None and inflater.eof):
        compressed = source.read(min(_PIECE, remaining))
        if not compressed:
            raise FileFormatError(f"{file_name}: member '{name}' is damaged (truncated)")
        remaining -= len(compressed)
        if inflater is None:
            piece = compressed[: limit + 1 - produced]
        else:
            try:
                piece = inflater.decompress(compressed, limit + 1 - produced)
            except zlib.error:
                raise FileFormatError(f"{file_name}: member '{name}' is damaged (bad data)") from None
        produced += len(piece)
        if produced > limit:
            break
        crc = zlib.crc32(piece, crc)
        yield piece
    if inflater is not None and produced <= limit and not inflater.eof:
        raise FileFormatError(f"{file_name}: member '{name}' is damaged (truncated)")
    if produced != limit:
        raise FileFormatError(
            f"{file_name}: member '{name}' inflates to a different size than it declares"
        )
    if crc != info.CRC:
        raise FileFormatError(f"{file_name}: member '{name}' is damaged (CRC check failed)")
