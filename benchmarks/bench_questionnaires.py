"""Issue 2: load + validate the shipped safe-aeo file; score 1,000 fully answered assessments."""

from __future__ import annotations

import random

import yaml

from aeo_assess.domain.assessment import Answer, Assessment
from aeo_assess.domain.questionnaire import Questionnaire, QuestionType
from aeo_assess.questionnaires import load_questionnaire
from aeo_assess.questionnaires.registry import find, shipped_files
from aeo_assess.scoring import score
from benchmarks.timing import median_seconds, report


def _answers(questionnaire: Questionnaire, rng: random.Random) -> dict[str, Answer]:
    answers = {}
    for question in questionnaire.questions():
        if question.type is QuestionType.MATURITY:
            answers[question.id] = Answer(rng.randint(0, 4), comment="seen")
        elif question.type is QuestionType.YES_NO:
            answers[question.id] = Answer(rng.random() < 0.7)
        elif question.type is QuestionType.CHOICE:
            answers[question.id] = Answer(rng.choice(question.options).value)
        else:
            answers[question.id] = Answer("42")
    return answers


def main() -> None:
    path = next(p for p in shipped_files() if p.name == "safe-aeo.yaml")
    raw = path.read_text("utf-8")
    plain = median_seconds(lambda: yaml.safe_load(raw), repeat=15)
    loaded = median_seconds(lambda: load_questionnaire(path), repeat=15)
    report("safe-aeo: load + validate vs yaml.safe_load", loaded, plain)
    fast = median_seconds(lambda: yaml.load(raw, Loader=yaml.CSafeLoader), repeat=15)
    report("safe-aeo: load + validate vs libyaml CSafeLoader", loaded, fast)

    questionnaire = find("safe-aeo")
    assert questionnaire is not None
    rng = random.Random(7)
    roles = ["importer", "exporter", "carrier", "warehouse", "manufacturer", "broker"]
    batch = [
        Assessment(
            questionnaire.id,
            questionnaire.version,
            f"Company {i}",
            "CR",
            frozenset(rng.sample(roles, 2)),
            frozenset({"security", "compliance"}),
            _answers(questionnaire, rng),
        )
        for i in range(1000)
    ]
    scoring = median_seconds(lambda: [score(questionnaire, a) for a in batch], repeat=5)
    report("score 1,000 fully answered safe-aeo assessments", scoring)
    report("  per assessment", scoring / 1000)


if __name__ == "__main__":
    main()
