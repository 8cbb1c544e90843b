"""Read, validate and build a questionnaire; every problem is reported, none is raised raw."""

from __future__ import annotations

from pathlib import Path

from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.messages import Message, UserError
from aeo_assess.questionnaires.build import build_questionnaire
from aeo_assess.questionnaires.problems import Problem
from aeo_assess.questionnaires.schema import schema_problems
from aeo_assess.questionnaires.semantic import semantic_problems
from aeo_assess.questionnaires.yaml_source import MAX_FILE_BYTES, load_yaml


class QuestionnaireError(UserError):
    """A questionnaire file that cannot be used; ``problems`` says every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(*(p.as_message() for p in problems))
        self.problems = problems

    def __reduce__(self) -> tuple[type[QuestionnaireError], tuple[list[Problem]]]:
        return QuestionnaireError, (self.problems,)


def parse_questionnaire(raw: bytes, file: str) -> tuple[Questionnaire | None, list[Problem]]:
    loaded = load_yaml(raw, file)
    problems = list(loaded.problems)
    if loaded.data is None and not problems:
        problems.append(Problem(file, 1, 1, Message(
            "loader.file_empty",
            "the file is empty",
        )))
    if loaded.data is None or problems:
        return None, problems
    problems += schema_problems(loaded.data, loaded.source)
    problems += semantic_problems(loaded.data, loaded.source)
    if problems:
        return None, sorted(set(problems))
    return build_questionnaire(loaded.data), []


def _read(path: Path) -> bytes | Problem:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            return Problem(str(path), 1, 1, Message(
                "loader.file_bytes_limit_mb",
                "file is {size} bytes; the limit is {limit} MB",
                size=size, limit=limit,
            ))
        return path.read_bytes()
    except OSError as error:
        return Problem(str(path), 1, 1, Message(
            "loader.cannot_read_file",
            "cannot read the file: {reason}",
            reason=error.strerror or error,
        ))


def validate_file(path: Path) -> list[Problem]:
    raw = _read(path)
    if isinstance(raw, Problem):
        return [raw]
    return parse_questionnaire(raw, str(path))[1]


def load_questionnaire(path: Path) -> Questionnaire:
    raw = _read(path)
    if isinstance(raw, Problem):
        raise QuestionnaireError([raw])
    questionnaire, problems = parse_questionnaire(raw, str(path))
    if questionnaire is None:
        raise QuestionnaireError(problems)
    return questionnaire
