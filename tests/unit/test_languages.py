"""Which language a user wants: asked for, else saved, else the system's, else English."""

from __future__ import annotations

import pytest

from aeo_assess.languages import preferred_language, system_language


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, "en"),  # LANG=C.UTF-8 (tests/conftest.py)
        ({"LANG": "es_CR.UTF-8"}, "es"),
        ({"LANG": "fr_CA.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}, "es"),
        ({"LANG": "es_CR.UTF-8", "LC_ALL": "de_DE.UTF-8"}, "en"),  # LC_ALL decides: not ours
        ({"LANGUAGE": "de:fr:es", "LANG": "es_CR.UTF-8"}, "fr"),  # the first of ours listed
        ({"LANGUAGE": "de", "LANG": "es_CR.UTF-8"}, "es"),
        ({"LANG": "POSIX"}, "en"),
    ],
)
def test_system_language(
    variables: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert system_language() == expected


def test_without_variables_the_locale_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LANG")
    monkeypatch.setattr("locale.getlocale", lambda: ("fr_FR", "UTF-8"))
    assert system_language() == "fr"


def test_preferred_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert preferred_language("es", "en") == "es"
    assert preferred_language(None, "en") == "en"
    assert preferred_language(None, "") == "fr"  # nothing saved: the system's
    assert preferred_language("xx", "de") == "fr"
