"""Checks JSON Schema cannot express: ids, references, languages, reachable readiness rules.

Written defensively: it runs even when the schema check failed, so that one pass reports every
problem in a file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aeo_assess.domain.questionnaire import DEFAULT_COMPLETENESS_FLOOR
from aeo_assess.messages import Message
from aeo_assess.questionnaires.problems import Problem
from aeo_assess.questionnaires.yaml_source import Path, SourceMap

SCORED_TYPES = {"maturity", "yes_no", "choice"}
_TEXT_KEYS_TOP = ("title", "source", "description")
_TEXT_KEYS_QUESTION = ("text", "guidance", "recommendation")


def _dicts(items: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def _texts(data: dict[str, Any]) -> Iterator[tuple[Path, Any]]:
    """Every localized text in the file with its path."""
    for key in _TEXT_KEYS_TOP:
        if key in data:
            yield (key,), data[key]
    for i, level in _dicts(data.get("maturity_scale")):
        for key in ("label", "description"):
            if key in level:
                yield ("maturity_scale", i, key), level[key]
    for i, rule in _dicts(data.get("readiness")):
        for key in ("label", "description", "why"):
            if key in rule:
                yield ("readiness", i, key), rule[key]
    not_eligible = data.get("not_eligible")
    if isinstance(not_eligible, dict):
        for key in ("label", "description", "why"):
            if key in not_eligible:
                yield ("not_eligible", key), not_eligible[key]
    for c, criterion in _dicts(data.get("criteria")):
        for key in ("title", "summary"):
            if key in criterion:
                yield ("criteria", c, key), criterion[key]
        for q, question in _dicts(criterion.get("questions")):
            base: Path = ("criteria", c, "questions", q)
            for key in _TEXT_KEYS_QUESTION:
                if key in question:
                    yield (*base, key), question[key]
            evidence = question.get("evidence")
            if isinstance(evidence, list):
                for e, item in enumerate(evidence):
                    yield (*base, "evidence", e), item
            for o, option in _dicts(question.get("options")):
                if "label" in option:
                    yield (*base, "options", o, "label"), option["label"]
            if "unit" in question:
                yield (*base, "unit"), question["unit"]


def _language_problems(data: dict[str, Any], source: SourceMap) -> list[Problem]:
    languages = data.get("languages")
    if not isinstance(languages, list):
        return []
    problems = []
    for path, text in _texts(data):
        if not isinstance(text, dict):
            continue
        for language in languages:
            if not isinstance(text.get(language), str) or not text[language].strip():
                problems.append(source.problem(path, Message(
                    "semantic.text_has_no_version",
                    "text has no '{language}' version",
                    language=language,
                )))
    return problems


def _questions(data: dict[str, Any]) -> Iterator[tuple[Path, str, dict[str, Any]]]:
    for c, criterion in _dicts(data.get("criteria")):
        criterion_id = criterion.get("id")
        for q, question in _dicts(criterion.get("questions")):
            yield ("criteria", c, "questions", q), str(criterion_id), question


def _id_problems(data: dict[str, Any], source: SourceMap) -> list[Problem]:
    problems = []
    seen_criteria: set[Any] = set()
    for c, criterion in _dicts(data.get("criteria")):
        cid = criterion.get("id")
        if cid in seen_criteria:
            problems.append(
                source.problem(("criteria", c, "id"), Message(
                    "semantic.duplicate_criterion_id",
                    "duplicate criterion id '{cid}'",
                    cid=cid,
                ))
            )
        seen_criteria.add(cid)
        if isinstance(criterion.get("questions"), list) and not criterion["questions"]:
            problems.append(
                source.problem(("criteria", c, "questions"), Message(
                    "semantic.criterion_has_no_questions",
                    "criterion '{cid}' has no questions",
                    cid=cid,
                ))
            )
    seen_questions: set[Any] = set()
    for path, _, question in _questions(data):
        qid = question.get("id")
        if qid in seen_questions or qid in seen_criteria:
            problems.append(source.problem((*path, "id"), Message(
                "semantic.duplicate_question_id",
                "duplicate question id '{qid}'",
                qid=qid,
            )))
        seen_questions.add(qid)
    levels: set[Any] = set()
    for r, rule in _dicts(data.get("readiness")):
        if rule.get("level") in levels:
            problems.append(
                source.problem(
                    ("readiness", r, "level"), Message(
                        "semantic.duplicate_readiness_level",
                        "duplicate readiness level '{level}'",
                        level=rule.get('level'),
                    )
                )
            )
        levels.add(rule.get("level"))
    return problems


def _type_problems(data: dict[str, Any], source: SourceMap) -> list[Problem]:
    problems = []
    for path, _, question in _questions(data):
        qid = question.get("id")
        kind = question.get("type")
        if kind != "yes_no" and "compliant" in question:
            problems.append(
                source.problem(
                    (*path, "compliant"),
                    Message(
                        "semantic.compliant_only_for_yes",
                        "'compliant' is only for yes/no questions ('{qid}' is {kind})",
                        qid=qid, kind=kind,
                    ),
                    key=True,
                )
            )
        if kind == "choice" and "options" not in question:
            problems.append(source.problem(path, Message(
                "semantic.choice_question_needs_options",
                "choice question '{qid}' needs 'options'",
                qid=qid,
            )))
        if kind != "choice" and "options" in question:
            problems.append(
                source.problem(
                    (*path, "options"),
                    Message(
                        "semantic.options_only_for_choice",
                        "'options' is only for choice questions ('{qid}' is {kind})",
                        qid=qid, kind=kind,
                    ),
                    key=True,
                )
            )
        option_scores = ["score" in o for _, o in _dicts(question.get("options"))]
        if any(option_scores) and not all(option_scores):
            problems.append(
                source.problem((*path, "options"), Message(
                    "semantic.give_score_to_every",
                    "give a score to every option of '{qid}', or to none (a scoping choice)",
                    qid=qid,
                ))
            )
        scored = kind in SCORED_TYPES and (
            (kind != "yes_no" or "compliant" in question)
            and (kind != "choice" or any(option_scores))
        )
        problems.extend(_kind_problems(path, question, scored, source))
        problems.extend(_range_problems(path, question, source))
        values = [o.get("value") for _, o in _dicts(question.get("options"))]
        for o, value in enumerate(values):
            if value in values[:o]:
                problems.append(
                    source.problem(
                        (*path, "options", o, "value"), Message(
                            "semantic.duplicate_option_in",
                            "duplicate option '{value}' in '{qid}'",
                            value=value, qid=qid,
                        )
                    )
                )
    return problems


def _kind_problems(
    path: Path, question: dict[str, Any], scored: bool, source: SourceMap
) -> list[Problem]:
    qid = question.get("id")
    if "kind" in question and "blocking" in question:
        return [
            source.problem(
                (*path, "blocking"),
                Message(
                    "semantic.question_has_both_kind",
                    "question '{qid}' has both 'kind' and the older 'blocking': keep 'kind'",
                    qid=qid,
                ),
                key=True,
            )
        ]
    key = "kind" if "kind" in question else "blocking"
    demanding = question.get("kind") in ("eligibility", "must") or question.get("blocking") is True
    if demanding and not scored:
        return [
            source.problem(
                (*path, key),
                Message(
                    "semantic.question_carries_no_score",
                    "question '{qid}' carries no score and cannot be a must or eligibility "
                    "condition",
                    qid=qid,
                ),
            )
        ]
    return []


def _range_problems(path: Path, question: dict[str, Any], source: SourceMap) -> list[Problem]:
    qid = question.get("id")
    problems = [
        source.problem((*path, key), Message(
            "semantic.only_for_number_questions",
            "'{key}' is only for number questions ('{qid}')",
            key=key, qid=qid,
        ), key=True)
        for key in ("min", "max", "unit")
        if key in question and question.get("type") != "number"
    ]
    low, high = question.get("min"), question.get("max")
    if isinstance(low, int | float) and isinstance(high, int | float) and low > high:
        problems.append(source.problem((*path, "min"), Message(
            "semantic.min_above_max_in",
            "'min' is above 'max' in '{qid}'",
            qid=qid,
        )))
    return problems


def _eligibility_problems(data: dict[str, Any], source: SourceMap) -> list[Problem]:
    problems = []
    eligibility = False
    for c, criterion in _dicts(data.get("criteria")):
        for q, question in _dicts(criterion.get("questions")):
            if question.get("kind") != "eligibility":
                continue
            eligibility = True
            if criterion.get("extension") is True:
                problems.append(
                    source.problem(
                        ("criteria", c, "questions", q, "kind"),
                        Message(
                            "semantic.eligibility_question_in_extension",
                            "eligibility question '{question}' is in an extension; extensions "
                            "never change the verdict",
                            question=question.get('id'),
                        ),
                    )
                )
    if eligibility and "not_eligible" not in data:
        problems.append(
            source.problem(
                ("criteria",),
                Message(
                    "semantic.file_has_eligibility_questions",
                    "the file has eligibility questions but no 'not_eligible' level texts",
                ),
            )
        )
    return problems


def _show_if_problems(data: dict[str, Any], source: SourceMap) -> list[Problem]:
    problems = []
    by_id: dict[Any, tuple[str, dict[str, Any]]] = {}
    for _, criterion_id, question in _questions(data):
        by_id.setdefault(question.get("id"), (criterion_id, question))
    for path, criterion_id, question in _questions(data):
        condition = question.get("show_if")
        if not isinstance(condition, dict):
            continue
        target_id = condition.get("question")
        where = (*path, "show_if", "question")
        if target_id not in by_id:
            problems.append(
                source.problem(
                    where,
                    Message(
                        "semantic.show_if_points_to_unknown",
                        "show_if of '{question}' points to unknown question '{target_id}'",
                        question=question.get('id'), target_id=target_id,
                    ),
                )
            )
            continue
        target_criterion, target = by_id[target_id]
        if target_criterion != criterion_id:
            problems.append(
                source.problem(
                    where,
                    Message(
                        "semantic.show_if_points_to_in",
                        "show_if of '{question}' points to '{target_id}' in another "
                        "criterion; it must stay within '{criterion_id}'",
                        question=question.get('id'), target_id=target_id,
                        criterion_id=criterion_id,
                    ),
                )
            )
        equals = condition.get("equals")
        kind = target.get("type")
        options = [o.get("value") for _, o in _dicts(target.get("options"))]
        fits = (
            (kind == "yes_no" and isinstance(equals, bool))
            or (kind == "choice" and equals in options)
            or (kind == "maturity" and type(equals) is int and 0 <= equals <= 4)
        )
        if not fits:
            problems.append(
                source.problem(
                    (*path, "show_if", "equals"),
                    Message(
                        "semantic.show_if_compares_with",
                        "show_if of '{question}' compares '{target_id}' ({kind}) with "
                        "{equals!r}, which it can never equal",
                        question=question.get('id'), target_id=target_id, kind=kind,
                        equals=equals,
                    ),
                )
            )
    problems.extend(_cycle_problems(data, source))
    return problems


def _cycle_problems(data: dict[str, Any], source: SourceMap) -> list[Problem]:
    edges: dict[Any, Any] = {}
    paths: dict[Any, Path] = {}
    for path, _, question in _questions(data):
        condition = question.get("show_if")
        if isinstance(condition, dict):
            edges[question.get("id")] = condition.get("question")
            paths[question.get("id")] = (*path, "show_if")
    problems = []
    reported: set[Any] = set()
    for start in edges:
        chain = [start]
        node = edges[start]
        while node in edges and node not in chain:
            chain.append(node)
            node = edges[node]
        if node in chain and not reported & set(chain):
            cycle = chain[chain.index(node) :]
            reported.update(cycle)
            loop = " -> ".join(str(q) for q in [*cycle, node])
            problems.append(source.problem(paths[cycle[0]], Message(
                "semantic.show_if_forms_cycle",
                "show_if forms a cycle: {loop}",
                loop=loop,
            )))
    return problems


_MINIMA = ("min_overall", "min_each_criterion", "min_completeness")
_MAXIMA = ("max_failed_musts", "max_open_musts", "max_blocking")
_CONDITIONS = {*_MINIMA, *_MAXIMA}
_GUARDED = ("ready", "nearly_ready")
"""Levels the scorer withholds from some provisional verdicts: an earlier one of these never
pre-empts a later level, and neither can be the last (DESIGN §4)."""


def _minimum(rule: dict[str, Any], key: str) -> Any:
    if key == "min_completeness" and rule.get("complete") is True:
        return rule.get(key, 1.0)
    return rule.get(key, 0)


def _maximum(rule: dict[str, Any], key: str) -> Any:
    if key == "max_failed_musts":
        return rule.get(key, rule.get("max_blocking", float("inf")))
    return rule.get(key, float("inf"))


def _guard_matters(rule: dict[str, Any], floor: Any) -> bool:
    """Whether the scorer may withhold this level although its conditions hold: a level that
    already asks for the completeness the guard needs is never withheld."""
    needed = {"ready": 1.0, "nearly_ready": floor}.get(str(rule.get("level")))
    return needed is not None and _minimum(rule, "min_completeness") < needed


def _implies(earlier: dict[str, Any], later: dict[str, Any], floor: Any) -> bool:
    """True when every assessment that meets ``later`` also meets ``earlier``."""
    if _guard_matters(earlier, floor) and not _guard_matters(later, floor):
        return False
    return all(_minimum(earlier, k) <= _minimum(later, k) for k in _MINIMA) and all(
        _maximum(earlier, k) >= _maximum(later, k) for k in _MAXIMA[:2]
    )


def _well_formed(rule: dict[str, Any]) -> bool:
    numbers = [rule.get(k, 0) for k in _CONDITIONS]
    return all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers)


def _readiness_problems(data: dict[str, Any], source: SourceMap) -> list[Problem]:
    rules = [(r, rule) for r, rule in _dicts(data.get("readiness")) if _well_formed(rule)]
    floor = data.get("completeness_floor", DEFAULT_COMPLETENESS_FLOOR)
    if not isinstance(floor, int | float):
        floor = DEFAULT_COMPLETENESS_FLOOR
    problems = []
    for position, (r, rule) in enumerate(rules):
        for _, earlier in rules[:position]:
            if _implies(earlier, rule, floor):
                problems.append(
                    source.problem(
                        ("readiness", r),
                        Message(
                            "semantic.readiness_level_can_never",
                            "readiness level '{level}' can never be reached: level "
                            "'{earlier}' comes first and always holds when it would",
                            level=rule.get('level'), earlier=earlier.get('level'),
                        ),
                    )
                )
                break
    if rules:
        r, last = rules[-1]
        conditions = _CONDITIONS & set(last)
        if conditions or last.get("complete") or last.get("level") in _GUARDED:
            problems.append(
                source.problem(
                    ("readiness", r),
                    Message(
                        "semantic.last_readiness_level_must",
                        "the last readiness level '{level}' must have no conditions and be "
                        "neither 'ready' nor 'nearly_ready', so that every assessment gets a "
                        "level",
                        level=last.get('level'),
                    ),
                )
            )
    return problems


def semantic_problems(data: Any, source: SourceMap) -> list[Problem]:
    if not isinstance(data, dict):
        return []
    return [
        *_language_problems(data, source),
        *_id_problems(data, source),
        *_type_problems(data, source),
        *_eligibility_problems(data, source),
        *_show_if_problems(data, source),
        *_readiness_problems(data, source),
    ]
