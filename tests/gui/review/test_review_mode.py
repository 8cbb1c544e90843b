"""Review mode on its own: the applicant's answers stay read-only whatever the officer
presses, verdict keys and remark status work, and a review file that belongs to other answers
is refused with a readable reason."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QFileDialog, QLineEdit, QRadioButton
from pytestqt.qtbot import QtBot

from aeo_assess.domain.review import RemarkStatus, Verdict
from aeo_assess.gui.main_window import MainWindow
from aeo_assess.gui.review.question_list import Show
from aeo_assess.gui.review.workspace import ReviewWorkspace
from aeo_assess.services import assessments, reviews, transfer
from aeo_assess.services.context import AppContext, open_context
from tests.gui.conftest import new_assessment, type_text
from tests.gui.review.conftest import OpenAs, choose_open


def submitted(tmp_path: Path, company: str = "Textiles Andinos S.A.") -> Path:
    """An applicant file from another installation."""
    trader = open_context(f"sqlite:///{tmp_path / 'elsewhere.sqlite3'}")
    own = new_assessment(trader, company, "PE")
    assessments.set_value(trader, own, "SAFE-A.03", 2)
    assessments.set_comment(trader, own, "SAFE-A.03", "Procedimiento en revisión")
    out = transfer.export_assessment(trader, own, tmp_path / "textiles.aeoa")
    trader.database.close()
    return out


def review_of(officer: MainWindow, path: Path) -> ReviewWorkspace:
    ctx: AppContext = officer.gui.app
    submission = transfer.import_applicant_file(ctx, path).assessment_id
    officer.gui.signals.assessments_changed.emit()
    officer.open_assessment(submission)
    workspace = officer.editor
    assert isinstance(workspace, ReviewWorkspace)
    return workspace


def test_answers_are_read_only_and_verdicts_are_keys(
    qtbot: QtBot, open_as: OpenAs, tmp_path: Path
) -> None:
    officer = open_as("officer")
    workspace = review_of(officer, submitted(tmp_path))
    page = workspace.page
    workspace.go_to("SAFE-A.03")
    assert page.answer.text() == "2 · Documented"
    assert page.comment.text() == "Procedimiento en revisión"
    assert "Read-only" in page.read_only_note.text()
    # Nothing on the page edits an answer: no choices, no fields, no spin boxes.
    for kind in (QRadioButton, QLineEdit, QAbstractSpinBox):
        assert page.scroll_area.widget().findChildren(kind) == []  # type: ignore[union-attr]

    tree = workspace.questions.tree
    tree.setFocus()
    for key in (Qt.Key.Key_3, Qt.Key.Key_Y, Qt.Key.Key_0):  # the editor's answer keys
        qtbot.keyClick(tree, key)
    qtbot.keyClick(tree, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: workspace.saved.text() == "All changes saved")
    _q, assessment, _c = assessments.load(officer.gui.app, workspace.assessment_id)
    assert assessment.answers["SAFE-A.03"].value == 2
    assert page.verdict_status.text() == "Verdict: Needs evidence"
    with pytest.raises(reviews.ServiceError):
        assessments.set_value(officer.gui.app, workspace.assessment_id, "SAFE-A.03", 4)

    # A remark opens; ticking "resolved" resolves it; the filter finds open remarks.
    qtbot.mouseClick(page.remark, Qt.MouseButton.LeftButton)
    type_text(page.remark, "Adjunte el procedimiento firmado.")
    assert not page.resolved.isEnabled()  # nothing to resolve until the remark is saved
    page.remark.commit()
    assert page.resolved.isEnabled()
    workspace.questions.show_filter.setCurrentIndex(
        workspace.questions.show_filter.findData(Show.OPEN_REMARKS.value)
    )
    workspace.go_to("SAFE-A.04")  # the filter hides what does not match
    assert workspace.questions.shown_questions() == ["SAFE-A.03", "SAFE-A.04"]
    workspace.go_to("SAFE-A.03")
    qtbot.mouseClick(page.resolved, Qt.MouseButton.LeftButton,
                     pos=QPoint(page.resolved.fontMetrics().height() // 2 + 2,
                                page.resolved.height() // 2))
    qtbot.waitUntil(lambda: workspace.saved.text() == "All changes saved")
    review = reviews.load_review(officer.gui.app, workspace.assessment_id)
    assert review.questions["SAFE-A.03"].verdict is Verdict.NEEDS_EVIDENCE
    assert review.questions["SAFE-A.03"].remark_status is RemarkStatus.RESOLVED
    assert workspace.progress.text().startswith("1 of ")


def test_a_review_file_for_other_answers_is_refused(
    qtbot: QtBot, open_as: OpenAs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    officer = open_as("officer")
    workspace = review_of(officer, submitted(tmp_path))
    workspace.page.choose(Verdict.ACCEPTED)
    workspace.export_to(tmp_path / "textiles")
    qtbot.waitUntil(lambda: workspace.saved.text() == "Review file written: textiles.aeor")
    assert (tmp_path / "textiles.aeor").exists()

    stranger = open_as("trader")  # never exported the file this review judged
    choose_open(monkeypatch, [tmp_path / "textiles.aeor"])
    stranger.import_action.trigger()
    qtbot.waitUntil(lambda: stranger.import_summary is not None)
    summary = stranger.import_summary
    assert summary is not None
    assert "Refused: 1" in summary.heading.text()
    reason = summary.tree.topLevelItem(0).text(2)  # type: ignore[union-attr]
    assert "never exported nor imported" in reason and "Traceback" not in reason


def test_review_mode_in_spanish(qtbot: QtBot, open_as: OpenAs, tmp_path: Path) -> None:
    officer = open_as("officer", language="es")
    workspace = review_of(officer, submitted(tmp_path))
    assert workspace.title.toolTip() == "Revisión de Textiles Andinos S.A. (Perú)"
    assert workspace.page.verdict_buttons[Verdict.NOT_ACCEPTED].text() == "No aceptada (X)"
    assert workspace.tabs.tabText(3) == "&Cambios desde la última presentación"
    assert workspace.changes.summary.text().startswith("Es la primera presentación")

    officer.language_menu.actions_by_language["en"].trigger()  # Language › English
    assert workspace.page.verdict_buttons[Verdict.NOT_ACCEPTED].text() == "Not accepted (X)"
    assert workspace.progress.text().endswith("questions reviewed")
    officer.close_assessment()  # back on the list: the queue shows the progress
    queue = officer.review_hooks.queue
    qtbot.waitUntil(lambda: queue.tree.topLevelItemCount() == 1)
    assert queue.tree.headerItem().text(2) == "Review progress"


def test_review_report_is_previewed_and_saved(
    qtbot: QtBot, open_as: OpenAs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    officer = open_as("officer")
    workspace = review_of(officer, submitted(tmp_path))
    workspace.page.choose(Verdict.NOT_ACCEPTED)
    qtbot.keyClick(workspace, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: workspace.report_dialog is not None)
    dialog = workspace.report_dialog
    assert dialog is not None
    assert dialog.windowTitle() == "Review report"
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=20_000)
    assert dialog.document.pageCount() >= 1
    assert dialog.file_name == "Textiles Andinos S.A. – review report.pdf"
    out = tmp_path / "review.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert out.read_bytes().startswith(b"%PDF")
    dialog.close()


def test_review_report_is_saved_as_a_word_document(
    qtbot: QtBot, open_as: OpenAs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    officer = open_as("officer")
    workspace = review_of(officer, submitted(tmp_path))
    workspace.page.choose(Verdict.NOT_ACCEPTED)
    qtbot.keyClick(workspace, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: workspace.report_dialog is not None)
    dialog = workspace.report_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=20_000)
    out = tmp_path / "review.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(out.exists, timeout=20_000)
    document = docx.Document(str(out))
    assert [p.text for p in document.paragraphs if p.style is not None
            and p.style.name == "Title"] == ["AEO review report"]
    assert "Not accepted" in " ".join(c.text for t in document.tables for r in t.rows
                                      for c in r.cells)
    dialog.close()
