"""Turn validated questionnaire data into domain objects."""

from __future__ import annotations

from typing import Any

from aeo_assess.domain.questionnaire import (
    DEFAULT_COMPLETENESS_FLOOR,
    Criterion,
    MaturityLevel,
    Option,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionType,
    ReadinessRule,
    ShowIf,
)
from aeo_assess.domain.vocabulary import Level, Subject


def _question(data: dict[str, Any], criterion: dict[str, Any]) -> Question:
    show_if = data.get("show_if")
    return Question(
        id=data["id"],
        criterion_id=criterion["id"],
        type=QuestionType(data["type"]),
        text=data["text"],
        guidance=data["guidance"],
        evidence=tuple(data["evidence"]),
        recommendation=data["recommendation"],
        weight=float(data.get("weight", 1)),
        kind=_kind(data),
        roles=frozenset(data.get("roles", criterion.get("roles", ()))),
        aeo_types=frozenset(data.get("aeo_types", criterion.get("aeo_types", ()))),
        show_if=ShowIf(show_if["question"], show_if["equals"]) if show_if else None,
        refs=tuple(sorted((str(k), str(v)) for k, v in data.get("refs", {}).items())),
        compliant=data.get("compliant"),
        options=tuple(
            Option(o["value"], o["label"], None if o.get("score") is None else float(o["score"])) for o in data.get("options", ())
        ),
        min_value=None if data.get("min") is None else float(data["min"]),
        max_value=None if data.get("max") is None else float(data["max"]),
        unit=data.get("unit"),
    )


def _kind(data: dict[str, Any]) -> QuestionKind:
    """``blocking: true`` is how files before 2027.1 said must."""
    if "kind" in data:
        return QuestionKind(data["kind"])
    return QuestionKind.MUST if data.get("blocking") else QuestionKind.SHOULD


def _rule(r: dict[str, Any]) -> ReadinessRule:
    """``max_blocking`` and ``complete`` are the names files before 2027.1 used."""
    max_failed = r.get("max_failed_musts", r.get("max_blocking"))
    min_completeness = r.get("min_completeness", 1.0 if r.get("complete") else None)
    return ReadinessRule(
        level=r["level"],
        label=r["label"],
        description=r.get("description", {}),
        why=r.get("why"),
        min_overall=r.get("min_overall"),
        min_each_criterion=r.get("min_each_criterion"),
        max_failed_musts=max_failed,
        max_open_musts=r.get("max_open_musts"),
        min_completeness=min_completeness,
    )


def build_questionnaire(data: dict[str, Any]) -> Questionnaire:
    return Questionnaire(
        id=data["id"],
        version=str(data["version"]),
        title=data["title"],
        source=data.get("source", {}),
        languages=tuple(data["languages"]),
        readiness=tuple(_rule(r) for r in data["readiness"]),
        subject=Subject(data.get("subject", Subject.COMPANY)),
        completeness_floor=float(data.get("completeness_floor", DEFAULT_COMPLETENESS_FLOOR)),
        not_eligible=(
            _rule({"level": Level.NOT_ELIGIBLE, **data["not_eligible"]})
            if "not_eligible" in data
            else None
        ),
        criteria=tuple(
            Criterion(
                id=c["id"],
                title=c["title"],
                summary=c.get("summary", {}),
                weight=float(c["weight"]),
                extension=bool(c.get("extension", False)),
                questions=tuple(_question(q, c) for q in c["questions"]),
            )
            for c in data["criteria"]
        ),
        maturity_scale=tuple(
            MaturityLevel(m["value"], m["label"], m["description"])
            for m in data.get("maturity_scale", ())
        ),
    )
