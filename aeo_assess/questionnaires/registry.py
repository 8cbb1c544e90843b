"""The questionnaires shipped with the application."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.questionnaires.loader import load_questionnaire
from aeo_assess.resources import data_path


def shipped_files() -> list[Path]:
    return sorted(data_path("questionnaires").glob("*.yaml"))


@cache
def shipped() -> tuple[Questionnaire, ...]:
    return tuple(load_questionnaire(path) for path in shipped_files())


def shipped_raw(questionnaire: Questionnaire) -> bytes:
    """The exact bytes of a shipped questionnaire: stored with assessments, hashed, exported."""
    for path, candidate in zip(shipped_files(), shipped(), strict=True):
        if candidate.key == questionnaire.key:
            return path.read_bytes()
    raise KeyError(questionnaire.key)


def find(questionnaire_id: str, version: str | None = None) -> Questionnaire | None:
    """The shipped questionnaire with that id (newest version unless one is named)."""
    matches = [q for q in shipped() if q.id == questionnaire_id]
    if version is not None:
        matches = [q for q in matches if q.version == version]
    return max(matches, key=lambda q: version_key(q.version), default=None)


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Order "2026.10" after "2026.9": numeric parts compare as numbers."""
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in version.split("."))
