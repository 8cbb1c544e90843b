"""Every string the command line translates has a Spanish and a French translation that keeps
its ``{placeholders}``, read straight from the sources so that no new string can slip through."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import aeo_assess.cli
from aeo_assess.cli.language import speaking
from aeo_assess.cli.main import build_parser, main
from aeo_assess.i18n import catalog_dir
from aeo_assess.services.assessments import list_assessments
from aeo_assess.services.context import open_context
from aeo_assess.services.demo import create_demo_data
from tests.gui.translations import gettext_literals, language_catalog, placeholders, po_catalog

SOURCES = sorted(Path(aeo_assess.cli.__file__).parent.glob("*.py"))


@pytest.mark.parametrize("language", ["es", "fr"])
def test_every_command_line_string_is_translated_with_its_placeholders(language: str) -> None:
    messages = gettext_literals(SOURCES)
    assert messages
    translations = po_catalog(catalog_dir(language) / "cli.po", language)
    for message, where in messages.items():
        assert translations.get(message, "").strip(), f"{where}: {message!r} untranslated"
        assert placeholders(translations[message]) == placeholders(message), message
    assert not set(translations) - set(messages), "cli.po has entries no source uses"


def test_list_and_score_speak_spanish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AEO_ASSESS_SETTINGS", str(tmp_path / "settings.json"))
    url = f"sqlite:///{tmp_path / 'aeo-assess.sqlite3'}"
    ctx = open_context(url)
    create_demo_data(ctx, count=3)
    assessment = list_assessments(ctx)[0].id
    ctx.database.close()
    assert main(["--db", url, "--lang", "es", "list"]) == 0
    listed = capsys.readouterr().out
    assert "respondidas" in listed and "[datos de demostración]" in listed
    assert "answered" not in listed and "demonstration" not in listed
    assert main(["--db", url, "--lang", "es", "score", assessment]) == 0
    scored = capsys.readouterr().out
    assert "preparación: " in scored and "obligatorios no cumplidos" in scored
    assert "readiness" not in scored and "_" not in scored.split("\n", 2)[2]  # no raw codes
    assert main(["--lang", "es", "questionnaires", "list"]) == 0
    assert "criterios" in capsys.readouterr().out


def test_help_and_command_output_speak_spanish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 14: what a Spanish user reads word for word, from --help to a review."""
    monkeypatch.setenv("AEO_ASSESS_SETTINGS", str(tmp_path / "settings.json"))
    monkeypatch.setenv("AEO_ASSESS_KEYS", str(tmp_path / "keys"))
    url = f"sqlite:///{tmp_path / 'aeo-assess.sqlite3'}"

    def out(*argv: str) -> list[str]:
        assert main(["--db", url, "--lang", "es", *argv]) == 0
        return capsys.readouterr().out.splitlines()

    with pytest.raises(SystemExit):
        main(["--lang", "es", "--help"])
    helped = " ".join(capsys.readouterr().out.split())
    assert "consent si el evaluado acepta ser nombrado en las síntesis de talleres" in helped
    assert "questionnaires lista o valida archivos de cuestionario" in helped
    assert "--db URL URL de la base de datos (por defecto: SQLite en la carpeta de datos del " \
        "usuario; o defina AEO_ASSESS_DB)" in helped

    assert out("demo", "--count", "3") == [
        "taller 1 «Taller regional OEA (demostración)»: 3 evaluaciones de demostración  "
        "[datos de demostración]",
        "taller 2 «Taller regional de gestión de riesgos aduaneros (demostración)»: "
        "6 administraciones de demostración  [datos de demostración]",
    ]
    workshop = out("workshop", "new", "Taller de Lima")[0]
    own = out("new", "--company", "Ñandú & Hijos", "--country", "PE", "--role", "importer")[0]
    assert out("workshop", "add", workshop, own) == ["1 evaluación añadida, 0 ya en el taller"]
    assert out("consent", own, "yes") == [f"{own}: se nombra en las síntesis de talleres"]
    assert out("consent", own, "no") == [f"{own}: no se nombra en las síntesis de talleres"]
    sheet = tmp_path / "respuestas.csv"
    sheet.write_text("question_id;value\nSAFE-A.03;3\n", encoding="utf-8")
    assert out("import", str(sheet), "--into", own) == [
        f"{sheet}: 1 respuesta escrita en {own}"]
    applicant = tmp_path / "a.aeoa"
    out("export", own, "-o", str(applicant))

    officer = f"sqlite:///{tmp_path / 'aduana.sqlite3'}"
    url = officer
    out("import", str(applicant))
    out("review", "set", own, "SAFE-A.03", "needs_evidence", "--remark", "Falta el registro.")
    out("review", "finding", own, "--severity", "major", "--criterion", "SAFE-A", "--text",
        "Sin registro en la garita 2.", "--action", "Llevar uno.", "--due", "2026-06-30")
    out("review", "outcome", own, "further_review", "--note", "Visita.")
    shown = out("review", "show", own)
    assert shown[0].startswith("revisión de la presentación ")
    assert re.fullmatch(r"  1 de \d+ preguntas revisadas", shown[1])
    assert shown[2:] == [
        "  SAFE-A.03    requiere evidencias  [abierta] Falta el registro.",
        "  F1   mayor        SAFE-A   Sin registro en la garita 2. (plazo: 30 jun 2026)",
        "       acción: Llevar uno.",
        "  resultado: revisión adicional: Visita.",
    ]


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """``parser`` and every subcommand's parser under it."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):  # an alias names a parser twice
                yield from _parsers(sub)


def _metavars(parser: argparse.ArgumentParser) -> set[str]:
    """Each argument name ``--help`` shows, as argparse words it (its metavar, else its
    dest in upper case), split at ``|``."""
    names: set[str] = set()
    for action in parser._actions:
        if action.nargs == 0 or (action.choices is not None and action.metavar is None):
            continue
        name = action.metavar or (action.dest.upper() if action.option_strings else action.dest)
        names.update(str(name).split("|"))
    return names


_ARGPARSE_WORDS = ("usage: ", "options", "positional arguments", "show this help message and exit")
"""argparse's msgids of a ``--help``."""


@pytest.mark.parametrize("language", ["es", "fr"])
def test_help_of_every_command_has_no_english_argument_name(language: str) -> None:
    """Every ``--help`` in Spanish and French names its arguments, and says argparse's own
    words, in the language: an English name is allowed only where the catalog says it is the
    same word (ID, URL, QUESTION in French)."""
    english = set().union(*map(_metavars, _parsers(build_parser())))
    catalog = language_catalog(language)
    same = {name for name in english if catalog.get(name) == name}
    argparse_words = [word for word in _ARGPARSE_WORDS if catalog.get(word) != word]
    assert "usage: " in argparse_words
    with speaking(language):
        helps = [sub.format_help() for sub in _parsers(build_parser())]
    assert len(helps) > 40
    for text in helps:
        words = set(re.split(r"[\s\[\](){},|]+", text))
        assert not (words & english) - same, text
        assert not [word for word in argparse_words if word in text], text


@pytest.mark.parametrize(("language", "argv", "expected"), [
    ("es", ["demo", "--count", "tres"], "argumento --count: 'tres' no es un número entero"),
    ("fr", ["workshop", "new", "Atelier", "--from", "2026-13-01"],
     "argument --from : « 2026-13-01 » n’est pas une date comme 2026-03-09"),
])
def test_a_refused_value_is_refused_in_the_language(
    language: str, argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", language, *argv])
    assert expected in capsys.readouterr().err


def test_no_argument_is_checked_by_a_python_type() -> None:
    """argparse's refusal names a Python type's name ("valor int no válido"); the types of
    ``cli.values`` say what was expected in the user's language."""
    for parser in _parsers(build_parser()):
        for action in parser._actions:
            assert action.type not in (int, float, complex), (parser.prog, action.dest)
