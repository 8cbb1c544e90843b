"""Safe YAML loading that remembers where every value came from.

jsonschema and the semantic checks report JSON paths; users need ``file:line:column``. We compose
the YAML node tree with the safe loader and keep a path -> position map next to the data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import yaml

from aeo_assess.messages import Message
from aeo_assess.questionnaires.problems import Problem

Path = tuple[str | int, ...]
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML was built with it: same results, several times faster."""
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
"""Questionnaires nest about eight levels; deeper text is refused before it is composed."""


@dataclass
class SourceMap:
    file: str
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def problem(self, path: Path, message: Message | str, *, key: bool = False) -> Problem:
        """Point at the deepest known position on ``path`` (the key itself when asked)."""
        table = self.key_positions if key else self.positions
        probe = path
        while probe:
            if probe in table:
                line, column = table[probe]
                return Problem(self.file, line, column, message)
            if probe in self.positions:
                line, column = self.positions[probe]
                return Problem(self.file, line, column, message)
            probe = probe[:-1]
        line, column = self.positions.get((), (1, 1))
        return Problem(self.file, line, column, message)


@dataclass
class Loaded:
    data: Any
    source: SourceMap
    problems: list[Problem]


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _walk(
    node: yaml.Node, path: Path, loader: yaml.SafeLoader, source: SourceMap, problems: list[Problem]
) -> Any:
    source.positions[path] = _mark(node)
    if node.tag not in yaml.SafeLoader.yaml_constructors:
        line, column = _mark(node)
        problems.append(Problem(source.file, line, column, Message(
            "yaml_source.unsupported_yaml_tag",
            "unsupported YAML tag '{tag}'",
            tag=node.tag,
        )))
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | bool) or key is None:
                line, column = _mark(key_node)
                problems.append(Problem(source.file, line, column, Message(
                    "yaml_source.unsupported_key",
                    "unsupported key {key!r}",
                    key=key,
                )))
                continue
            child = (*path, str(key) if not isinstance(key, str) else key)
            if key in result:
                line, column = _mark(key_node)
                problems.append(Problem(source.file, line, column, Message(
                    "yaml_source.duplicate_key",
                    "duplicate key '{key}'",
                    key=key,
                )))
                continue
            source.key_positions[child] = _mark(key_node)
            result[key] = _walk(value_node, child, loader, source, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _walk(item, (*path, index), loader, source, problems)
            for index, item in enumerate(node.value)
        ]
    line, column = _mark(node)
    try:
        value = loader.construct_object(node, deep=True)
    except ValueError:  # an integer of thousands of digits (Python's int limit)
        problems.append(Problem(source.file, line, column, Message(
            "yaml_source.number_too_long",
            "number too long",
        )))
        return None
    if isinstance(value, float) and not math.isfinite(value):
        # NaN passes every range check (NaN < 0.5 and NaN > 3 are both false)
        problems.append(Problem(source.file, line, column, Message(
            "yaml_source.not_finite_number",
            "{value} is not a finite number",
            value=value,
        )))
        return None
    return value


def _structure_problem(text: str, file: str) -> Problem | None:
    """Refuse aliases and deep nesting from the parser's event stream, which is linear in the
    text: composing first would expand an alias bomb exponentially or overflow the stack."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=SafeLoader):
            mark = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            if isinstance(event, yaml.AliasEvent):
                return Problem(file, line, column, Message(
                    "yaml_source.yaml_aliases_name_are",
                    "YAML aliases (*name) are not allowed here",
                ))
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return Problem(file, line, column, Message(
                        "yaml_source.nests_deeper_than_levels",
                        "nests deeper than {max_depth} levels",
                        max_depth=MAX_DEPTH,
                    ))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # composing reports syntax errors with their position
    return None


def load_yaml(raw: bytes, file: str) -> Loaded:
    """Parse ``raw``; syntax, encoding and size problems come back as problems, never raised."""
    source = SourceMap(file)
    if len(raw) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        return Loaded(
            None,
            source,
            [Problem(file, 1, 1, Message(
                "yaml_source.file_bytes_limit_mb",
                "file is {size} bytes; the limit is {limit} MB",
                size=len(raw), limit=limit,
            ))],
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        return Loaded(
            None,
            source,
            [
                Problem(
                    file,
                    line,
                    column,
                    Message(
                        "yaml_source.not_utf_8_byte",
                        "not UTF-8: byte 0x{byte:02x} cannot be decoded",
                        byte=raw[error.start],
                    ),
                )
            ],
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    structure = _structure_problem(text, file)
    if structure is not None:
        return Loaded(None, source, [structure])
    loader = SafeLoader(text)
    problems: list[Problem] = []
    try:
        node = loader.get_single_node()
        data = None if node is None else _walk(node, (), loader, source, problems)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(p for p in (error.context, error.problem) if p)
        return Loaded(None, source, [Problem(file, line, column, Message(
            "yaml_source.yaml_syntax_error",
            "YAML syntax error: {message}",
            message=message,
        ))])
    except yaml.YAMLError as error:
        return Loaded(None, source, [Problem(file, 1, 1, Message(
            "yaml_source.yaml_error",
            "YAML error: {error}",
            error=error,
        ))])
    finally:
        loader.dispose()
    return Loaded(data, source, problems)
