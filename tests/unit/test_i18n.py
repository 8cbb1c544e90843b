"""The catalogs read without Babel's parser give exactly what Babel's parser gives."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from hypothesis import given
from hypothesis import strategies as st

from aeo_assess import i18n

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
