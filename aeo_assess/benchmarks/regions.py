"""The regions peers are grouped by, read from ``resources/countries/regions.json``."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from aeo_assess.resources import data_path

_CODE = re.compile(r"[A-Z]{2}", re.ASCII)


class RegionDataError(Exception):
    """The regions file is damaged: the program ships it, so this is a packaging bug."""


@dataclass(frozen=True)
class Regions:
    members: Mapping[str, frozenset[str]]
    """ISO 3166 alpha-2 codes of each region, by region name, in the file's order."""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.members)

    def region_of(self, country: str) -> str | None:
        """The region ``country`` belongs to; None for countries in no region."""
        return next((name for name, codes in self.members.items() if country in codes), None)


def parse_regions(text: str, name: str) -> Regions:
    try:
        data = json.loads(text)
        regions = data["regions"]
    except (ValueError, KeyError, TypeError) as error:
        raise RegionDataError(f"{name}: not a regions file ({error})") from None
    if not isinstance(regions, dict) or not regions:
        raise RegionDataError(f"{name}: 'regions' must map region names to country codes")
    members: dict[str, frozenset[str]] = {}
    seen: dict[str, str] = {}
    for region, codes in regions.items():
        if not isinstance(codes, list):
            raise RegionDataError(f"{name}: {region}: must be a list of country codes")
        for code in codes:
            if not isinstance(code, str) or not _CODE.fullmatch(code):
                raise RegionDataError(f"{name}: {region}: '{code}' is not an ISO 3166 code")
            if code in seen:
                raise RegionDataError(f"{name}: {code} is in both {seen[code]} and {region}")
            seen[code] = region
        members[region] = frozenset(codes)
    return Regions(members)


def regions_path() -> Path:
    return data_path("resources") / "countries" / "regions.json"


@cache
def shipped_regions() -> Regions:
    path = regions_path()
    return parse_regions(path.read_text("utf-8"), str(path))
