"""Ed25519 signatures for the files that travel (issue 16), with the ``cryptography`` package.

A signed file's ``manifest.json`` names the signer (public key, name, organisation) and the
member ``signature.json`` holds an Ed25519 signature over the manifest's exact bytes. The
manifest hashes every other member, so the one signature covers the whole file. This module
also reads and writes the key files: the private key as PKCS #8 PEM (encrypted with the best
available scheme when the user sets a passphrase) and the public key as a small JSON file.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from aeo_assess.domain import fields as rules
from aeo_assess.files.errors import FileFormatError
from aeo_assess.files.fields import FieldError, Fields
from aeo_assess.files.jsonio import dump_json, load_json
from aeo_assess.messages import Message

SIGNATURE = "signature.json"
ALGORITHM = "Ed25519"
PUBLIC_KEY_FORMAT = "aeo-assess.public-key"
PUBLIC_KEY_FORMAT_VERSION = "1.0"
MAX_KEY_FILE_BYTES = 16 * 1024
"""A key file is a few hundred bytes; anything bigger is not one."""

PrivateKey = Ed25519PrivateKey
"""What signs: the layers above name the key type without importing ``cryptography``."""

_SIGNER_KEYS = frozenset({"public_key", "name", "organisation"})
_SIGNATURE_KEYS = frozenset({"algorithm", "signature"})
_PUBLIC_FILE_KEYS = frozenset({"format", "format_version", "algorithm", "public_key", "name", "organisation"})
_BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}", re.ASCII)
_PUBLIC_KEY_BYTES = 32
_NOT_BASE64 = Message("signing.not_base64", "must be base64 text")
_ALGORITHM = Message("signing.algorithm", "must be {algorithm}", algorithm=ALGORITHM)
_SIGNATURE_BYTES = 64


def fingerprint(public_key: bytes) -> str:
    """The key's SHA-256 in base32, first 20 characters in 5 groups of 4 (100 bits): short
    enough to read over the phone, long enough that no one can make a key to match it."""
    digest = base64.b32encode(hashlib.sha256(public_key).digest()).decode("ascii")
    return "-".join(digest[i : i + 4] for i in range(0, 20, 4))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: Any, size: int, fields: Fields, path: str) -> bytes:
    if not isinstance(value, str) or not _BASE64.fullmatch(value):
        raise fields.fail(path, _NOT_BASE64)
    try:
        decoded = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise fields.fail(path, _NOT_BASE64) from None
    if len(decoded) != size:
        raise fields.fail(path, Message("signing.base64_size", "must decode to {size} bytes",
                                        size=size))
    return decoded


def public_key_bytes(value: Any, fields: Fields, path: str) -> bytes:
    """A raw Ed25519 public key written in base64; raises FieldError naming ``path``."""
    return _unb64(value, _PUBLIC_KEY_BYTES, fields, path)


@dataclass(frozen=True)
class SignerInfo:
    """A signer as a file names it; the key is verified by the time anyone reads this."""

    public_key: bytes
    """The raw 32-byte Ed25519 public key."""
    name: str
    organisation: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


@dataclass(frozen=True)
class Signer:
    """A private key and the identity it signs as."""

    private_key: Ed25519PrivateKey
    name: str
    organisation: str

    @property
    def info(self) -> SignerInfo:
        return SignerInfo(public_bytes(self.private_key.public_key()), self.name, self.organisation)

    def manifest_entry(self) -> dict[str, str]:
        info = self.info
        return {
            "public_key": _b64(info.public_key),
            "name": info.name,
            "organisation": info.organisation,
        }

    def signature_member(self, manifest: bytes) -> bytes:
        return dump_json({"algorithm": ALGORITHM, "signature": _b64(self.private_key.sign(manifest))})


def public_bytes(key: Ed25519PublicKey) -> bytes:
    raw: bytes = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return raw


def signer_problem(name: str, organisation: str) -> Message | None:
    """Why a name and organisation cannot sign a file, or None."""
    return rules.SIGNER_NAME.message(name) or rules.SIGNER_ORGANISATION.message(organisation)


def parse_signer(value: Any, where: str) -> SignerInfo:
    """The ``signer`` object of a manifest; raises FileFormatError naming ``where``."""
    fields = Fields(where)
    try:
        entry = fields.object(value, "signer", _SIGNER_KEYS)
        return SignerInfo(
            public_key=_unb64(entry["public_key"], _PUBLIC_KEY_BYTES, fields, "signer.public_key"),
            name=fields.text(entry["name"], "signer.name", rules.SIGNER_NAME),
            organisation=fields.text(
                entry["organisation"], "signer.organisation", rules.SIGNER_ORGANISATION
            ),
        )
    except FieldError as error:
        raise FileFormatError(error) from None


def verify(signer: SignerInfo, manifest: bytes, signature_member: bytes, where: str) -> None:
    """Raise FileFormatError unless ``signature_member`` signs ``manifest`` with the signer's key."""
    fields = Fields(f"{where}: {SIGNATURE}")
    try:
        entry = fields.object(load_json(signature_member, f"{where}: {SIGNATURE}"), "", _SIGNATURE_KEYS)
        if entry["algorithm"] != ALGORITHM:
            raise fields.fail("algorithm", _ALGORITHM)
        signature = _unb64(entry["signature"], _SIGNATURE_BYTES, fields, "signature")
    except FieldError as error:
        raise FileFormatError(error) from None
    try:
        Ed25519PublicKey.from_public_bytes(signer.public_key).verify(signature, manifest)
    except (InvalidSignature, ValueError):
        raise FileFormatError(Message(
            "signing.signature_mismatch",
            "{where}: the signature does not match the manifest (the file was altered after it "
            "was signed, or the signature is forged)",
            where=where,
        )) from None


# --- key files -------------------------------------------------------------------------------


def new_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_key_pem(key: Ed25519PrivateKey, passphrase: str | None) -> bytes:
    """PKCS #8 PEM, encrypted with the best scheme available when a passphrase is given."""
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode("utf-8"))
        if passphrase
        else serialization.NoEncryption()
    )
    pem: bytes = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    return pem


def pem_is_encrypted(pem: bytes) -> bool:
    return b"-----BEGIN ENCRYPTED PRIVATE KEY-----" in pem


class WrongPassphrase(FileFormatError):
    """The key is encrypted and the passphrase given does not open it (or none was given)."""


def load_private_key(pem: bytes, passphrase: str | None, where: str) -> Ed25519PrivateKey:
    """The Ed25519 key in ``pem``; raises WrongPassphrase or FileFormatError."""
    if len(pem) > MAX_KEY_FILE_BYTES:
        raise FileFormatError(Message(
            "keys.key_file_too_large", "{path}: too large for a key file", path=where
        ))
    encrypted = pem_is_encrypted(pem)
    if encrypted and not passphrase:
        raise WrongPassphrase(Message(
            "signing.key_protected", "{where}: the key is protected by a passphrase", where=where
        ))
    try:
        key = serialization.load_pem_private_key(
            pem, passphrase.encode("utf-8") if encrypted and passphrase else None
        )
    except (ValueError, TypeError):
        if encrypted:
            raise WrongPassphrase(Message(
                "signing.wrong_passphrase", "{where}: wrong passphrase", where=where
            )) from None
        raise FileFormatError(Message(
            "signing.not_pem", "{where}: not a private key in PEM format", where=where
        )) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise FileFormatError(Message(
            "signing.not_ed25519", "{where}: not an Ed25519 key", where=where
        ))
    return key


def public_key_file(info: SignerInfo) -> bytes:
    """The small JSON file a user hands to others so that they can check the fingerprint."""
    return dump_json(
        {
            "format": PUBLIC_KEY_FORMAT,
            "format_version": PUBLIC_KEY_FORMAT_VERSION,
            "algorithm": ALGORITHM,
            "public_key": _b64(info.public_key),
            "name": info.name,
            "organisation": info.organisation,
        }
    )


def read_public_key_file(data: bytes, where: str) -> SignerInfo:
    if len(data) > MAX_KEY_FILE_BYTES:
        raise FileFormatError(Message(
            "signing.public_key_file_too_large", "{where}: too large for a public key file",
            where=where,
        ))
    fields = Fields(where)
    try:
        entry = fields.object(load_json(data, where), "", _PUBLIC_FILE_KEYS)
        if entry["format"] != PUBLIC_KEY_FORMAT:
            raise fields.fail("format", Message(
                "signing.public_key_format", "must be {format}", format=PUBLIC_KEY_FORMAT
            ))
        if not isinstance(entry["format_version"], str) or not entry["format_version"].startswith("1."):
            raise fields.fail("format_version", Message(
                "signing.public_key_version", "is unknown; this version of aeo-assess reads 1.x"
            ))
        if entry["algorithm"] != ALGORITHM:
            raise fields.fail("algorithm", _ALGORITHM)
        return SignerInfo(
            public_key=_unb64(entry["public_key"], _PUBLIC_KEY_BYTES, fields, "public_key"),
            name=fields.text(entry["name"], "name", rules.SIGNER_NAME),
            organisation=fields.text(entry["organisation"], "organisation", rules.SIGNER_ORGANISATION),
        )
    except FieldError as error:
        raise FileFormatError(error) from None
