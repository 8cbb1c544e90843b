"""A cheap pre-check of a YAML text received in a file, before the questionnaire loader sees it.

The loader walks the composed node tree recursively and expands aliases as it goes, so a small
file with nested aliases (a "billion laughs") takes hours, and deep nesting overflows the stack.
Counting parser events is linear in the text and bounded, so it can refuse such a file first.
"""

from __future__ import annotations

import yaml

MAX_DEPTH = 64
MAX_NODES = 1_000_000

_LOADERS = tuple(dict.fromkeys((getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader)))
"""libyaml's parser first for speed; the pure-Python one, which the loader uses, has the last word."""


def yaml_budget_problem(raw: bytes) -> str | None:
    """Why loading ``raw`` would cost too much, or None (also for text the loader will refuse)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    for loader in _LOADERS:
        try:
            return _count(text, loader)
        except yaml.YAMLError:
            continue
    return None


def _count(text: str, loader: type[yaml.SafeLoader]) -> str | None:
    open_nodes: list[tuple[int, str | None]] = []
    anchored: dict[str, int] = {}
    total = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            open_nodes.append((total, event.anchor))
            total += 1
            if len(open_nodes) > MAX_DEPTH:
                return f"nests deeper than {MAX_DEPTH} levels"
        elif isinstance(event, yaml.CollectionEndEvent):
            start, anchor = open_nodes.pop()
            if anchor is not None:
                anchored[anchor] = total - start
        elif isinstance(event, yaml.ScalarEvent):
            total += 1
            if event.anchor is not None:
                anchored[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            total += anchored.get(event.anchor or "", 1)
        if total > MAX_NODES:
            return f"expands to more than {MAX_NODES:,} values"
    return None
