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
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, BinaryIO

from aeo_assess import __version__
from aeo_assess.files.errors import FileFormatError as FileFormatError
from aeo_assess.files.jsonio import dump_json, format_utc, load_json, parse_utc
from aeo_assess.files.signing import SIGNATURE, Signer, SignerInfo, parse_signer, verify
from aeo_assess.messages import Message

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


def name_problem(name: str) -> Message | None:
    """Why ``name`` is not an acceptable member name, or None when it is."""
    if not name:
        return Message("container.has_empty_name", "has an empty name")
    if "\\" in name:
        return Message("container.uses_backslashes_in_its", "uses backslashes in its name")
    if name.startswith("/"):
        return Message("container.has_absolute_path", "has an absolute path")
    if re.match(r"[A-Za-z]:", name):
        return Message("container.names_drive_letter", "names a drive letter")
    if ".." in name.split("/"):
        return Message("container.has_in_its_path", "has '..' in its path")
    if len(name) > MAX_NAME_LENGTH:
        return Message(
            "container.has_name_longer_than",
            "has a name longer than {max_name_length} characters",
            max_name_length=MAX_NAME_LENGTH,
        )
    if not _NAME.fullmatch(name) or "." in name.split("/"):
        return Message(
            "container.has_characters_other_than",
            "has characters other than ASCII letters, digits, '.', '_', '-' and '/' separators",
        )
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
            Message(
                "container.cannot_write_file_members",
                "cannot write the file: {members} members; the limit is {max_members}",
                members=len(members) + 1, max_members=MAX_MEMBERS,
            )
        )
    total = 0
    for name, data in members.items():
        problem = (
            Message("container.reserved_name", "is a reserved name")
            if name in _RESERVED
            else name_problem(name)
        )
        if problem is not None:
            raise FileFormatError(Message(
                "container.cannot_write_file_member",
                "cannot write the file: member '{name}' {problem}",
                name=name, problem=problem,
            ))
        if len(data) > MAX_MEMBER_BYTES:
            raise FileFormatError(
                Message(
                    "container.cannot_write_file_member_bytes",
                    "cannot write the file: member '{name}' is {data_count} bytes; the limit is "
                    "{mb_max_member_bytes}",
                    name=name, data_count=len(data), mb_max_member_bytes=_mb(MAX_MEMBER_BYTES),
                )
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
            Message(
                "container.cannot_write_file_its",
                "cannot write the file: its members add up to {total_manifest} bytes; the limit "
                "is {mb_max_total_bytes}",
                total_manifest=total + len(manifest), mb_max_total_bytes=_mb(MAX_TOTAL_BYTES),
            )
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
    shared: Callable[[str], bool] = lambda name: False,
) -> Contents:
    """Verify the container read from ``source`` exactly as ``read_container`` does, keeping
    the bytes of the members ``keep`` names; the others are hashed as they stream past.
    ``shared`` names members that many files carry byte for byte (see ``_verified_member``).

    Raises FileFormatError naming ``file_name`` and the problem; returns nothing partial.
    """
    size = source.seek(0, io.SEEK_END)
    if size > MAX_FILE_BYTES:
        raise FileFormatError(
            Message(
                "container.file_bytes_limit",
                "{file_name}: the file is {size} bytes; the limit is {mb_max_file_bytes}",
                file_name=file_name, size=size, mb_max_file_bytes=_mb(MAX_FILE_BYTES),
            )
        )
    source.seek(0)
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise FileFormatError(Message(
            "container.not_zip_file_or",
            "{file_name}: not a ZIP file, or a damaged one",
            file_name=file_name,
        )) from None
    except NotImplementedError as error:
        raise FileFormatError(
            Message(
                "container.uses_zip_feature_that",
                "{file_name}: uses a ZIP feature that is not supported ({error})",
                file_name=file_name, error=error,
            )
        ) from None
    with archive:
        infos = _checked_entries(archive, file_name)
        if MANIFEST not in infos:
            raise FileFormatError(Message(
                "container.missing_manifest",
                "{file_name}: missing {manifest}",
                file_name=file_name, manifest=MANIFEST,
            ))
        _check_no_overlap(source, infos, archive.start_dir, file_name)
        manifest_raw = b"".join(_pieces(source, infos[MANIFEST], file_name))
        manifest = load_json(manifest_raw, f"{file_name}: {MANIFEST}")
        listed = _manifest_members(manifest, file_name, expected_format, supported_major)
        signer = _verified_signer(source, infos, manifest, manifest_raw, file_name)
        for name in sorted(infos):
            if name not in _RESERVED and name not in listed:
                raise FileFormatError(
                    Message(
                        "container.member_not_listed_in",
                        "{file_name}: member '{name}' is not listed in the manifest (extra member)",
                        file_name=file_name, name=name,
                    )
                )
        for name in sorted(listed):
            if name not in infos:
                raise FileFormatError(
                    Message(
                        "container.member_listed_in_manifest",
                        "{file_name}: member '{name}' is listed in the manifest but missing",
                        file_name=file_name, name=name,
                    )
                )
        members: dict[str, Member] = {}
        kept: dict[str, bytes] = {}
        for name, expected in sorted(listed.items()):
            found, content = _verified_member(
                source, infos[name], file_name, keeping=keep(name), shared=shared(name)
            )
            if found != expected:
                raise FileFormatError(
                    Message(
                        "container.member_does_not_match",
                        "{file_name}: member '{name}' does not match its SHA-256 in the manifest "
                        "(the file was altered or damaged)",
                        file_name=file_name, name=name,
                    )
                )
            members[name] = Member(expected, infos[name].file_size)
            if content is not None:
                kept[name] = content
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
            raise FileFormatError(Message(
                "container.signature_without_signer",
                "{where}: the file has {signature} but names no signer",
                where=where, signature=SIGNATURE,
            ))
        return None
    signer = parse_signer(manifest["signer"], where)
    if SIGNATURE not in infos:
        raise FileFormatError(Message(
            "container.signer_without_signature",
            "{file_name}: names a signer but {signature} is missing",
            file_name=file_name, signature=SIGNATURE,
        ))
    verify(signer, manifest_raw, b"".join(_pieces(source, infos[SIGNATURE], file_name)), file_name)
    return signer


def _checked_entries(archive: zipfile.ZipFile, file_name: str) -> dict[str, zipfile.ZipInfo]:
    """File entries by name, after the checks that need only the central directory."""
    entries = archive.infolist()
    if len(entries) > MAX_MEMBERS:
        raise FileFormatError(
            Message(
                "container.has_members_limit",
                "{file_name}: has {entries_count} members; the limit is {max_members}",
                file_name=file_name, entries_count=len(entries), max_members=MAX_MEMBERS,
            )
        )
    infos: dict[str, zipfile.ZipInfo] = {}
    seen: set[str] = set()
    total = 0
    for info in entries:
        name = info.orig_filename
        directory = name.endswith("/")
        problem = name_problem(name[:-1] if directory else name)
        if problem is not None:
            raise FileFormatError(Message(
                "container.bad_member",
                "{file_name}: member '{name}' {problem}",
                file_name=file_name, name=name, problem=problem,
            ))
        if name in seen:
            raise FileFormatError(Message(
                "container.member_appears_more_than",
                "{file_name}: member '{name}' appears more than once",
                file_name=file_name, name=name,
            ))
        seen.add(name)
        problem = _entry_problem(info, directory)
        if problem is not None:
            raise FileFormatError(Message(
                "container.bad_member",
                "{file_name}: member '{name}' {problem}",
                file_name=file_name, name=name, problem=problem,
            ))
        if directory:
            continue
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise FileFormatError(
                Message(
                    "container.members_add_up_to",
                    "{file_name}: members add up to more than {mb_max_total_bytes} uncompressed; "
                    "that is the limit",
                    file_name=file_name, mb_max_total_bytes=_mb(MAX_TOTAL_BYTES),
                )
            )
        infos[name] = info
    return infos


def _entry_problem(info: zipfile.ZipInfo, directory: bool) -> Message | None:
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind == stat.S_IFLNK or info.external_attr & _WINDOWS_REPARSE_POINT:
        return Message("container.link", "is a link")
    if directory:
        if kind not in (0, stat.S_IFDIR):
            return Message("container.not_regular_directory", "is not a regular directory")
        return Message(
            "container.directory_entry_with_data",
            "is a directory entry with data",
        ) if info.file_size else None
    if kind not in (0, stat.S_IFREG):
        return Message("container.not_regular_file", "is not a regular file")
    if info.flag_bits & _ENCRYPTED:
        return Message("container.encrypted", "is encrypted")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return Message(
            "container.uses_compression_method_only",
            "uses compression method {info_compress_type}; only stored (0) and deflate (8) are "
            "allowed",
            info_compress_type=info.compress_type,
        )
    if info.file_size > MAX_MEMBER_BYTES:
        return Message(
            "container.bytes_uncompressed_limit",
            "is {info_file_size} bytes uncompressed; the limit is {mb_max_member_bytes}",
            info_file_size=info.file_size, mb_max_member_bytes=_mb(MAX_MEMBER_BYTES),
        )
    if info.file_size > MAX_RATIO * info.compress_size:
        return (
            Message(
                "container.inflates_bytes_to_compression",
                "inflates {info_compress_size} byte to {info_file_size}, a compression ratio "
                "over the {max_ratio}:1 allowed (a possible ZIP bomb)",
                plural="inflates {info_compress_size} bytes to {info_file_size}, a compression "
                "ratio over the {max_ratio}:1 allowed (a possible ZIP bomb)",
                count=info.compress_size, info_compress_size=info.compress_size,
                info_file_size=info.file_size, max_ratio=MAX_RATIO,
            )
        )
    return None


def _manifest_members(
    manifest: Any, file_name: str, expected_format: str, supported_major: int
) -> dict[str, str]:
    where = f"{file_name}: {MANIFEST}"
    if not isinstance(manifest, dict):
        raise FileFormatError(Message(
            "container.must_be_json_object",
            "{where}: must be a JSON object",
            where=where,
        ))
    found = manifest.get("format")
    if found != expected_format:
        if not isinstance(found, str):
            raise FileFormatError(Message(
                "container.no_format", "{where}: the file has no format, not '{expected}'",
                where=where, expected=expected_format))
        raise FileFormatError(Message(
            "container.wrong_format", "{where}: the file is '{found}', not '{expected}'",
            where=where, found=found, expected=expected_format))
    version = manifest.get("format_version")
    match = _VERSION.fullmatch(version) if isinstance(version, str) else None
    if match is None:
        raise FileFormatError(Message(
            "container.format_version_must_be",
            "{where}: format_version must be a string like \"1.0\"",
            where=where,
        ))
    if int(match.group(1)) != supported_major:
        raise FileFormatError(
            Message(
                "container.format_version_unknown_this",
                "{where}: format version {version} is unknown; this version of aeo-assess reads "
                "{supported_major}.x (a newer aeo-assess may read it)",
                where=where, version=version, supported_major=supported_major,
            )
        )
    missing = sorted(_MANIFEST_KEYS - manifest.keys())
    if missing:
        raise FileFormatError(Message(
            "container.manifest_key_missing",
            "{where}: missing '{missing}'",
            where=where, missing=missing[0],
        ))
    unknown = sorted(manifest.keys() - _MANIFEST_KEYS - _OPTIONAL_MANIFEST_KEYS)
    if unknown:
        raise FileFormatError(Message(
            "container.unknown_field",
            "{where}: unknown field '{unknown}'",
            where=where, unknown=unknown[0],
        ))
    app_version = manifest["app_version"]
    if not isinstance(app_version, str) or not 0 < len(app_version) <= 64:
        raise FileFormatError(Message(
            "container.app_version_must_be",
            "{where}: app_version must be a string of 1 to 64 characters",
            where=where,
        ))
    created_at = manifest["created_at"]
    if not isinstance(created_at, str) or parse_utc(created_at) is None:
        raise FileFormatError(Message(
            "container.created_at_must_be",
            "{where}: created_at must be an ISO 8601 timestamp in UTC",
            where=where,
        ))
    members = manifest["members"]
    if not isinstance(members, dict):
        raise FileFormatError(Message(
            "container.members_must_be_object",
            "{where}: members must be an object of name: SHA-256",
            where=where,
        ))
    for name, digest in members.items():
        problem = (
            Message("container.reserved", "is reserved") if name in _RESERVED else name_problem(name)
        )
        if problem is not None:
            raise FileFormatError(Message(
                "container.member_problem",
                "{where}: member '{name}' {problem}",
                where=where, name=name, problem=problem,
            ))
        if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
            raise FileFormatError(
                Message(
                    "container.sha_256_must_be",
                    "{where}: the SHA-256 of '{name}' must be 64 lowercase hexadecimal digits",
                    where=where, name=name,
                )
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
        raise FileFormatError(Message(
            "container.member_damaged_no_header",
            "{file_name}: member '{member}' is damaged (no header)",
            file_name=file_name, member=info.orig_filename,
        ))
    fields = _LOCAL_HEADER.unpack(header)
    name_length: int = fields[-2]
    extra_length: int = fields[-1]
    name = source.read(name_length)
    if fields[0] != _LOCAL_SIGNATURE or name != info.orig_filename.encode("ascii"):
        raise FileFormatError(
            Message(
                "container.member_damaged_its_local",
                "{file_name}: member '{member}' is damaged (its local header does not match the "
                "directory)",
                file_name=file_name, member=info.orig_filename,
            )
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
                Message(
                    "container.member_overlaps_another_member",
                    "{file_name}: member '{member}' overlaps another member",
                    file_name=file_name, member=info.orig_filename,
                )
            )
        end = _local_data_offset(source, info, file_name) + info.compress_size
        if end > directory_start:
            raise FileFormatError(
                Message(
                    "container.member_runs_past_end",
                    "{file_name}: member '{member}' runs past the end of the data",
                    file_name=file_name, member=info.orig_filename,
                )
            )


_REMEMBERED_MAX_BYTES = 4 * 1024 * 1024
_REMEMBERED_KEPT = 4
_REMEMBERED: dict[tuple[int, int, int, bytes], tuple[str, bytes]] = {}
"""SHA-256 and content of the last few shared members that passed ``_pieces``, by
compression method, CRC, declared size and compressed bytes."""
_REMEMBERED_LOCK = threading.Lock()
"""The GUI reads files on background threads."""


def _verified_member(
    source: BinaryIO, info: zipfile.ZipInfo, file_name: str, *, keeping: bool, shared: bool
) -> tuple[str, bytes | None]:
    """The member's SHA-256, and its content when ``keeping``, once ``_pieces`` checked it.

    A workshop imports hundreds of files that carry the same questionnaire, byte for byte:
    inflating and hashing it again dominated reading such a file (issue 19). Inflating is
    deterministic, so a ``shared`` member whose method, declared size, CRC and compressed
    bytes equal those of one that passed ``_pieces`` passes it again with the same content:
    it is compared, not inflated. Every other member streams through ``_pieces``.
    """
    if not shared or max(info.compress_size, info.file_size) > _REMEMBERED_MAX_BYTES:
        digest = hashlib.sha256()
        pieces: list[bytes] = []
        for piece in _pieces(source, info, file_name):
            digest.update(piece)
            if keeping:
                pieces.append(piece)
        return digest.hexdigest(), b"".join(pieces) if keeping else None
    source.seek(_local_data_offset(source, info, file_name))
    key = (info.compress_type, info.CRC, info.file_size, source.read(info.compress_size))
    known = _REMEMBERED.get(key)
    if known is None:
        content = b"".join(_pieces(source, info, file_name))
        known = hashlib.sha256(content).hexdigest(), content
        with _REMEMBERED_LOCK:
            while len(_REMEMBERED) >= _REMEMBERED_KEPT:
                del _REMEMBERED[next(iter(_REMEMBERED))]
            _REMEMBERED[key] = known
    return known[0], known[1] if keeping else None


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
            raise FileFormatError(Message(
                "container.member_damaged_truncated",
                "{file_name}: member '{name}' is damaged (truncated)",
                file_name=file_name, name=name,
            ))
        remaining -= len(compressed)
        if inflater is None:
            piece = compressed[: limit + 1 - produced]
        else:
            try:
                piece = inflater.decompress(compressed, limit + 1 - produced)
            except zlib.error:
                raise FileFormatError(Message(
                    "container.member_damaged_bad_data",
                    "{file_name}: member '{name}' is damaged (bad data)",
                    file_name=file_name, name=name,
                )) from None
        produced += len(piece)
        if produced > limit:
            break
        crc = zlib.crc32(piece, crc)
        yield piece
    if inflater is not None and produced <= limit and not inflater.eof:
        raise FileFormatError(Message(
            "container.member_damaged_truncated",
            "{file_name}: member '{name}' is damaged (truncated)",
            file_name=file_name, name=name,
        ))
    if produced != limit:
        raise FileFormatError(
            Message(
                "container.member_inflates_to_different",
                "{file_name}: member '{name}' inflates to a different size than it declares",
                file_name=file_name, name=name,
            )
        )
    if crc != info.CRC:
        raise FileFormatError(Message(
            "container.member_damaged_crc_check",
            "{file_name}: member '{name}' is damaged (CRC check failed)",
            file_name=file_name, name=name,
        ))
