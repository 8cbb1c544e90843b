"""Country profiles and regions: complete, sourced, unknown kept unknown, built from the research."""

from __future__ import annotations

import importlib.util
import json
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

ROOT = Path(__file__).resolve().parents[2]
RESEARCH = ROOT.parent / "shared" / "domain" / "country-programmes.yaml"
RESEARCHED = {
    "CR", "SV", "HN", "CL", "UY", "DO", "GT", "PE", "NI",
    "MX", "CO", "PA", "BR", "AR", "US", "EU", "CN", "JP", "KR",
}  # fmt: skip
FIRST_USERS = {"CR", "SV", "HN", "CL", "UY", "DO", "GT", "PE", "NI"}
UNSOURCED_LAUNCH = {"US", "EU", "JP", "KR"}
"""The research file gives these launch years without a source (its notes cite some: JAMA for
the EU, Thomson Reuters for Japan, the Korea Herald for Korea); the profiles show them as such
until the research adds them."""


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
    assert profiles.about and "Compiled" in " ".join(profiles.about)
    assert len(profiles.arrangements) == 5


def test_every_known_figure_carries_its_source() -> None:
    for profile in shipped_profiles().profiles.values():
        programme = profile.programme
        if programme.operators is not None:
            assert programme.operators_source, programme.country
        for mra in programme.mras:
            assert mra.source, (programme.country, mra.partner)
        for count in profile.operators_history:
            assert count.source, programme.country
        if programme.launch_year is not None and programme.country not in UNSOURCED_LAUNCH:
            assert programme.sources, programme.country


def test_unknown_stays_unknown() -> None:
    profiles = shipped_profiles().profiles
    nicaragua = profiles["NI"].programme
    assert nicaragua.launch_year is None
    assert nicaragua.operators is None and nicaragua.operators_as_of is None
    assert nicaragua.mras == ()
    assert profiles["NI"].scope is None
    assert profiles["PE"].programme.operators is None
    assert profiles["HN"].programme.operators is None
    # The source's own words are kept, never turned into a number.
    assert profiles["CR"].programme.operators == ">30"
    assert profiles["DO"].programme.operators == 685
    assert profiles["DO"].programme.operators_as_of == "2025-09-17"
    assert profiles["SV"].programme.mras[0].year is None
    us_mras = {m.partner: m for m in profiles["US"].programme.mras}
    assert us_mras["NZ, CA, JO, JP, KR, EU, TW"].year_text == "before ~2012"


def test_regional_arrangements_reach_the_parties_listed() -> None:
    profiles = shipped_profiles().profiles
    regional = [a for a in profiles["CR"].arrangements if a.signed == "2022-05-18"]
    assert len(regional) == 1 and "tradeworks" in regional[0].sources[0]
    assert profiles["SV"].arrangements == ()  # not a party, as the research says
    assert profiles["NI"].arrangements == ()


def test_report_gets_the_programme() -> None:
    programme = country_programme("UY")
    assert programme is not None and programme.operators == 33
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


def test_the_script_keeps_unknown_as_null(tmp_path: Path) -> None:
    source = tmp_path / "research.yaml"
    source.write_text(
        "# Compiled today\nregional_mras: []\ncountries:\n"
        "  - iso: XX\n    name: Nowhere\n    programme: {original: OEA, english: same}\n"
        "    authority: Aduana\n    launch_year: unknown\n    scope: unknown\n"
        "    operators: {count: unknown, as_of: unknown, source: not found}\n"
        "    mras: [{partner: YY, year: unknown, source: somewhere}]\n",
        "utf-8",
    )
    out = tmp_path / "programmes.json"
    assert build_script().main(["--source", str(source), "--out", str(out)]) == 0
    (country,) = json.loads(out.read_text("utf-8"))["countries"]
    assert country["programme"] == {"original": "OEA", "english": "OEA"}
    assert country["launch_year"] is None and country["scope"] is None
    assert country["operators"] == {"count": None, "as_of": None, "source": ""}
    assert country["mras"] == [
        {"partner": "YY", "year": None, "year_text": "", "source": "somewhere"}
    ]
    assert build_script().main(["--source", str(source), "--out", str(out), "--check"]) == 0


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
