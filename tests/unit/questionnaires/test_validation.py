"""Every kind of bad questionnaire file gives ``file:line:column: message`` and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from aeo_assess.questionnaires import QuestionnaireError, load_questionnaire, validate_file
from aeo_assess.questionnaires.yaml_source import MAX_FILE_BYTES

Write = Callable[..., Path]


def lines(problems: list[object]) -> list[str]:
    return [str(p) for p in problems]


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """1-based line number of the n-th line containing ``fragment``."""
    hits = [i + 1 for i, line in enumerate(text.splitlines()) if fragment in line]
    if fragment.endswith("\n"):
        hits = [i + 1 for i, line in enumerate(text.splitlines(True)) if line == fragment]
    return hits[occurrence - 1]


def test_minimal_file_is_valid(minimal_text: str, write_questionnaire: Write) -> None:
    path = write_questionnaire(minimal_text)
    assert validate_file(path) == []
    questionnaire = load_questionnaire(path)
    assert [c.id for c in questionnaire.criteria] == ["C1", "C2"]
    assert questionnaire.question("C1.03").show_if is not None


def test_yaml_syntax_error_points_at_line(minimal_text: str, write_questionnaire: Write) -> None:
    text = minimal_text.replace("    weight: 2\n", "    weight: [2\n", 1)
    path = write_questionnaire(text)
    (problem,) = validate_file(path)
    assert str(problem).startswith(f"{path}:")
    assert "YAML syntax error" in str(problem.message)
    assert problem.line > line_of(text, "weight: [2") - 1


def test_not_utf8_names_line_and_column(minimal_text: str, write_questionnaire: Write) -> None:
    raw = minimal_text.replace("title: {en: Mini", "title: {en: Mini\xe9").encode("latin-1")
    path = write_questionnaire(raw)
    (problem,) = validate_file(path)
    assert "not UTF-8" in str(problem.message)
    assert problem.line == 3
    assert problem.column == len("title: {en: Mini") + 1


def test_oversized_file_is_refused_without_parsing(write_questionnaire: Write) -> None:
    path = write_questionnaire(b"# " + b"x" * MAX_FILE_BYTES)
    (problem,) = validate_file(path)
    assert "limit is 5 MB" in str(problem.message)
    assert str(problem).startswith(f"{path}:1:1: ")


def test_unknown_key_points_at_the_key(minimal_text: str, write_questionnaire: Write) -> None:
    text = minimal_text.replace("        weight: 2\n", "        weight: 2\n        wieght: 3\n", 1)
    path = write_questionnaire(text)
    (problem,) = validate_file(path)
    assert "unknown key 'wieght'" in str(problem.message)
    assert problem.line == line_of(text, "wieght")
    assert problem.column == 9


def test_missing_key_is_named(minimal_text: str, write_questionnaire: Write) -> None:
    text = minimal_text.replace("        guidance: {en: G, es: G}\n", "", 1)
    path = write_questionnaire(text)
    (problem,) = validate_file(path)
    assert "missing key 'guidance'" in str(problem.message)
    assert problem.line == line_of(text, "id: C1.01")


def test_missing_language(minimal_text: str, write_questionnaire: Write) -> None:
    text = minimal_text.replace('text: {en: "Do you?", es: "¿Usted?"}', 'text: {en: "Do you?"}')
    path = write_questionnaire(text)
    (problem,) = validate_file(path)
    assert str(problem.message) == "text has no 'es' version"
    assert problem.line == line_of(text, "Do you?")


def test_duplicate_question_id(minimal_text: str, write_questionnaire: Write) -> None:
    text = minimal_text.replace("id: C2.02", "id: C2.01")
    path = write_questionnaire(text)
    (problem,) = validate_file(path)
    assert "duplicate question id 'C2.01'" in str(problem.message)
    assert problem.line == line_of(text, "id: C2.01", 2)


def test_duplicate_criterion_id(minimal_text: str, write_questionnaire: Write) -> None:
    text = minimal_text.replace("  - id: C2\n", "  - id: C1\n")
    path = write_questionnaire(text)
    (problem,) = validate_file(path)
    assert "duplicate criterion id 'C1'" in str(problem.message)
    assert problem.line == line_of(text, "  - id: C1\n", 2)


def test_show_if_unknown_question(minimal_text: str, write_questionnaire: Write) -> None:
    text = minimal_text.replace(
        "{question: C1.02, equals: true}", "{question: C9.99, equals: true}"
    )
    path = write_questionnaire(text)
    (problem,) = validate_file(path)
    assert "unknown question 'C9.99'" in str(problem.message)
    assert problem.line == line_of(text, "C9.99")


def test_show_if_cycle(minimal_text: str, write_questionnaire: Write) -> None:
    text = minimal_text.replace(
        "        compliant: true\n",
        "        compliant: true\n        show_if: {question: C1.03, equals: full}\n",
        1,
    )
    path = write_questionnaire(text)
    (problem,) = validate_file(path)
    assert "show_if forms a cycle" in str(problem.message)
    assert "C1.02" in str(problem.message) and "C1.03" in str(problem.message)


def test_weight_out_of_range(minimal_text: str, write_questionnaire: Write) -> None:
    text = minimal_text.replace("        weight: 2\n", "        weight: 7\n", 1)
    path = write_questionnaire(text)
    (problem,) = validate_file(path)
    assert "weight is 7; it must be from 1 to 3" in str(problem.message)
    assert problem.line == line_of(text, "weight: 7")


def test_unreachable_readiness_rule(minimal_text: str, write_questionnaire: Write) -> None:
    text = minimal_text.replace(
        "min_overall: 0.4}", "min_overall: 0.9, max_blocking: 0, complete: true}"
    )
    path = write_questionnaire(text)
    (problem,) = validate_file(path)
    assert "'developing' can never be reached" in str(problem.message)
    assert "'ready' comes first" in str(problem.message)
    assert problem.line == line_of(text, "level: developing")


def test_last_readiness_rule_must_catch_all(minimal_text: str, write_questionnaire: Write) -> None:
    text = minimal_text.replace(
        "label: {en: Not ready, es: No listo}}",
        "label: {en: Not ready, es: No listo}, min_overall: 0.1}",
    )
    path = write_questionnaire(text)
    (problem,) = validate_file(path)
    assert "must have no conditions" in str(problem.message)


def test_empty_criterion(minimal_text: str, write_questionnaire: Write) -> None:
    cut = minimal_text.index("    questions:\n      - id: C2.01")
    text = minimal_text[:cut] + "    questions: []\n"
    path = write_questionnaire(text)
    (problem,) = validate_file(path)
    assert "criterion 'C2' has no questions" in str(problem.message)
    assert problem.line == line_of(text, "questions: []")


def test_several_problems_are_all_reported(minimal_text: str, write_questionnaire: Write) -> None:
    text = (
        minimal_text.replace("        weight: 2\n", "        weight: 9\n", 1)
        .replace("id: C2.02", "id: C2.01")
        .replace('text: {en: "Trucks?", es: "¿Camiones?"}', 'text: {en: "Trucks?"}')
    )
    path = write_questionnaire(text)
    messages = [str(p.message) for p in validate_file(path)]
    assert len(messages) == 3
    assert any("weight is 9" in m for m in messages)
    assert any("duplicate question id" in m for m in messages)
    assert any("no 'es' version" in m for m in messages)


def test_loader_raises_with_every_problem(minimal_text: str, write_questionnaire: Write) -> None:
    text = minimal_text.replace("id: C2.02", "id: C2.01").replace("weight: 2\n", "weight: 0\n", 1)
    path = write_questionnaire(text)
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path)
    assert len(caught.value.problems) == 2
    assert all(str(p).startswith(f"{path}:") for p in caught.value.problems)


def test_blocking_on_unscored_type(minimal_text: str, write_questionnaire: Write) -> None:
    text = minimal_text.replace(
        "        type: date\n", "        type: date\n        blocking: true\n"
    )
    (problem,) = validate_file(write_questionnaire(text))
    assert "cannot be a must or eligibility condition" in str(problem.message)


def test_show_if_value_that_can_never_match(minimal_text: str, write_questionnaire: Write) -> None:
    text = minimal_text.replace(
        "{question: C1.02, equals: true}", "{question: C1.02, equals: maybe}"
    )
    (problem,) = validate_file(write_questionnaire(text))
    assert "can never equal" in str(problem.message)


def test_duplicate_yaml_key(minimal_text: str, write_questionnaire: Write) -> None:
    text = minimal_text.replace('version: "1"\n', 'version: "1"\nversion: "2"\n')
    (problem,) = validate_file(write_questionnaire(text))
    assert str(problem.message) == "duplicate key 'version'"
    assert problem.line == 3


def test_unsafe_yaml_tag_is_refused(minimal_text: str, write_questionnaire: Write) -> None:
    text = minimal_text.replace('version: "1"', "version: !!python/object/apply:os.system [echo]")
    problems = validate_file(write_questionnaire(text))
    assert [str(p.message) for p in problems] == [
        "unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'"
    ]


def test_missing_file(tmp_path: Path) -> None:
    (problem,) = validate_file(tmp_path / "nope.yaml")
    assert "cannot read the file" in str(problem.message)


def test_choice_scores_on_all_options_or_none(minimal_text: str, write_questionnaire: Write) -> None:
    text = minimal_text.replace("{value: none, label: {en: None, es: Ninguno}, score: 0}", "{value: none, label: {en: None, es: Ninguno}}")
    (problem,) = validate_file(write_questionnaire(text))
    assert "give a score to every option of 'C1.03', or to none" in str(problem.message)


def test_alias_bomb_is_refused_at_once(write_questionnaire: Write) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    (problem,) = validate_file(write_questionnaire("\n".join(lines)))
    assert str(problem.message) == "YAML aliases (*name) are not allowed here"
    assert (problem.line, problem.column) == (2, 10)


def test_deep_nesting_is_refused(write_questionnaire: Write) -> None:
    deep = "".join("  " * i + "a:\n" for i in range(2000)) + "  " * 2000 + "b: 1\n"
    (problem,) = validate_file(write_questionnaire(deep))
    assert str(problem.message) == "nests deeper than 64 levels"


@pytest.mark.parametrize(
    ("weight", "message"),
    [
        (".nan", "nan is not a finite number"),
        (".inf", "inf is not a finite number"),
        ("9" * 5000, "number too long"),
    ],
)
def test_weights_that_are_not_numbers_a_check_can_compare_are_refused(
    minimal_text: str, write_questionnaire: Write, weight: str, message: str
) -> None:
    text = minimal_text.replace("        weight: 2\n", f"        weight: {weight}\n", 1)
    path = write_questionnaire(text)
    (problem,) = validate_file(path)
    assert str(problem.message) == message
    assert problem.line == line_of(text, f"weight: {weight[:20]}")
