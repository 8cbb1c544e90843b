"""The registry chooses among the shipped files from their headers and parses only the files a
caller needs: the earlier copies in ``previous/`` are not parsed at start-up."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.questionnaires import registry
from aeo_assess.questionnaires.loader import load_questionnaire


@pytest.fixture()
def fresh() -> Iterator[None]:
    """Every cache emptied, so that what a call parses can be counted."""
    caches = [registry._trusted, registry._headers, registry._current, registry._written,
              registry.shipped, registry._keys_by_sha256, registry._sha256s_by_version]
    for cached in caches:
        cached.cache_clear()
    yield
    for cached in caches:
        cached.cache_clear()


def test_headers_read_without_parsing_equal_the_parsed_files() -> None:
    for path in registry.shipped_files():
        header = registry._header(path)
        parsed = load_questionnaire(path)
        assert (header.id, header.version, header.languages) == (
            parsed.id, parsed.version, len(parsed.languages)
        ), path


@pytest.mark.usefixtures("fresh")
def test_finding_the_current_questionnaires_parses_no_earlier_copy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parsed: list[Path] = []
    trusted = registry._trusted

    def recording(path: Path) -> Questionnaire:
        parsed.append(path)
        return trusted(path)

    monkeypatch.setattr(registry, "_trusted", recording)
    questionnaire = registry.find("safe-aeo", "2027.1")
    assert questionnaire is not None and questionnaire.languages == ("en", "es", "fr")
    assert {q.id for q in registry.latest()} == {"safe-aeo", "risk-management", "customs-rm"}
    assert parsed and all("previous" not in path.parts for path in parsed)


@pytest.mark.usefixtures("fresh")
def test_earlier_bytes_are_recognised_by_hash_and_shown_in_the_fullest_translation() -> None:
    earlier = next(p for p in registry.shipped_files() if p.name == "safe-aeo-2027.1-en-es.yaml")
    raw = earlier.read_bytes()
    questionnaire, problems = registry.parse_known(raw, earlier.name)
    assert problems == [] and questionnaire is not None
    assert questionnaire.key == "safe-aeo@2027.1" and "fr" in questionnaire.languages
    assert not registry.differs_from_shipped("safe-aeo", "2027.1", hashlib.sha256(raw).hexdigest())
    assert registry.differs_from_shipped("safe-aeo", "2027.1", "0" * 64)
    assert registry.shipped_raw(questionnaire) == raw  # the fewest languages are written


@pytest.mark.usefixtures("fresh")
def test_every_shipped_version_is_still_listed() -> None:
    keys = {q.key for q in registry.shipped()}
    assert {"safe-aeo@2026.1", "safe-aeo@2027.1", "risk-management@2026.1",
            "risk-management@2027.1", "customs-rm@2027.1"} <= keys
