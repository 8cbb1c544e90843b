"""``aeo-assess upgrade``: refuses to act unasked when no one can answer, upgrades with
--yes, asks on a terminal, and prints a stable JSON description."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from aeo_assess.cli.main import main
from aeo_assess.domain.assessment import Answer, Assessment
from aeo_assess.questionnaires.registry import find, shipped_raw
from aeo_assess.storage import repository as repo
from aeo_assess.storage.database import Database

OLD = find("safe-aeo", "2026.1")
assert OLD is not None


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'db.sqlite3'}"


@pytest.fixture
def old_assessment(url: str) -> str:
    """An assessment answered on safe-aeo 2026.1 with a comment and an N/A."""
    database = Database(url)
    try:
        with database.session() as session:
            pk = repo.store_questionnaire(session, shipped_raw(OLD))
            return repo.create_assessment(
                session,
                Assessment(
                    OLD.id, OLD.version, "Café Ñandú S.A.", "CR",
                    frozenset({"importer"}), frozenset({"security"}),
                    answers={"SAFE-B.01": Answer(3, comment="ERP"),
                             "SAFE-D.03": Answer(na_reason="sin almacén")},
                ),
                pk,
            )
    finally:
        database.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def version_of(capsys: pytest.CaptureFixture[str], url: str, assessment_id: str) -> str:
    code, out, _ = run(capsys, "--db", url, "score", assessment_id, "--json")
    assert code == 0
    return str(json.loads(out)["questionnaire"]["version"])


def test_without_yes_and_no_terminal_it_says_what_changes_and_refuses(
    capsys: pytest.CaptureFixture[str], url: str, old_assessment: str
) -> None:
    code, out, err = run(capsys, "--db", url, "upgrade", old_assessment[:8])
    assert code == 1
    assert "version 2026.1 to 2027.1" in out
    assert err == "error: nothing was changed: pass --yes to upgrade\n"
    assert version_of(capsys, url, old_assessment) == "2026.1"


def test_in_spanish(capsys: pytest.CaptureFixture[str], url: str, old_assessment: str) -> None:
    code, out, err = run(capsys, "--db", url, "--lang", "es", "upgrade", old_assessment)
    assert code == 1
    assert "de la versión 2026.1 a la 2027.1" in out
    assert err == "error: no se cambió nada: indique --yes para actualizar\n"


def test_yes_upgrades_and_keeps_a_copy(
    capsys: pytest.CaptureFixture[str], url: str, old_assessment: str
) -> None:
    code, out, err = run(capsys, "--db", url, "upgrade", old_assessment, "--yes")
    assert code == 0, err
    assert "Upgraded to 2027.1" in out
    copy = out.rsplit(" as ", 1)[1].rstrip(".\n")
    assert version_of(capsys, url, old_assessment) == "2027.1"
    assert version_of(capsys, url, copy) == "2026.1"
    code, listing, _ = run(capsys, "--db", url, "list", "--json")
    rows = {row["id"]: row for row in json.loads(listing)}
    assert rows[copy]["archived_into"] == old_assessment
    assert rows[old_assessment]["archived_into"] is None
    code, _, err = run(capsys, "--db", url, "answer", copy, "SAFE-B.01", "1")
    assert code == 1 and "cannot be changed" in err
    code, _, err = run(capsys, "--db", url, "upgrade", old_assessment, "--yes")
    assert (code, err) == (1, "error: assessment "
            f"'{old_assessment}' is already on the newest version of safe-aeo (2027.1)\n")


def test_json_without_yes_prints_the_plan_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], url: str, old_assessment: str
) -> None:
    code, out, err = run(capsys, "--db", url, "upgrade", old_assessment, "--json")
    assert code == 1 and "--yes" in err
    plan = json.loads(out)
    assert plan["applied"] is False and plan["archive"] is None
    assert (plan["questionnaire"], plan["from_version"], plan["to_version"]) == (
        "safe-aeo", "2026.1", "2027.1",
    )
    assert set(plan) == {
        "assessment", "questionnaire", "from_version", "to_version", "applied", "archive",
        "new", "removed", "reworded", "kind_changed", "format_changed", "dropped",
    }
    code, out, err = run(capsys, "--db", url, "upgrade", old_assessment, "--json", "--yes")
    assert code == 0, err
    done = json.loads(out)
    assert done["applied"] is True and version_of(capsys, url, done["archive"]) == "2026.1"


@pytest.mark.parametrize(("typed", "code", "version"), [("s\n", 0, "2027.1"), ("\n", 1, "2026.1")])
def test_on_a_terminal_it_asks(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    url: str,
    old_assessment: str,
    typed: str,
    code: int,
    version: str,
) -> None:
    terminal = io.StringIO(typed)
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stdin", terminal)
    result, out, err = run(capsys, "--db", url, "--lang", "es", "upgrade", old_assessment)
    assert result == code, err
    assert "¿Actualizar a 2027.1? [s/N]" in out
    assert version_of(capsys, url, old_assessment) == version


def test_the_listing_names_each_change(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    """On a hand-made pair of versions (tests/services/test_upgrade.py) with one change of each
    kind, as if version 2 were shipped."""
    from aeo_assess.services import assessments
    from tests.services.test_upgrade import ANSWERS, V1, V2, parsed

    newest = parsed(V2)
    monkeypatch.setattr(assessments, "find", lambda qid, version=None: newest)
    monkeypatch.setattr(assessments, "shipped_raw", lambda _q: V2)
    database = Database(url)
    try:
        with database.session() as session:
            pk = repo.store_questionnaire(session, V1)
            assessment_id = repo.create_assessment(
                session,
                Assessment("mini", "1", "Mini S.A.", "CR", frozenset({"carrier"}),
                           frozenset({"security"}), answers=ANSWERS),
                pk,
            )
    finally:
        database.close()
    code, out, _ = run(capsys, "--db", url, "--lang", "es", "upgrade", assessment_id)
    assert code == 1
    assert out.splitlines() == [
        "Mini: de la versión 1 a la 2",
        "Preguntas nuevas, sin responder tras la actualización:",
        "  C2.05  ¿Nueva?",
        "Preguntas que ya no se hacen:",
        "  C2.02  ¿Cuándo?",
        "Preguntas redactadas de nuevo:",
        "  C1.01  ¿Cómo exactamente?",
        "Preguntas cuyo tipo de requisito cambió:",
        "  C1.01  requisito obligatorio → condición de elegibilidad",
        "Preguntas cuyo tipo de respuesta u opciones cambiaron:",
        "  C1.03  ¿Cuál?",
        "Respuestas que no se trasladan (los comentarios se conservan):",
        "  C1.01  una pregunta de elegibilidad no puede marcarse como no aplicable",
        "  C1.03  la respuesta no es válida en la nueva versión",
        "  C2.02  la pregunta ya no se hace",
    ]
