"""Every string the command line translates has a Spanish and a French translation that keeps
its ``{placeholders}``, read straight from the sources so that no new string can slip through."""

from __future__ import annotations

from pathlib import Path

import pytest

import aeo_assess.cli
from aeo_assess.cli.main import main
from aeo_assess.i18n import catalog_dir
from aeo_assess.services.assessments import list_assessments
from aeo_assess.services.context import open_context
from aeo_assess.services.demo import create_demo_data
from tests.gui.translations import gettext_literals, placeholders, po_catalog

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
