"""The questionnaires shipped with the application."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.questionnaires.build import build_questionnaire
from aeo_assess.questionnaires.loader import load_questionnaire, parse_questionnaire
from aeo_assess.questionnaires.problems import Problem
from aeo_assess.questionnaires.yaml_source import SafeLoader
from aeo_assess.resources import data_path


def shipped_files() -> list[Path]:
    """Current versions, then the earlier ones kept in ``previous/`` byte for byte, so that
    assessments and applicant files answered on them still score and import."""
    folder = data_path("questionnaires")
    return [*sorted(folder.glob("*.yaml")), *sorted(folder.glob("previous/*.yaml"))]


@cache
def _trusted(path: Path) -> Questionnaire:
    """Shipped files pass every check in the test suite, so at run time they are only parsed
    (the schema and semantic checks cost a fifth of a second at every start). A damaged
    installation falls back to the full checks and their file:line:column messages."""
    loader = SafeLoader(path.read_bytes())
    try:
        return build_questionnaire(loader.get_single_data())
    except Exception:  # any damage: let the full loader say what is wrong
        return load_questionnaire(path)
    finally:
        loader.dispose()


@cache
def shipped() -> tuple[Questionnaire, ...]:
    return tuple(_trusted(path) for path in shipped_files())


@cache
def _shipped_by_sha256() -> dict[str, Path]:
    return {hashlib.sha256(path.read_bytes()).hexdigest(): path for path in shipped_files()}


def parse_known(raw: bytes, file: str) -> tuple[Questionnaire | None, list[Problem]]:
    """parse_questionnaire, answered at once for the exact bytes of a shipped file (stored
    assessments and applicant files almost always carry one); only that file is parsed."""
    path = _shipped_by_sha256().get(hashlib.sha256(raw).hexdigest())
    return (_trusted(path), []) if path is not None else parse_questionnaire(raw, file)


def shipped_raw(questionnaire: Questionnaire) -> bytes:
    """The exact bytes of a shipped questionnaire: stored with assessments, hashed, exported."""
    for path, candidate in zip(shipped_files(), shipped(), strict=True):
        if candidate.key == questionnaire.key:
            return path.read_bytes()
    raise KeyError(questionnaire.key)


def latest() -> tuple[Questionnaire, ...]:
    """The newest version of each shipped questionnaire: what a new assessment is started on."""
    newest: dict[str, Questionnaire] = {}
    for questionnaire in shipped():
        current = newest.get(questionnaire.id)
        if current is None or version_key(questionnaire.version) > version_key(current.version):
            newest[questionnaire.id] = questionnaire
    return tuple(newest.values())


def find(questionnaire_id: str, version: str | None = None) -> Questionnaire | None:
    """The shipped questionnaire with that id (newest version unless one is named)."""
    matches = [q for q in shipped() if q.id == questionnaire_id]
    if version is not None:
        matches = [q for q in matches if q.version == version]
    return max(matches, key=lambda q: version_key(q.version), default=None)


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Order "2026.10" after "2026.9": numeric parts compare as numbers."""
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in version.split("."))
