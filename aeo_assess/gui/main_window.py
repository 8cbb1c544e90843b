"""The main window: the assessments list and, in its place, the open assessment's editor.

Every action goes through the services; errors become readable messages. Window geometry,
toolbar state, splitter positions and the open assessment are saved in the settings.

The program starts the window first and the list behind it (issue 19): ``MainWindow.opening``
shows the frame (menus, toolbar, a "Reading the assessments…" page) from light modules only,
while the database layer is imported, the database opened and the first page read in the
background; ``attach`` then builds the list and the rest. So this module imports the services,
the storage layer and the heavier GUI parts where they are used, never at its top.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aeo_assess import __version__
from aeo_assess.domain.signatures import Signature
from aeo_assess.domain.vocabulary import Subject
from aeo_assess.gui.background import Progress, error_text, run_in_background, show_error
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.file_names import applicant_file_name
from aeo_assess.gui.icons import APP_ICON, icon
from aeo_assess.gui.saved_layout import as_text, from_text, remember_splitter, restore_splitter
from aeo_assess.gui.screen_fit import fit_to_screen
from aeo_assess.i18n import _, format_integer, ngettext
from aeo_assess.services.errors import ServiceError
from aeo_assess.settings import Settings
from aeo_assess.storage.errors import StorageError

if TYPE_CHECKING:
    from aeo_assess.gui.assessment_list import AssessmentListPage
    from aeo_assess.gui.first_start import FirstStartDialog
    from aeo_assess.gui.new_assessment_wizard import NewAssessmentWizard
    from aeo_assess.gui.office.hooks import OfficeHooks
    from aeo_assess.gui.review.window_hooks import WindowHooks
    from aeo_assess.gui.verdict_help import VerdictHelp
    from aeo_assess.services import transfer
    from aeo_assess.services.context import AppContext
    from aeo_assess.storage.listing import ListQuery, Page
    from aeo_assess.storage.repository import AssessmentSummary

USER_ERRORS = (ServiceError, StorageError)
"""Failures users can act on: shown as their message, never as a traceback."""
EDITOR_MODULE = "aeo_assess.gui.editor.assessment_editor"
LIST_SPLITTER = "assessment_list"
DEFAULT_SIZE = (1200, 720)


# --- import --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportOutcome:
    """One file's fate; texts are composed on the GUI thread, in the current language."""

    path: Path
    kind: str
    """"imported", "answers", "duplicate" or "refused"."""
    assessment_id: str = ""
    count: int = 0
    reason: str = ""
    signature: Signature | None = None
    """Who signed an applicant or review file (None for answers sheets and refusals)."""


def import_one(gui: GuiContext, path: Path, target: str | None) -> ImportOutcome:
    """Import an applicant file, or answers from a CSV sheet into ``target`` (off the GUI
    thread); a file that cannot be imported is refused with the reason, writing nothing."""
    from aeo_assess.gui.review.window_hooks import REVIEW_SUFFIX, import_review_file
    from aeo_assess.services import csv_answers, transfer

    try:
        suffix = path.suffix.lower()
        if suffix == ".aeoa":
            result = transfer.import_applicant_file(gui.app, path)
            kind = "duplicate" if result.duplicate else "imported"
            return ImportOutcome(path, kind, result.assessment_id, signature=result.signature)
        if suffix == REVIEW_SUFFIX:
            received = import_review_file(gui, path)
            kind = "duplicate" if received.duplicate else "imported"
            return ImportOutcome(
                path, kind, received.assessment_id, signature=received.signature
            )
        if suffix == ".csv":
            if target is None:
                return ImportOutcome(path, "refused", reason="no-target")
            count = csv_answers.import_answers_csv(gui.app, path, target)
            return ImportOutcome(path, "answers", target, count=count)
        return ImportOutcome(path, "refused", reason="unknown-type")
    except USER_ERRORS as error:
        return ImportOutcome(path, "refused", reason=error_text(error))


class ImportSummaryDialog(QDialog):
    """What was imported, what was already here and what was refused, with the reasons."""

    def __init__(
        self,
        outcomes: list[ImportOutcome],
        companies: dict[str, str],
        total: int,
        parent: QWidget | None = None,
    ) -> None:
        from aeo_assess.gui.signing import signature_icon
        from aeo_assess.services.signatures import describe

        super().__init__(parent)
        self.setWindowTitle(_("Import finished"))
        self.outcomes = outcomes
        counts = {kind: sum(1 for o in outcomes if o.kind == kind)
                  for kind in ("imported", "answers", "duplicate", "refused")}
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        lines = [
            _("Imported: {count}").format(count=counts["imported"] + counts["answers"]),
            _("Already in this database: {count}").format(count=counts["duplicate"]),
            _("Refused: {count}").format(count=counts["refused"]),
        ]
        if len(outcomes) < total:
            lines.append(ngettext(
                "Cancelled: {count} file was not read.", "Cancelled: {count} files were not read.",
                total - len(outcomes),
            ).format(count=total - len(outcomes)))
        self.heading.setText("\n".join(lines))
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([_("File"), _("Result"), _("Details"), _("Signature")])
        self.tree.setAccessibleName(_("Imported files"))
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        for outcome in outcomes:
            result, details = self._describe(outcome, companies)
            signed = "" if outcome.signature is None else describe(outcome.signature)
            item = QTreeWidgetItem([outcome.path.name, result, details, signed])
            item.setToolTip(0, str(outcome.path))
            item.setToolTip(2, details)
            if outcome.signature is not None:
                item.setIcon(3, signature_icon(self, outcome.signature))
                item.setToolTip(3, signed)
            self.tree.addTopLevelItem(item)
        for column in (0, 1):
            self.tree.resizeColumnToContents(column)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 760, 360)

    @staticmethod
    def _describe(outcome: ImportOutcome, companies: dict[str, str]) -> tuple[str, str]:
        company = companies.get(outcome.assessment_id, outcome.assessment_id)
        if outcome.kind == "imported":
            return _("Imported"), company
        if outcome.kind == "answers":
            return _("Imported"), ngettext(
                "{count} answer into {company}", "{count} answers into {company}", outcome.count
            ).format(count=outcome.count, company=company)
        if outcome.kind == "duplicate":
            return _("Already here"), _("This exact file was imported before: {company}").format(
                company=company
            )
        reasons = {
            "no-target": _("Select the assessment these answers belong to, then import again."),
            "unknown-type": _("Not an applicant file (.aeoa) or an answers sheet (.csv)."),
        }
        return _("Refused"), reasons.get(outcome.reason, outcome.reason)


class PlaceholderEditor(QWidget):
    """Stands in for the assessment editor in builds that do not have it yet."""

    def __init__(self, gui: GuiContext, assessment_id: str, parent: QWidget | None = None) -> None:
        from aeo_assess.services import assessments

        super().__init__(parent)
        _questionnaire, assessment, _card = assessments.load(gui.app, assessment_id)
        self.company = assessment.company
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(self.label)
        gui.signals.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(
            _("{company}\n\nThe assessment editor is not part of this build yet.").format(
                company=self.company
            )
        )


def _first_page(ctx: AppContext, query: ListQuery, last: str) -> tuple[Page, bool]:
    """The list's first page, and whether the assessment open at the last exit still exists
    (off the GUI thread)."""
    from aeo_assess.services import listing

    page = listing.list_page(ctx, query)
    return page, bool(last) and listing.summary(ctx, last) is not None


# --- the window ----------------------------------------------------------------------------


class MainWindow(QMainWindow):
    gui: GuiContext
    list_page: AssessmentListPage
    review_hooks: WindowHooks
    office_hooks: OfficeHooks
    verdict_help: VerdictHelp

    def __init__(self, gui: GuiContext, log_file: Path | None = None) -> None:
        """The whole window at once, on a database already open; ``start`` reads the list."""
        self._create_frame(gui.settings, log_file)
        self.attach(gui)

    @classmethod
    def opening(cls, settings: Settings, log_file: Path | None = None) -> MainWindow:
        """The frame alone, shown while ``open_database`` opens the database and reads the
        first page in the background: menus and toolbar are there, disabled, and the list's
        place says that the assessments are being read."""
        window = cls.__new__(cls)
        window._create_frame(settings, log_file)
        return window

    def _create_frame(self, settings: Settings, log_file: Path | None) -> None:
        """What needs neither the database nor the database layer's modules."""
        super().__init__()
        self._settings = settings
        self._log_file = log_file
        self.attached = False
        """``attach`` has run: the context, the list and the menus that need them exist."""
        self._closed_early = False
        self.editor: QWidget | None = None
        self.editor_id: str | None = None
        self._editor_actions: list[QAction] = []
        self._list_stale = False
        self.first_start_dialog: FirstStartDialog | None = None
        self.wizard: NewAssessmentWizard | None = None
        self.import_summary: ImportSummaryDialog | None = None
        self.about_box: QMessageBox | None = None
        self.countries_page: QWidget | None = None
        self.report_dialog: QDialog | None = None
        self.loaded = False
        """The list has been read once (``start`` reads it in the background)."""
        self.workshops_window: QWidget | None = None
        self.setObjectName("main_window")
        self.setWindowIcon(icon(APP_ICON))

        self.loading_label = QLabel()
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.loading_label)
        self.setCentralWidget(self.stack)

        self._create_actions()
        self._create_menus()
        for action in self.actions():
            action.setEnabled(action is self.quit_action)
        self.close_action.setVisible(False)  # as on the list: no editor to go back from
        self.database_label = QLabel()
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.database_label)
        self._retranslate_frame()
        self._restore_geometry()

    def attach(self, gui: GuiContext) -> None:
        """Build what needs the open database: the list, the language, settings and help
        menus, the review and office parts; then enable the actions that apply."""
        from aeo_assess.gui.assessment_list import AssessmentListPage
        from aeo_assess.gui.language import LanguageMenu
        from aeo_assess.gui.office.hooks import OfficeHooks
        from aeo_assess.gui.review.window_hooks import WindowHooks
        from aeo_assess.gui.signing import SettingsMenu
        from aeo_assess.gui.verdict_help import VerdictHelp

        self.gui = gui
        self.list_page = AssessmentListPage(gui)
        self.stack.addWidget(self.list_page)
        self.stack.setCurrentWidget(self.list_page)
        self.stack.removeWidget(self.loading_label)
        self.loading_label.deleteLater()
        if self.focusWidget() is None:  # the list has the keyboard, as when built at once
            self.list_page.table.setFocus(Qt.FocusReason.OtherFocusReason)
        for action in self.actions():
            action.setEnabled(True)
        # Enter opens only from the list, so that it keeps its meaning everywhere else.
        self.removeAction(self.open_action)
        self.list_page.table.addAction(self.open_action)
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.show_demo_action.triggered.connect(self.list_page.set_show_demo)

        bar = self.menuBar()
        self.language_menu = LanguageMenu(gui, self)
        self.settings_menu = SettingsMenu(gui, self)
        for menu in (self.language_menu, self.settings_menu):
            bar.insertMenu(self.help_menu.menuAction(), menu)
        self.verdict_help = VerdictHelp(
            gui, self.help_menu, self,
            lambda: getattr(getattr(self.editor, "state", None), "questionnaire", None),
        )
        self.help_menu.addAction(self.about_action)
        self.attached = True
        self.review_hooks = WindowHooks(self)
        self.office_hooks = OfficeHooks(self)

        self.list_page.open_requested.connect(self.open_assessment)
        # The list's context menu: what can be done with the row under the pointer.
        table = self.list_page.table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        table.addActions([self.report_action, self.export_action, self.next_cycle_action,
                          self.delete_action])
        self.list_page.selection_changed.connect(self._update_actions)
        gui.signals.assessments_changed.connect(self.reload)
        gui.signals.assessment_changed.connect(self._on_assessment_changed)
        gui.signals.language_changed.connect(self.retranslate)
        self.retranslate()
        if not restore_splitter(self.list_page.splitter, gui.settings, LIST_SPLITTER):
            self.list_page.splitter.setSizes(self.list_page.default_splitter_sizes(self.width()))
        self._update_actions()

    # --- construction --------------------------------------------------------------------

    def _action(
        self,
        icon_name: str | None,
        slot: Callable[..., object],
        *keys: QKeySequence,
    ) -> QAction:
        """An action whose shortcuts work anywhere in the window."""
        action = QAction(self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if keys:
            action.setShortcuts(list(keys))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        # Spelled out: the platform's standard keys differ (Close is Ctrl+F4 on some).
        key = QKeySequence
        self.new_action = self._action("new", self.new_assessment, key("Ctrl+N"))
        self.new_administration_action = self._action("new", self.new_administration_assessment)
        # Enter opens only from the list, so that it keeps its meaning everywhere else.
        self.open_action = self._action(
            "open", self.open_selected, key(Qt.Key.Key_Return), key(Qt.Key.Key_Enter)
        )
        self.import_action = self._action("import", self.import_files, key("Ctrl+I"))
        self.export_action = self._action("export", self.export_current, key("Ctrl+E"))
        self.report_action = self._action("report", self.show_report, key("Ctrl+P"))
        self.report_action.setObjectName("report_action")
        self.delete_action = self._action("delete", self.delete_selected, key("Del"))
        self.edit_profile_action = self._action(None, self.edit_profile)
        self.next_cycle_action = self._action(None, self.start_next_cycle)
        self.close_action = self._action(
            "back", self.close_assessment, key("Ctrl+W"), key("Alt+Left")
        )
        self.find_action = self._action("search", self.focus_filter, key("Ctrl+F"))
        self.quit_action = self._action(None, self.close, key("Ctrl+Q"))
        self.show_demo_action = QAction(self)  # connected to the list by ``attach``
        self.addAction(self.show_demo_action)
        self.show_demo_action.setCheckable(True)
        self.show_demo_action.setChecked(True)
        self.create_demo_action = self._action("demo", self.create_demo)
        self.remove_demo_action = self._action(None, self.remove_demo)
        self.about_action = self._action("about", self.show_about)
        self.countries_action = self._action(None, self.show_countries)
        self.workshops_action = self._action(None, self.show_workshops, key("Ctrl+Shift+W"))

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = QMenu(self)
        self.file_menu.addActions([self.new_action, self.new_administration_action,
                                   self.open_action, self.close_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.import_action, self.export_action])
        self.file_menu.addAction(self.report_action)
        self.file_menu.addSeparator()
        self.demo_menu = self.file_menu.addMenu(icon("demo"), "")
        self.demo_menu.addActions([self.create_demo_action, self.remove_demo_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = QMenu(self)
        self.edit_menu.addActions([self.find_action, self.edit_profile_action,
                                   self.next_cycle_action, self.delete_action])
        self.view_menu = QMenu(self)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setMovable(False)
        self.toolbar.addActions([self.close_action])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.new_action, self.open_action, self.import_action,
                                 self.export_action, self.report_action, self.delete_action])
        self.addToolBar(self.toolbar)
        self.view_menu.addActions([self.workshops_action, self.countries_action])
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.show_demo_action)
        self.view_menu.addAction(self.toolbar.toggleViewAction())
        self.help_menu = QMenu(self)  # filled by ``attach``, with the language and settings
        for menu in (self.file_menu, self.edit_menu, self.view_menu, self.help_menu):
            bar.addMenu(menu)

    def retranslate(self) -> None:
        from aeo_assess.gui import administration

        self._retranslate_frame()
        text, short, tip = administration.new_action_texts()
        self.new_administration_action.setText(text)
        self.new_administration_action.setIconText(short)
        self.new_administration_action.setToolTip(tip)
        location = self.gui.app.database.location
        self.database_label.setText(_("Database: {location}").format(location=location))
        self.database_label.setAccessibleName(self.database_label.text())
        self._update_title()

    def _retranslate_frame(self) -> None:
        texts: dict[QAction, tuple[str, str]] = {
            self.new_action: (_("&New assessment…"), _("New")),
            self.open_action: (_("&Open"), _("Open")),
            self.close_action: (_("&All assessments"), _("All assessments")),
            self.import_action: (_("&Import…"), _("Import")),
            self.export_action: (_("&Export applicant file…"), _("Export")),
            self.report_action: (_("Readiness &report…"), _("Report")),
            self.delete_action: (_("&Delete assessment…"), _("Delete")),
            self.edit_profile_action: (_("Company &profile…"), _("Profile")),
            self.next_cycle_action: (_("Start ne&xt assessment…"), _("Next assessment")),
            self.find_action: (_("&Find"), _("Find")),
            self.quit_action: (_("&Quit"), _("Quit")),
            self.show_demo_action: (_("Show &demonstration data"), _("Demonstration data")),
            self.create_demo_action: (_("&Create demonstration assessments"), _("Create")),
            self.remove_demo_action: (_("&Remove demonstration assessments…"), _("Remove")),
            self.about_action: (_("&About aeo-assess"), _("About")),
            self.countries_action: (_("&Countries"), _("Countries")),
            self.workshops_action: (_("&Workshops"), _("Workshops")),
        }
        tips = {
            self.new_action: _("Start a new assessment (Ctrl+N)"),
            self.open_action: _("Open the selected assessment (Enter)"),
            self.close_action: _("Close the assessment and go back to the list (Ctrl+W)"),
            self.import_action: _(
                "Import applicant files (.aeoa), or answers from a sheet (.csv) into the "
                "selected assessment (Ctrl+I)"
            ),
            self.export_action: _("Write an applicant file (.aeoa) to send to customs (Ctrl+E)"),
            self.report_action: _(
                "Preview, save or print the readiness report of the assessment (Ctrl+P)"
            ),
            self.delete_action: _("Delete the selected assessment (Del)"),
            self.edit_profile_action: _(
                "Change the selected assessment's company name, tax id or country"
            ),
            self.find_action: _("Filter the list (Ctrl+F)"),
            self.next_cycle_action: _(
                "Start the company's next assessment (its yearly review) from the selected one, "
                "with every answer carried over to confirm"
            ),
        }
        for action, (text, short) in texts.items():
            action.setText(text)
            action.setIconText(short)
            action.setToolTip(tips.get(action, short))
        self.file_menu.setTitle(_("&File"))
        self.edit_menu.setTitle(_("&Edit"))
        self.view_menu.setTitle(_("&View"))
        self.help_menu.setTitle(_("&Help"))
        self.demo_menu.setTitle(_("Demonstration &data"))
        self.toolbar.setWindowTitle(_("Toolbar"))
        self.toolbar.toggleViewAction().setText(_("&Toolbar"))
        self.toolbar.setAccessibleName(_("Toolbar"))
        if not self.attached:
            self.loading_label.setText(_("Reading the assessments…"))
            self.setWindowTitle("aeo-assess")

    # --- settings -------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        settings = self._settings
        if not settings.window_geometry or not self.restoreGeometry(
            from_text(settings.window_geometry)
        ):
            fit_to_screen(self, *DEFAULT_SIZE)
        if settings.window_state:
            self.restoreState(from_text(settings.window_state))

    def save_layout(self) -> None:
        settings = self.gui.settings
        settings.window_geometry = as_text(self.saveGeometry())
        settings.window_state = as_text(self.saveState())
        remember_splitter(self.list_page.splitter, settings, LIST_SPLITTER)
        settings.last_assessment = self.editor_id or ""
        self.gui.save_settings()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember the layout and the open assessment, then let the editor close too."""
        if not self.attached:  # closed while the database opens: nothing to remember yet
            self._closed_early = True
            event.accept()
            return
        self.save_layout()
        if self.editor is not None and not self.editor.close():
            event.ignore()
            return
        event.accept()

    # --- start ----------------------------------------------------------------------------

    def start(self) -> None:
        """After the window is shown: the list's first page is read in the background (the
        window is on screen at once, however slow the disk or large the database), then the
        last assessment reopens, or the first start is offered."""
        ctx = self.gui.app
        query = self.list_page.query()
        last = self.gui.settings.last_assessment

        def work(_progress: Progress) -> tuple[Page, bool]:
            return _first_page(ctx, query, last)

        task = run_in_background(self, work, label=_("Reading the assessments…"),
                                 cancellable=False)
        task.success(lambda result: self._on_listed(query, *result))
        task.failure(self._on_list_failed)

    def open_database(
        self, open_context: Callable[[], AppContext], failed: Callable[[BaseException], None]
    ) -> None:
        """For a window made by ``opening``: open the database (importing the database layer
        with it) and read the first page in the background, then ``attach`` and show it.
        ``failed`` receives an error opening the database; an error reading the list is shown
        as ``start`` shows it."""
        settings = self._settings
        last = settings.last_assessment

        def work(_progress: Progress) -> tuple[AppContext, ListQuery, Page | BaseException, bool]:
            from aeo_assess.storage.listing import ListQuery

            ctx = open_context()
            query = ListQuery()  # the list's own when nothing is typed: newest first, demo shown
            try:
                return ctx, query, *_first_page(ctx, query, last)
            except USER_ERRORS as error:
                return ctx, query, error, False

        def opened(result: tuple[AppContext, ListQuery, Page | BaseException, bool]) -> None:
            ctx, query, page, last_exists = result
            if self._closed_early:  # the user quit before the list came
                ctx.database.close()
                return
            self.attach(GuiContext(ctx, settings))
            if isinstance(page, BaseException):
                self._on_list_failed(page)
            else:
                self._on_listed(query, page, last_exists)

        # No progress dialog: the list's place already says what is being done.
        task = run_in_background(self, work, cancellable=False, dialog=False)
        task.success(opened)
        task.failure(failed)

    def _on_list_failed(self, error: BaseException) -> None:
        self.loaded = True
        show_error(self, error)

    def _on_listed(self, query: ListQuery, page: Page, last_exists: bool) -> None:
        from aeo_assess.gui.first_start import needs_first_start

        self.list_page.show_page(page, query)
        if self.list_page.query() != query:  # typed into the filter while it was read
            self.list_page.reload()
        self._list_stale = False
        self._update_actions()
        self.loaded = True
        last = self.gui.settings.last_assessment
        if last and last_exists:
            self.list_page.select(last)
            self.open_assessment(last)
        elif needs_first_start(self.gui, page.total):
            self.show_first_start()

    def show_first_start(self) -> None:
        from aeo_assess.gui.first_start import FirstStartDialog

        dialog = FirstStartDialog(self.gui, self)
        dialog.demo_chosen.connect(self.create_demo)
        dialog.own_chosen.connect(self.new_assessment)
        dialog.administration_chosen.connect(self.new_administration_assessment)
        dialog.import_chosen.connect(self.import_files)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.first_start_dialog = dialog
        dialog.open()

    # --- list -----------------------------------------------------------------------------

    def reload(self) -> None:
        if self.list_page.reload():
            self._list_stale = False
        self._update_actions()

    def _on_assessment_changed(self, _assessment_id: str) -> None:
        """While the editor autosaves, reload the list only when it is shown again."""
        if self.stack.currentWidget() is self.list_page:
            self.reload()
        else:
            self._list_stale = True

    def focus_filter(self) -> None:
        self.list_page.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.list_page.filter_edit.selectAll()

    def _current_summary(self) -> AssessmentSummary | None:
        if self.editor_id is not None:
            row = self.list_page.model.row_of(self.editor_id)
            if row is not None:
                return self.list_page.model.summary(row)
            from aeo_assess.services import listing

            try:  # further down the list than the user scrolled
                return listing.summary(self.gui.app, self.editor_id)
            except USER_ERRORS:
                return None
        return self.list_page.current()

    def _update_actions(self) -> None:
        on_list = self.stack.currentWidget() is self.list_page
        selected = self.list_page.current() is not None
        self.open_action.setEnabled(on_list and selected)
        self.delete_action.setEnabled(on_list and selected)
        self.edit_profile_action.setEnabled(on_list and selected)
        current = self.list_page.current()
        self.next_cycle_action.setEnabled(
            on_list and current is not None and current.archived_into is None
            and current.next_cycle_id is None
        )
        self.find_action.setEnabled(on_list)
        self.export_action.setEnabled(self._current_summary() is not None)
        # Review mode has its own Ctrl+P (the review report): the two would be ambiguous.
        own_report = self.editor is None or hasattr(self.editor, "report_requested")
        self.report_action.setEnabled(own_report and self._current_summary() is not None)
        self.close_action.setEnabled(self.editor is not None)
        self.close_action.setVisible(self.editor is not None)
        self.remove_demo_action.setEnabled(self.list_page.has_demo)

    def _update_title(self) -> None:
        row = self._current_summary() if self.editor_id else None
        self.setWindowTitle(f"{row.company} — aeo-assess" if row else "aeo-assess")

    # --- open / close ---------------------------------------------------------------------

    def open_selected(self) -> None:
        assessment_id = self.list_page.current_id()
        if assessment_id:
            self.open_assessment(assessment_id)

    def _create_editor(self, assessment_id: str) -> QWidget:
        """Review mode for an imported applicant file; else the real editor when it is
        installed, else a placeholder (imported lazily so that the list starts fast)."""
        from aeo_assess.gui.review.window_hooks import review_page

        page = review_page(self.gui, assessment_id, self)
        if page is not None:
            return page
        try:
            module = importlib.import_module(EDITOR_MODULE)
        except ModuleNotFoundError as error:
            if not (error.name and EDITOR_MODULE.startswith(error.name)):
                raise
            return PlaceholderEditor(self.gui, assessment_id, self)
        editor: QWidget = module.AssessmentEditor(self.gui, assessment_id, self)
        return editor

    def _add_editor_actions(self, editor: QWidget) -> None:
        """The editor's undo, redo and fast entry, where users look for them: at the top of
        Edit."""
        first = self.edit_menu.actions()[0]
        for name in ("undo_action", "redo_action", "fast_entry_action"):
            getter = getattr(editor, name, None)
            if getter is not None:
                action: QAction = getter()
                self.edit_menu.insertAction(first, action)
                self._editor_actions.append(action)
        if self._editor_actions:
            self._editor_actions.append(self.edit_menu.insertSeparator(first))

    def open_assessment(self, assessment_id: str) -> None:
        if self.editor_id == assessment_id and self.editor is not None:
            self.stack.setCurrentWidget(self.editor)
            return
        if not self.close_assessment():
            return
        try:
            editor = self._create_editor(assessment_id)
        except USER_ERRORS as error:
            show_error(self, error)
            return
        closed = getattr(editor, "closed", None)
        if closed is not None:
            closed.connect(self.close_assessment)
        reopen = getattr(editor, "reopen_requested", None)
        if reopen is not None:
            reopen.connect(functools.partial(self._reopen, assessment_id))
        report_requested = getattr(editor, "report_requested", None)
        if report_requested is not None:
            report_requested.connect(self.show_report)
        self._add_editor_actions(editor)
        self.editor, self.editor_id = editor, assessment_id
        self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.gui.settings.last_assessment = assessment_id
        self.gui.save_settings()
        self._update_actions()
        self._update_title()

    def _reopen(self, assessment_id: str) -> None:
        """The editor's assessment changed under it (an upgrade to a newer questionnaire
        version): a fresh editor shows it as it now is."""
        if self.close_assessment():
            self.open_assessment(assessment_id)

    def close_assessment(self) -> bool:
        """Back to the list; False when the editor refuses to close."""
        editor = self.editor
        if editor is None:
            return True
        self.editor = None
        if not editor.close():
            self.editor = editor
            return False
        assessment_id, self.editor_id = self.editor_id, None
        for action in self._editor_actions:
            self.edit_menu.removeAction(action)
        self._editor_actions = []
        self.stack.removeWidget(editor)
        editor.deleteLater()
        self.stack.setCurrentWidget(self.list_page)
        self.gui.settings.last_assessment = ""
        self.gui.save_settings()
        if self._list_stale:
            self.reload()
        if assessment_id:
            self.list_page.select(assessment_id)
        self.list_page.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_actions()
        self._update_title()
        return True

    # --- new ------------------------------------------------------------------------------

    def new_assessment(self) -> None:
        self._open_wizard(Subject.COMPANY)

    def new_administration_assessment(self) -> None:
        self._open_wizard(Subject.ADMINISTRATION)

    def _open_wizard(self, subject: Subject) -> None:
        from aeo_assess.gui.new_assessment_wizard import NewAssessmentWizard

        wizard = NewAssessmentWizard(self.gui, self, subject)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.created.connect(self._on_created)
        self.wizard = wizard
        wizard.open()

    def _on_created(self, assessment_id: str) -> None:
        self.list_page.select(assessment_id)
        self.open_assessment(assessment_id)

    # --- import / export ------------------------------------------------------------------

    def import_files(self) -> None:
        from aeo_assess.gui.review.window_hooks import import_filter, review_filter

        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Import applicant files or answers"),
            self._documents(),
            ";;".join(
                [
                    import_filter(),
                    _("Applicant files and answer sheets (*.aeoa *.csv)"),
                    _("Applicant files (*.aeoa)"),
                    _("Answer sheets (*.csv)"),
                    review_filter(),
                ]
            ),
        )
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_paths(self, paths: list[Path]) -> None:
        """Import in the background, one file at a time, then show what happened to each."""
        gui = self.gui
        target = self._current_summary()
        target_id = target.id if target else None
        outcomes: list[ImportOutcome] = []

        def work(progress: Progress) -> None:
            for done, path in enumerate(paths):
                progress.check()
                progress.report(done, len(paths), path.name)
                outcomes.append(import_one(gui, path, target_id))
            progress.report(len(paths), len(paths))

        task = run_in_background(self, work, label=_("Importing…"))
        task.success(lambda _none: self._after_import(outcomes, len(paths)))
        task.cancelled(lambda: self._after_import(outcomes, len(paths)))

    def _after_import(self, outcomes: list[ImportOutcome], total: int) -> None:
        changed = [o for o in outcomes if o.kind in ("imported", "answers")]
        for outcome in changed:
            if outcome.kind == "answers":
                self.gui.signals.assessment_changed.emit(outcome.assessment_id)
        if changed:
            self.gui.signals.assessments_changed.emit()
            if self.editor is None:
                self.list_page.select(changed[0].assessment_id)
        companies = {r.id: r.company for r in self.list_page.model.rows()}
        dialog = ImportSummaryDialog(outcomes, companies, total, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.import_summary = dialog
        dialog.open()

    def export_current(self) -> None:
        from aeo_assess.services import transfer

        row = self._current_summary()
        if row is None:
            return
        try:
            missing = transfer.missing_before_export(self.gui.app, row.id)
        except USER_ERRORS as error:
            show_error(self, error)
            return
        if missing.anything and not self._export_anyway(missing):
            if self.editor_id != row.id:
                self.open_assessment(row.id)
            first = (*missing.unanswered_musts, *missing.not_applicable_musts)[:1]
            reveal = getattr(self.editor, "reveal", None)
            if first and reveal is not None:
                reveal(first[0])  # the first required question left open
            return
        suggested = str(Path(self._documents()) / applicant_file_name(row.company))
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export applicant file"), suggested, _("Applicant files (*.aeoa)")
        )
        if path:
            self.export_to(row.id, Path(path))

    def _export_anyway(self, missing: transfer.Missing) -> bool:
        """Say what the file would leave open; True when the user sends it as it is."""
        box = QMessageBox(self)
        box.setObjectName("export_incomplete")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Export applicant file"))
        box.setText(_("This assessment is not complete yet."))
        lines = []
        if missing.unanswered:
            lines.append(ngettext("{count} question is not answered yet.",
                                  "{count} questions are not answered yet.",
                                  missing.unanswered).format(count=missing.unanswered))
        if missing.unanswered_musts:
            lines.append(_("Required questions not answered: {questions}").format(
                questions=", ".join(missing.unanswered_musts)))
        if missing.not_applicable_musts:
            lines.append(_("Required questions declared not applicable (the validator will "
                           "check each reason): {questions}").format(
                questions=", ".join(missing.not_applicable_musts)))
        lines.append(_("Customs will see the file as it is."))
        box.setInformativeText("\n\n".join(lines))
        back = box.addButton(_("Go back to the questions"), QMessageBox.ButtonRole.RejectRole)
        anyway = box.addButton(_("Export anyway"), QMessageBox.ButtonRole.AcceptRole)
        back.setObjectName("go_back")
        anyway.setObjectName("export_anyway")
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        return box.clickedButton() is anyway

    def export_to(self, assessment_id: str, out: Path) -> None:
        from aeo_assess.gui.signing import signing_context
        from aeo_assess.services import transfer

        if out.suffix.lower() != ".aeoa":
            out = out.with_name(out.name + ".aeoa")
        ctx = signing_context(self, self.gui)  # the passphrase is asked for here, if any
        if ctx is None:
            return

        def work(_progress: Progress) -> Path:
            return transfer.export_assessment(ctx, assessment_id, out)

        def written(path: Path) -> None:
            self.statusBar().showMessage(
                _("Applicant file written: {path}").format(path=path), 10_000
            )
            self.gui.signals.assessment_changed.emit(assessment_id)  # now submitted

        run_in_background(self, work, label=_("Exporting…"), cancellable=False).success(written)

    # --- report ---------------------------------------------------------------------------

    def show_report(self) -> None:
        """The readiness report of the open or selected assessment: generated in the
        background, then previewed with Save and Print."""
        row = self._current_summary()
        if row is None:
            return
        from aeo_assess.gui.report_dialog import ReportDialog  # QtPdf: only when asked for

        dialog = ReportDialog(self.gui, row.id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.report_dialog = dialog
        dialog.open()

    @staticmethod
    def _documents() -> str:
        return QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )

    # --- delete ---------------------------------------------------------------------------

    def edit_profile(self) -> None:
        from aeo_assess.gui.company_dialog import CompanyProfileDialog

        row = self.list_page.current()
        if row is None or self.editor is not None:
            return
        try:
            dialog = CompanyProfileDialog(self.gui, row.id, self)
        except USER_ERRORS as error:
            show_error(self, error)
            return
        dialog.open()

    def start_next_cycle(self) -> None:
        row = self.list_page.current()
        if row is None or self.editor is not None:
            return
        from aeo_assess.gui.cycles import start_next_cycle

        start_next_cycle(self, self.gui, row, self._on_created)

    def delete_selected(self) -> None:
        row = self.list_page.current()
        if row is None or self.editor is not None:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Delete assessment"))
        box.setText(_("Delete the assessment of “{company}”?").format(company=row.company))
        box.setInformativeText(
            _("Its answers, comments and evidence are removed from this database. "
              "This cannot be undone.")
        )
        delete = box.addButton(_("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        if box.clickedButton() is not delete:
            return
        from aeo_assess.services import assessments

        try:
            assessments.delete_assessment(self.gui.app, row.id)
        except USER_ERRORS as error:
            show_error(self, error)
            return
        if self.gui.settings.last_assessment == row.id:
            self.gui.settings.last_assessment = ""
            self.gui.save_settings()
        self.gui.signals.assessments_changed.emit()
        self.statusBar().showMessage(
            _("Deleted the assessment of “{company}”.").format(company=row.company), 8000
        )

    # --- demonstration data ---------------------------------------------------------------

    def create_demo(self) -> None:
        from aeo_assess.gui.first_start import create_demo_in_background

        def done(ids: list[str]) -> None:
            self.statusBar().showMessage(
                ngettext(
                    "{count} demonstration assessment created.",
                    "{count} demonstration assessments created.",
                    len(ids),
                ).format(count=format_integer(len(ids))),
                10_000,
            )
            if ids:
                QTimer.singleShot(0, lambda: self.list_page.select(ids[0]))

        create_demo_in_background(self, self.gui, done)

    def remove_demo(self) -> None:
        from aeo_assess.gui.assessment_list import demo_label
        from aeo_assess.services import demo

        answer = QMessageBox.question(
            self,
            _("Remove demonstration assessments"),
            _("Delete every assessment marked “{label}”? Your own assessments stay.").format(
                label=demo_label()
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.editor is not None and not self.close_assessment():
            return
        try:
            count = demo.delete_demo_data(self.gui.app)
        except USER_ERRORS as error:
            show_error(self, error)
            return
        self.gui.signals.assessments_changed.emit()
        self.statusBar().showMessage(
            ngettext(
                "{count} demonstration assessment removed.",
                "{count} demonstration assessments removed.",
                count,
            ).format(count=format_integer(count)),
            8000,
        )

    # --- countries and workshops -----------------------------------------------------------

    def show_countries(self) -> None:
        if self.countries_page is None:
            from aeo_assess.gui.countries import CountriesPage

            self.countries_page = CountriesPage(self.gui, self)
        self.countries_page.show()
        self.countries_page.raise_()
        self.countries_page.activateWindow()

    def show_workshops(self) -> None:
        if self.workshops_window is None:
            from aeo_assess.gui.workshops.window import WorkshopsWindow

            self.workshops_window = WorkshopsWindow(self.gui, self)
        self.workshops_window.show()
        self.workshops_window.raise_()
        self.workshops_window.activateWindow()

    # --- about ----------------------------------------------------------------------------

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(_("About aeo-assess"))
        box.setIconPixmap(icon(APP_ICON).pixmap(64, 64))
        box.setText(f"<b>aeo-assess {__version__}</b>")
        box.setInformativeText(
            _(
                "AEO readiness self-assessment on the WCO SAFE Framework of Standards.\n\n"
                "Database: {location}\n\n"
                "Data protection: your assessments, answers and evidence stay in this "
                "database. aeo-assess sends nothing over the network; an applicant file leaves "
                "this computer only when you export it and send it yourself. Demonstration data "
                "describes made-up companies."
            ).format(location=self.gui.app.database.location)
            + (
                "\n\n" + _("Error log: {path}").format(path=self._log_file)
                if self._log_file
                else ""
            )
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.about_box = box
        box.open()
