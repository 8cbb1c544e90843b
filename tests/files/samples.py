"""A questionnaire with every question type, and an assessment that answers all of them."""

from __future__ import annotations

import datetime as dt
import hashlib

from aeo_assess.domain.assessment import Answer, Assessment, Evidence, PlanEntry, Status

QUESTIONNAIRE_YAML = """\
id: every-type
version: "2026.1"
title: {en: Every type, es: Todos los tipos}
languages: [en, es]
readiness:
  - {level: ready, label: {en: Ready, es: Listo}, min_overall: 0.8, max_blocking: 0}
  - {level: not_ready, label: {en: Not ready, es: No listo}}
criteria:
  - id: SAFE-A
    title: {en: Scoring, es: Puntuación}
    weight: 1
    questions:
      - id: SAFE-A.01
        type: maturity
        blocking: true
        text: {en: "How mature?", es: "¿Qué tan maduro?"}
        guidance: {en: G, es: G}
        evidence: [{en: E, es: E}]
        recommendation: {en: R, es: R}
      - id: SAFE-A.02
        type: yes_no
        compliant: true
        text: {en: "Do you?", es: "¿Usted?"}
        guidance: {en: G, es: G}
        evidence: [{en: E, es: E}]
        recommendation: {en: R, es: R}
      - id: SAFE-A.03
        type: choice
        options:
          - {value: none, label: {en: None, es: Ninguno}, score: 0}
          - {value: partial, label: {en: Partial, es: Parcial}, score: 0.5}
          - {value: full, label: {en: Full, es: Completo}, score: 1}
        text: {en: "Which?", es: "¿Cuál?"}
        guidance: {en: G, es: G}
        evidence: [{en: E, es: E}]
        recommendation: {en: R, es: R}
  - id: SAFE-B
    title: {en: Information, es: Información}
    weight: 1
    questions:
      - id: SAFE-B.01
        type: number
        text: {en: "How many?", es: "¿Cuántos?"}
        guidance: {en: G, es: G}
        evidence: [{en: E, es: E}]
        recommendation: {en: R, es: R}
      - id: SAFE-B.02
        type: text
        text: {en: "Describe", es: "Describa"}
        guidance: {en: G, es: G}
        evidence: [{en: E, es: E}]
        recommendation: {en: R, es: R}
      - id: SAFE-B.03
        type: date
        text: {en: "When?", es: "¿Cuándo?"}
        guidance: {en: G, es: G}
        evidence: [{en: E, es: E}]
        recommendation: {en: R, es: R}
"""
QUESTIONNAIRE_RAW = QUESTIONNAIRE_YAML.encode("utf-8")
QUESTION_IDS = ("SAFE-A.01", "SAFE-A.02", "SAFE-A.03", "SAFE-B.01", "SAFE-B.02", "SAFE-B.03")

POLICY = b"%PDF-1.4 security policy\n"
PHOTO = bytes(range(256)) * 4
EVIDENCE_DATA = {hashlib.sha256(b).hexdigest(): b for b in (POLICY, PHOTO)}
UTC = dt.UTC


def sample_assessment() -> Assessment:
    """Every answer type, NA, comments, flags, plan entries and evidence linked to questions."""
    policy, photo = (hashlib.sha256(b).hexdigest() for b in (POLICY, PHOTO))
    return Assessment(
        id="0b6e6f0e-4c1f-4f5e-9a55-2d1c3b4a5f60",
        questionnaire_id="every-type",
        questionnaire_version="2026.1",
        company="Café & Logística <S.A.>",
        tax_id="3-101-123456",
        country="CR",
        roles=frozenset({"importer", "exporter"}),
        aeo_types=frozenset({"security", "compliance"}),
        status=Status.SUBMITTED,
        demo=False,
        created_at=dt.datetime(2026, 1, 5, 8, 0, tzinfo=UTC),
        updated_at=dt.datetime(2026, 2, 1, 17, 30, 15, 250000, tzinfo=UTC),
        answers={
            "SAFE-A.01": Answer(value=3, comment="Procedure\nwith records", flagged=True),
            "SAFE-A.02": Answer(value=False),
            "SAFE-A.03": Answer(na_reason="We do not ship by sea", comment="see annex"),
            "SAFE-B.01": Answer(value=12.5),
            "SAFE-B.02": Answer(value="Línea 1\nLínea 2 — «ok» 😀"),
            "SAFE-B.03": Answer(value=dt.date(2025, 12, 31)),
        },
        plan={
            "SAFE-A.01": PlanEntry(owner="Ana Pérez", due=dt.date(2026, 6, 30)),
            "SAFE-A.02": PlanEntry(owner="Security team"),
        },
        evidence=(
            Evidence(
                policy, "policy.pdf", "application/pdf", len(POLICY), frozenset({"SAFE-A.01"})
            ),
            Evidence(photo, "gate photo.jpg", "image/jpeg", len(PHOTO), frozenset()),
        ),
    )
