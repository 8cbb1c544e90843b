"""The user's signing key and the keys the user trusts (issue 16).

Both live in a directory of their own in the user data directory (``AEO_ASSESS_KEYS``
overrides it, as the tests do): ``signing-key.pem``, readable by the user alone and protected
by a passphrase if the user sets one, ``trusted/`` with the trust files imported from customs
administrations, kept as received and verified again on every read, and
``trusted-keys.json`` with public keys the user imported one by one. Nothing here is
home-made cryptography: ``cryptography`` signs, verifies and encrypts the key.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from aeo_assess.domain.signatures import UNSIGNED, Signature, SignatureState
from aeo_assess.files.atomic import write_atomically
from aeo_assess.files.errors import FileFormatError
from aeo_assess.files.signing import (
    MAX_KEY_FILE_BYTES,
    PrivateKey,
    Signer,
    SignerInfo,
    WrongPassphrase,
    load_private_key,
    new_private_key,
    pem_is_encrypted,
    private_key_pem,
    public_bytes,
    public_key_file,
    read_public_key_file,
    signer_problem,
)
from aeo_assess.files.trust_file import (
    MAX_TRUST_FILE_BYTES,
    Officer,
    TrustList,
    read_trust_file,
    write_trust_file,
)
from aeo_assess.locations import user_data_dir
from aeo_assess.messages import Message
from aeo_assess.services.context import AppContext, login_name
from aeo_assess.services.errors import ServiceError
from aeo_assess.settings import load_settings

KEYS_ENV = "AEO_ASSESS_KEYS"
PASSPHRASE_ENV = "AEO_ASSESS_KEY_PASSPHRASE"
KEY_FILE = "signing-key.pem"
PUBLIC_FILE = "signing-key.pub"
"""The raw public key beside the private one: the fingerprint shows without the passphrase."""
TRUSTED_DIR = "trusted"
PERSONAL_FILE = "trusted-keys.json"
_PUBLIC_KEY_BYTES = 32


def keys_dir() -> Path:
    override = os.environ.get(KEYS_ENV)
    return Path(override) if override else user_data_dir() / "keys"


def key_path() -> Path:
    return keys_dir() / KEY_FILE


@dataclass(frozen=True)
class KeyInfo:
    """The user's key as the profile shows it."""

    fingerprint: str
    name: str
    organisation: str
    protected: bool
    """True when a passphrase protects the private key."""
    path: Path


def _write_private(path: Path, data: bytes) -> None:
    """Create or replace ``path`` readable and writable by the user alone, atomically
    (``mkstemp`` creates the temporary file with mode 0600, which the rename keeps)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data)


def _store_key(key: PrivateKey, passphrase: str | None, path: Path | None = None) -> None:
    """Write the key pair: the private key readable by the user alone, and its public key."""
    path = path or key_path()
    _write_private(path, private_key_pem(key, passphrase))
    _write_private(path.with_name(PUBLIC_FILE), public_bytes(key.public_key()))


def _public_key(ask: Ask) -> bytes:
    """The user's public key, without the passphrase when the public key file is there."""
    path = key_path()
    pem = _read_private(path)  # checks the key's permissions, and that it exists
    if pem_is_encrypted(pem):
        try:
            public = path.with_name(PUBLIC_FILE).read_bytes()
        except OSError:
            public = b""
        if len(public) == _PUBLIC_KEY_BYTES:
            return public
    return public_bytes(_open(ask, pem, path).public_key())


def _head(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of a file that may be hostile (and huge); raises OSError."""
    with path.open("rb") as source:
        return source.read(limit)


def _read_private(path: Path) -> bytes:
    """The key file's bytes, refusing one that other users may read (it could be copied)."""
    try:
        mode = path.stat().st_mode
        if os.name == "posix" and stat.S_IMODE(mode) & 0o077:
            raise ServiceError(Message(
                "keys.readable_by_others",
                "the signing key {path} can be read by other users (permissions {mode}); only "
                "you may read it: run chmod 600 {path}",
                path=path, mode=oct(stat.S_IMODE(mode)),
            ))
        if path.stat().st_size > MAX_KEY_FILE_BYTES:
            raise ServiceError(Message(
                "keys.key_file_too_large", "{path}: too large for a key file", path=path
            ))
        return path.read_bytes()
    except OSError as error:
        raise ServiceError(_cannot_read(path, error)) from None


def _cannot_read(path: Path, error: OSError) -> Message:
    return Message("keys.cannot_read", "cannot read {path}: {reason}", path=path,
                   reason=error.strerror or str(error))


def _cannot_write(path: Path, error: OSError) -> Message:
    return Message("keys.cannot_write", "cannot write {path}: {reason}", path=path,
                   reason=error.strerror or str(error))


Ask = Callable[[], str | None] | None
"""Asks the user for the key's passphrase (``AppContext.passphrase``); None: nobody to ask."""


def _open(ask: Ask, pem: bytes, where: Path) -> PrivateKey:
    passphrase = ask() if ask is not None and pem_is_encrypted(pem) else None
    try:
        return load_private_key(pem, passphrase, str(where))
    except WrongPassphrase:
        raise ServiceError(Message(
            "keys.passphrase_needed",
            "the signing key is protected by a passphrase and none or a wrong one was given "
            "(set {variable} or type it when asked)",
            variable=PASSPHRASE_ENV,
        )) from None
    except FileFormatError as error:
        raise ServiceError(error) from None


def _private_key(ask: Ask) -> PrivateKey:
    """The user's key, made on first need (without a passphrase: the user may set one)."""
    path = key_path()
    if not path.exists():
        _store_key(new_private_key(), None)
    return _open(ask, _read_private(path), path)


def key_protected() -> bool:
    """Whether signing will need the passphrase (False while there is no key yet)."""
    try:
        return pem_is_encrypted(_read_private(key_path()))
    except ServiceError:
        return False


def check_passphrase(passphrase: str) -> None:
    """Raise ServiceError unless ``passphrase`` opens the user's key."""
    _private_key(lambda: passphrase)


def identity(
    officer: bool | None, organisation: str = "", *, user: str = ""
) -> tuple[str, str]:
    """The name and organisation the user signs as: from the profile (an officer's reviewer
    name and office; ``officer`` None means the profile chosen in the settings); ``user`` and
    ``organisation`` (say, the company) when the profile leaves them empty."""
    settings = load_settings()
    if officer is None:
        officer = settings.profile == "officer"
    if officer:
        name, org = settings.reviewer_name, settings.reviewer_office
    else:
        name, org = settings.signer_name, settings.signer_organisation
    name, org = (name or user).strip(), (org or organisation).strip()
    problem = signer_problem(name, org)
    if problem:
        raise ServiceError(problem)
    return name, org


def signer(ctx: AppContext, *, officer: bool, organisation: str = "") -> Signer:
    name, org = identity(officer, organisation, user=ctx.user)
    return Signer(_private_key(ctx.passphrase), name, org)


def my_key(ask: Ask, *, officer: bool | None = None) -> KeyInfo:
    """The user's key (made now if there is none) with the identity it signs as."""
    path = key_path()
    if not path.exists():
        _store_key(new_private_key(), None)
    public = _public_key(ask)
    name, org = identity(officer, user=login_name())
    info = SignerInfo(public, name, org)
    return KeyInfo(info.fingerprint, name, org, pem_is_encrypted(_read_private(path)), path)


def export_public_key(ask: Ask, out: Path, *, officer: bool | None = None) -> Path:
    """Write the small public key file a user sends to those who must check the fingerprint."""
    from aeo_assess.files.atomic import write_atomically

    name, org = identity(officer, user=login_name())
    if not key_path().exists():
        _store_key(new_private_key(), None)
    info = SignerInfo(_public_key(ask), name, org)
    try:
        write_atomically(out, public_key_file(info))
    except OSError as error:
        raise ServiceError(_cannot_write(out, error)) from None
    return out


def set_passphrase(ask: Ask, new: str | None) -> KeyInfo:
    """Protect the key with ``new`` (None or empty removes the protection); the current
    passphrase, if any, is asked for first."""
    _store_key(_private_key(ask), new or None)
    return my_key(lambda: new)


def backup_key(ask: Ask, out: Path) -> Path:
    """Copy the key pair, as stored (encrypted when a passphrase protects it), to ``out``,
    readable by the user alone."""
    _private_key(ask)
    _write_private(out, _read_private(key_path()))
    return out


def restore_key(ask: Ask, source: Path, *, replace: bool = False) -> KeyInfo:
    """Make the key pair backed up in ``source`` this user's key. An existing, different key
    is replaced only with ``replace``: files it signed would no longer match the user's key."""
    pem = _read_private(source)
    restored = _open(ask, pem, source)
    path = key_path()
    if path.exists() and not replace:
        current = _open(ask, _read_private(path), path)
        if public_bytes(current.public_key()) != public_bytes(restored.public_key()):
            raise ServiceError(Message(
                "keys.different_key",
                "you already have a different signing key; restoring would replace it "
                "(confirm the replacement to go ahead)",
            ))
    _write_private(path, pem)
    _write_private(path.with_name(PUBLIC_FILE), public_bytes(restored.public_key()))
    return my_key(ask)


# --- trust -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrustedKey:
    fingerprint: str
    name: str
    office: str
    source: str
    """The administration whose trust list vouches for the key, or "" when the user imported
    the public key alone."""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


def _trusted_dir() -> Path:
    return keys_dir() / TRUSTED_DIR


def trust_lists() -> list[TrustList]:
    """The administrations' trust lists imported here, each verified again as it is read."""
    lists: list[TrustList] = []
    directory = _trusted_dir()
    if not directory.is_dir():
        return lists
    for path in sorted(directory.glob("*.aeot")):
        try:
            lists.append(read_trust_file(path.read_bytes(), str(path)))
        except (OSError, FileFormatError):
            continue  # a damaged list vouches for nobody
    return lists


def _personal() -> dict[str, dict[str, str]]:
    path = keys_dir() / PERSONAL_FILE
    try:
        raw = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def trusted_keys() -> list[TrustedKey]:
    keys = [
        TrustedKey(o.fingerprint, o.name, o.office, t.administration, o.valid_from, o.valid_to)
        for t in trust_lists()
        for o in t.officers
    ]
    for fp, entry in sorted(_personal().items()):
        keys.append(TrustedKey(fp, str(entry.get("name", "")), str(entry.get("organisation", "")), ""))
    return keys


def add_trust_file(path: Path) -> TrustList:
    """Import a customs administration's trust list. A list from an administration already
    trusted here replaces it only when signed by the same administration key and issued later."""
    try:
        if path.stat().st_size > MAX_TRUST_FILE_BYTES:
            raise ServiceError(Message(
                "keys.trust_file_too_large", "{path}: too large for a trust file", path=path
            ))
        data = path.read_bytes()
        incoming = read_trust_file(data, str(path))
    except OSError as error:
        raise ServiceError(_cannot_read(path, error)) from None
    except FileFormatError as error:
        raise ServiceError(error) from None
    for current in trust_lists():
        same_key = current.signer.fingerprint == incoming.signer.fingerprint
        same_name = (current.administration, current.country) == (
            incoming.administration,
            incoming.country,
        )
        if same_name and not same_key:
            raise ServiceError(Message(
                "keys.trust_list_other_key",
                "{path}: a trust list of {administration} is already trusted, signed by another "
                "administration key ({fingerprint}); an update must be signed by the same key "
                "(remove the old list first if the administration changed its key)",
                path=path,
                administration=current.administration,
                fingerprint=current.signer.fingerprint,
            ))
        if same_key and incoming.issued_at <= current.issued_at:
            raise ServiceError(Message(
                "keys.trust_list_not_newer",
                "{path}: this trust list was issued on {issued}, not after the one already "
                "trusted; it is not imported",
                path=path, issued=incoming.issued_at.date().isoformat(),
            ))
    directory = _trusted_dir()
    directory.mkdir(parents=True, exist_ok=True)
    _write_private(directory / f"{incoming.signer.fingerprint}.aeot", data)
    return incoming


def import_public_key(path: Path) -> SignerInfo:
    """Trust one person's public key directly (after checking its fingerprint with them)."""
    try:
        info = read_public_key_file(_head(path, MAX_KEY_FILE_BYTES + 1), str(path))
    except OSError as error:
        raise ServiceError(_cannot_read(path, error)) from None
    except FileFormatError as error:
        raise ServiceError(error) from None
    personal = _personal()
    personal[info.fingerprint] = {"name": info.name, "organisation": info.organisation}
    _write_private(keys_dir() / PERSONAL_FILE, json.dumps(personal, indent=2).encode("utf-8"))
    return info


def remove_trust(fingerprint: str) -> str:
    """Stop trusting a key imported alone, or a whole administration's list (named by the
    administration key's fingerprint); returns what was removed."""
    wanted = fingerprint.strip().upper()
    personal = _personal()
    if wanted in personal:
        name = str(personal.pop(wanted).get("name", ""))
        _write_private(keys_dir() / PERSONAL_FILE, json.dumps(personal, indent=2).encode("utf-8"))
        return name
    for trust in trust_lists():
        if trust.signer.fingerprint == wanted:
            (_trusted_dir() / f"{wanted}.aeot").unlink(missing_ok=True)
            return trust.administration
    raise ServiceError(Message(
        "keys.no_such_fingerprint",
        "no trusted key or administration has the fingerprint {fingerprint}",
        fingerprint=wanted,
    ))


def publish_trust_list(
    ask: Ask,
    administration: str,
    country: str,
    officer_keys: list[tuple[Path, dt.date | None, dt.date | None]],
    out: Path,
) -> TrustList:
    """Write a trust list of the officers' public key files, signed with the user's own key
    (an administration keeps a key for this alone, in its own ``AEO_ASSESS_KEYS``)."""
    from aeo_assess.files.atomic import write_atomically

    officers: list[Officer] = []
    for path, valid_from, valid_to in officer_keys:
        try:
            info = read_public_key_file(_head(path, MAX_KEY_FILE_BYTES + 1), str(path))
        except OSError as error:
            raise ServiceError(_cannot_read(path, error)) from None
        except FileFormatError as error:
            raise ServiceError(error) from None
        officers.append(Officer(info.name, info.organisation, info.public_key, valid_from, valid_to))
    key = _private_key(ask)
    try:
        data = write_trust_file(
            administration, country, officers, Signer(key, administration, country),
            dt.datetime.now(dt.UTC).replace(microsecond=0),
        )
        write_atomically(out, data)
    except FileFormatError as error:
        raise ServiceError(error) from None
    except OSError as error:
        raise ServiceError(_cannot_write(out, error)) from None
    return read_trust_file(data, str(out))


def review_signature(info: SignerInfo | None, today: dt.date | None = None) -> Signature:
    """What a review file's signer means here: trusted (then named as the trust list names
    the officer), a key nobody here vouches for, or unsigned."""
    if info is None:
        return UNSIGNED
    day = today or dt.date.today()
    for trust in trust_lists():
        for officer in trust.officers:
            if officer.fingerprint == info.fingerprint and officer.valid_on(day):
                return Signature(SignatureState.TRUSTED, info.fingerprint, officer.name, officer.office)
    personal = _personal().get(info.fingerprint)
    if personal is not None:
        return Signature(
            SignatureState.TRUSTED,
            info.fingerprint,
            str(personal.get("name", info.name)),
            str(personal.get("organisation", info.organisation)),
        )
    return Signature(SignatureState.UNTRUSTED, info.fingerprint, info.name, info.organisation)
