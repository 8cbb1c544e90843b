"""The questionnaires shipped with the application.

PyYAML and the validators are imported only to parse: a shipped questionnaire is usually read
from ``parsed_cache``, and a stored one is nearly always the bytes of a shipped file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.questionnaires import parsed_cache
from aeo_assess.questionnaires.build import build_questionnaire
from aeo_assess.questionnaires.problems import Problem
from aeo_assess.resources import data_path


def shipped_files() -> list[Path]:
    """Current versions, then the earlier ones kept in ``previous/`` byte for byte, so that
    assessments and applicant files answered on them still score and import."""
    folder = data_path("questionnaires")
    return [*sorted(folder.glob("*.yaml")), *sorted(folder.glob("previous/*.yaml"))]


@cache
def _trusted(path: Path) -> Questionnaire:
    """Shipped files pass every check in the test suite, so at run time they are only parsed
    (the schema and semantic checks cost a fifth of a second at every start), or read from
    ``parsed_cache``. A damaged installation falls back to the full checks and their
    file:line:column messages."""
    raw = path.read_bytes()
    kept = parsed_cache.load(raw)
    if kept is not None:
        try:
            return build_questionnaire(kept)
        except Exception:  # a damaged entry: parse the file as if there were none
            pass
    from aeo_assess.questionnaires.loader import load_questionnaire
    from aeo_assess.questionnaires.yaml_source import SafeLoader

    loader = SafeLoader(raw)
    try:
        data = loader.get_single_data()
        questionnaire = build_questionnaire(data)
    except Exception:  # any damage: let the full loader say what is wrong
        return load_questionnaire(path)
    finally:
        loader.dispose()
    parsed_cache.store(raw, data)
    return questionnaire


_HEADER = re.compile(
    rb'^id: *"?([^"\s#]+)"? *$.*?^version: *"?([^"\s#]+)"? *$.*?^languages: *\[([^\]]*)\]',
    re.MULTILINE | re.DOTALL,
)


@dataclass(frozen=True)
class _Header:
    """What choosing among the shipped files needs, read without parsing the YAML: parsing
    every earlier copy in ``previous/`` cost a tenth of a second at every start, although
    they are needed only when a stored assessment or a file carries their bytes."""

    path: Path
    id: str
    version: str
    languages: int

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"


def _header(path: Path) -> _Header:
    """The file's top-level id, version and number of languages (tests/unit/questionnaires pin
    that they equal the parsed ones); a file laid out otherwise is parsed."""
    found = _HEADER.search(path.read_bytes())
    if found is None:
        questionnaire = _trusted(path)
        return _Header(path, questionnaire.id, questionnaire.version,
                       len(questionnaire.languages))
    languages = [code for code in found.group(3).split(b",") if code.strip()]
    return _Header(path, found.group(1).decode(), found.group(2).decode(), len(languages))


@cache
def _headers() -> tuple[_Header, ...]:
    return tuple(_header(path) for path in shipped_files())


def _by_languages(fewest: bool) -> dict[str, Path]:
    """Per id and version, the shipped file with the most (or fewest) languages; on a tie, the
    one listed first."""
    chosen: dict[str, _Header] = {}
    for header in _headers():
        held = chosen.get(header.key)
        if held is None or (
            (header.languages < held.languages) if fewest else (header.languages > held.languages)
        ):
            chosen[header.key] = header
    return {key: header.path for key, header in chosen.items()}


@cache
def _current() -> dict[str, Path]:
    """Per id and version, the file read for what is shown: the fullest translation.

    One id and version can ship as several byte contents that differ only by translations
    (``previous/safe-aeo-2027.1-en-es.yaml`` is 2027.1 before French was added): the tests pin
    that they ask the same questions and score the same. All stay shipped, so that files and
    databases holding any of them count as the official questionnaire, and each is shown in
    every language of the fullest one."""
    return _by_languages(fewest=False)


@cache
def _written() -> dict[str, Path]:
    """Per id and version, the bytes stored with new assessments and so written to applicant
    files: the earliest translation (the fewest languages), which every installation that ships
    the version accepts; an installation not yet updated refuses any other bytes under the
    official id and version."""
    return _by_languages(fewest=True)


def _shown(key: str) -> Questionnaire:
    """The questionnaire of that id and version in its current translation, parsed on first
    use only."""
    return _trusted(_current()[key])


@cache
def shipped() -> tuple[Questionnaire, ...]:
    """Each shipped id and version once, in its current translation."""
    return tuple(_shown(key) for key in _current())


def shipped_with_files() -> tuple[tuple[Questionnaire, Path], ...]:
    """shipped(), each with the file it is read from."""
    return tuple((_shown(key), path) for key, path in _current().items())


@cache
def _keys_by_sha256() -> dict[str, str]:
    """Every shipped byte content's SHA-256 and the id and version it carries."""
    return {
        hashlib.sha256(header.path.read_bytes()).hexdigest(): header.key
        for header in _headers()
    }


@cache
def _sha256s_by_version() -> dict[tuple[str, str], frozenset[str]]:
    found: dict[tuple[str, str], set[str]] = {}
    for header in _headers():
        digest = hashlib.sha256(header.path.read_bytes()).hexdigest()
        found.setdefault((header.id, header.version), set()).add(digest)
    return {version: frozenset(digests) for version, digests in found.items()}


def differs_from_shipped(questionnaire_id: str, version: str, sha256: str) -> bool:
    """True when a questionnaire of that id and version is shipped and these bytes are none of
    its shipped byte contents.

    A file that names a shipped questionnaire must carry exactly the bytes of one of them: the
    official id and version are what peers, reports and officers trust."""
    digests = _sha256s_by_version().get((questionnaire_id, version))
    return digests is not None and sha256 not in digests


def parse_known(raw: bytes, file: str) -> tuple[Questionnaire | None, list[Problem]]:
    """parse_questionnaire, answered at once for the exact bytes of a shipped file (stored
    assessments and applicant files almost always carry one); only that file is parsed.

    Bytes of an earlier translation of a shipped version give that version in its current
    translation, so an assessment stored before French was added is shown in French."""
    key = _keys_by_sha256().get(hashlib.sha256(raw).hexdigest())
    if key is not None:
        return _shown(key), []
    from aeo_assess.questionnaires.loader import parse_questionnaire

    return parse_questionnaire(raw, file)


def shipped_raw(questionnaire: Questionnaire) -> bytes:
    """The exact bytes of a shipped questionnaire, stored with new assessments, hashed and
    exported: for a version shipped in several translations, its earliest bytes (_written)."""
    path = _written().get(questionnaire.key)
    if path is None:
        raise KeyError(questionnaire.key)
    return path.read_bytes()


def latest() -> tuple[Questionnaire, ...]:
    """The newest version of each shipped questionnaire: what a new assessment is started on."""
    newest: dict[str, _Header] = {}
    for header in _headers():
        current = newest.get(header.id)
        if current is None or version_key(header.version) > version_key(current.version):
            newest[header.id] = header
    return tuple(_shown(header.key) for header in newest.values())


def find(questionnaire_id: str, version: str | None = None) -> Questionnaire | None:
    """The shipped questionnaire with that id (newest version unless one is named)."""
    matches = [h for h in _headers() if h.id == questionnaire_id]
    if version is not None:
        matches = [h for h in matches if h.version == version]
    newest = max(matches, key=lambda h: version_key(h.version), default=None)
    return None if newest is None else _shown(newest.key)


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Order "2026.10" after "2026.9": numeric parts compare as numbers."""
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in version.split("."))
