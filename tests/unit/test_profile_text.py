"""A country profile says its facts in the user's language: every word of ours and every word
the research writes into a figure has its Spanish and French translation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import aeo_assess.profile_text
from aeo_assess import i18n
from aeo_assess.benchmarks.countries import shipped_profiles
from aeo_assess.benchmarks.regions import shipped_regions
from aeo_assess.domain.benchmark import DATE_NOTES, Figure, Source, SourceDate
from aeo_assess.profile_text import DATE_NOTE_WORDS, ProfileText, is_country_code
from tests.reporting.messages import report_messages


def research_words() -> set[str]:
    """The research's words that a profile shows inside figures: counts in words, dates in
    words, groups of partners, regional arrangements' names and places."""
    profiles = shipped_profiles()
    words: set[str] = set()
    for profile in profiles.profiles.values():
        for figure in (profile.programme.operators, *profile.operators_history):
            if isinstance(figure.count, str):
                words.add(figure.count)
            if figure.as_of is not None and figure.as_of.text:
                words.add(figure.as_of.text)
        words.update(m.partner for m in profile.programme.mras if not is_country_code(m.partner))
    for arrangement in profiles.arrangements:
        words.update(filter(None, (arrangement.name, arrangement.place)))
    return words | set(shipped_regions().names)


@pytest.mark.parametrize("language", ["es", "fr"])
def test_every_word_is_translated(language: str) -> None:
    catalog = i18n._catalog(language)
    ours = report_messages([Path(aeo_assess.profile_text.__file__)])
    assert {"unknown", "not verified", "{count} (as of {date})"} <= ours
    missing = sorted(m for m in ours | research_words() if not catalog.get(m))
    assert not missing, f"{len(missing)} without a {language} translation: {missing}"
    for message in ours:
        assert re.findall(r"{\w+}", message) == re.findall(r"{\w+}", catalog[message]), message


def test_figures_and_dates_in_each_language() -> None:
    figure = Figure(11400, SourceDate("2021-01-21"), (Source("CBP"),), verified=True)
    assert ProfileText("en").figure(figure) == "11,400 (as of Jan 21, 2021)"
    assert ProfileText("es").figure(figure) == "11.400 (al 21 ene 2021)"
    assert ProfileText("fr").figure(figure) == "11\u202f400 (au 21 janv. 2021)"
    words = ProfileText("es")
    assert words.figure(Figure(">115 certified actors")) == \
        ">115 actores certificados (fecha desconocida)"
    assert words.figure(Figure()) == "desconocido"
    assert words.date(SourceDate("2024-08")) == "ago 2024"
    assert words.date(SourceDate("2025", note="undated")) == "2025, fuente sin fecha"
    assert words.date(SourceDate("2024", note="mid_year")) == "mediados de 2024"
    assert words.date(SourceDate(text="6th OEA Conference", note="not_shown")) == \
        "6.ª Conferencia OEA, fecha no indicada"
    assert words.year(None) == "año desconocido"
    assert set(DATE_NOTE_WORDS) == set(DATE_NOTES)  # every qualifier the data may carry
    assert (words.partner("US"), words.partner("EU"), words.partner("Pacific Alliance")) == (
        "Estados Unidos", "Unión Europea", "Alianza del Pacífico")
    assert (words.unverified(False), words.unverified(True)) == ("no verificado", "")
    assert words.text({"en": "Security.", "es": "Seguridad.", "fr": "Sûreté."}) == "Seguridad."
    assert words.region("Central America") == "Centroamérica"


def test_where_peer_figures_come_from() -> None:
    words = ProfileText("es")
    assert words.peer_source("local database; benchmark pack CR-2026") == \
        "esta base de datos; paquete de referencia CR-2026"
    assert words.peer_source("") == "no indicada"
    assert ProfileText("fr").peer_source("local database") == "cette base de données"
