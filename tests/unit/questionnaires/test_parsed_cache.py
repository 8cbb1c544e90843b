"""The shipped questionnaires' parsed YAML kept as JSON (``parsed_cache``): what is built from
an entry is what parsing the file builds, and a damaged or unwritable cache changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from aeo_assess.questionnaires import parsed_cache, registry
from aeo_assess.questionnaires.build import build_questionnaire


@pytest.fixture(autouse=True)
def fresh_parse() -> Iterator[None]:
    """Each test reads the files (or entries) itself, not what an earlier one parsed."""
    registry._trusted.cache_clear()
    yield
    registry._trusted.cache_clear()


@pytest.mark.parametrize("path", registry.shipped_files(), ids=lambda path: path.name)
def test_an_entry_builds_what_parsing_the_file_builds(path: Path) -> None:
    raw = path.read_bytes()
    data = yaml.load(raw, Loader=yaml.SafeLoader)
    parsed = registry._trusted(path)
    assert parsed == build_questionnaire(data)
    assert parsed_cache.load(raw) == data  # the entry was written, and holds the data exactly
    registry._trusted.cache_clear()
    assert registry._trusted(path) == parsed


def test_a_damaged_entry_is_parsed_again(tmp_path: Path) -> None:
    path = registry.shipped_files()[0]
    truth = registry._trusted(path)
    entry = parsed_cache.entry_path(path.read_bytes())
    for damage in (b'{"id": "cut', b'{"id": "no-such-structure"}', b"[]"):
        entry.write_bytes(damage)
        registry._trusted.cache_clear()
        assert registry._trusted(path) == truth


def test_an_unwritable_cache_is_no_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("AEO_ASSESS_CACHE", str(blocked))
    path = registry.shipped_files()[0]
    assert registry._trusted(path) == build_questionnaire(
        yaml.load(path.read_bytes(), Loader=yaml.SafeLoader)
    )
    assert parsed_cache.load(path.read_bytes()) is None


def test_data_json_cannot_give_back_is_not_kept() -> None:
    for data in ({"due": dt.date(2027, 1, 1)}, {1: "a key that is no text"}):
        parsed_cache.store(b"raw", data)
        assert parsed_cache.load(b"raw") is None
