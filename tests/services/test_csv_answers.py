"""Answer sheets (CSV) that are odd or hostile: one line per problem, never a traceback,
nothing written (issue 13)."""

from __future__ import annotations

import pytest

from aeo_assess.questionnaires.registry import find
from aeo_assess.services.csv_answers import SHOWN_PROBLEMS, parse_answers_csv
from aeo_assess.services.errors import ServiceError

SAFE = find("safe-aeo")
assert SAFE is not None
HEADER = "question_id,value,comment,na_reason\n"


def refused(text: str) -> list[str]:
    with pytest.raises(ServiceError) as caught:
        parse_answers_csv(text.encode(), "sheet.csv", SAFE)
    return str(caught.value).splitlines()


def test_a_cell_over_the_csv_modules_limit_is_a_message() -> None:
    (line,) = refused(HEADER + 'SAFE-B.01,3,"' + "x" * 140_000 + '",\n')
    assert line.startswith("sheet.csv:2: not a valid CSV row (field larger than field limit")


def test_an_unterminated_quote_is_refused() -> None:
    (line,) = refused(HEADER + 'SAFE-B.01,3,"never closed,\nSAFE-B.02,2,,\n')
    assert line.startswith("sheet.csv:") and "not a valid CSV row" in line


@pytest.mark.parametrize(
    ("comment", "problem"),
    [
        ("x" * 30_000, "SAFE-B.01: comment: is longer than 20,000 characters"),
        ("bell\x07", "SAFE-B.01: comment: contains the control character U+0007"),
    ],
)
def test_comments_follow_the_field_rules(comment: str, problem: str) -> None:
    (line,) = refused(HEADER + f'SAFE-B.01,3,"{comment}",\n')
    assert line == f"sheet.csv:2: {problem}"


def test_many_bad_rows_stop_after_fifty_then_count_the_rest() -> None:
    lines = refused(HEADER + "".join(f"NOPE-{i},3,,\n" for i in range(400)))
    assert len(lines) == SHOWN_PROBLEMS + 1 == 51
    assert lines[0] == "sheet.csv:2: unknown question 'NOPE-0'"
    assert lines[-1] == "sheet.csv: and 350 more problems"


def test_a_good_sheet_still_reads() -> None:
    rows = parse_answers_csv(
        (HEADER + 'SAFE-B.01,3,"line one\nline two",\n').encode(), "sheet.csv", SAFE
    )
    assert [(r.question_id, r.answer.value, r.answer.comment) for r in rows] == [
        ("SAFE-B.01", 3, "line one\nline two")
    ]
