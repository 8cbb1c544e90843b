"""The catalogs: complete in Spanish and French with the placeholders of their English messages,
read without Babel's parser exactly as Babel's parser reads them, with plural forms."""

from __future__ import annotations

import ast
import io
import re
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po
from hypothesis import given
from hypothesis import strategies as st

import aeo_assess
from aeo_assess import i18n
from aeo_assess.messages import Message
from tests.gui.translations import gettext_literals, language_catalog, po_catalog
from tests.messages_source import message_literals
from tests.reporting.messages import report_messages

CATALOGS = sorted((i18n.catalog_dir("es").parent).glob("*/*.po"))


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_shipped_catalog_is_read_without_babel_and_alike(path: Path) -> None:
    raw = path.read_bytes()
    assert i18n._plain_catalog(raw) == i18n._babel_catalog(raw, path.parent.name)


def test_escapes_continuations_flags_and_the_header() -> None:
    raw = r'''# A translator's comment
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

#: a.py:1
#, python-brace-format
msgid "Say \"{name}\"\ttwice\\"
msgstr "Diga \"{name}\"\tdos veces\\"

#, fuzzy, python-format
#: b.py:2
msgid "Draft"
msgstr "Borrador"

msgid ""
"Two "
"lines\n"
msgstr ""
"Dos "
"líneas\n"

msgid "Untranslated"
msgstr ""
'''.encode()
    plain = i18n._plain_catalog(raw)
    assert plain == i18n._babel_catalog(raw, "es")
    assert plain == ({
        'Say "{name}"\ttwice\\': 'Diga "{name}"\tdos veces\\',
        "Two lines\n": "Dos líneas\n",
    }, {})


def test_plural_entries_are_read_alike() -> None:
    raw = (
        b'msgid "{n} file"\nmsgid_plural "{n} files"\n'
        b'msgstr[0] "{n} archivo"\nmsgstr[1] "{n} de archivos"\nmsgstr[2] "{n} archivos"\n\n'
        b'#, fuzzy\nmsgid "{n} gap"\nmsgid_plural "{n} gaps"\nmsgstr[0] "{n} brecha"\n'
        b'msgstr[1] "{n} brechas"\nmsgstr[2] "{n} brechas"\n\n'
        b'msgid "{n} row"\nmsgid_plural "{n} rows"\nmsgstr[0] "{n} fila"\nmsgstr[1] ""\n'
    )
    plain = i18n._plain_catalog(raw)
    assert plain == i18n._babel_catalog(raw, "es")
    assert plain == ({}, {"{n} file": ("{n} archivo", "{n} de archivos", "{n} archivos")})


@pytest.mark.parametrize(
    "raw",
    [
        b'msgctxt "menu"\nmsgid "Open"\nmsgstr "Abrir"\n',
        b'msgid "file"\nmsgid_plural "files"\nmsgstr[1] "archivos"\nmsgstr[0] "archivo"\n',
        b'#~ msgid "Old"\n#~ msgstr "Viejo"\n',
        b'msgid "Twice"\nmsgstr "Uno"\n\nmsgid "Twice"\nmsgstr "Dos"\n',
        b'msgid "No translation"\n\nmsgid "Next"\nmsgstr "Siguiente"\n',
        b'msgid ""\nmsgstr "Content-Type: text/plain; charset=latin-1\\n"\n\nmsgid "A"\nmsgstr "\xe1"\n',
    ],
    ids=["context", "plural out of order", "obsolete", "repeated", "no msgstr", "latin-1"],
)
def test_anything_else_is_left_to_babel(raw: bytes) -> None:
    assert i18n._plain_catalog(raw) is None


@given(
    st.lists(
        st.tuples(st.text(min_size=1), st.text(), st.booleans()),
        unique_by=lambda message: message[0],
        max_size=8,
    )
)
def test_any_catalog_babel_writes_is_read_alike(messages: list[tuple[str, str, bool]]) -> None:
    catalog = Catalog(locale="es")
    for msgid, msgstr, fuzzy in messages:
        catalog.add(msgid, msgstr, flags=["fuzzy"] if fuzzy else [])
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    raw = buffer.getvalue()
    assert i18n._plain_catalog(raw) == i18n._babel_catalog(raw, "es")


def _fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


@pytest.mark.parametrize(
    "path",
    [p for p in CATALOGS if p.parent.name in ("es", "fr")],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_every_catalog_is_complete_and_keeps_its_placeholders(path: Path) -> None:
    """No fuzzy, untranslated or obsolete entry; every translation (each plural form) has the
    {placeholders} of its English message, or format() fails at run time; the plural rule is
    the one ngettext applies."""
    language = path.parent.name
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    assert catalog.plural_forms == get_plural(language).plural_forms
    assert not catalog.obsolete
    problems = []
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        if isinstance(message.id, str):
            forms, english = [message.string], message.id
        else:
            forms, english = list(message.string), message.id[1]
            if _fields(message.id[0]) != _fields(english):
                problems.append(f"singular and plural differ: {message.id!r}")
            if len(forms) != catalog.num_plurals:
                problems.append(f"{len(forms)} plural forms: {message.id!r}")
        for form in forms:
            if not form:
                problems.append(f"untranslated: {message.id!r}")
            elif _fields(str(form)) != _fields(english):
                problems.append(f"placeholders: {message.id!r} -> {form!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["es", "fr"])
def test_a_message_two_parts_share_reads_alike_in_both_catalogs(language: str) -> None:
    """The catalogs of a language merge into one, the last file's entry winning: a message
    that two parts' sources both say ("Administration") must not read one way on one screen
    and another way on the next."""
    homes: dict[str, dict[str, str]] = {}
    for path in sorted(i18n.catalog_dir(language).glob("*.po")):
        for message, translation in po_catalog(path, language).items():
            homes.setdefault(message, {})[path.name] = translation
    differing = {m: h for m, h in homes.items() if len(set(h.values())) > 1}
    assert not differing, differing


def test_counted_messages_take_the_language_s_plural_form() -> None:
    one, many = "{n} gap", "{n} gaps"
    assert [i18n.ngettext(one, many, n, "en") for n in (0, 1, 2)] == [many, one, many]
    assert [i18n.ngettext(one, many, n, "es") for n in (0, 1, 2, 1_000_000)] == [
        "{n} brechas", "{n} brecha", "{n} brechas", "{n} brechas"]
    french = [i18n.ngettext("{count} assessment", "{count} assessments", n, "fr") for n in (0, 1, 2)]
    assert french == ["{count} évaluation", "{count} évaluation", "{count} évaluations"]
    assert i18n.ngettext("no such message", "no such messages", 1, "es") == "no such message"


def test_file_sizes_in_each_language() -> None:
    sizes = (512, 12_800, 3_300_000)
    assert [i18n.format_size(s, "en") for s in sizes] == ["512 bytes", "12.5 kB", "3.1 MB"]
    assert [i18n.format_size(s, "es") for s in sizes] == ["512 bytes", "12,5 kB", "3,1 MB"]
    assert [i18n.format_size(s, "fr") for s in sizes] == [
        "512\xa0octets", "12,5\u202fko", "3,1\u202fMo"]


@pytest.mark.parametrize("language", ["es", "fr"])
def test_no_message_of_the_program_is_missing(language: str) -> None:
    """Every message of the GUI, the reports, the country profiles and the errors is in the
    catalogs, also from a source file that no part's own translation test lists yet."""
    root = Path(aeo_assess.__file__).parent
    messages = set(gettext_literals(sorted((root / "gui").rglob("*.py"))))
    messages |= report_messages([*sorted((root / "reporting").glob("*.py")),
                                 root / "profile_text.py"])
    messages |= set(message_literals())  # the errors of every layer
    catalog = language_catalog(language)
    missing = sorted(m for m in messages if not catalog.get(m))
    assert len(messages) > 700 and not missing, missing


def _counted_messages(root: Path) -> dict[str, str]:
    """The singular of each counted message of ``root``'s sources (``ngettext``, a report's
    ``count`` or ``say_count``, a ``Message`` with a plural), with where it first is."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name == "ngettext":
                forms = node.args[:2]
            elif name in ("count", "say_count"):
                forms = node.args[1:3]
            elif name == "Message":
                forms = [*node.args[1:2], *(k.value for k in node.keywords if k.arg == "plural")]
            else:
                continue
            if len(forms) == 2 and all(
                isinstance(f, ast.Constant) and isinstance(f.value, str) for f in forms
            ):
                found.setdefault(forms[0].value, f"{path.relative_to(root)}:{node.lineno}")
    return found


@pytest.mark.parametrize("language", ["es", "fr"])
def test_every_counted_message_is_a_plural_entry(language: str) -> None:
    """Two plain entries, one per English form, pass every completeness check, but ngettext
    never finds them and the reader gets English."""
    counted = _counted_messages(Path(aeo_assess.__file__).parent)
    plurals = i18n._messages(language)[1]
    missing = sorted(f"{where}: {one!r}" for one, where in counted.items() if one not in plurals)
    assert len(counted) > 50 and not missing, missing


_COUNT_AND_NOUN = re.compile(r"\{(\w+)[^{}]*\} (?:[\w-]+ )?([a-z]{2,}s)\b")
"""A placeholder, then (maybe after one word) an English word in -s: "{size} bytes",
"{n} completed assessments"."""
_NOT_NOUNS = {"is", "has", "does", "was", "claims", "belongs", "appears", "differs", "names",
              "this", "its", "as"}
_LIMIT = re.compile(r"max_\w*|min_\w*|k|limit")
"""A limit or k-anonymity's k: never 1, so its noun is always plural."""
NEVER_ONE = {
    "{reports} reports need a directory: -o DIR, not {out}": "said of several reports only",
    "{reports} reports need a directory: -o DIR": "said of several reports only",
    "{raw_groups_count} groups; the limit is {max_groups}": "a count over a limit",
    "is {info_file_size} bytes uncompressed; the limit is {mb_max_member_bytes}":
        "a count over a limit",
    "cannot write the file: {members} members; the limit is {max_members}": "a count over a limit",
    "cannot write the file: its members add up to {total_manifest} bytes; the limit is "
    "{mb_max_total_bytes}": "a count over a limit",
    "{file_name}: the file is {size} bytes; the limit is {mb_max_file_bytes}":
        "a count over a limit",
    "{file_name}: has {entries_count} members; the limit is {max_members}": "a count over a limit",
    "cannot write the file: member '{name}' is {data_count} bytes; the limit is "
    "{mb_max_member_bytes}": "a count over a limit",
    "has {items} items; at most {max_items} are allowed": "a count over a limit",
    "file is {size} bytes; the limit is {limit} MB": "a count over a limit",
    "{path}: the file is {size} bytes, more than a pack may be": "a count over a limit",
    "{path}: the file is {size} bytes, more than a review file may be": "a count over a limit",
    "{path}: the file is {size} bytes, more than an applicant file may be":
        "a count over a limit",
    "must decode to {size} bytes": "a key's or a signature's size, 32 or 64",
    "No comparison: fewer than {k} other completed {kind} assessments of this questionnaire "
    "version {where} are available. Peers are shown from {k} on, so that no company can be "
    "recognised.": "{kind} is a word, not a count",
    "{count} made-up companies from nine Latin American countries, marked “Demonstration "
    "data” everywhere they appear. You can delete them later.": "the demonstration's 50",
    "Compared with {n} completed assessments of {questionnaire} by {group}. Source: {source}.":
        "a peer group of k or more",
    "{file}:{line}: {record_count} cells but {header_count} columns":
        "more cells than columns, and a header has two columns at least",
    "'{reference}' matches {matches_count} assessments ({shown}); give more of the id":
        "said of several matches only",
    "{found_count} workshops are named '{text}': use a number ({map_found})":
        "said of several workshops only",
}
"""English messages with a count and a plural noun that are not counted messages, with why
the count is never 1."""


def _uncounted_plurals(root: Path) -> dict[str, str]:
    """Each string of ``root``'s sources (docstrings aside) with a count before a plural
    noun, outside ``ngettext``, a report's ``count``/``say_count`` and a counted Message."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        skip: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                if ast.get_docstring(node, clean=False) is not None:
                    skip.add(id(node.body[0]))
            elif isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if name in ("ngettext", "count", "say_count") or (
                    name == "Message" and any(k.arg == "plural" for k in node.keywords)
                ):
                    skip.update(id(inner) for inner in ast.walk(node))
        for node in ast.walk(tree):
            if isinstance(node, ast.Expr) and id(node) in skip:
                skip.add(id(node.value))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in skip):
                continue
            if any(noun not in _NOT_NOUNS and not _LIMIT.fullmatch(count)
                   for count, noun in _COUNT_AND_NOUN.findall(node.value)):
                found.setdefault(node.value, f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_every_english_message_with_a_count_agrees_with_it() -> None:
    """English says "1 question", "1 byte": a count that can be 1 before a plural noun is a
    counted message (ngettext or a Message with a plural), not "1 questions"."""
    found = _uncounted_plurals(Path(aeo_assess.__file__).parent)
    unexplained = sorted(f"{where}: {text!r}" for text, where in found.items()
                         if text not in NEVER_ONE)
    assert not unexplained, "\n".join(unexplained)
    assert not set(NEVER_ONE) - set(found), "NEVER_ONE explains messages no source has"



def test_a_count_of_one_is_singular_in_english() -> None:
    says = Message("applicant.says_bytes_but_evidence",
                   "says {item_size} byte but the evidence has {member_size}",
                   plural="says {item_size} bytes but the evidence has {member_size}",
                   count=1, item_size=1, member_size=2)
    assert str(says) == "says 1 byte but the evidence has 2"
    assert i18n.render(says, "fr") == "indique 1 octet mais la pièce justificative en fait 2"
