"""Fast entry from paper: the round trip paper form → keyboard-only entry → report, and the
reading of typed lines (ids shortened or left out, not applicable, mistakes)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aeo_assess import i18n
from aeo_assess.domain.assessment import Answer
from aeo_assess.domain.questionnaire import Question, QuestionType
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.editor.assessment_editor import AssessmentEditor
from aeo_assess.gui.office.fast_entry import EntryError, find_question, read_entry
from aeo_assess.services import assessments, questionnaire_forms, reports
from aeo_assess.services.context import AppContext, open_context
from aeo_assess.settings import load_settings
from tests.reporting.samples import safe_aeo, text_of

ROLES = ["carrier", "importer"]


@pytest.fixture
def ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppContext]:
    monkeypatch.setenv("AEO_ASSESS_SETTINGS", str(tmp_path / "settings.json"))
    context = open_context(f"sqlite:///{tmp_path}/db.sqlite3")
    yield context
    context.database.close()


@pytest.fixture
def spanish() -> Iterator[None]:
    i18n.set_language("es")
    yield
    i18n.set_language("en")


@pytest.fixture
def editor(qtbot: QtBot, ctx: AppContext, spanish: None) -> AssessmentEditor:
    assessment_id = assessments.create_assessment(
        ctx, questionnaire_id="safe-aeo", company="Transportes Ñandú", country="GT",
        roles=ROLES, aeo_types=["security"])
    shown = AssessmentEditor(GuiContext(ctx, load_settings()), assessment_id)
    qtbot.addWidget(shown)
    shown.resize(1280, 720)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    return shown


def key_of(question: Question) -> str:
    """What a facilitator reads off the paper form for ``question``."""
    return {
        QuestionType.MATURITY: "3",
        QuestionType.YES_NO: "si",
        QuestionType.NUMBER: "12",
        QuestionType.DATE: "2026-01-15",
        QuestionType.TEXT: "procedimiento PR-7",
    }.get(question.type, question.options[0].value if question.options else "")


def test_paper_to_fast_entry_to_report_with_the_keyboard_only(
    qtbot: QtBot, ctx: AppContext, editor: AssessmentEditor
) -> None:
    paper = questionnaire_forms.questionnaire_pdf(ctx, questionnaire_forms.FormOptions(
        assessment=editor.assessment_id, language="es"))
    printed = list(dict.fromkeys(re.findall(r"\b((?:SAFE-[A-M]|CYBER)\.\d\d)\b", text_of(paper))))
    questionnaire = editor.state.questionnaire
    qtbot.keyClick(editor.tree.tree, Qt.Key.Key_D,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    bar = editor.fast_entry.bar
    qtbot.waitUntil(lambda: bar.isVisible() and bar.line.hasFocus())
    typed: dict[str, str] = {}
    for number, question_id in enumerate(printed):
        if len(typed) == 24:
            break
        if not editor.state.is_visible(question_id):
            continue  # a follow-up question that the answers so far leave out
        key = key_of(questionnaire.question(question_id))
        expected = editor.fast_entry.next_id
        # Every third line leaves the id out when the prompt already names that question.
        line = key if number % 3 == 0 and expected == question_id else \
            f"{question_id.removeprefix('SAFE-')} {key}"
        qtbot.keyClicks(bar.line, line)
        qtbot.keyClick(bar.line, Qt.Key.Key_Return)
        assert bar.message.text() == f"{question_id} guardada: {line}"
        typed[question_id] = key
    left = next(q for q in reversed(printed) if q not in typed and editor.state.is_visible(q))
    qtbot.keyClicks(bar.line, f"{left} na sin contenedores")
    qtbot.keyClick(bar.line, Qt.Key.Key_Return)
    assert bar.message.text() == f"{left} guardada: {left} na sin contenedores"
    editor.state.wait_saved()
    assert len(typed) == 24
    _q, assessment, card = assessments.load(ctx, editor.assessment_id)
    for question_id in typed:
        assert assessment.answer(question_id) is not None, question_id
        assert assessment.answer(question_id).value is not None  # type: ignore[union-attr]
    assert assessment.answer(left) == Answer(na_reason="sin contenedores")
    assert card.answered == 25
    report = reports.render(ctx, editor.assessment_id, reports.ReportOptions(language="es"))
    text = text_of(report.pdf)
    assert f"25 de {card.applicable}" in text


@pytest.fixture(scope="module")
def everything() -> set[str]:
    return {q.id for q in safe_aeo().questions()}


def test_ids_may_be_shortened_and_in_any_case() -> None:
    questionnaire = safe_aeo()
    assert find_question("a.01", questionnaire).id == "SAFE-A.01"  # type: ignore[union-attr]
    assert find_question("SAFE-B.02", questionnaire).id == "SAFE-B.02"  # type: ignore[union-attr]
    assert find_question("cyber.04", questionnaire).id == "CYBER.04"  # type: ignore[union-attr]
    assert find_question("Z.01", questionnaire) is None


def test_lines_read_as_answers(everything: set[str]) -> None:
    questionnaire = safe_aeo()
    assert read_entry("A.03 3", questionnaire, everything, None).answer == Answer(3)
    assert read_entry("3", questionnaire, everything, "SAFE-A.03").answer == Answer(3)
    assert read_entry("A.02 no", questionnaire, everything, None).answer == Answer(False)
    assert read_entry(" a.01 none ", questionnaire, everything, None).answer == Answer("none")
    assert read_entry("A.03 na no customs", questionnaire, everything, None).answer == \
        Answer(na_reason="no customs")
    jump = read_entry("B.01", questionnaire, everything, "SAFE-A.03")
    assert jump.question_id == "SAFE-B.01" and jump.answer is None


@pytest.mark.parametrize(
    ("line", "expected", "message"),
    [
        ("A.03 7", None, "SAFE-A.03: type a level from 0 to 4"),
        ("A.02 maybe", None, "SAFE-A.02: type yes or no"),
        ("A.01 most", None, "SAFE-A.01: type one of none, minor_corrected, repeated, serious"),
        ("Q.09 3", None, "No question Q.09 in this questionnaire"),
        ("3", None, "Type a question id first, for example A.01 3"),
    ],
)
def test_mistakes_say_what_to_type(everything: set[str], line: str, expected: str | None,
                                   message: str) -> None:
    with pytest.raises(EntryError, match=f"^{re.escape(message)}$"):
        read_entry(line, safe_aeo(), everything, expected)


def test_a_question_outside_the_profile_is_refused() -> None:
    with pytest.raises(EntryError, match="^SAFE-H.02 does not apply to this assessment$"):
        read_entry("H.02 3", safe_aeo(), {"SAFE-A.01"}, None)
