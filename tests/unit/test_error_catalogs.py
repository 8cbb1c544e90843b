"""The catalogs of user errors and argparse: complete in Spanish and French, nothing fuzzy or
left over, and every translation keeps its message's placeholders, the ``{name}`` ones and the
``%s`` / ``%(name)s`` ones alike (a lost placeholder fails at run time, in front of a user)."""

from __future__ import annotations

import argparse
import ast
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from aeo_assess.i18n import catalog_dir, ngettext, render, translate
from aeo_assess.messages import Message, UserError
from tests.messages_source import message_literals

LANGUAGES = ("es", "fr")
ALL_CATALOGS = sorted(p for lang in LANGUAGES for p in catalog_dir(lang).glob("*.po"))
_PERCENT = re.compile(r"%(?:\((\w+)\))?[#0 +-]*\d*(?:\.\d+)?([diouxXeEfFgGcrsa%])")


def braces(text: str) -> list[tuple[str, str | None]]:
    """Each ``{name!conversion}`` (the format spec may follow the language's habits)."""
    return sorted((name, conversion) for _, name, _, conversion in string.Formatter().parse(text)
                  if name is not None)


def percents(text: str) -> list[str]:
    return sorted(f"{name or ''}{kind}" for name, kind in _PERCENT.findall(text) if kind != "%")


def entries(path: Path) -> list[tuple[str, str | None, list[str], bool]]:
    """(msgid, msgid_plural, forms, fuzzy) of each entry but the header."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=path.parent.name)
    assert not catalog.obsolete, path
    found = []
    for m in catalog:
        if not m.id:
            continue
        if isinstance(m.id, str):
            found.append((m.id, None, [str(m.string or "")], m.fuzzy))
        else:
            found.append((m.id[0], m.id[1], [str(s or "") for s in m.string], m.fuzzy))
    return found


@pytest.mark.parametrize("path", ALL_CATALOGS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_translation_keeps_its_placeholders(path: Path) -> None:
    problems = []
    for msgid, plural, forms, fuzzy in entries(path):
        if fuzzy:
            problems.append(f"fuzzy: {msgid!r}")
        for form in forms:
            english = msgid if plural is None else plural
            if not form.strip():
                problems.append(f"untranslated: {msgid!r}")
            elif percents(form) != percents(english):
                problems.append(f"%-placeholders: {msgid!r} -> {form!r}")
            if form.strip() and braces(form) != braces(english):
                problems.append(f"{{placeholders}}: {msgid!r} -> {form!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_error_message_of_the_sources_is_in_errors_po(language: str) -> None:
    messages = message_literals()
    assert len(messages) > 250
    catalog = {}
    for msgid, plural, forms, fuzzy in entries(catalog_dir(language) / "errors.po"):
        assert not fuzzy and all(f.strip() for f in forms), msgid
        catalog[msgid] = forms
        if plural is not None:
            catalog[plural] = forms
    missing = sorted(f"{where}: {m!r}" for m, where in messages.items() if m not in catalog)
    assert not missing, "\n".join(missing)
    assert not set(catalog) - set(messages), "errors.po has entries no source uses"


def test_argparse_po_translates_messages_argparse_has() -> None:
    """argparse's msgids are its own: a Python that rewords one must not silently leave it
    in English."""
    source = ast.parse(Path(argparse.__file__).read_text("utf-8"))
    words = {a.value for node in ast.walk(source) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext")
             for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    for language in LANGUAGES:
        ours = {e[0] for e in entries(catalog_dir(language) / "argparse.po")}
        assert ours and ours <= words, ours - words


def test_a_message_renders_in_each_language_with_its_nested_messages() -> None:
    problem = Message("field.too_long", "is longer than {max_length} characters",
                      max_length=20_000)
    line = Message("field.problem", "{field}: {problem}",
                   field=Message("field.comment", "comment"), problem=problem)
    assert str(line) == "comment: is longer than 20,000 characters"
    assert render(line, "es") == "comentario: tiene más de 20.000 caracteres"
    assert render(line, "fr") == "commentaire : dépasse 20\u202f000 caractères"


def test_an_error_keeps_its_code_and_each_of_its_lines() -> None:
    error = UserError(Message("assessment.not_found", "no assessment with id '{reference}'",
                              reference="3f2a"), "a system's own words")
    assert error.code == "assessment.not_found"
    assert str(error) == "no assessment with id '3f2a'\na system's own words"
    assert render(error, "fr").splitlines() == [
        "aucune évaluation n’a l’identifiant « 3f2a »", "a system's own words"]
    wrapped = UserError(error)
    assert wrapped.messages == error.messages


def test_counted_messages_take_the_language_s_form() -> None:
    def more(n: int) -> Message:
        return Message("answers.more_problems", "{where}: and {count} more problem",
                       plural="{where}: and {count} more problems", count=n, where="a.csv")

    assert [str(more(n)) for n in (1, 2)] == ["a.csv: and 1 more problem",
                                             "a.csv: and 2 more problems"]
    assert render(more(1), "es") == "a.csv: y 1 problema más"
    assert render(more(3), "fr") == "a.csv : et 3 autres problèmes"


def test_a_language_with_a_catalog_and_no_special_case_renders_through_it(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A pseudo-locale is only a catalog: rendering looks every text up in the language it is
    given."""
    from aeo_assess import i18n

    looked_up: list[tuple[str, str]] = []
    monkeypatch.setattr(i18n, "translate",
                        lambda m, lang: looked_up.append((m, lang)) or f"⟦{m}⟧")
    text = render(UserError(Message("a.b", "{field}: {problem}", field=Message(
        "c.d", "comment"), problem="x")), "qps")
    assert text == "⟦⟦comment⟧: x⟧"
    assert {lang for _, lang in looked_up} == {"qps"}
    assert translate("comment", "en") == "comment" and ngettext("a", "b", 2, "en") == "b"
