"""Issue 16 on the command line: signed applicant and review files between two databases and
two key pairs, a customs administration's trust file, and every forgery the issue lists."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest

from aeo_assess.cli.main import main
from tests.reporting.samples import text_of

PROFILES: dict[str, dict[str, str]] = {
    "trader": {"signer_name": "Ana Torres"},
    "officer": {
        "profile": "officer",
        "reviewer_name": "Rosa Quispe",
        "reviewer_office": "Intendencia de Aduana Marítima del Callao",
    },
    "mallory": {"profile": "officer", "reviewer_name": "Rosa Quispe"},
}


class Party:
    """One installation: its database and its own key directory."""

    def __init__(self, tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.db = f"sqlite:///{tmp_path / (name + '.sqlite3')}"
        self.keys = tmp_path / f"{name}-keys"
        self.settings = tmp_path / f"{name}-settings.json"
        self.settings.write_text(json.dumps(PROFILES.get(name, {})), "utf-8")
        self.monkeypatch = monkeypatch

    def run(self, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
        self.monkeypatch.setenv("AEO_ASSESS_KEYS", str(self.keys))
        self.monkeypatch.setenv("AEO_ASSESS_SETTINGS", str(self.settings))
        code = main(["--db", self.db, *argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    def ok(self, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
        code, out, err = self.run(capsys, *argv)
        assert code == 0, err
        return out


@pytest.fixture
def parties(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Party]:
    return {n: Party(tmp_path, n, monkeypatch) for n in ("trader", "officer", "admin", "mallory")}


def new_assessment(capsys: pytest.CaptureFixture[str], trader: Party) -> str:
    own = trader.ok(capsys, "new", "--company", "Ñandú & Hijos", "--country", "PE", "--role",
                    "importer").strip()
    trader.ok(capsys, "answer", own, "SAFE-A.03", "2")
    return own


def imported(capsys: pytest.CaptureFixture[str], party: Party, path: Path) -> dict[str, Any]:
    code, out, err = party.run(capsys, "import", str(path), "--json")
    assert code == 0, err
    (result,) = json.loads(out)
    return result  # type: ignore[no-any-return]


def review_back(
    capsys: pytest.CaptureFixture[str], officer: Party, prefix: str, out: Path, verdict: str
) -> Path:
    officer.ok(capsys, "review", "set", prefix, "SAFE-A.03", verdict)
    officer.ok(capsys, "review", "outcome", prefix, "grant")
    officer.ok(capsys, "review", "export", prefix, "-o", str(out))
    return out


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_zip(path: Path, content: dict[str, bytes]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in content.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def trust_customs(capsys: pytest.CaptureFixture[str], p: dict[str, Party], tmp_path: Path) -> Path:
    """The administration publishes the officer's key; the trader imports the list once."""
    officer_key = tmp_path / "officer.aeok"
    p["officer"].ok(capsys, "keys", "export", "-o", str(officer_key))
    trust = tmp_path / "aduanas.aeot"
    p["admin"].ok(capsys, "trust", "publish", "--administration", "SUNAT", "--country", "PE",
                  "--officer", str(officer_key), "-o", str(trust))
    out = p["trader"].ok(capsys, "trust", "add", str(trust))
    assert "SUNAT (PE), officer keys: 1," in out
    return trust


def test_round_trip_signed_both_ways_with_a_trusted_customs_key(
    parties: dict[str, Party], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trader, officer = parties["trader"], parties["officer"]
    own = new_assessment(capsys, trader)
    trader_key = json.loads(trader.ok(capsys, "keys", "show", "--json"))
    assert len(trader_key["fingerprint"].split("-")) == 5
    assert oct(os.stat(trader_key["path"]).st_mode & 0o777) == "0o600"
    applicant = tmp_path / "a.aeoa"
    trader.ok(capsys, "export", own, "-o", str(applicant))
    manifest = json.loads(members(applicant)["manifest.json"])
    assert manifest["format_version"] == "1.2" and "signature.json" in members(applicant)

    result = imported(capsys, officer, applicant)
    assert result["signature"]["state"] == "first_key"
    assert result["signature"]["fingerprint"] == trader_key["fingerprint"]
    assert (result["signature"]["name"], result["signature"]["organisation"]) == (
        "Ana Torres", "Ñandú & Hijos")
    assert not result["signature"]["warning"]

    trust_customs(capsys, parties, tmp_path)
    review = review_back(capsys, officer, own[:8], tmp_path / "r.aeor", "accepted")
    result = imported(capsys, trader, review)
    officer_fp = json.loads(officer.ok(capsys, "keys", "show", "--json"))["fingerprint"]
    office = "Intendencia de Aduana Marítima del Callao"
    assert result["signature"] == {
        "state": "trusted", "signed": True, "warning": False, "fingerprint": officer_fp,
        "name": "Rosa Quispe", "organisation": office,
        "text": f"signed by Rosa Quispe, {office}, a trusted key ({officer_fp})",
    }
    listing = json.loads(trader.ok(capsys, "trust", "list", "--json"))
    assert [k["fingerprint"] for k in listing] == [officer_fp]
    listed = trader.ok(capsys, "--lang", "es", "trust", "list")
    assert listed == f"{officer_fp}  Rosa Quispe, {office}  en la lista de confianza de SUNAT\n"
    listed = trader.ok(capsys, "--lang", "fr", "trust", "list")
    assert listed == f"{officer_fp}  Rosa Quispe, {office}  sur la liste de confiance de SUNAT\n"
    out = trader.ok(capsys, "--lang", "es", "import", str(review))  # the same file again
    assert "firmado por" in out and "clave de confianza" in out
    pdf = tmp_path / "review.pdf"
    officer.ok(capsys, "report", own[:8], "-o", str(pdf), "--kind", "review", "--lang", "es")
    text = " ".join(text_of(pdf.read_bytes()).split())
    assert "Firma del archivo de solicitud" in text and trader_key["fingerprint"] in text
    assert "Atención" not in text
    for target in (own[:8], str(applicant)):  # the imported submission, the file itself
        ready = tmp_path / "readiness.pdf"
        officer.ok(capsys, "report", target, "-o", str(ready), "--lang", "es")
        text = " ".join(text_of(ready.read_bytes()).split())
        assert "Firma del archivo de solicitud" in text and trader_key["fingerprint"] in text


def test_a_review_forged_with_another_key_imports_with_the_warning(
    parties: dict[str, Party], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trader, mallory = parties["trader"], parties["mallory"]
    own = new_assessment(capsys, trader)
    applicant = tmp_path / "a.aeoa"
    trader.ok(capsys, "export", own, "-o", str(applicant))
    trust_customs(capsys, parties, tmp_path)
    imported(capsys, mallory, applicant)  # anyone with the file can write a review of it
    forged = review_back(capsys, mallory, own[:8], tmp_path / "forged.aeor", "accepted")
    result = imported(capsys, trader, forged)
    assert result["signature"]["state"] == "untrusted" and result["signature"]["warning"]
    _code, out, _err = trader.run(capsys, "import", str(forged))
    assert "⚠ signed by a key you have not trusted" in out
    assert "check it with your customs office" in out


def test_an_unsigned_review_imports_as_unsigned(
    parties: dict[str, Party], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trader, officer = parties["trader"], parties["officer"]
    own = new_assessment(capsys, trader)
    applicant = tmp_path / "a.aeoa"
    trader.ok(capsys, "export", own, "-o", str(applicant))
    imported(capsys, officer, applicant)
    review = review_back(capsys, officer, own[:8], tmp_path / "r.aeor", "accepted")
    content = members(review)
    manifest = json.loads(content.pop("manifest.json"))
    del manifest["signer"], content["signature.json"]
    unsigned = write_zip(tmp_path / "unsigned.aeor",
                         {"manifest.json": json.dumps(manifest).encode(), **content})
    result = imported(capsys, trader, unsigned)
    assert result["signature"]["state"] == "unsigned" and result["signature"]["warning"]
    assert result["signature"]["text"] == "unsigned: anyone could have written it"


def test_a_signature_over_an_altered_manifest_refuses_the_file(
    parties: dict[str, Party], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trader, officer = parties["trader"], parties["officer"]
    own = new_assessment(capsys, trader)
    applicant = tmp_path / "a.aeoa"
    trader.ok(capsys, "export", own, "-o", str(applicant))
    content = members(applicant)
    manifest = json.loads(content["manifest.json"])
    manifest["signer"]["name"] = "Someone Else"  # the signer's name is signed too
    content["manifest.json"] = json.dumps(manifest).encode()
    altered = write_zip(tmp_path / "altered.aeoa", content)
    code, _out, err = officer.run(capsys, "import", str(altered))
    assert code == 1
    assert "the signature does not match the manifest" in err
    code, _out, err = officer.run(capsys, "--lang", "es", "import", str(altered))
    assert code == 1 and "error: " in err and "la firma no corresponde al manifiesto" in err
    assert json.loads(officer.ok(capsys, "list", "--json")) == []


def test_a_resubmission_signed_by_another_key_is_flagged_until_accepted(
    parties: dict[str, Party], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trader, officer = parties["trader"], parties["officer"]
    own = new_assessment(capsys, trader)
    first = tmp_path / "first.aeoa"
    trader.ok(capsys, "export", own, "-o", str(first))
    assert imported(capsys, officer, first)["signature"]["state"] == "first_key"
    trader.ok(capsys, "answer", own, "SAFE-A.03", "3")
    same = tmp_path / "same.aeoa"
    trader.ok(capsys, "export", own, "-o", str(same))
    assert imported(capsys, officer, same)["signature"]["state"] == "same_key"

    trader.ok(capsys, "answer", own, "SAFE-A.03", "4")
    trader.keys = parties["mallory"].keys  # someone else's key signs the next one
    other = tmp_path / "other.aeoa"
    trader.ok(capsys, "export", own, "-o", str(other))
    result = imported(capsys, officer, other)
    assert result["signature"]["state"] == "key_changed" and result["signature"]["warning"]
    code, out, err = officer.run(capsys, "keys", "accept", result["assessment"])
    assert code == 0, err
    assert "a changed key you accepted" in out
    code, _, err = officer.run(capsys, "keys", "accept", result["assessment"])
    assert code == 1 and "no changed key to accept" in err
    code, _, err = officer.run(capsys, "--lang", "es", "keys", "accept", result["assessment"])
    assert code == 1 and "no tiene ninguna clave cambiada que aceptar" in err


def test_a_replayed_older_review_is_refused(
    parties: dict[str, Party], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trader, officer = parties["trader"], parties["officer"]
    own = new_assessment(capsys, trader)
    applicant = tmp_path / "a.aeoa"
    trader.ok(capsys, "export", own, "-o", str(applicant))
    imported(capsys, officer, applicant)
    older = review_back(capsys, officer, own[:8], tmp_path / "older.aeor", "needs_evidence")
    newer = review_back(capsys, officer, own[:8], tmp_path / "newer.aeor", "accepted")
    imported(capsys, trader, newer)
    code, _out, err = trader.run(capsys, "import", str(older))
    assert code == 1
    assert "an older review is not imported over a newer one" in err


def test_a_key_file_others_can_read_is_refused(
    parties: dict[str, Party], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trader = parties["trader"]
    info = json.loads(trader.ok(capsys, "keys", "show", "--json"))
    os.chmod(info["path"], 0o644)
    code, _, err = trader.run(capsys, "keys", "show")
    assert code == 1
    assert "can be read by other users" in err and "chmod 600" in err
    own = new_assessment(capsys, trader)
    code, _, err = trader.run(capsys, "export", own, "-o", str(tmp_path / "a.aeoa"))
    assert code == 1 and "chmod 600" in err and not (tmp_path / "a.aeoa").exists()


def test_a_passphrase_comes_from_the_environment_never_an_argument(
    parties: dict[str, Party], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    trader = parties["trader"]
    before = json.loads(trader.ok(capsys, "keys", "show", "--json"))
    monkeypatch.setenv("AEO_ASSESS_NEW_KEY_PASSPHRASE", "contraseña larga")
    assert "protected by a passphrase" in trader.ok(capsys, "keys", "passphrase")
    monkeypatch.delenv("AEO_ASSESS_NEW_KEY_PASSPHRASE")
    assert b"ENCRYPTED" in Path(before["path"]).read_bytes()
    own = new_assessment(capsys, trader)
    code, _, err = trader.run(capsys, "export", own, "-o", str(tmp_path / "a.aeoa"))
    assert code == 1 and "AEO_ASSESS_KEY_PASSPHRASE" in err
    monkeypatch.setenv("AEO_ASSESS_KEY_PASSPHRASE", "wrong")
    assert trader.run(capsys, "export", own, "-o", str(tmp_path / "a.aeoa"))[0] == 1
    monkeypatch.setenv("AEO_ASSESS_KEY_PASSPHRASE", "contraseña larga")
    trader.ok(capsys, "export", own, "-o", str(tmp_path / "a.aeoa"))
    after = json.loads(trader.ok(capsys, "keys", "show", "--json"))
    assert after["fingerprint"] == before["fingerprint"] and after["protected"]
    with pytest.raises(SystemExit):
        main(["keys", "passphrase", "contraseña larga"])  # there is no such argument


def test_back_up_and_restore_the_key_pair(
    parties: dict[str, Party], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trader, other = parties["trader"], parties["mallory"]
    mine = json.loads(trader.ok(capsys, "keys", "show", "--json"))["fingerprint"]
    backup = tmp_path / "backup.pem"
    trader.ok(capsys, "keys", "backup", "-o", str(backup))
    assert oct(backup.stat().st_mode & 0o777) == "0o600"
    other.ok(capsys, "keys", "show")  # another key there already
    code, _, err = other.run(capsys, "keys", "restore", str(backup))
    assert code == 1 and "different signing key" in err
    assert mine in other.ok(capsys, "keys", "restore", str(backup), "--replace")
    assert json.loads(other.ok(capsys, "keys", "show", "--json"))["fingerprint"] == mine


def test_trust_list_updates_need_the_same_administration_key(
    parties: dict[str, Party], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trader, mallory = parties["trader"], parties["mallory"]
    first = trust_customs(capsys, parties, tmp_path)
    officer_key = tmp_path / "officer.aeok"
    fake = tmp_path / "fake.aeot"
    mallory.ok(capsys, "trust", "publish", "--administration", "SUNAT", "--country", "PE",
               "--officer", str(officer_key), "-o", str(fake))
    code, _, err = trader.run(capsys, "trust", "add", str(fake))
    assert code == 1 and "signed by another administration key" in err
    code, _, err = trader.run(capsys, "trust", "add", str(first))
    assert code == 1 and "not after the one already trusted" in err
    code, _, err = trader.run(capsys, "--lang", "fr", "trust", "add", str(first))
    assert code == 1 and err.startswith("erreur : ") and "pas après celle déjà approuvée" in err
    code, _, err = trader.run(capsys, "--lang", "es", "trust", "add", str(fake))
    assert code == 1 and "firmada con otra clave de la administración" in err
    admin_fp = json.loads(parties["admin"].ok(capsys, "keys", "show", "--json"))["fingerprint"]
    assert "SUNAT" in trader.ok(capsys, "trust", "remove", admin_fp)
    assert json.loads(trader.ok(capsys, "trust", "list", "--json")) == []
    personal = trader.ok(capsys, "keys", "import", str(officer_key))
    assert "trusted:" in personal
    assert len(json.loads(trader.ok(capsys, "trust", "list", "--json"))) == 1
    assert "clave pública importada por separado" in trader.ok(capsys, "--lang", "es", "trust",
                                                                 "list")


def test_a_passphrase_is_typed_at_a_prompt_when_the_environment_has_none(
    parties: dict[str, Party], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from aeo_assess.cli import keys_cmd

    trader = parties["trader"]
    typed = iter(["frase larga", "frase larga"])
    prompts: list[str] = []

    def getpass(prompt: str) -> str:
        prompts.append(prompt)
        return next(typed)

    monkeypatch.setattr(keys_cmd.getpass, "getpass", getpass)
    monkeypatch.setattr(keys_cmd.sys.stdin, "isatty", lambda: True)
    assert "protected by a passphrase" in trader.ok(capsys, "keys", "passphrase")
    assert prompts == ["New passphrase: ", "The new passphrase again: "]
    own = new_assessment(capsys, trader)
    typed = iter(["frase larga"])
    trader.ok(capsys, "--lang", "es", "export", own, "-o", str(tmp_path / "a.aeoa"))
    assert prompts[-1] == "Frase de contraseña de su clave de firma: "
    assert "signature.json" in members(tmp_path / "a.aeoa")
