"""Signed containers (issue 16): what the reader refuses, member by member."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import zipfile

import pytest

from aeo_assess.files.container import read_signed_container, write_container
from aeo_assess.files.errors import FileFormatError
from aeo_assess.files.signing import (
    Signer,
    WrongPassphrase,
    fingerprint,
    load_private_key,
    new_private_key,
    pem_is_encrypted,
    private_key_pem,
    public_key_file,
    read_public_key_file,
)
from aeo_assess.files.trust_file import Officer, read_trust_file, write_trust_file

MOMENT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def signed() -> tuple[bytes, Signer]:
    signer = Signer(new_private_key(), "Ana Torres", "Ñandú & Hijos")
    return write_container("x.test", "1.0", {"a.json": b"{}"}, MOMENT, signer), signer


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(content: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in content.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_signed_container_reads_back_with_its_signer_and_is_deterministic() -> None:
    data, signer = signed()
    contents = read_signed_container(data, "f", "x.test")
    assert contents.signer == signer.info
    assert list(members(data)) == ["manifest.json", "signature.json", "a.json"]
    assert write_container("x.test", "1.0", {"a.json": b"{}"}, MOMENT, signer) == data
    fp = fingerprint(signer.info.public_key)
    assert len(fp) == 24 and [len(g) for g in fp.split("-")] == [4] * 5


def test_an_unsigned_container_reads_as_unsigned() -> None:
    data = write_container("x.test", "1.0", {"a.json": b"{}"}, MOMENT)
    assert read_signed_container(data, "f", "x.test").signer is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m, c: c.pop("signature.json"), "signature.json is missing"),
        (lambda m, c: m.pop("signer"), "names no signer"),
        (lambda m, c: m["signer"].update(public_key="AAAA"), "must decode to 32 bytes"),
        (lambda m, c: m["signer"].update(public_key="not base64!"), "must be base64"),
        (lambda m, c: m["signer"].update(name="x\x1b[2J"), "control character"),
        (lambda m, c: m["signer"].update(extra=1), "is not a known field"),
        (lambda m, c: m.update(created_at="2026-03-02T00:00:00Z"), "signature does not match"),
        (lambda m, c: m["signer"].update(
            public_key=base64.b64encode(bytes(32)).decode()), "signature does not match"),
        (lambda m, c: c.update({"signature.json": b'{"algorithm": "RSA", "signature": ""}'}),
         "must be Ed25519"),
    ],
)
def test_a_tampered_signature_refuses_the_file(change: object, message: str) -> None:
    data, _signer = signed()
    content = members(data)
    manifest = json.loads(content["manifest.json"])
    change(manifest, content)  # type: ignore[operator]
    content["manifest.json"] = json.dumps(manifest).encode()
    with pytest.raises(FileFormatError, match=message):
        read_signed_container(rezip(content), "f", "x.test")


def test_key_files() -> None:
    key = new_private_key()
    pem = private_key_pem(key, "frase larga")
    assert pem_is_encrypted(pem) and not pem_is_encrypted(private_key_pem(key, None))
    with pytest.raises(WrongPassphrase):
        load_private_key(pem, None, "k")
    with pytest.raises(WrongPassphrase):
        load_private_key(pem, "otra", "k")
    assert load_private_key(pem, "frase larga", "k").private_bytes_raw() == key.private_bytes_raw()
    with pytest.raises(FileFormatError, match="not a private key"):
        load_private_key(b"-----BEGIN PRIVATE KEY-----\nAAAA\n", None, "k")
    info = Signer(key, "Rosa", "Aduana").info
    assert read_public_key_file(public_key_file(info), "p") == info


def test_a_trust_file_must_be_signed_and_valid() -> None:
    admin = Signer(new_private_key(), "DGA", "CR")
    officer = Officer("Rosa", "Aduana", bytes(range(32)), dt.date(2026, 1, 1), None)
    data = write_trust_file("DGA", "CR", [officer], admin, MOMENT)
    trust = read_trust_file(data, "t")
    assert trust.officers == (officer,) and trust.signer == admin.info
    assert officer.valid_on(dt.date(2026, 6, 1)) and not officer.valid_on(dt.date(2025, 6, 1))
    content = members(data)
    manifest = json.loads(content.pop("manifest.json"))
    del manifest["signer"], content["signature.json"]
    with pytest.raises(FileFormatError, match="must be signed"):
        read_trust_file(rezip({"manifest.json": json.dumps(manifest).encode(), **content}), "t")
    backwards = Officer("Rosa", "Aduana", bytes(32), dt.date(2026, 2, 1), dt.date(2026, 1, 1))
    with pytest.raises(FileFormatError, match="before valid_from"):
        write_trust_file("DGA", "CR", [backwards], admin, MOMENT)
