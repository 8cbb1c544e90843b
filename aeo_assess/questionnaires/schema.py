"""JSON Schema validation with messages a questionnaire author can act on.

jsonschema is imported on the first validation: shipped questionnaires are recognised by their
SHA-256 and never validated at run time, so most processes never need it (0.1 s to import).
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

from aeo_assess.messages import Message
from aeo_assess.questionnaires.problems import Problem
from aeo_assess.questionnaires.yaml_source import SourceMap
from aeo_assess.resources import data_path

if TYPE_CHECKING:
    import jsonschema


@cache
def _validator() -> jsonschema.Draft202012Validator:
    import jsonschema

    schema = json.loads((data_path("questionnaires") / "schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _where(path: tuple[str | int, ...]) -> str:
    return "".join(
        f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path)
    )


def _messages(error: jsonschema.ValidationError, source: SourceMap) -> list[Problem]:
    path = tuple(error.absolute_path)
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    expected: Any = error.validator_value
    instance: Any = error.instance
    name: Message | str = _where(path) or Message("questionnaire.the_file", "the file")
    kind = error.validator
    if kind == "required":
        missing = [k for k in expected if k not in instance]
        return [source.problem(path, Message(
            "schema.missing_key_in",
            "missing key '{k}' in {name}",
            k=k, name=name,
        )) for k in missing]
    if kind == "additionalProperties" and isinstance(instance, dict):
        allowed = set(schema.get("properties", {}))
        extra = [k for k in instance if k not in allowed]
        return [source.problem((*path, k), Message(
            "schema.unknown_key_in",
            "unknown key '{k}' in {name}",
            k=k, name=name,
        ), key=True) for k in extra]
    if kind in ("minimum", "maximum"):
        low = schema.get("minimum")
        high = schema.get("maximum")
        return [
            source.problem(path, Message(
                "schema.it_must_be_from",
                "{name} is {value}; it must be from {low} to {high}",
                name=name, value=error.instance, low=low, high=high,
            ))
        ]
    if kind == "type":
        return [
            source.problem(
                path, Message(
                    "schema.must_be_type_not",
                    "{name} must be of type {expected}, not {found}",
                    name=name, expected=expected, found=type(error.instance).__name__,
                )
            )
        ]
    if kind == "enum":
        choices = ", ".join(str(v) for v in expected)
        return [source.problem(path, Message(
            "schema.it_must_be_one",
            "{name} is {value!r}; it must be one of: {choices}",
            name=name, value=error.instance, choices=choices,
        ))]
    if kind == "minItems" and expected == 1:
        return [source.problem(path, Message(
            "schema.must_not_be_empty",
            "{name} must not be empty",
            name=name,
        ))]
    return [source.problem(path, Message(
        "schema.value",
        "{name}: {error_message}",
        name=name, error_message=error.message,
    ))]


def schema_problems(data: Any, source: SourceMap) -> list[Problem]:
    problems: list[Problem] = []
    for error in _validator().iter_errors(data):
        problems.extend(_messages(error, source))
    return problems
