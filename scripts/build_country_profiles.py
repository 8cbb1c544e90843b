"""Regenerate ``resources/countries/programmes.json`` from the shared country research file.

    python scripts/build_country_profiles.py [--source PATH] [--out PATH] [--check]

The research file (``../shared/domain/country-programmes.yaml``) is written by people, in the
shape the sources suggested; the app reads a strict JSON with one shape for every figure. This
script is the only bridge: it changes representation, never content. "unknown" becomes null,
a figure in the source's own words (">30") stays text, a date becomes ISO text plus the source's
qualifier as a code the app translates ("2025 (undated)"), a source becomes its web address and
the rest of its words, and nothing is inferred. An unexpected key, a text without its three
languages or a date qualifier not listed here stops the build, so new research is never dropped
or shown half-translated without anyone noticing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "domain" / "country-programmes.yaml"
OUT = ROOT / "resources" / "countries" / "programmes.json"
UNKNOWN = "unknown"
LANGUAGES = ("en", "es", "fr")

_COUNTRY_KEYS = {
    "iso",
    "name",
    "programme",
    "authority",
    "launch_year",
    "verified",
    "launch_note",
    "scope",
    "operators",
    "operators_history",
    "mras",
    "notes",
}
_ARRANGEMENT_KEYS = {
    "name",
    "signed",
    "place",
    "parties",
    "sources",
    "notes",
    "conflict",
    "verified",
}
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_QUALIFIED = re.compile(r"(?P<head>.+?) \((?P<note>[^()]+)\)")
DATE_NOTES = {
    "undated": "undated",
    "mid-year": "mid_year",
    "inferred from article date": "inferred",
    "date not shown": "not_shown",
}
"""The qualifiers the research puts after a date, and the codes the app translates."""
_AS_OF = "as of "
_ADDRESS = re.compile(r"(?<![\w@/.-])[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)*\.[a-z]{2,}(/\S*)?", re.I)


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


def _localized(value: Any, where: str) -> dict[str, str] | None:
    """A free text in the three languages; None when unknown or empty in all of them."""
    if _text(value) is None and not isinstance(value, dict):
        return None
    if not isinstance(value, dict) or set(value) != set(LANGUAGES):
        raise SourceError(f"{where}: must be a text in {', '.join(LANGUAGES)}")
    texts = {lang: _text(value[lang]) or "" for lang in LANGUAGES}
    if any(texts.values()) and not all(texts.values()):
        raise SourceError(f"{where}: a language is missing its text")
    return texts if any(texts.values()) else None


def _verified(item: dict[str, Any], where: str) -> bool:
    value = item.get("verified")
    if not isinstance(value, bool):
        raise SourceError(f"{where}: 'verified' must be true or false")
    return value


def _date(value: Any, where: str) -> dict[str, str] | None:
    """A date as the source gives it: {iso: "2019" | "2019-12" | "2019-12-19" | "",
    text: the source's words where there is no date, note: a DATE_NOTES code or ""}."""
    text = _text(value)
    if text is None:
        return None
    note = ""
    if text.startswith(_AS_OF):
        text, note = text.removeprefix(_AS_OF), "as_of"
    elif (qualified := _QUALIFIED.fullmatch(text)) is not None:
        if qualified["note"] not in DATE_NOTES:
            raise SourceError(f"{where}: date qualifier '{qualified['note']}' is not known")
        text, note = qualified["head"], DATE_NOTES[qualified["note"]]
    if _DATE.fullmatch(text):
        return {"iso": text, "text": "", "note": note}
    return {"iso": "", "text": text, "note": note}


def _page_title(path: str) -> str:
    """A page's title as its address spells it ("bajan-40-los-costos-123" -> "Bajan 40 los
    costos"); empty when the address has no such words (an id, a query, a word or two)."""
    segments = [s for s in path.split("/") if re.search(r"[a-z]", s, re.I)]
    if not segments or re.search(r"[?=]", segments[-1]):
        return ""
    slug = re.sub(r"(\.(html?|aspx?|php))?$", "", segments[-1])
    words = [w for w in re.split(r"[-_]", re.sub(r"_[a-z]{2}$", "", slug)) if w]
    while words and words[-1].isdigit():  # an article number, not a word of the title
        words.pop()
    if len(words) < 3:
        return ""
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _split(text: str) -> list[str]:
    """The sources of a "; "-separated list (a "; " inside parentheses separates nothing)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and text.startswith("; ", i):
            parts.append(text[start:i])
            start = i + 2
    return [part.strip() for part in [*parts, text[start:]] if part.strip()]


def _sources(value: Any) -> list[dict[str, str]]:
    """Each source as {text, address}: the address is the first web address it names, and the
    text the source's words with that address shortened to its site and the page's title."""
    text = _text(value)
    if text is None or text == "not found":
        return []
    sources = []
    for part in _split(text):
        found = _ADDRESS.search(part)
        if found is None:
            sources.append({"text": part, "address": ""})
            continue
        address = found[0].rstrip(".,;:)'")
        site, _, path = address.partition("/")
        title = _page_title(path)
        readable = f"{site}, “{title}”" if title else site
        end = found.start() + len(address)
        sources.append({"text": part[: found.start()] + readable + part[end:], "address": address})
    return sources


def _count(value: Any) -> int | str | None:
    """A whole number stays a number; the source's own words (">30") stay words."""
    if isinstance(value, bool):
        raise SourceError(f"an operator count cannot be {value!r}")
    if isinstance(value, int):
        return value
    return _text(value)


def _figure(item: dict[str, Any], where: str) -> dict[str, Any]:
    _keys(item, {"count", "as_of", "source", "verified"}, where)
    return {
        "count": _count(item.get("count")),
        "as_of": _date(item.get("as_of"), where),
        "sources": _sources(item.get("source")),
        "verified": _verified(item, where),
    }


def _mra(item: dict[str, Any], where: str) -> dict[str, Any]:
    _keys(item, {"partner", "year", "source", "verified"}, where)
    return {
        "partner": str(item["partner"]),
        "signed": _date(item.get("year"), where),
        "sources": _sources(item.get("source")),
        "verified": _verified(item, where),
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
        "launch_verified": _verified(item, where),
        "launch_note": _localized(item.get("launch_note"), f"{where}: launch_note"),
        "scope": _localized(item.get("scope"), f"{where}: scope"),
        "operators": _figure(item.get("operators") or {"verified": False}, f"{where}: operators"),
        "operators_history": [
            _figure(entry, f"{where}: operators_history")
            for entry in item.get("operators_history") or []
        ],
        "mras": [_mra(entry, f"{where}: mras") for entry in item.get("mras") or []],
        "notes": _localized(item.get("notes"), f"{where}: notes"),
    }


def _arrangement(item: dict[str, Any]) -> dict[str, Any]:
    where = f"regional MRA {item.get('name', '?')}"
    _keys(item, _ARRANGEMENT_KEYS, where)
    return {
        "name": str(item["name"]),
        "signed": _date(item.get("signed"), where),
        "place": _text(item.get("place")) or "",
        "parties": [str(p) for p in item.get("parties") or []],
        "sources": [s for text in item.get("sources") or [] for s in _sources(text)],
        "verified": _verified(item, where),
        "notes": _localized(item.get("notes"), f"{where}: notes"),
        "conflict": _localized(item.get("conflict"), f"{where}: conflict"),
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
