"""Questionnaire files: safe YAML loading, schema and semantic validation, shipped registry.

The loader's names are imported on first use (PEP 562): reading a shipped or stored
questionnaire, as every report does, needs neither PyYAML nor the validators.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aeo_assess.questionnaires.loader import (
        QuestionnaireError,
        load_questionnaire,
        parse_questionnaire,
        validate_file,
    )
    from aeo_assess.questionnaires.problems import Problem

__all__ = [
    "Problem",
    "QuestionnaireError",
    "load_questionnaire",
    "parse_questionnaire",
    "validate_file",
]


def __getattr__(name: str) -> Any:
    if name == "Problem":
        from aeo_assess.questionnaires.problems import Problem

        return Problem
    if name in __all__:
        from aeo_assess.questionnaires import loader

        return getattr(loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
