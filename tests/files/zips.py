"""Crafting ZIP files the way an attacker or a careless program would, to test the reader."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import warnings
import zipfile
from collections.abc import Iterable, Mapping
from typing import Any

CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
CENTRAL_FIELDS = (
    "signature",
    "create_version",
    "create_system",
    "extract_version",
    "reserved",
    "flag_bits",
    "compress_type",
    "time",
    "date",
    "crc",
    "compress_size",
    "file_size",
    "name_length",
    "extra_length",
    "comment_length",
    "disk_start",
    "internal_attr",
    "external_attr",
    "header_offset",
)
END = struct.Struct("<4s4H2LH")


def manifest(contents: Mapping[str, bytes], /, **override: Any) -> bytes:
    """A manifest for ``contents`` with the right hashes; ``override`` replaces fields."""
    data: dict[str, Any] = {
        "format": "aeo-assess.applicant",
        "format_version": "1.0",
        "app_version": "test",
        "created_at": "2026-01-01T00:00:00Z",
        "members": {name: hashlib.sha256(data).hexdigest() for name, data in contents.items()},
    }
    data.update(override)
    return json.dumps(data).encode()


def build(entries: Iterable[tuple[str | zipfile.ZipInfo, bytes]], *, deflate: bool = True) -> bytes:
    """A ZIP with exactly these entries, in this order (duplicates allowed)."""
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names: that is the point
        with zipfile.ZipFile(buffer, "w", method) as archive:
            for name, content in entries:
                archive.writestr(name, content)
    return buffer.getvalue()


def patch_central(data: bytes, name: str, **fields: int) -> bytes:
    """Rewrite fields of ``name``'s central-directory entry: headers that lie."""
    end_at = data.rindex(b"PK\x05\x06")
    *_, directory_offset, _ = END.unpack_from(data, end_at)
    result = bytearray(data)
    offset = directory_offset
    while data[offset : offset + 4] == b"PK\x01\x02":
        values = dict(zip(CENTRAL_FIELDS, CENTRAL.unpack_from(data, offset), strict=True))
        start = offset + CENTRAL.size
        entry_name = data[start : start + values["name_length"]].decode()
        if entry_name == name:
            values.update(fields)
            CENTRAL.pack_into(result, offset, *values.values())
            return bytes(result)
        offset = start + values["name_length"] + values["extra_length"] + values["comment_length"]
    raise KeyError(name)


def local_header_offset(data: bytes, name: str) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.getinfo(name).header_offset
