"""The pseudo-language and the rule it checks: every letter a user reads sits inside ⟦…⟧, or
is user data, an id, a number, a date or a proper name from the data files.

Qt-free, so that the report and command-line checks use it as the window check does.
"""

from __future__ import annotations

import bisect
import getpass
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


GAP = "\0"
"""What stands for excused text, so that the English left around it reads as fragments."""


def outside_brackets(text: str) -> str:
    """The text with every ⟦…⟧ (nested too: a wrapped message formatted into another) made a
    gap."""
    kept: list[str] = []
    depth = 0
    for char in text:
        if char == OPEN:
            depth += 1
        elif char == CLOSE and depth:
            depth -= 1
            if not depth:
                kept.append(GAP)
        elif depth == 0:
            kept.append(char)
    return "".join(kept)


_ID = re.compile(
    r"\b[A-Z][A-Z0-9]*-[A-Z0-9]+(?:[-.][A-Z0-9]+)*\b"  # SAFE-A.01, CRM-B, P1-S7
    r"|\b[0-9a-f]{6,}(?:-[0-9a-f]{4,})*\b"  # assessment ids, short or whole
    r"|(?:[A-Za-z]:)?(?:[/\\][\w.\-~]+){2,}"  # file paths
    r"|\b[\w.\-]+\.(?:aeoa|aeor|aeob|pdf|csv|xlsx|docx|sqlite3|json|png|jpg|txt)\b"
    r"|https?://\S+|\b[\w.-]+@[\w.-]+\b"
    r"|\((?:[A-Z]|F\d+)\)"  # a key that does it: "Accepted (A)"
    r"|\b[A-Z]{2}\b|\b[A-Z]\d{1,2}\b"  # country codes; short codes: A4, F1 (a finding)
)
_LETTER = re.compile(r"[^\W\d_]")


def _normal(text: str) -> str:
    """Spaces as one, none inside parentheses: a PDF line may break after "(" ."""
    return re.sub(r"\(\s+|\s+\)", lambda m: m[0].strip(), " ".join(text.split()))


class Allowed:
    """What may show outside the brackets: user data, proper names, ids, numbers."""

    def __init__(self, texts: Iterable[str]) -> None:
        words = {_normal(text) for text in texts if text and text.strip()}
        words |= {_normal(name) for name in _proper_names()}
        # A letter or two is no name: "A" would excuse the "A" of "SAFE-A.01" before the id does.
        self._sorted = sorted(w for w in words if _LETTER.search(w) and len(w) > 2)
        ordered = sorted(self._sorted, key=len, reverse=True)
        alternatives = "|".join(re.escape(word) for word in ordered)
        self._texts = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")

    def leftover(self, text: str) -> str:
        """The unexcused fragments of ``text``, joined by " | ": empty when the text passes.
        Line breaks count as spaces (a report wraps a name over two lines)."""
        rest = _normal(self._shortened(outside_brackets(text)))
        for pattern in (self._texts, _ID, _FORMATS):
            rest = pattern.sub(GAP, rest)
        fragments = [" ".join(part.split()) for part in rest.split(GAP)]
        return " | ".join(part for part in fragments if _LETTER.search(part))

    def _shortened(self, text: str) -> str:
        """Gaps for allowed texts cut short with "…" (a long name in a page header)."""
        for match in reversed(list(re.finditer("…", text))):
            end = match.start()
            for start in range(max(0, end - 120), end - 2):
                piece = _normal(text[start:end])
                at = bisect.bisect_left(self._sorted, piece)
                if piece and at < len(self._sorted) and self._sorted[at].startswith(piece):
                    text = text[:start] + GAP + text[match.end():]
                    break
        return text


def _proper_names() -> set[str]:
    names = {"aeo-assess", "English", "Español", "Français", "A4", PSEUDO, getpass.getuser()}
    for lang in ("en", "es", "fr"):
        names |= {name for _code, name in i18n.countries(lang)}
    for path in sorted((data_path("resources") / "countries").glob("*.json")):
        names |= set(_data_names(json.loads(path.read_text("utf-8"))))
    for questionnaire in shipped():
        names |= {questionnaire.id, questionnaire.version}
        for criterion in questionnaire.criteria:
            for question in criterion.questions:
                names |= {ref for _kind, ref in question.refs}  # citations: "Vol. 1 ch. 2"
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
            for width in ("abbreviated", "wide"):  # not the narrow "M", "T"
                words |= {str(name) for name in context[width].values()}
    return re.compile(r"\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b")


_FORMATS = _format_words()


def database_texts(path: Path) -> set[str]:
    """Every text stored in a SQLite database that reads as user data (company names,
    comments, file names, findings...): what users typed is shown as typed. Lower-case codes
    ("draft", '["exporter"]', "(overall)") are left out: shown raw, they are English."""
    texts: set[str] = set()
    with sqlite3.connect(path) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in db.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str) and not _is_code(value):
                        texts.add(value)
                        texts |= set(value.splitlines())
    return texts


def _is_code(value: str) -> bool:
    return all(re.fullmatch(r"[a-z0-9_]+", word) for word in re.findall(r"\w+", value))
