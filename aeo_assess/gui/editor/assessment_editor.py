"""The assessment editor: questions on the left, the current question in the centre, and a
dashboard tab; every change is shown at once, saved in the background and undoable."""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from aeo_assess.domain.assessment import Answer, CarryState
from aeo_assess.domain.questionnaire import MATURITY_LEVELS, QuestionType
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.editor.cycle_banner import CycleBanner
from aeo_assess.gui.editor.dashboard import Dashboard
from aeo_assess.gui.editor.header import EditorHeader
from aeo_assess.gui.editor.question_panel import QuestionPanel
from aeo_assess.gui.editor.question_tree import Filter, QuestionTree
from aeo_assess.gui.editor.state import EditorState
from aeo_assess.gui.editor.trend_tab import TrendTab
from aeo_assess.gui.editor.undo import AnswerCommand
from aeo_assess.gui.editor.upgrade_banner import UpgradeBanner
from aeo_assess.gui.editor.widgets import local_shortcut
from aeo_assess.gui.office.fast_entry import attach_fast_entry
from aeo_assess.gui.review.remarks import attach_customs_remarks
from aeo_assess.gui.saved_layout import remember_splitter, restore_splitter
from aeo_assess.i18n import _

SPLITTER_SETTING = "assessment_editor"
_QUESTIONS_TAB, _DASHBOARD_TAB = 0, 1


class AssessmentEditor(QWidget):
    reopen_requested = Signal()
    """The assessment moved to another questionnaire version: the window opens it anew."""
    report_requested = Signal()
    """The dashboard's report button: the main window opens the report dialog."""

    def __init__(self, gui: GuiContext, assessment_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.assessment_id = assessment_id
        self.state = state = EditorState(gui, assessment_id)
        self.undo_stack = QUndoStack(self)

        self.header = EditorHeader(state, self)
        self.tree = QuestionTree(state, self)
        self.panel = QuestionPanel(state, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(1, 1)
        tree_width = max(380, 40 * self.fontMetrics().averageCharWidth())
        self.splitter.setSizes([tree_width, 1280 - tree_width])
        restore_splitter(self.splitter, gui.settings, SPLITTER_SETTING)
        self.dashboard = Dashboard(state, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.splitter, "")
        self.tabs.addTab(self.dashboard, "")
        self.trend: TrendTab | None = None
        """The company's earlier cycles beside this one: only on a later cycle."""
        if state.assessment.previous_cycle_id is not None:
            self.trend = TrendTab(state, self)
            self.tabs.addTab(self.trend, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        self.upgrade_banner = UpgradeBanner(state, self.panel.commit_pending, self)
        self.upgrade_banner.upgraded.connect(self.reopen_requested)
        layout.addWidget(self.upgrade_banner)
        self.cycle_banner = CycleBanner(state, self)
        self.cycle_banner.show_to_confirm.connect(self.show_to_confirm)
        layout.addWidget(self.cycle_banner)
        layout.addWidget(self.tabs, 1)
        self.customs_remarks = attach_customs_remarks(self)
        self.fast_entry = attach_fast_entry(self)

        self._undo = QAction(self)
        self._undo.setShortcut(QKeySequence.StandardKey.Undo)
        self._redo = QAction(self)
        redo_keys = [QKeySequence("Ctrl+Shift+Z")]
        redo_keys += [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) if k not in redo_keys]
        self._redo.setShortcuts(redo_keys)  # a key listed twice would be ambiguous and do nothing
        for action, slot in ((self._undo, self.undo_stack.undo), (self._redo, self.undo_stack.redo)):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setEnabled(False)
            action.triggered.connect(slot)
            self.addAction(action)
        self.undo_stack.canUndoChanged.connect(self._undo.setEnabled)
        self.undo_stack.canRedoChanged.connect(self._redo.setEnabled)
        self.undo_stack.undoTextChanged.connect(self._retext_undo)
        self.undo_stack.redoTextChanged.connect(self._retext_undo)

        # Letters and digits reach these only outside text fields, which take them first.
        for digit in range(10):
            local_shortcut(self, str(digit), functools.partial(self._answer_digit, digit))
        local_shortcut(self, "Y", lambda: self._answer_yes_no(True))
        local_shortcut(self, "N", lambda: self._answer_yes_no(False))
        self._yes_key = local_shortcut(self, "", lambda: self._answer_yes_no(True))
        """The initial of "yes" in the current language (S for "sí")."""
        local_shortcut(self, "Ctrl+Right", self.next_question)
        local_shortcut(self, "Ctrl+Left", self.previous_question)
        local_shortcut(self, "Ctrl+F", self.focus_search)

        self.tree.question_selected.connect(self._show)
        self.tree.shown_changed.connect(self._update_position)
        self.panel.change_requested.connect(self.change_answer)
        self.panel.confirm_requested.connect(self.confirm_carried)
        self.panel.previous_requested.connect(self.previous_question)
        self.panel.next_requested.connect(self.next_question)
        self.dashboard.question_requested.connect(self.reveal)
        self.dashboard.report_requested.connect(self.report_requested)
        state.answer_changed.connect(self._on_answer_changed)
        state.visibility_changed.connect(self.tree.visibility_changed)
        state.saved.connect(lambda: gui.signals.assessment_changed.emit(assessment_id))
        state.reloaded.connect(self._on_reloaded)
        # A bound method (not a lambda) so that Qt drops the connection with the editor.
        gui.signals.language_changed.connect(self._on_language_changed)

        # Whoever focuses the editor lands in the tree: arrows move, digits and Y/N answer.
        self.setFocusProxy(self.tree.tree)
        self.retranslate()
        start = self._first_question()
        if start:
            self.go_to(start)
            self.panel.focus_answer()

    # --- public ----------------------------------------------------------------------------

    def undo_action(self) -> QAction:
        return self._undo

    def redo_action(self) -> QAction:
        return self._redo

    def fast_entry_action(self) -> QAction:
        return self.fast_entry.action

    def retranslate(self) -> None:
        self.tabs.setTabText(_QUESTIONS_TAB, _("&Questions"))
        self.tabs.setTabText(_DASHBOARD_TAB, _("&Dashboard"))
        if self.trend is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.trend), _("&Trend"))
            self.trend.retranslate()
        self.tabs.setAccessibleName(_("Assessment editor"))
        self.splitter.setAccessibleName(_("Questions"))
        initial = _("Yes")[:1].upper()
        self._yes_key.setKey(QKeySequence(initial if initial != "Y" else ""))
        for index in range(self.undo_stack.count()):
            command = self.undo_stack.command(index)
            if isinstance(command, AnswerCommand):
                command.retranslate()
        self._retext_undo()
        for part in (self.header, self.upgrade_banner, self.cycle_banner, self.tree, self.panel,
                     self.dashboard):
            part.retranslate()
        self._update_position()

    def go_to(self, question_id: str) -> None:
        """Show a question (selecting it in the tree even if the filter would hide it)."""
        self.tree.select(question_id)
        self._show(question_id)

    def reveal(self, question_id: str) -> None:
        """Bring a question into view from anywhere (dashboard, undo)."""
        if not self.state.is_visible(question_id):
            return
        self.tabs.setCurrentIndex(_QUESTIONS_TAB)
        if self.tree.current != question_id:
            self.go_to(question_id)

    def next_question(self) -> None:
        self._step(1)

    def previous_question(self) -> None:
        self._step(-1)

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(_QUESTIONS_TAB)
        self.tree.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.tree.search.selectAll()

    def change_answer(self, question_id: str, new: Answer) -> None:
        """Record a change on the undo stack; pushing it applies and saves it."""
        old = self.state.answer(question_id)
        if new != old:
            self.undo_stack.push(AnswerCommand(self.state, question_id, old, new, self.reveal))

    def show_to_confirm(self) -> None:
        """Only the answers carried over and still to confirm, from the first of them."""
        self.tabs.setCurrentIndex(_QUESTIONS_TAB)
        self.tree.filter.setCurrentIndex(self.tree.filter.findData(Filter.TO_CONFIRM.value))
        pending = [q for q in self.tree.shown_questions()
                   if self.state.carry_state(q) is CarryState.TO_CONFIRM]
        if pending:
            self.go_to(pending[0])

    def confirm_carried(self, question_id: str) -> None:
        """The answer carried over from the previous cycle is still true."""
        self.state.confirm([question_id])

    def finish(self) -> None:
        """Save what is still being typed, wait until every change is in the database, and
        remember the layout; the main window calls this before it closes the editor."""
        self.panel.commit_pending()
        self.state.wait_saved()
        remember_splitter(self.splitter, self.gui.settings, SPLITTER_SETTING)
        self.gui.save_settings()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.finish()
        super().closeEvent(event)

    # --- internals -------------------------------------------------------------------------

    def _on_language_changed(self, _language: str) -> None:
        self.retranslate()

    def _retext_undo(self, _text: str = "") -> None:
        undo, redo = self.undo_stack.undoText(), self.undo_stack.redoText()
        self._undo.setText(_("&Undo {change}").format(change=undo) if undo else _("&Undo"))
        self._redo.setText(_("&Redo {change}").format(change=redo) if redo else _("&Redo"))

    def _first_question(self) -> str:
        shown = self.tree.shown_questions()
        unanswered = (q for q in shown if not self.state.answer(q).answered)
        return next(unanswered, shown[0] if shown else "")

    def _show(self, question_id: str) -> None:
        self.panel.show_question(question_id)
        self._update_position()

    def _update_position(self) -> None:
        shown = self.tree.shown_questions()
        current = self.tree.current
        self.panel.navigation.set_position(shown.index(current) if current in shown else -1, len(shown))

    def _step(self, offset: int) -> None:
        shown = self.tree.shown_questions()
        if not shown:
            return
        current = self.tree.current
        if current in shown:
            index = shown.index(current) + offset
        else:
            index = 0 if offset > 0 else len(shown) - 1
        if 0 <= index < len(shown):
            self.tabs.setCurrentIndex(_QUESTIONS_TAB)
            self.go_to(shown[index])

    def _current_question_of(self, kind: QuestionType) -> str:
        """The current question's id when it is of ``kind`` and the Questions tab is showing."""
        question = self.panel.question
        if self.tabs.currentIndex() != _QUESTIONS_TAB or question is None or question.type is not kind:
            return ""
        return question.id

    def _answer_digit(self, digit: int) -> None:
        """0–4 choose a maturity level; 1–9 the option of that number on a choice question."""
        question_id = self._current_question_of(QuestionType.MATURITY)
        if question_id and digit < MATURITY_LEVELS:
            self.change_answer(question_id, self.state.with_value(question_id, digit))
            return
        question_id = self._current_question_of(QuestionType.CHOICE)
        if question_id:
            options = self.state.questionnaire.question(question_id).options
            if 1 <= digit <= len(options):
                value = options[digit - 1].value
                self.change_answer(question_id, self.state.with_value(question_id, value))

    def _answer_yes_no(self, value: bool) -> None:
        question_id = self._current_question_of(QuestionType.YES_NO)
        if question_id:
            self.change_answer(question_id, self.state.with_value(question_id, value))

    def _on_answer_changed(self, question_id: str) -> None:
        self.tree.refresh_question(question_id)
        if self.panel.question is not None and self.panel.question.id == question_id:
            self.panel.refresh_answer()

    def _on_reloaded(self) -> None:
        """A save failed and the database's state was read back: nothing on the undo stack
        matches it any more."""
        self.undo_stack.clear()
        self.tree.refresh_all()
        self.panel.refresh_answer()
