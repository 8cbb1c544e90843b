"""The pseudo-language and the rule it checks: every letter a user reads sits inside ⟦…⟧, or
is user data, an id, a number, a date or a proper name from the data files.

Qt-free, so that the report and command-line checks use it as the window check does.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from babel import Locale

from aeo_assess import i18n
from aeo_assess.questionnaires.registry import shipped
from aeo_assess.resources import data_path

PSEUDO = "qps"
OPEN, CLOSE = "⟦", "⟧"


def wrap(text: str) -> str:
    """A message in the pseudo-language: the English one, recognisably wrapped."""
    return f"{OPEN}{text}{CLOSE}" if text else text


def register() -> None:
    i18n.register_generated_language(PSEUDO, wrap)


def unregister() -> None:
    i18n.unregister_generated_language(PSEUDO)


def outside_brackets(text: str) -> str:
    """The text with every ⟦…⟧ (nested too: a wrapped message formatted into another) blanked."""
    kept: list[str] = []
    depth = 0
    for char in text:
        if char == OPEN:
            depth += 1
        elif char == CLOSE and depth:
            depth -= 1
            kept.append(" ")
        elif depth == 0:
            kept.append(char)
    return "".join(kept)


_ID = re.compile(
    r"\b[A-Z][A-Z0-9]*(?:[-.][A-Z0-9]+)+\b"  # SAFE-A.01, RM-B, ISO-3166
    r"|\b[0-9a-f]{6,}(?:-[0-9a-f]{4,})*\b"  # assessment ids, short or whole
    r"|(?:[A-Za-z]:)?(?:[/\\][\w.\-~ ]+){2,}"  # file paths
    r"|\b[\w.\-]+\.(?:aeoa|aeor|aeob|pdf|csv|xlsx|docx|sqlite3|json|png|jpg|txt)\b"
    r"|https?://\S+|\b[\w.-]+@[\w.-]+\b"
    r"|\((?:[A-Z]|F\d+)\)"  # a key that does it: "Accepted (A)"
)
_LETTER = re.compile(r"[^\W\d_]")


class Allowed:
    """What may show outside the brackets: user data, proper names, ids, numbers."""

    def __init__(self, texts: Iterable[str]) -> None:
        words = {text.strip() for text in texts if text and text.strip()}
        words |= _proper_names()
        ordered = sorted((w for w in words if _LETTER.search(w)), key=len, reverse=True)
        self._texts = re.compile("|".join(re.escape(word) for word in ordered))

    def leftover(self, text: str) -> str:
        """The letters of ``text`` that nothing excuses: empty when the text passes."""
        rest = outside_brackets(text)
        rest = self._texts.sub(" ", rest)
        rest = _ID.sub(" ", rest)
        rest = _FORMATS.sub(" ", rest)
        return " ".join(rest.split()) if _LETTER.search(rest) else ""


def _proper_names() -> set[str]:
    names = {"aeo-assess", "English", "Español", "Français", "A4"}
    for lang in ("en", "es", "fr"):
        names |= {name for _code, name in i18n.countries(lang)}
    for path in sorted((data_path("resources") / "countries").glob("*.json")):
        names |= set(_data_names(json.loads(path.read_text("utf-8"))))
    for questionnaire in shipped():
        names |= {questionnaire.id, questionnaire.version}
    return names


def _data_names(value: Any) -> Iterator[str]:
    """The strings of a data file that are names, not the {en, es, fr} texts a language
    picks (those come wrapped)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _data_names(item)
    elif isinstance(value, dict) and not {"en", "es", "fr"} <= set(value):
        for item in value.values():
            yield from _data_names(item)


def _format_words() -> re.Pattern[str]:
    """Dates and sizes in the borrowed English formats: month and day names, units."""
    locale = Locale.parse("en")
    words: set[str] = {"AM", "PM", "kB", "MB", "byte", "bytes"}
    for names in (locale.months, locale.days):
        for context in names.values():
            for width in context.values():
                words |= {str(name) for name in width.values()}
    return re.compile(r"\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b")


_FORMATS = _format_words()


def database_texts(path: Path) -> set[str]:
    """Every text stored in a SQLite database that reads as user data (company names,
    comments, file names, findings...): what users typed is shown as typed. Lower-case codes
    ("draft", "exporter") are left out: shown raw, they are English."""
    texts: set[str] = set()
    with sqlite3.connect(path) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in db.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str) and not re.fullmatch(r"[a-z0-9_\-.:]*", value):
                        texts.add(value)
                        texts |= set(value.splitlines())
    return texts
