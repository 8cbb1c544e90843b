"""The glossary shown by the help: ``resources/glossary.yaml``, read strictly into dataclasses.

Each entry has an id, the term and a short definition, every text in English, Spanish and French.
The file is read with the safe YAML loader; anything else than the expected shape is refused with
one message naming the file and the entry, since the program ships the file (a damaged one is a
packaging bug, not a user error).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from aeo_assess.domain.text import localized
from aeo_assess.questionnaires.yaml_source import MAX_FILE_BYTES, SafeLoader
from aeo_assess.resources import data_path

LANGUAGES = ("en", "es", "fr")
"""Every term and definition is given in each of these languages."""
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class GlossaryError(Exception):
    """The glossary file is missing, not YAML, or not in the expected shape."""


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    term: dict[str, str]
    definition: dict[str, str]

    def term_in(self, language: str) -> str:
        """The term in ``language``, English when that language is not one of the file's."""
        return localized(self.term, language)

    def definition_in(self, language: str) -> str:
        return localized(self.definition, language)


@dataclass(frozen=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]

    def get(self, entry_id: str) -> GlossaryEntry | None:
        return next((entry for entry in self.entries if entry.id == entry_id), None)

    def ids(self) -> tuple[str, ...]:
        return tuple(entry.id for entry in self.entries)


def _texts(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise GlossaryError(f"{where}: must be a mapping of {', '.join(LANGUAGES)} to texts")
    extra = sorted(str(key) for key in value if key not in LANGUAGES)
    if extra:
        raise GlossaryError(f"{where}: unknown language {', '.join(extra)}")
    texts: dict[str, str] = {}
    for language in LANGUAGES:
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            raise GlossaryError(f"{where}: the '{language}' text is missing or empty")
        texts[language] = text
    return texts


def _entry(item: Any, where: str) -> GlossaryEntry:
    if not isinstance(item, dict):
        raise GlossaryError(f"{where}: must be a mapping with id, term and definition")
    unknown = sorted(str(key) for key in item if key not in ("id", "term", "definition"))
    if unknown:
        raise GlossaryError(f"{where}: unknown key {', '.join(unknown)}")
    entry_id = item.get("id")
    if not isinstance(entry_id, str) or not _ID.match(entry_id):
        raise GlossaryError(f"{where}: 'id' must be lower-case letters, digits and '_'")
    return GlossaryEntry(
        id=entry_id,
        term=_texts(item.get("term"), f"{where} ({entry_id}).term"),
        definition=_texts(item.get("definition"), f"{where} ({entry_id}).definition"),
    )


def parse_glossary(text: str, name: str) -> Glossary:
    """The glossary in ``text`` (YAML); ``name`` is used in error messages."""
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise GlossaryError(f"{name}: the file is too large")
    try:
        data = yaml.load(text, Loader=SafeLoader)  # noqa: S506 - SafeLoader (libyaml or pure)
    except yaml.YAMLError as error:
        raise GlossaryError(f"{name}: not valid YAML ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise GlossaryError(f"{name}: expected a mapping with a 'terms' list")
    entries = tuple(_entry(item, f"{name}: terms[{i}]") for i, item in enumerate(data["terms"]))
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise GlossaryError(f"{name}: the id '{entry.id}' appears twice")
        seen.add(entry.id)
    return Glossary(entries)


def glossary_path() -> Path:
    return data_path("resources") / "glossary.yaml"


@cache
def shipped_glossary() -> Glossary:
    """The glossary that ships with the application (read once)."""
    path = glossary_path()
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise GlossaryError(f"{path}: cannot be read ({error})") from None
    return parse_glossary(text, str(path))
