"""Shared fixtures: a small, valid questionnaire that tests break on purpose."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("default", deadline=None, max_examples=150)
settings.load_profile("default")

MINIMAL = """\
id: mini
version: "1"
title: {en: Mini, es: Mini}
languages: [en, es]
readiness:
  - {level: ready, label: {en: Ready, es: Listo}, min_overall: 0.8, max_blocking: 0, complete: true}
  - {level: developing, label: {en: Developing, es: En desarrollo}, min_overall: 0.4}
  - {level: not_ready, label: {en: Not ready, es: No listo}}
criteria:
  - id: C1
    title: {en: First, es: Primero}
    weight: 1
    questions:
      - id: C1.01
        type: maturity
        text: {en: "How?", es: "¿Cómo?"}
        guidance: {en: G, es: G}
        evidence: [{en: E, es: E}]
        recommendation: {en: R, es: R}
        weight: 2
        blocking: true
      - id: C1.02
        type: yes_no
        compliant: true
        text: {en: "Do you?", es: "¿Usted?"}
        guidance: {en: G, es: G}
        evidence: [{en: E, es: E}]
        recommendation: {en: R, es: R}
      - id: C1.03
        type: choice
        options:
          - {value: none, label: {en: None, es: Ninguno}, score: 0}
          - {value: full, label: {en: Full, es: Completo}, score: 1}
        show_if: {question: C1.02, equals: true}
        text: {en: "Which?", es: "¿Cuál?"}
        guidance: {en: G, es: G}
        evidence: [{en: E, es: E}]
        recommendation: {en: R, es: R}
  - id: C2
    title: {en: Second, es: Segundo}
    weight: 2
    questions:
      - id: C2.01
        type: maturity
        roles: [carrier]
        text: {en: "Trucks?", es: "¿Camiones?"}
        guidance: {en: G, es: G}
        evidence: [{en: E, es: E}]
        recommendation: {en: R, es: R}
      - id: C2.02
        type: date
        text: {en: "When?", es: "¿Cuándo?"}
        guidance: {en: G, es: G}
        evidence: [{en: E, es: E}]
        recommendation: {en: R, es: R}
"""


@pytest.fixture(autouse=True)
def plain_user(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's settings, keys or cache or speaks the developer's
    language: settings (and answers pending for an unreachable server) in fresh files, signing
    keys and the cache in fresh directories, a system locale of no language of ours (English),
    unless a test says so."""
    settings = tmp_path_factory.mktemp("settings") / "settings.json"
    monkeypatch.setenv("AEO_ASSESS_SETTINGS", str(settings))
    monkeypatch.setenv("AEO_ASSESS_PENDING", str(settings.with_name("pending-answers.json")))
    monkeypatch.setenv("AEO_ASSESS_KEYS", str(tmp_path_factory.mktemp("keys")))
    monkeypatch.setenv("AEO_ASSESS_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("AEO_ASSESS_KEY_PASSPHRASE", raising=False)
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def minimal_text() -> str:
    return MINIMAL


@pytest.fixture
def write_questionnaire(tmp_path: Path):  # type: ignore[no-untyped-def]
    def write(text: str | bytes, name: str = "q.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, str):
            path.write_text(text, encoding="utf-8")
        else:
            path.write_bytes(text)
        return path

    return write
