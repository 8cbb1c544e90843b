"""Errors on the command line speak the user's language (issue 14): ``--lang``, else the
language saved by the GUI, else the system's; one ``error:`` line per problem ("erreur :" in
French) and exit status 1; argparse's own usage errors too, with status 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from aeo_assess.cli.main import main
from aeo_assess.settings import Settings, load_settings, save_settings


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'db.sqlite3'}"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def new(capsys: pytest.CaptureFixture[str], db: str) -> str:
    code, out, err = run(capsys, "--db", db, "new", "--company", "Acme", "--country", "CR",
                         "--role", "importer")
    assert code == 0, err
    return out.strip()


def failed(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == "", err
    assert "Traceback" not in err
    return err.splitlines()


def save_language(language: str) -> None:
    save_settings(Settings(**{**vars(load_settings()), "language": language}))


UNKNOWN = {
    "en": "error: no assessment with id 'nope'",
    "es": "error: no hay ninguna evaluación con el identificador 'nope'",
    "fr": "erreur : aucune évaluation n’a l’identifiant « nope »",
}


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_an_unknown_assessment_in_the_language_asked(
        capsys: pytest.CaptureFixture[str], db: str, language: str) -> None:
    assert failed(capsys, "--lang", language, "--db", db, "score", "nope") == [UNKNOWN[language]]


@pytest.mark.parametrize("language", ["es", "fr"])
def test_without_lang_the_language_saved_by_the_gui(
        capsys: pytest.CaptureFixture[str], db: str, language: str) -> None:
    save_language(language)
    assert failed(capsys, "--db", db, "score", "nope") == [UNKNOWN[language]]
    assert failed(capsys, "--lang", "en", "--db", db, "score", "nope") == [UNKNOWN["en"]]


def test_without_lang_nor_saved_language_the_system_s(
        capsys: pytest.CaptureFixture[str], db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert failed(capsys, "--db", db, "score", "nope") == [UNKNOWN["fr"]]


@pytest.mark.parametrize(("language", "expected"), [
    ("es", "error: {path}: no es un archivo ZIP, o está dañado"),
    ("fr", "erreur : {path} : ce n’est pas un fichier ZIP, ou il est endommagé"),
])
def test_a_corrupt_applicant_file(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path,
                                  language: str, expected: str) -> None:
    path = tmp_path / "acme.aeoa"
    path.write_bytes(b"PK\x03\x04 this is no applicant file")
    assert failed(capsys, "--lang", language, "--db", db, "import", str(path)) == [
        expected.format(path=path)]


def test_bad_csv_lines_one_line_each(capsys: pytest.CaptureFixture[str], db: str,
                                     tmp_path: Path) -> None:
    assessment = new(capsys, db)
    path = tmp_path / "answers.csv"
    path.write_text("question_id,value\nSAFE-Z.99,yes\nSAFE-A.02,maybe\n", "utf-8")
    lines = failed(capsys, "--lang", "es", "--db", db, "import", str(path), "--into", assessment)
    assert lines == [
        f"error: {path}:2: pregunta desconocida 'SAFE-Z.99'",
        f"error: {path}:3: SAFE-A.02: una respuesta sí/no es sí o no, no 'maybe'",
    ]
    save_language("fr")
    lines = failed(capsys, "--db", db, "import", str(path), "--into", assessment)
    assert lines[1] == (f"erreur : {path}:3 : SAFE-A.02 : une réponse oui/non est oui ou non, "
                        "pas « maybe »")


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "error: SAFE-A.01 is an eligibility condition of the programme and cannot be marked "
           "not applicable; answer it"),
    ("es", "error: SAFE-A.01 es una condición de elegibilidad del programa y no se puede marcar "
           "como no aplicable; respóndala"),
    ("fr", "erreur : SAFE-A.01 est une condition d’éligibilité du programme et ne peut pas être "
           "marquée non applicable ; répondez-y"),
])
def test_not_applicable_on_an_eligibility_question(
        capsys: pytest.CaptureFixture[str], db: str, language: str, expected: str) -> None:
    assessment = new(capsys, db)
    assert failed(capsys, "--lang", language, "--db", db, "answer", assessment, "SAFE-A.01",
                  "--na", "does not apply to us") == [expected]


def test_a_field_rule_inside_a_message_speaks_the_same_language(
        capsys: pytest.CaptureFixture[str], db: str) -> None:
    assert failed(capsys, "--lang", "fr", "--db", db, "new", "--company", "A" * 301, "--country",
                  "CR", "--role", "importer") == [
        "erreur : raison sociale : dépasse 300 caractères"]


@pytest.mark.parametrize(("language", "usage", "required"), [
    ("es", "uso: aeo-assess score",
     "se requieren los siguientes argumentos: EVALUACIÓN|ARCHIVO.aeoa"),
    ("fr", "utilisation : aeo-assess score", "erreur : les arguments suivants sont obligatoires"),
])
def test_argparse_speaks_it_too(capsys: pytest.CaptureFixture[str], language: str, usage: str,
                                required: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", language, "score"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(usage) and required in err, err
    with pytest.raises(SystemExit):
        main(["--lang", language, "--help"])
    help_text = capsys.readouterr().out
    assert ("muestra este mensaje de ayuda" if language == "es"
            else "affiche ce message d’aide") in help_text


def test_argparse_is_english_again_after_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "es", "score"])
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["--lang", "en", "score"])
    assert capsys.readouterr().err.startswith("usage: aeo-assess score")


def test_what_an_import_did_is_said_in_the_language_too(
        capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    assessment = new(capsys, db)
    path = tmp_path / "answers.csv"
    path.write_text("question_id,value\nSAFE-A.02,yes\n", "utf-8")
    code, out, _err = run(capsys, "--lang", "fr", "--db", db, "import", str(path), "--into",
                          assessment)
    assert code == 0 and out == f"{path} : 1 réponse écrite dans {assessment}\n"


def test_an_abbreviated_lang_option_is_read_as_argparse_reads_it(
        capsys: pytest.CaptureFixture[str], db: str) -> None:
    assert failed(capsys, "--la", "es", "--db", db, "score", "nope") == [UNKNOWN["es"]]
