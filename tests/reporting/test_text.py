"""The report paragraph: markup read exactly, lines that fit their column, nothing lost when a
paragraph is split across pages, and text that prints verbatim in the PDF."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate

from aeo_assess.reporting.style import FONT, FONT_BOLD, INK, register_fonts, stylesheet
from aeo_assess.reporting.text import Text, break_lines, parse
from aeo_assess.reporting.words import markup
from tests.reporting.samples import TRICKY_COMPANY, text_of


@pytest.fixture(autouse=True, scope="module")
def fonts() -> None:
    register_fonts()


def style(name: str = "body") -> ParagraphStyle:
    found = stylesheet()[name]
    assert isinstance(found, ParagraphStyle)
    return found


def line_texts(text: Text, width: float) -> list[str]:
    text.wrap(width, 1000)
    return ["".join(run.text for run in runs) for runs, _ in text._lines or []]


def test_markup_becomes_runs_with_fonts_colours_and_breaks() -> None:
    runs = parse('<b>A.1</b> x &amp; &lt;y&gt;<br/><font color="#FF0000">red</font>', INK)
    assert [(r.text, r.font) for r in runs] == [
        ("A.1", FONT_BOLD), (" x ", FONT), ("&", FONT), (" ", FONT), ("<", FONT), ("y", FONT),
        (">", FONT), ("\n", FONT), ("red", FONT)]
    assert runs[-1].colour.hexval() == "0xff0000"
    assert runs[0].colour is INK


def test_data_escaped_with_markup_prints_exactly_as_typed() -> None:
    data = "<b>not bold</b> & <br/> 5 < 6 &amp;"
    text = Text(markup(data), style())
    assert text.text == data
    assert {r.font for r in text.runs} == {FONT}


def test_line_ends_of_any_platform_break_lines() -> None:
    text = Text(markup("one\r\ntwo\rthree\nfour"), style())
    assert line_texts(text, 400) == ["one", "two", "three", "four"]


def test_unknown_markup_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported markup"):
        Text("<script>x</script>", style())


def test_lines_break_between_words_and_at_explicit_breaks() -> None:
    text = Text("one two three four five six<br/>seven", style())
    lines = line_texts(text, 80)
    assert " ".join(lines).replace("  ", " ") == "one two three four five six seven"
    assert lines[-1] == "seven"
    assert len(lines) >= 3
    assert all(not line.startswith(" ") and not line.endswith(" ") for line in lines)


def test_a_word_longer_than_the_column_is_split_between_characters() -> None:
    digest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    lines = line_texts(Text(digest, style("cell")), 60)
    assert len(lines) > 2
    assert "".join(lines) == digest


def test_empty_text_takes_no_room() -> None:
    assert Text("", style()).wrap(100, 100) == (100, 0)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab ñÑ—<&\n\tW"), max_size=300),
       st.floats(min_value=20, max_value=400))
def test_every_line_fits_and_no_character_is_lost(data: str, room: float) -> None:
    runs = parse(markup(data), INK)
    lines = break_lines(runs, 9.5, room)
    for line, used in lines:
        assert used <= room + 0.05 or len("".join(r.text for r in line)) == 1
    printed = "".join(r.text for line, _ in lines for r in line)
    assert printed.replace(" ", "") == "".join(data.split())


def test_a_split_paragraph_keeps_every_line_and_no_lone_first_line() -> None:
    body = style()
    text = Text(" ".join(f"word{n}" for n in range(300)), body)
    _, height = text.wrap(200, 10_000)
    lines = len(text._lines or [])
    first, rest = text.split(200, body.leading * 4.5)
    assert len(first._lines) == 4 and len(rest._lines) == lines - 4
    assert first.wrap(200, 1000)[1] + rest.wrap(200, 1000)[1] == height
    assert Text(text.text, body).split(200, body.leading * 1.5) == []


def test_paragraphs_print_verbatim_in_a_pdf_across_pages() -> None:
    buffer = io.BytesIO()
    comment = "Step by step & <checked>; " * 400
    story = [Text(markup(TRICKY_COMPANY), style("company")),
             Text(markup(comment), style("indent"), "1."),
             Text("right", style("cell-right"))]
    SimpleDocTemplate(buffer).build(story)
    printed = text_of(buffer.getvalue())
    assert TRICKY_COMPANY in printed
    assert printed.count("Step by step & <checked>;") == 400
    assert "1. Step by step" in printed
