"""French in the shipped questionnaires (issue 14), and the earlier bytes of a version that only
gained a translation: still official, same questions and scores, shown in the current languages."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.text import localized
from aeo_assess.questionnaires.registry import (
    differs_from_shipped,
    find,
    parse_known,
    shipped,
    shipped_files,
    shipped_raw,
    shipped_with_files,
)
from aeo_assess.resources import data_path

EARLIER = [
    (qid, version) for qid in ("safe-aeo", "risk-management") for version in ("2026.1", "2027.1")
]
"""The versions whose en/es bytes were shipped before French was added."""


def _earlier_path(qid: str, version: str) -> Path:
    return data_path("questionnaires") / "previous" / f"{qid}-{version}-en-es.yaml"


def _shipped(qid: str, version: str | None = None) -> Questionnaire:
    questionnaire = find(qid, version)
    assert questionnaire is not None, (qid, version)
    return questionnaire


def _texts(questionnaire: Questionnaire) -> list[dict[str, str]]:
    """Every localized text a user can be shown."""
    texts = [questionnaire.title, questionnaire.source]
    for level in questionnaire.maturity_scale:
        texts += [level.label, level.description]
    for rule in (*questionnaire.readiness, questionnaire.not_eligible):
        if rule is not None:
            texts += [rule.label, rule.description, rule.why]
    for criterion in questionnaire.criteria:
        texts += [criterion.title, criterion.summary]
        for question in criterion.questions:
            texts += [question.text, question.guidance, question.recommendation]
            texts += [*question.evidence, *(option.label for option in question.options)]
    return [text for text in texts if text is not None]


def _without(data: Any, language: str) -> Any:
    """The parsed YAML with one language taken out of every text and of ``languages``."""
    if isinstance(data, dict):
        return {
            key: [lang for lang in value if lang != language]
            if key == "languages"
            else _without(value, language)
            for key, value in data.items()
            if not (key == language and "en" in data)
        }
    if isinstance(data, list):
        return [_without(item, language) for item in data]
    return data


@pytest.mark.parametrize(
    ("qid", "version"), [*EARLIER, ("customs-rm", None)], ids=lambda value: str(value)
)
def test_every_text_has_its_own_french(qid: str, version: str | None) -> None:
    questionnaire = _shipped(qid, version)
    assert questionnaire.languages == ("en", "es", "fr")
    texts = _texts(questionnaire)
    assert len(texts) > 100
    for text in texts:
        assert text.get("fr", "").strip(), text["en"]
        assert localized(text, "fr") == text["fr"]  # never the English fallback
        if len(text["en"]) > 20:
            assert text["fr"] not in (text["en"], text["es"]), text["en"]


@pytest.mark.parametrize(("qid", "version"), EARLIER, ids=lambda value: str(value))
def test_french_uses_the_wco_terms(qid: str, version: str) -> None:
    french = " ".join(text["fr"] for text in _texts(_shipped(qid, version)))
    for foreign in ("valideur", "plomb", "Operador", "Authorized", "requisito", "  "):
        assert foreign not in french, foreign
    assert "validateur" in french
    if qid == "safe-aeo":
        assert "Cadre de normes SAFE" in french and "scellé" in french
    # French spacing before double punctuation, as in customs-rm and the catalogs.
    assert not re.search(r"\w[:;?!](\s|$)", french)


@pytest.mark.parametrize(("qid", "version"), EARLIER, ids=lambda value: str(value))
def test_the_earlier_bytes_are_the_same_questionnaire_without_french(
    qid: str, version: str
) -> None:
    (path,) = [p for q, p in shipped_with_files() if q.key == f"{qid}@{version}"]
    current = yaml.safe_load(path.read_bytes())
    earlier = yaml.safe_load(_earlier_path(qid, version).read_bytes())
    assert earlier["version"] == current["version"] and "fr" not in earlier["languages"]
    assert _without(current, "fr") == earlier


@pytest.mark.parametrize(("qid", "version"), EARLIER, ids=lambda value: str(value))
def test_the_earlier_bytes_stay_official_and_read_in_french(qid: str, version: str) -> None:
    current = _shipped(qid, version)
    raw = _earlier_path(qid, version).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    assert not differs_from_shipped(current.id, current.version, digest)
    (path,) = [p for q, p in shipped_with_files() if q is current]
    french = path.read_bytes()
    assert b"fr:" in french and b"fr:" not in raw
    assert not differs_from_shipped(current.id, current.version, hashlib.sha256(french).hexdigest())
    assert differs_from_shipped(current.id, current.version, hashlib.sha256(raw + b"#").hexdigest())
    assert parse_known(raw, "x") == parse_known(french, "x") == (current, [])
    # New assessments store, and applicant files carry, the bytes that installations not yet
    # updated accept as the official version; they are shown in French all the same.
    assert shipped_raw(current) == raw


def test_each_version_is_listed_once_from_its_current_file() -> None:
    keys = [q.key for q in shipped()]
    assert len(keys) == len(set(keys))
    assert len(shipped_files()) == len(keys) + len(EARLIER)
    files = {q.key: path.name for q, path in shipped_with_files()}
    assert files["safe-aeo@2027.1"] == "safe-aeo.yaml"
    assert files["risk-management@2027.1"] == "risk-management.yaml"
    assert files["safe-aeo@2026.1"] == "safe-aeo-2026.1.yaml"
    assert files["risk-management@2026.1"] == "risk-management-2026.1.yaml"
