"""What the office bridges add to the main window's File menu: print a blank questionnaire,
export the selected assessment as a spreadsheet, import answers from one. Like the review
hooks, it reaches the window as its Qt parent and keeps its own texts (office.po)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog

from aeo_assess.gui.background import Progress, run_in_background, show_error
from aeo_assess.gui.office.form_dialog import QuestionnaireFormDialog, file_stem
from aeo_assess.i18n import _, language, ngettext
from aeo_assess.services import spreadsheets
from aeo_assess.storage.repository import AssessmentSummary

if TYPE_CHECKING:
    from aeo_assess.gui.main_window import MainWindow

SPREADSHEET_SUFFIX = ".xlsx"


class OfficeHooks(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.gui = window.gui
        self.form_dialog: QuestionnaireFormDialog | None = None
        self.print_form_action = self._action(self.print_form, "Ctrl+Shift+P")
        self.export_sheet_action = self._action(self.export_sheet)
        self.import_sheet_action = self._action(self.import_sheet)
        menu = window.file_menu
        before = window.demo_menu.menuAction()
        menu.insertActions(before, [self.print_form_action, self.export_sheet_action,
                                    self.import_sheet_action])
        menu.insertSeparator(before)
        window.list_page.selection_changed.connect(self._update_actions)
        window.stack.currentChanged.connect(self._update_actions)
        self.gui.signals.language_changed.connect(self.retranslate)
        self.retranslate()
        self._update_actions()

    @property
    def window(self) -> MainWindow:
        return cast("MainWindow", self.parent())

    def _action(self, slot: Callable[[], None], key: str = "") -> QAction:
        action = QAction(self.window)
        if key:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def retranslate(self) -> None:
        texts = {
            self.print_form_action: (_("&Print blank questionnaire…"),
                                     _("A questionnaire to fill in on paper, for chosen roles "
                                       "and AEO types (Ctrl+Shift+P)")),
            self.export_sheet_action: (_("Export &spreadsheet…"),
                                       _("Answers, gaps and action plan of the selected "
                                         "assessment as an Excel workbook (.xlsx)")),
            self.import_sheet_action: (_("Import ans&wers from spreadsheet…"),
                                       _("Answers typed into the exported workbook, into the "
                                         "selected assessment")),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            action.setToolTip(tip)
            action.setStatusTip(tip)

    def selected(self) -> AssessmentSummary | None:
        return self.window._current_summary()

    def _update_actions(self) -> None:
        chosen = self.selected() is not None
        self.export_sheet_action.setEnabled(chosen)
        self.import_sheet_action.setEnabled(chosen)

    def _status(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 10_000)

    # --- actions --------------------------------------------------------------------------

    def print_form(self) -> None:
        dialog = QuestionnaireFormDialog(self.gui, self.selected(), self.window)
        dialog.saved.connect(
            lambda path: self._status(_("Questionnaire written: {path}").format(path=path)))
        self.form_dialog = dialog
        dialog.open()

    def export_sheet(self) -> None:
        row = self.selected()
        if row is None:
            return
        chosen, _filter = QFileDialog.getSaveFileName(
            self.window, _("Export spreadsheet"), str(Path.home() / f"{file_stem(row.company)}.xlsx"),
            _("Excel workbooks (*.xlsx)"))
        if not chosen:
            return
        out = Path(chosen)
        if out.suffix.lower() != SPREADSHEET_SUFFIX:
            out = out.with_name(out.name + SPREADSHEET_SUFFIX)
        ctx, assessment_id, lang = self.gui.app, row.id, language()

        def work(_progress: Progress) -> Path:
            return spreadsheets.export_xlsx(ctx, assessment_id, out, lang)

        run_in_background(self.window, work, label=_("Exporting…"), cancellable=False).success(
            lambda path: self._status(_("Spreadsheet written: {path}").format(path=path)))

    def import_sheet(self) -> None:
        """Import into the selected assessment; an editor open on it closes first (its last
        changes saved) and opens again on what was imported."""
        row = self.selected()
        if row is None:
            return
        chosen, _filter = QFileDialog.getOpenFileName(
            self.window, _("Import answers from spreadsheet"), str(Path.home()),
            _("Excel workbooks (*.xlsx)"))
        if not chosen:
            return
        window, assessment_id = self.window, row.id
        reopen = window.editor_id == assessment_id
        if reopen and not window.close_assessment():
            return
        ctx, path = self.gui.app, Path(chosen)

        def work(_progress: Progress) -> int:
            return spreadsheets.import_answers_xlsx(ctx, path, assessment_id)

        def done(count: int) -> None:
            self.gui.signals.assessment_changed.emit(assessment_id)
            self.gui.signals.assessments_changed.emit()
            self._status(ngettext("{count} answer imported from {name}",
                                  "{count} answers imported from {name}", count).format(
                count=count, name=path.name))
            if reopen:
                window.open_assessment(assessment_id)

        def failed(error: BaseException) -> None:
            show_error(window, error)
            if reopen:
                window.open_assessment(assessment_id)

        run_in_background(window, work, label=_("Importing…"), cancellable=False).success(
            done).failure(failed)
