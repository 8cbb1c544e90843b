"""The trust file ``.aeot``: a customs administration's list of its officers' public keys.

A ZIP container like the others, holding ``trust.json``, and always signed: by the
administration's own key, whose fingerprint the trader checks once (on the administration's
web site, or by phone). An update must be signed by the same key as the list it replaces;
the services enforce that. Specified in ``docs/file-formats.md`` §6.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from aeo_assess.domain import fields as rules
from aeo_assess.files.container import read_signed_container, write_container
from aeo_assess.files.errors import FileFormatError
from aeo_assess.files.fields import FieldError, Fields
from aeo_assess.files.jsonio import dump_json, format_utc, load_json
from aeo_assess.files.signing import Signer, SignerInfo, fingerprint, public_key_bytes
from aeo_assess.messages import Message

FORMAT = "aeo-assess.trust"
FORMAT_VERSION = "1.0"
TRUST = "trust.json"
MAX_OFFICERS = 10_000
MAX_TRUST_FILE_BYTES = 4 * 1024 * 1024

_ROOT_KEYS = frozenset({"administration", "country", "issued_at", "officers"})
_OFFICER_KEYS = frozenset({"name", "office", "public_key", "valid_from", "valid_to"})
_FIELDS = Fields(TRUST)
_COUNTRY = re.compile(r"[A-Z]{2}", re.ASCII)


@dataclass(frozen=True)
class Officer:
    name: str
    office: str
    public_key: bytes
    valid_from: dt.date | None
    valid_to: dt.date | None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class TrustList:
    administration: str
    country: str
    issued_at: dt.datetime
    officers: tuple[Officer, ...]
    signer: SignerInfo
    """The administration's key: the one every update must be signed with."""


def write_trust_file(
    administration: str,
    country: str,
    officers: list[Officer],
    signer: Signer,
    issued_at: dt.datetime,
) -> bytes:
    document = {
        "administration": administration,
        "country": country,
        "issued_at": format_utc(issued_at),
        "officers": [
            {
                "name": o.name,
                "office": o.office,
                "public_key": base64.b64encode(o.public_key).decode("ascii"),
                "valid_from": None if o.valid_from is None else o.valid_from.isoformat(),
                "valid_to": None if o.valid_to is None else o.valid_to.isoformat(),
            }
            for o in officers
        ],
    }
    try:
        _parse(document)
    except FieldError as error:
        raise FileFormatError(Message(
            "trust_file.cannot_write", "cannot write the trust file: {error}", error=error
        )) from None
    return write_container(FORMAT, FORMAT_VERSION, {TRUST: dump_json(document)}, issued_at, signer)


def read_trust_file(data: bytes, file_name: str) -> TrustList:
    """Read and verify a trust file; raises FileFormatError (an unsigned one is refused)."""
    if len(data) > MAX_TRUST_FILE_BYTES:
        raise FileFormatError(Message(
            "keys.trust_file_too_large", "{path}: too large for a trust file", path=file_name
        ))
    contents = read_signed_container(data, file_name, FORMAT)
    if contents.signer is None:
        raise FileFormatError(Message(
            "trust_file.unsigned",
            "{file_name}: a trust file must be signed by its administration",
            file_name=file_name,
        ))
    extra = sorted(set(contents.data) - {TRUST})
    if extra or TRUST not in contents.data:
        raise FileFormatError(Message(
            "trust_file.one_member", "{file_name}: must hold exactly one member, {member}",
            file_name=file_name, member=TRUST,
        ))
    try:
        administration, country, issued_at, officers = _parse(
            load_json(contents.data[TRUST], f"{file_name}: {TRUST}")
        )
    except FieldError as error:
        raise FileFormatError(Message(
            "review_file.in_place", "{file_name}: {error}", file_name=file_name, error=error
        )) from None
    return TrustList(administration, country, issued_at, officers, contents.signer)


def _parse(document: Any) -> tuple[str, str, dt.datetime, tuple[Officer, ...]]:
    root = _FIELDS.object(document, "", _ROOT_KEYS)
    officers: list[Officer] = []
    for index, raw in enumerate(_FIELDS.list(root["officers"], "officers", MAX_OFFICERS)):
        path = f"officers[{index}]"
        entry = _FIELDS.object(raw, path, _OFFICER_KEYS)
        key = public_key_bytes(entry["public_key"], _FIELDS, f"{path}.public_key")
        valid = [
            None if entry[k] is None else _FIELDS.date(entry[k], f"{path}.{k}")
            for k in ("valid_from", "valid_to")
        ]
        if valid[0] is not None and valid[1] is not None and valid[1] < valid[0]:
            raise _FIELDS.fail(f"{path}.valid_to", Message(
                "trust_file.valid_to_before", "is before valid_from"
            ))
        officers.append(
            Officer(
                name=_FIELDS.text(entry["name"], f"{path}.name", rules.SIGNER_NAME),
                office=_FIELDS.text(entry["office"], f"{path}.office", rules.SIGNER_ORGANISATION),
                public_key=key,
                valid_from=valid[0],
                valid_to=valid[1],
            )
        )
    return (
        _FIELDS.text(root["administration"], "administration", rules.ADMINISTRATION),
        _FIELDS.pattern(root["country"], "country", _COUNTRY, "an ISO 3166 code of two capitals"),
        _FIELDS.moment(root["issued_at"], "issued_at"),
        tuple(officers),
    )
