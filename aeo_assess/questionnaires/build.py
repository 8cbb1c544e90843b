"""Turn validated questionnaire data into domain objects."""

from __future__ import annotations

from typing import Any

from aeo_assess.domain.questionnaire import (
    Criterion,
    MaturityLevel,
    Option,
    Question,
    Questionnaire,
    QuestionType,
    ReadinessRule,
    ShowIf,
)


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
        blocking=bool(data.get("blocking", False)),
        roles=frozenset(data.get("roles", criterion.get("roles", ()))),
        aeo_types=frozenset(data.get("aeo_types", criterion.get("aeo_types", ()))),
        show_if=ShowIf(show_if["question"], show_if["equals"]) if show_if else None,
        refs=tuple(sorted((str(k), str(v)) for k, v in data.get("refs", {}).items())),
        compliant=data.get("compliant"),
        options=tuple(
            Option(o["value"], o["label"], None if o.get("score") is None else float(o["score"])) for o in data.get("options", ())
        ),
    )


def build_questionnaire(data: dict[str, Any]) -> Questionnaire:
    return Questionnaire(
        id=data["id"],
        version=str(data["version"]),
        title=data["title"],
        source=data.get("source", {}),
        languages=tuple(data["languages"]),
        readiness=tuple(
            ReadinessRule(
                level=r["level"],
                label=r["label"],
                description=r.get("description", {}),
                min_overall=r.get("min_overall"),
                min_each_criterion=r.get("min_each_criterion"),
                max_blocking=r.get("max_blocking"),
                complete=bool(r.get("complete", False)),
            )
            for r in data["readiness"]
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
