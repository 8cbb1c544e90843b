"""Questionnaire files: safe YAML loading, schema and semantic validation, shipped registry."""

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
