"""The assessment editor used as a trader would: mouse and keyboard, saved to the database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QMimeData, QObject, QPointF, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDateEdit, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from aeo_assess import i18n
from aeo_assess.domain.assessment import Answer
from aeo_assess.domain.questionnaire import QuestionType
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.editor.assessment_editor import AssessmentEditor
from aeo_assess.gui.editor.question_tree import Filter
from aeo_assess.services import assessments
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from tests.gui.editor.conftest import (
    OpenEditor,
    click,
    click_in_next_message_box,
    type_text,
    wait_saved,
)

CHOICE, YES_NO, MATURITY = "SAFE-A.01", "SAFE-A.02", "SAFE-A.03"
NA_ALLOWED = "SAFE-A.04"


def stored(ctx: AppContext, assessment_id: str, question_id: str) -> Answer | None:
    return assessments.load(ctx, assessment_id)[1].answer(question_id)


def first_of(editor: AssessmentEditor, kind: QuestionType) -> str:
    return next(
        q for q in editor.tree.shown_questions()
        if editor.state.questionnaire.question(q).type is kind
    )


def test_click_answers_and_everything_follows(
    qtbot: QtBot, open_editor: OpenEditor, ctx: AppContext, assessment_id: str
) -> None:
    editor = open_editor()
    assert editor.tree.current == CHOICE  # the first unanswered question
    badge_before = editor.header.badge.text()
    criterion_row = editor.tree._criteria["SAFE-A"]
    assert criterion_row.text(1) == i18n.format_percent(0)

    editor.go_to(MATURITY)
    applied = editor.panel.options.buttons[3]
    assert applied.text() == "3 · Applied with records"
    assert "validator can sample" in applied.accessibleDescription()
    with qtbot.waitSignal(editor.gui.signals.assessment_changed) as changed:
        click(qtbot, applied)
    assert changed.args == [assessment_id]
    assert applied.isChecked()
    row = editor.tree._questions[MATURITY]
    assert row.text(1) == "✓" and row.text(2) == i18n.format_percent(0.75)
    assert criterion_row.text(2) == i18n.format_percent(0.75)
    assert editor.header.badge.text() != badge_before
    wait_saved(qtbot, editor)
    assert stored(ctx, assessment_id, MATURITY) == Answer(3)

    editor.go_to(CHOICE)
    click(qtbot, editor.panel.options.buttons[0])  # "No infringements recorded"
    editor.go_to(YES_NO)
    assert [b.text() for b in editor.panel.options.buttons] == ["Yes", "No"]
    click(qtbot, editor.panel.options.buttons[0])  # yes: the non-compliant answer
    assert editor.panel.recommendation.isVisible()
    assert editor.tree._questions[YES_NO].toolTip(1).endswith("must not met")
    wait_saved(qtbot, editor)
    assert stored(ctx, assessment_id, CHOICE) == Answer("none")
    assert stored(ctx, assessment_id, YES_NO) == Answer(True)


def test_keyboard_answers_and_moves(
    qtbot: QtBot, open_editor: OpenEditor, ctx: AppContext, assessment_id: str
) -> None:
    editor = open_editor()
    editor.go_to(YES_NO)
    editor.panel.focus_answer()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N)
    assert editor.state.answer(YES_NO).value is False
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert editor.tree.current == MATURITY
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    assert editor.state.answer(MATURITY).value == 1
    assert editor.panel.options.buttons[1].isChecked()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert editor.tree.current == YES_NO
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y)
    assert editor.state.answer(YES_NO).value is True
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3)  # not a maturity question
    assert editor.state.answer(YES_NO).value is True
    editor.setFocus()  # as the main window does: the tree takes it, and keys still answer
    assert editor.tree.tree.hasFocus()
    qtbot.keyClick(editor.tree.tree, Qt.Key.Key_Down)
    assert editor.tree.current == MATURITY
    qtbot.keyClick(editor.tree.tree, Qt.Key.Key_4)
    assert editor.state.answer(MATURITY).value == 4
    qtbot.keyClick(editor.tree.tree, Qt.Key.Key_2)

    # Letters typed into a text field stay text.
    editor.go_to(YES_NO)
    editor.panel.comment.setFocus()
    qtbot.keyClicks(editor.panel.comment, "Y N 4")
    assert editor.state.answer(YES_NO).value is True
    assert editor.panel.comment.toPlainText() == "Y N 4"
    click(qtbot, editor.panel.navigation.next_button)  # leaving the question saves the comment
    assert editor.tree.current == MATURITY
    wait_saved(qtbot, editor)
    assert stored(ctx, assessment_id, YES_NO) == Answer(True, comment="Y N 4")
    assert stored(ctx, assessment_id, MATURITY) == Answer(2)


def test_not_applicable_needs_a_reason(
    qtbot: QtBot, open_editor: OpenEditor, ctx: AppContext, assessment_id: str
) -> None:
    editor = open_editor()
    editor.go_to(MATURITY)
    panel = editor.panel
    click(qtbot, panel.options.buttons[1])
    click(qtbot, panel.na_check)
    assert panel.na_reason.hasFocus()
    qtbot.keyClick(panel.na_reason, Qt.Key.Key_Return)
    assert panel.na_problem.isVisible()
    assert not editor.state.answer(MATURITY).not_applicable
    qtbot.keyClicks(panel.na_reason, "We never file customs declarations ourselves")
    qtbot.keyClick(panel.na_reason, Qt.Key.Key_Return)
    assert not panel.na_problem.isVisible()
    assert not panel.options.isEnabled()
    assert editor.tree._questions[MATURITY].text(1) == "N/A"
    wait_saved(qtbot, editor)
    assert stored(ctx, assessment_id, MATURITY) == Answer(
        na_reason="We never file customs declarations ourselves"
    )
    # Answering again replaces the mark.
    qtbot.keyClick(panel.options.buttons[0], Qt.Key.Key_4)
    assert not panel.na_check.isChecked()
    wait_saved(qtbot, editor)
    assert stored(ctx, assessment_id, MATURITY) == Answer(4)


def test_flag_and_filters(qtbot: QtBot, open_editor: OpenEditor) -> None:
    editor = open_editor()
    editor.go_to(MATURITY)
    click(qtbot, editor.panel.options.buttons[0])  # a blocking gap? SAFE-A.03 is not blocking
    click(qtbot, editor.panel.flag)
    assert editor.tree._questions[MATURITY].text(1) == "✓ ⚑"
    editor.go_to(CHOICE)
    click(qtbot, editor.panel.options.buttons[3])  # serious infringement: a blocking gap

    def shown_with(kind: Filter) -> list[str]:
        editor.tree.filter.setCurrentIndex(editor.tree.filter.findData(kind.value))
        return editor.tree.shown_questions()

    editor.go_to(YES_NO)  # the current question stays on show whatever the filter
    assert shown_with(Filter.FLAGGED) == [YES_NO, MATURITY]
    assert shown_with(Filter.GAPS) == [CHOICE, YES_NO, MATURITY]
    assert shown_with(Filter.BLOCKING) == [CHOICE, YES_NO]
    unanswered = shown_with(Filter.UNANSWERED)
    assert YES_NO in unanswered and CHOICE not in unanswered and MATURITY not in unanswered
    shown_with(Filter.FLAGGED)
    click(qtbot, editor.panel.navigation.next_button)
    assert editor.tree.current == MATURITY
    assert editor.tree.shown_questions() == [MATURITY]
    assert not editor.panel.navigation.next_button.isEnabled()
    all_questions = shown_with(Filter.ALL)
    assert len(all_questions) == editor.state.card.applicable


def test_show_if_questions_appear_with_their_condition(qtbot: QtBot, open_editor: OpenEditor) -> None:
    editor = open_editor()
    conditional = [
        q for q in editor.state.questionnaire.questions()
        if q.show_if is not None and q.show_if.question == "SAFE-G.01"
    ]
    assert conditional
    assert not any(q.id in editor.tree.shown_questions() for q in conditional)
    editor.go_to("SAFE-G.01")
    applicable = editor.state.card.applicable
    qtbot.keyClick(editor.panel.options.buttons[0], Qt.Key.Key_Y)
    assert all(q.id in editor.tree.shown_questions() for q in conditional)
    assert editor.state.card.applicable == applicable + len(conditional)
    qtbot.keyClick(editor.panel.options.buttons[0], Qt.Key.Key_N)
    assert not any(q.id in editor.tree.shown_questions() for q in conditional)
    # Questions for other roles never show (SAFE-H.08 counts a carrier's trucks).
    assert "SAFE-H.08" not in editor.tree.shown_questions()


def test_search_finds_text_guidance_evidence_and_comments(
    qtbot: QtBot, open_editor: OpenEditor
) -> None:
    editor = open_editor()
    assert editor.tree.current == CHOICE
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert editor.tree.search.hasFocus()
    qtbot.keyClicks(editor.tree.search, "seal")
    shown = editor.tree.shown_questions()
    assert shown and CHOICE not in shown  # the current question is no false hit
    questionnaire = editor.state.questionnaire
    for question_id in shown:
        question = questionnaire.question(question_id)
        words = " ".join([question.text["en"], question.guidance["en"],
                          *(e["en"] for e in question.evidence)]).casefold()
        assert "seal" in words, question_id
    only_guidance = [q for q in shown if "seal" not in questionnaire.question(q).text["en"].casefold()]
    assert only_guidance  # found beyond the question's own words

    editor.go_to(MATURITY)
    editor.tree.search.clear()
    editor.panel.comment.setFocus()
    qtbot.keyClicks(editor.panel.comment, "Tarjetas de visitante numeradas")
    editor.panel.comment.commit()
    qtbot.waitUntil(lambda: editor.state.answer(MATURITY).comment != "")
    editor.tree.search.setFocus()
    qtbot.keyClicks(editor.tree.search, "numeradas")
    assert editor.tree.shown_questions() == [MATURITY]


def test_undo_and_redo(qtbot: QtBot, open_editor: OpenEditor, ctx: AppContext, assessment_id: str) -> None:
    editor = open_editor()
    editor.go_to(MATURITY)
    click(qtbot, editor.panel.options.buttons[3])
    click(qtbot, editor.panel.flag)
    editor.go_to(CHOICE)
    click(qtbot, editor.panel.options.buttons[1])
    assert editor.undo_action().isEnabled() and not editor.redo_action().isEnabled()
    assert editor.undo_action().text() == f"&Undo change to {CHOICE}"

    focus = QApplication.focusWidget()
    qtbot.keyClick(focus, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.state.answer(CHOICE) == Answer()
    assert editor.tree._questions[CHOICE].text(1) == ""
    qtbot.keyClick(focus, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.tree.current == MATURITY  # undo shows the question it changes
    assert editor.state.answer(MATURITY) == Answer(3)
    assert not editor.panel.flag.isChecked()
    assert editor.redo_action().isEnabled()
    wait_saved(qtbot, editor)
    assert stored(ctx, assessment_id, MATURITY) == Answer(3)
    assert stored(ctx, assessment_id, CHOICE) is None

    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, redo)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, redo)
    assert editor.tree.current == CHOICE
    assert editor.panel.options.buttons[1].isChecked()
    wait_saved(qtbot, editor)
    assert stored(ctx, assessment_id, MATURITY) == Answer(3, flagged=True)
    assert stored(ctx, assessment_id, CHOICE) == Answer("minor_corrected")


def test_number_and_date_answers(
    qtbot: QtBot, open_editor: OpenEditor, ctx: AppContext, assessment_id: str
) -> None:
    editor = open_editor()
    number = first_of(editor, QuestionType.NUMBER)
    editor.go_to(number)
    field = editor.panel.number.edit
    field.setFocus()
    qtbot.keyClicks(field, "abc")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert editor.panel.number.problem.isVisible()
    field.clear()
    qtbot.keyClicks(field, "3.5")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert editor.state.answer(number).value == 3.5

    date_question = first_of(editor, QuestionType.DATE)
    editor.go_to(date_question)
    assert editor.panel.date.edit.text() == "No date"
    editor.panel.date.edit.setDate(QDate(2026, 3, 31))
    assert editor.state.answer(date_question).value == dt.date(2026, 3, 31)
    click(qtbot, editor.panel.date.clear_button)
    assert editor.state.answer(date_question).value is None
    editor.panel.date.edit.setDate(QDate(2026, 4, 30))
    wait_saved(qtbot, editor)
    assert stored(ctx, assessment_id, number) == Answer(3.5)
    assert stored(ctx, assessment_id, date_question) == Answer(dt.date(2026, 4, 30))


class _Opened(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


# PySide6 6.12 prefers a QPointF here and deprecates QPoint; 6.11 only takes QPoint.
@pytest.mark.filterwarnings("ignore:Function.*QDragEnterEvent.*deprecated:DeprecationWarning")
def test_evidence_attach_drop_open_remove(
    qtbot: QtBot,
    open_editor: OpenEditor,
    ctx: AppContext,
    assessment_id: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    procedure = tmp_path / "procedimiento de divulgación.pdf"
    procedure.write_bytes(b"%PDF-1.4 disclosure procedure")
    log = tmp_path / "log.xlsx"
    log.write_bytes(b"PK disclosure log")
    editor = open_editor()
    editor.go_to(MATURITY)
    box = editor.panel.evidence
    assert not box.open_button.isEnabled()

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(procedure)], ""))
    with qtbot.waitSignal(editor.gui.signals.assessment_changed):
        click(qtbot, box.attach_button)
    qtbot.waitUntil(lambda: box.list.count() == 1)
    assert box.list.item(0).text().startswith("procedimiento de divulgación.pdf")

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(log))])
    target = box.list.viewport()
    where = QPointF(target.rect().center())
    enter = QDragEnterEvent(where.toPoint(), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(where, Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    qtbot.waitUntil(lambda: box.list.count() == 2)

    opened = _Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        box.list.setCurrentRow(0)
        click(qtbot, box.open_button)
        qtbot.waitUntil(lambda: bool(opened.urls))
    finally:
        QDesktopServices.unsetUrlHandler("file")
    copy = Path(opened.urls[0].toLocalFile())
    assert copy.name == procedure.name and copy.read_bytes() == procedure.read_bytes()

    click_in_next_message_box(QMessageBox.StandardButton.Yes)
    click(qtbot, box.remove_button)
    assert box.list.count() == 1
    wait_saved(qtbot, editor)
    names = [e.name for e in assessments.load(ctx, assessment_id)[1].evidence]
    assert names == ["log.xlsx"]


def test_dashboard_chart_gaps_and_plan(
    qtbot: QtBot,
    open_editor: OpenEditor,
    ctx: AppContext,
    assessment_id: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor = open_editor()
    click(qtbot, editor.panel.options.buttons[3])  # SAFE-A.01: a serious infringement
    editor.go_to(MATURITY)
    click(qtbot, editor.panel.options.buttons[1])
    editor.tabs.setCurrentIndex(1)
    dashboard = editor.dashboard
    qtbot.waitUntil(dashboard.isVisible)
    bars = dashboard.chart.chart.bars if dashboard.chart.chart else ()
    applicable = [c.criterion_id for c in editor.state.card.criteria if c.applicable]
    assert [bar.key for bar in bars] == applicable
    assert dashboard.overall.value.text() == i18n.format_percent(editor.state.card.overall)
    card = editor.state.card
    assert dashboard.blocking_count.value.text() == "1"
    assert dashboard.open_count.value.text() == str(len(card.open_musts))
    assert dashboard.gaps.count() == 1 + len(card.open_musts)
    unanswered = [i.gap.question_id for i in card.action_plan if i.gap.unanswered]
    # SAFE-A.01 is an eligibility condition (2027.1): its failure leads, then the open musts.
    assert dashboard.gaps.item(0).text().startswith(CHOICE)
    assert "Not yet answered" in dashboard.gaps.item(1).text()

    table = dashboard.plan
    assert table.rowCount() == 2 + len(unanswered)
    # the failed eligibility condition leads the plan, before the open musts (DESIGN §4)
    first = next(i.rank for i in card.action_plan if i.gap.question_id == CHOICE) - 1
    assert first == 0
    assert table.question_at(0) == CHOICE and table.question_at(1) == unanswered[0]
    assert table.item(1, 3).text() == "Not yet answered"
    owner = table.item(first, 5)
    table.setCurrentItem(owner)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor_widget = QApplication.focusWidget()
    type_text(editor_widget, "María Peña")
    qtbot.keyClick(editor_widget, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(first, 5).text() == "María Peña")  # Qt commits queued
    due = table.item(first, 6)
    table.setCurrentItem(due)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    date_editor = QApplication.focusWidget()
    assert isinstance(date_editor, QDateEdit)
    date_editor.setDate(QDate(2027, 1, 15))
    qtbot.keyClick(date_editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: table.item(first, 6).text() == i18n.format_date(dt.date(2027, 1, 15))
    )
    wait_saved(qtbot, editor)
    plan = assessments.load(ctx, assessment_id)[1].plan[CHOICE]
    assert (plan.owner, plan.due) == ("María Peña", dt.date(2027, 1, 15))

    export = tmp_path / "plan.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(export), ""))
    click(qtbot, dashboard.export_button)
    raw = export.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Rank,Question,")
    row = next(line for line in lines if CHOICE in line)
    assert "María Peña" in row and ",Yes," in row

    table.sortItems(0, Qt.SortOrder.DescendingOrder)
    assert table.question_at(0) == card.action_plan[-1].gap.question_id

    item = dashboard.gaps.item(0)
    assert item.text().startswith(f"{CHOICE} · Falls short")
    dashboard.gaps.scrollToItem(item)
    qtbot.mouseClick(dashboard.gaps.viewport(), Qt.MouseButton.LeftButton,
                     pos=dashboard.gaps.visualItemRect(item).center())
    assert editor.tabs.currentIndex() == 0 and editor.tree.current == CHOICE


def test_spanish_labels(qtbot: QtBot, open_editor: OpenEditor) -> None:
    editor = open_editor()
    editor.go_to(MATURITY)
    i18n.set_language("es")
    editor.gui.signals.language_changed.emit("es")
    assert editor.tabs.tabText(0) == "&Preguntas"
    assert editor.tabs.tabText(1) == "&Tablero"
    assert editor.panel.options.buttons[3].text() == "3 · Aplicado con registros"
    assert editor.panel.validator_heading.text() == "Qué pedirá ver un validador"
    assert editor.header.badge.text().startswith("No preparado")
    assert editor.tree.tree.headerItem().text(0) == "Pregunta"
    assert editor.tree._criteria["SAFE-A"].text(0).endswith("Cumplimiento demostrado de los requisitos aduaneros")
    editor.go_to(YES_NO)
    assert [b.text() for b in editor.panel.options.buttons] == ["Sí", "No"]
    qtbot.keyClick(editor.panel.options.buttons[0], Qt.Key.Key_S)  # "sí"
    assert editor.state.answer(YES_NO).value is True
    assert "Pregunta" in editor.panel.navigation.position.text()


def test_reopen_finds_everything(
    qtbot: QtBot, open_editor: OpenEditor, gui: GuiContext, tmp_path: Path
) -> None:
    editor = open_editor()
    editor.go_to(MATURITY)
    click(qtbot, editor.panel.options.buttons[2])
    click(qtbot, editor.panel.flag)
    editor.panel.comment.setFocus()
    type_text(editor.panel.comment, "Procedimiento en revisión")
    proof = tmp_path / "proof.txt"
    proof.write_text("registro", "utf-8")
    editor.panel.evidence.attach([proof])
    qtbot.waitUntil(lambda: editor.panel.evidence.list.count() == 1)
    editor.go_to(NA_ALLOWED)  # SAFE-A.02 is an eligibility condition: never not applicable
    click(qtbot, editor.panel.na_check)
    qtbot.keyClicks(editor.panel.na_reason, "Sin condenas")
    qtbot.keyClick(editor.panel.na_reason, Qt.Key.Key_Return)
    editor.close()  # finishes pending saves

    again = open_editor()
    assert again.tree.current == CHOICE  # first unanswered
    again.go_to(MATURITY)
    assert again.panel.options.buttons[2].isChecked()
    assert again.panel.flag.isChecked()
    assert again.panel.comment.toPlainText() == "Procedimiento en revisión"
    assert again.panel.evidence.list.count() == 1
    again.go_to(NA_ALLOWED)
    assert again.panel.na_check.isChecked()
    assert again.panel.na_reason.text() == "Sin condenas"
    assert again.tree._questions[MATURITY].text(1) == "✓ ⚑"


def test_demonstration_banner(qtbot: QtBot, open_editor: OpenEditor, ctx: AppContext) -> None:
    demo = assessments.create_assessment(
        ctx, questionnaire_id="safe-aeo", company="Demo", country="PE",
        roles=["exporter"], aeo_types=["security"], demo=True,
    )
    assert open_editor(demo).header.banner.isVisible()
    assert not open_editor().header.banner.isVisible()


def test_failed_save_says_so_and_shows_what_is_stored(
    qtbot: QtBot, open_editor: OpenEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_editor()
    editor.go_to(MATURITY)

    def refuse(*args: object, **kwargs: object) -> None:
        raise ServiceError("the database is read-only")

    monkeypatch.setattr(assessments, "set_value", refuse)
    click(qtbot, editor.panel.options.buttons[2])
    qtbot.waitUntil(lambda: editor.header.saved.text() == "Not saved")
    assert "read-only" in editor.header.problem.text()
    qtbot.waitUntil(lambda: editor.state.answer(MATURITY) == Answer())
    assert not any(b.isChecked() for b in editor.panel.options.buttons)
    assert not editor.undo_action().isEnabled()
