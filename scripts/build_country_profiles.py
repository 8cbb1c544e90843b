"""Regenerate ``resources/countries/programmes.json`` from the shared country research file.

    python scripts/build_country_profiles.py [--source PATH] [--out PATH] [--check]

The research file (``../shared/domain/country-programmes.yaml``) is written by people, in the
shape the sources suggested; the app reads a strict JSON with one shape for every figure. This
script is the only bridge: it changes representation, never content. "unknown" becomes null,
a figure in the source's own words (">30", "before ~2012") stays text, and nothing is inferred.
An unexpected key stops the build, so new research is never dropped without anyone noticing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "domain" / "country-programmes.yaml"
OUT = ROOT / "resources" / "countries" / "programmes.json"
UNKNOWN = "unknown"

_COUNTRY_KEYS = {
    "iso",
    "name",
    "programme",
    "authority",
    "launch_year",
    "launch_note",
    "scope",
    "operators",
    "operators_history",
    "mras",
    "notes",
}
_ARRANGEMENT_KEYS = {"name", "signed", "place", "parties", "sources", "notes", "conflict"}


class SourceError(Exception):
    """The research file has a shape this script does not know: fix one or the other."""


def _keys(item: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise SourceError(f"{where}: unknown key '{unknown[0]}' (teach the build script first)")


def _text(value: Any) -> str | None:
    """Plain text; "unknown" and empty become None; YAML dates back to their ISO text."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return None if text in ("", UNKNOWN) else text


def _count(value: Any) -> int | str | None:
    """A whole number stays a number; the source's own words (">30") stay words."""
    if isinstance(value, bool):
        raise SourceError(f"an operator count cannot be {value!r}")
    if isinstance(value, int):
        return value
    return _text(value)


def _figure(item: dict[str, Any], where: str) -> dict[str, Any]:
    _keys(item, {"count", "as_of", "source"}, where)
    source = _text(item.get("source"))
    return {
        "count": _count(item.get("count")),
        "as_of": _text(item.get("as_of")),
        "source": "" if source in (None, "not found") else source,
    }


def _mra(item: dict[str, Any], where: str) -> dict[str, Any]:
    _keys(item, {"partner", "year", "source"}, where)
    year = item.get("year")
    plain = isinstance(year, int) and not isinstance(year, bool)
    return {
        "partner": str(item["partner"]),
        "year": year if plain else None,
        "year_text": "" if plain else (_text(year) or ""),
        "source": _text(item.get("source")) or "",
    }


def _country(item: dict[str, Any]) -> dict[str, Any]:
    where = f"country {item.get('iso', '?')}"
    _keys(item, _COUNTRY_KEYS, where)
    programme = item["programme"]
    _keys(programme, {"original", "english"}, f"{where}: programme")
    original = _text(programme.get("original")) or UNKNOWN
    english = _text(programme.get("english"))
    launch = item.get("launch_year")
    return {
        "iso": str(item["iso"]),
        "name": str(item["name"]),
        "programme": {
            "original": original,
            # "same" in the research file means the English name is the original one.
            "english": original if english == "same" else (english or UNKNOWN),
        },
        "authority": _text(item.get("authority")) or UNKNOWN,
        "launch_year": launch if isinstance(launch, int) and not isinstance(launch, bool) else None,
        "launch_note": _text(item.get("launch_note")) or "",
        "scope": _text(item.get("scope")),
        "operators": _figure(item.get("operators") or {}, f"{where}: operators"),
        "operators_history": [
            _figure(entry, f"{where}: operators_history")
            for entry in item.get("operators_history") or []
        ],
        "mras": [_mra(entry, f"{where}: mras") for entry in item.get("mras") or []],
        "notes": _text(item.get("notes")) or "",
    }


def _arrangement(item: dict[str, Any]) -> dict[str, Any]:
    _keys(item, _ARRANGEMENT_KEYS, f"regional MRA {item.get('name', '?')}")
    return {
        "name": str(item["name"]),
        "signed": _text(item.get("signed")),
        "place": _text(item.get("place")) or "",
        "parties": [str(p) for p in item.get("parties") or []],
        "sources": [str(s) for s in item.get("sources") or []],
        "notes": _text(item.get("notes")) or "",
        "conflict": _text(item.get("conflict")) or "",
    }


def _about(text: str) -> list[str]:
    """The file's leading comment: when and how the facts were compiled."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    return lines


def build(source_text: str) -> str:
    """The JSON text that ``resources/countries/programmes.json`` must hold."""
    data = yaml.safe_load(source_text)
    if not isinstance(data, dict):
        raise SourceError("the research file must be a mapping")
    _keys(data, {"regional_mras", "countries"}, "top level")
    countries = [_country(item) for item in data["countries"]]
    codes = [c["iso"] for c in countries]
    if len(set(codes)) != len(codes):
        raise SourceError("a country appears twice")
    document = {
        "generated_by": "scripts/build_country_profiles.py from country-programmes.yaml; "
        "do not edit, run the script",
        "about": _about(source_text),
        "countries": sorted(countries, key=lambda c: c["iso"]),
        "regional_arrangements": [_arrangement(item) for item in data["regional_mras"]],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="fail if the output is stale")
    args = parser.parse_args(argv)
    try:
        text = build(args.source.read_text("utf-8"))
    except (OSError, SourceError, yaml.YAMLError, KeyError) as error:
        print(f"error: {args.source}: {error}", file=sys.stderr)
        return 1
    if args.check:
        current = args.out.read_text("utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is stale: run scripts/build_country_profiles.py", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, "utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
