"""Country profiles and regions: complete, sourced, unknown kept unknown, built from the research."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from aeo_assess.benchmarks.countries import (
    CountryDataError,
    country_programme,
    parse_profiles,
    profiles_path,
    shipped_profiles,
)
from aeo_assess.benchmarks.regions import RegionDataError, parse_regions, shipped_regions
from aeo_assess.domain.benchmark import Figure, SourceDate

ROOT = Path(__file__).resolve().parents[2]
RESEARCH = ROOT.parent / "shared" / "domain" / "country-programmes.yaml"
RESEARCHED = {
    "CR", "SV", "HN", "CL", "UY", "DO", "GT", "PE", "NI",
    "MX", "CO", "PA", "BR", "AR", "US", "EU", "CN", "JP", "KR",
}  # fmt: skip
FIRST_USERS = {"CR", "SV", "HN", "CL", "UY", "DO", "GT", "PE", "NI"}


def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_country_profiles", ROOT / "scripts" / "build_country_profiles.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_researched_country_has_a_profile() -> None:
    profiles = shipped_profiles()
    assert set(profiles.profiles) == RESEARCHED
    assert profiles.about and "reviewed and corrected" in " ".join(profiles.about)
    assert len(profiles.arrangements) == 5


def test_every_known_figure_carries_its_source() -> None:
    for profile in shipped_profiles().profiles.values():
        programme = profile.programme
        figures = [programme.operators, *profile.operators_history]
        for figure in figures:
            if figure.count is not None:
                assert figure.sources, programme.country
        for mra in programme.mras:
            assert mra.sources, (programme.country, mra.partner)
        if programme.launch_year is not None:
            assert programme.launch_note, programme.country  # where the year comes from
        for text in (programme.notes, programme.launch_note, profile.scope):
            assert text is None or set(text) == {"en", "es", "fr"}


def test_unknown_stays_unknown() -> None:
    profiles = shipped_profiles().profiles
    nicaragua = profiles["NI"].programme
    assert nicaragua.launch_year is None
    assert nicaragua.operators == Figure()  # no count, no date, no source, not verified
    assert nicaragua.mras == ()
    assert profiles["NI"].scope is None
    assert profiles["HN"].programme.operators.count is None
    assert profiles["SV"].programme.mras[0].signed is None
    # The source's own words are kept, never turned into a number.
    assert profiles["CR"].programme.operators.count == ">30"
    dominican = profiles["DO"].programme.operators
    assert (dominican.count, dominican.as_of, dominican.verified) == (
        685, SourceDate("2025-09-17"), True)


def test_new_facts_of_the_reviewed_research() -> None:
    profiles = shipped_profiles().profiles
    peru = profiles["PE"].programme.operators
    assert (peru.count, peru.as_of, peru.verified) == (72, SourceDate("2018-07"), False)
    assert peru.sources[0].address == "elcomercio.pe"
    us = {m.partner: m for m in profiles["US"].programme.mras}
    assert len(us) == 18 and all(m.verified for m in us.values())
    assert {p: m.signed.iso for p, m in us.items() if m.signed} == {
        "NZ": "2007", "CA": "2008", "JO": "2008", "JP": "2009", "KR": "2010", "EU": "2012",
        "TW": "2012", "IL": "2014", "MX": "2014", "SG": "2014", "DO": "2015", "PE": "2018",
        "GB": "2021", "IN": "2021", "UY": "2022", "BR": "2022", "GT": "2023", "CO": "2023",
    }  # fmt: skip
    for country, year in (("MX", "2014"), ("DO", "2015"), ("GT", "2023"), ("CO", "2023")):
        partner = next(m for m in profiles[country].programme.mras if m.partner == "US")
        assert partner.signed == SourceDate(year) and partner.verified
    salvador = {h.as_of for h in profiles["SV"].operators_history}
    assert SourceDate("2025", note="undated") in salvador
    assert SourceDate("2024", note="mid_year") in salvador
    assert profiles["PE"].programme.launch_verified is False
    assert profiles["CR"].programme.launch_verified is True


def test_sources_are_readable_with_their_address() -> None:
    guatemala = shipped_profiles().profiles["GT"].operators_history[1]
    (source,) = guatemala.sources
    assert source.text == "dca.gob.gt, “Bajan 40 los costos para importadores” " \
        "(Diario de Centro América)"
    assert source.address == "dca.gob.gt/index.php/2018/09/06/bajan-40-los-costos-para-importadores"


def test_regional_arrangements_reach_the_parties_listed() -> None:
    profiles = shipped_profiles().profiles
    regional = [a for a in profiles["CR"].arrangements if a.signed == SourceDate("2022-05-18")]
    assert len(regional) == 1 and regional[0].sources[0].address.startswith("tradeworks.com.br")
    assert regional[0].verified and regional[0].conflict is not None
    assert "2024" in regional[0].conflict["es"]
    assert profiles["SV"].arrangements == ()  # not a party, as the research says
    assert profiles["NI"].arrangements == ()


def test_report_gets_the_programme() -> None:
    programme = country_programme("UY")
    assert programme is not None and programme.operators.count == 33
    assert country_programme("ZZ") is None


@pytest.mark.skipif(not RESEARCH.exists(), reason="the shared research file is not here")
def test_committed_profiles_are_what_the_script_builds() -> None:
    built = build_script().build(RESEARCH.read_text("utf-8"))
    assert profiles_path().read_text("utf-8") == built


def test_the_script_refuses_research_it_does_not_understand() -> None:
    script = build_script()
    with pytest.raises(script.SourceError, match="unknown key 'weights'"):
        script.build(
            "regional_mras: []\ncountries:\n  - {iso: XX, name: X, weights: 3,"
            " programme: {original: a, english: b}}\n"
        )


RESEARCH_ENTRY = (
    "# Compiled today\nregional_mras: []\ncountries:\n"
    "  - iso: XX\n    name: Nowhere\n    programme: {original: OEA, english: same}\n"
    "    authority: Aduana\n    launch_year: unknown\n    verified: false\n    scope: unknown\n"
    "    operators: {count: unknown, as_of: unknown, source: not found, verified: false}\n"
    "    mras: [{partner: YY, year: unknown, source: somewhere, verified: false}]\n"
)


def test_the_script_keeps_unknown_as_null(tmp_path: Path) -> None:
    source = tmp_path / "research.yaml"
    source.write_text(RESEARCH_ENTRY, "utf-8")
    out = tmp_path / "programmes.json"
    assert build_script().main(["--source", str(source), "--out", str(out)]) == 0
    (country,) = json.loads(out.read_text("utf-8"))["countries"]
    assert country["programme"] == {"original": "OEA", "english": "OEA"}
    assert country["launch_year"] is None and country["scope"] is None
    assert country["operators"] == {"count": None, "as_of": None, "sources": [], "verified": False}
    assert country["mras"] == [{
        "partner": "YY", "signed": None, "verified": False,
        "sources": [{"text": "somewhere", "address": ""}],
    }]
    assert build_script().main(["--source", str(source), "--out", str(out), "--check"]) == 0


def test_the_script_reads_dates_texts_and_sources() -> None:
    entry = RESEARCH_ENTRY.replace(
        "scope: unknown", "scope: {en: Security., es: Seguridad., fr: Sûreté.}"
    ).replace(
        "year: unknown, source: somewhere",
        "year: 2019 (inferred from article date),"
        " source: \"peru21.pe/economia/peru-facilita-el-comercio-480274 (SUNAT); CBP release\"",
    )
    (country,) = json.loads(build_script().build(entry))["countries"]
    assert country["scope"] == {"en": "Security.", "es": "Seguridad.", "fr": "Sûreté."}
    (mra,) = country["mras"]
    assert mra["signed"] == {"iso": "2019", "text": "", "note": "inferred"}
    assert mra["sources"] == [
        {"text": "peru21.pe, “Peru facilita el comercio” (SUNAT)",
         "address": "peru21.pe/economia/peru-facilita-el-comercio-480274"},
        {"text": "CBP release", "address": ""},
    ]


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (("scope: unknown", "scope: {en: Security.}"), "must be a text in en, es, fr"),
        (("scope: unknown", "scope: {en: Security., es: '', fr: Sûreté.}"), "missing its text"),
        (("verified: false\n    scope", "scope"), "'verified' must be true or false"),
        (("year: unknown", "year: 2019 (roughly)"), "date qualifier 'roughly' is not known"),
    ],
    ids=["one language", "empty translation", "no verified mark", "unknown qualifier"],
)
def test_the_script_refuses_half_translated_or_unmarked_research(
    change: tuple[str, str], error: str
) -> None:
    script = build_script()
    with pytest.raises(script.SourceError, match=re.escape(error)):
        script.build(RESEARCH_ENTRY.replace(*change))


def test_a_damaged_profiles_file_is_reported() -> None:
    with pytest.raises(CountryDataError, match="countries"):
        parse_profiles('{"about": [], "regional_arrangements": []}', "programmes.json")


def test_regions_are_the_six_of_the_issue_and_cover_the_first_users() -> None:
    regions = shipped_regions()
    assert regions.names == (
        "Central America",
        "South America",
        "Caribbean",
        "North America",
        "Europe",
        "Asia",
    )
    assert {c: regions.region_of(c) for c in FIRST_USERS} == {
        "CR": "Central America",
        "SV": "Central America",
        "HN": "Central America",
        "GT": "Central America",
        "NI": "Central America",
        "CL": "South America",
        "UY": "South America",
        "PE": "South America",
        "DO": "Caribbean",
    }
    assert all(regions.region_of(c) for c in RESEARCHED)
    assert regions.region_of("ZA") is None


def test_a_country_in_two_regions_is_refused() -> None:
    with pytest.raises(RegionDataError, match="CR is in both"):
        parse_regions('{"regions": {"A": ["CR"], "B": ["CR"]}}', "regions.json")
