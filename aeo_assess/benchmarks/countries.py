"""Country AEO programme profiles from ``resources/countries/programmes.json``.

The file is generated from the shared research (``scripts/build_country_profiles.py``); this
module reads it strictly into domain types, so that whatever shows a profile can rely on every
figure being either known with its source or None ("unknown"), never a placeholder.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from aeo_assess.domain.benchmark import (
    DATE_NOTES,
    CountryProgramme,
    Figure,
    MutualRecognition,
    Source,
    SourceDate,
)
from aeo_assess.domain.text import LocalizedText
from aeo_assess.languages import LANGUAGES
from aeo_assess.resources import data_path


class CountryDataError(Exception):
    """The profiles file is damaged: the program ships it, so this is a packaging bug."""


@dataclass(frozen=True)
class RegionalArrangement:
    """A mutual recognition arrangement between several customs administrations."""

    name: str
    signed: SourceDate | None
    place: str
    parties: tuple[str, ...]
    """ISO codes the sources list; empty when they list none (nothing is inferred)."""
    sources: tuple[Source, ...]
    verified: bool
    notes: LocalizedText | None
    conflict: LocalizedText | None
    """Where sources disagree, which was believed and why."""


@dataclass(frozen=True)
class CountryProfile:
    """Everything known about one country's programme: the report's ``programme`` and more."""

    programme: CountryProgramme
    name: str
    """The country's English name as the research gives it (``EU`` is no ISO country)."""
    scope: LocalizedText | None
    operators_history: tuple[Figure, ...]
    arrangements: tuple[RegionalArrangement, ...]
    """Regional arrangements whose sources list this country as a party."""

    @property
    def country(self) -> str:
        return self.programme.country


@dataclass(frozen=True)
class CountryProfiles:
    about: tuple[str, ...]
    """How and when the facts were compiled, from the research file's header."""
    profiles: Mapping[str, CountryProfile]
    """By ISO code, sorted."""
    arrangements: tuple[RegionalArrangement, ...]


def _field(item: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    value = item.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise CountryDataError(f"{where}: '{key}' is missing or of the wrong type")
    return value


def _strings(item: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    values = _field(item, key, list, where)
    if not all(isinstance(value, str) for value in values):
        raise CountryDataError(f"{where}: '{key}' must be a list of texts")
    return tuple(values)


def _optional(item: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    return None if item.get(key) is None else _field(item, key, kind, where)


def _localized(item: Mapping[str, Any], key: str, where: str) -> LocalizedText | None:
    texts = _optional(item, key, dict, where)
    if texts is None:
        return None
    if not all(isinstance(texts.get(lang), str) for lang in LANGUAGES):
        raise CountryDataError(f"{where}: '{key}' must have a text in {', '.join(LANGUAGES)}")
    return {lang: str(texts[lang]) for lang in LANGUAGES}


def _date(item: Mapping[str, Any], key: str, where: str) -> SourceDate | None:
    value = _optional(item, key, dict, where)
    if value is None:
        return None
    date = SourceDate(
        iso=_field(value, "iso", str, where),
        text=_field(value, "text", str, where),
        note=_field(value, "note", str, where),
    )
    if date.note and date.note not in DATE_NOTES:
        raise CountryDataError(f"{where}: '{key}' has an unknown note '{date.note}'")
    return date


def _sources(item: Mapping[str, Any], where: str) -> tuple[Source, ...]:
    sources = _field(item, "sources", list, where)
    if not all(isinstance(source, dict) for source in sources):
        raise CountryDataError(f"{where}: 'sources' must be a list of objects")
    return tuple(
        Source(_field(s, "text", str, where), _field(s, "address", str, where)) for s in sources
    )


def _figure(item: Any, where: str) -> Figure:
    if not isinstance(item, dict):
        raise CountryDataError(f"{where}: must be an object")
    count = item.get("count")
    if count is not None and (isinstance(count, bool) or not isinstance(count, int | str)):
        raise CountryDataError(f"{where}: 'count' must be a number, text or null")
    return Figure(
        count=count,
        as_of=_date(item, "as_of", where),
        sources=_sources(item, where),
        verified=_field(item, "verified", bool, where),
    )


def _mra(item: Any, where: str) -> MutualRecognition:
    if not isinstance(item, dict):
        raise CountryDataError(f"{where}: must be an object")
    return MutualRecognition(
        partner=_field(item, "partner", str, where),
        signed=_date(item, "signed", where),
        sources=_sources(item, where),
        verified=_field(item, "verified", bool, where),
    )


def _arrangement(item: Any, where: str) -> RegionalArrangement:
    if not isinstance(item, dict):
        raise CountryDataError(f"{where}: must be an object")
    return RegionalArrangement(
        name=_field(item, "name", str, where),
        signed=_date(item, "signed", where),
        place=_field(item, "place", str, where),
        parties=_strings(item, "parties", where),
        sources=_sources(item, where),
        verified=_field(item, "verified", bool, where),
        notes=_localized(item, "notes", where),
        conflict=_localized(item, "conflict", where),
    )


def _profile(
    item: Any, arrangements: tuple[RegionalArrangement, ...], where: str
) -> CountryProfile:
    if not isinstance(item, dict):
        raise CountryDataError(f"{where}: must be an object")
    iso = _field(item, "iso", str, where)
    where = f"{where} ({iso})"
    names = _field(item, "programme", dict, where)
    programme = CountryProgramme(
        country=iso,
        name_original=_field(names, "original", str, f"{where}: programme"),
        name_english=_field(names, "english", str, f"{where}: programme"),
        authority=_field(item, "authority", str, where),
        launch_year=_optional(item, "launch_year", int, where),
        launch_verified=_field(item, "launch_verified", bool, where),
        launch_note=_localized(item, "launch_note", where),
        operators=_figure(item.get("operators"), f"{where}: operators"),
        mras=tuple(_mra(m, f"{where}: mras") for m in _field(item, "mras", list, where)),
        notes=_localized(item, "notes", where),
    )
    return CountryProfile(
        programme=programme,
        name=_field(item, "name", str, where),
        scope=_localized(item, "scope", where),
        operators_history=tuple(
            _figure(entry, f"{where}: operators_history")
            for entry in _field(item, "operators_history", list, where)
        ),
        arrangements=tuple(a for a in arrangements if iso in a.parties),
    )


def parse_profiles(text: str, name: str) -> CountryProfiles:
    try:
        data = json.loads(text)
    except ValueError as error:
        raise CountryDataError(f"{name}: not JSON ({error})") from None
    if not isinstance(data, dict):
        raise CountryDataError(f"{name}: must be a JSON object")
    arrangements = tuple(
        _arrangement(item, f"{name}: regional_arrangements[{i}]")
        for i, item in enumerate(_field(data, "regional_arrangements", list, name))
    )
    profiles: dict[str, CountryProfile] = {}
    for i, item in enumerate(_field(data, "countries", list, name)):
        profile = _profile(item, arrangements, f"{name}: countries[{i}]")
        if profile.country in profiles:
            raise CountryDataError(f"{name}: {profile.country} appears twice")
        profiles[profile.country] = profile
    return CountryProfiles(
        about=_strings(data, "about", name),
        profiles=dict(sorted(profiles.items())),
        arrangements=arrangements,
    )


def profiles_path() -> Path:
    return data_path("resources") / "countries" / "programmes.json"


@cache
def shipped_profiles() -> CountryProfiles:
    path = profiles_path()
    return parse_profiles(path.read_text("utf-8"), str(path))


def country_programme(country: str) -> CountryProgramme | None:
    """The programme profile the readiness report prints; None for a country not researched."""
    profile = shipped_profiles().profiles.get(country)
    return None if profile is None else profile.programme
