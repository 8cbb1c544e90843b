"""What the review work adds to the main window: the profile (menu, first-use banner, the
toolbar and list arranged for it), the officer's queue of submissions, review mode for an
imported applicant file, and review files in File › Import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.icons import icon
from aeo_assess.gui.profile import (
    Profile,
    ProfileBanner,
    ProfileDialog,
    ProfileMenu,
    ReviewerDialog,
    apply_reviewer_identity,
    convenience_note,
    current_profile,
    reviewer_identity,
    shared_database_advice,
)
from aeo_assess.gui.review.queue import SubmissionQueue
from aeo_assess.i18n import _
from aeo_assess.services import assessments, reviews

if TYPE_CHECKING:
    from aeo_assess.gui.main_window import MainWindow

REVIEW_SUFFIX = ".aeor"


def import_review_file(gui: GuiContext, path: Path) -> reviews.ReviewImport:
    """Attach a review file to the trader's assessment it answers (off the GUI thread);
    says which assessment, and who signed the review."""
    return reviews.import_review_file(gui.app, path)


def import_filter() -> str:
    """The first filter of File › Import: every kind of file the program imports."""
    return _("All files aeo-assess imports (*.aeoa *.aeor *.csv)")


def review_filter() -> str:
    return _("Review files (*.aeor)")


def review_page(gui: GuiContext, assessment_id: str, parent: QWidget) -> QWidget | None:
    """Review mode for an imported applicant file; None for the user's own assessments,
    which open in the editor. Before the first review, the officer says who they are."""
    _questionnaire, assessment, _card = assessments.load(gui.app, assessment_id)
    if assessment.submission_sha256 is None:
        return None
    if not reviewer_identity(gui):
        ReviewerDialog(gui, parent).exec()
    from aeo_assess.gui.review.workspace import ReviewWorkspace  # imported late: start-up time

    return ReviewWorkspace(gui, assessment_id, parent)


class WindowHooks(QObject):
    """Owned by the main window; arranges it for the chosen profile. It reaches the window
    as its Qt parent, never through an attribute: a reference cycle between the two would
    leave the window to the garbage collector, which may run on a worker thread."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.gui = gui = window.gui
        self.profile_dialog: ProfileDialog | None = None
        self.access_box: QMessageBox | None = None
        self.menu = ProfileMenu(gui, window)
        window.view_menu.addSeparator()
        window.view_menu.addMenu(self.menu)
        self.menu.chosen.connect(self.set_profile)
        self.menu.explain_requested.connect(self.show_profile_dialog)
        self.menu.identity_requested.connect(self.show_reviewer_dialog)
        self.reviewer_dialog: ReviewerDialog | None = None
        apply_reviewer_identity(gui)
        self.access_action = QAction(window)
        self.access_action.triggered.connect(self.show_access_note)
        window.help_menu.addAction(self.access_action)

        self.review_action = self._action("open", self.review_selected)
        self.import_submission_action = self._action("import", window.import_files)
        self.remarks_action = self._action("open", self.show_remarks)
        self.queue = SubmissionQueue(gui)
        self.queue.open_requested.connect(self._open)
        self.banner = ProfileBanner()
        self.banner.chosen.connect(self.set_profile)
        self.banner.more_requested.connect(self.show_profile_dialog)
        page_layout = window.list_page.layout()
        assert isinstance(page_layout, QVBoxLayout)
        page_layout.insertWidget(0, self.banner)
        page_layout.insertWidget(1, self.queue)
        QWidget.setTabOrder(self.queue.tree, window.list_page.filter_edit)  # top to bottom
        self.banner.setVisible(not gui.settings.profile_chosen)
        window.list_page.selection_changed.connect(self._update_actions)
        window.stack.currentChanged.connect(self._on_page_changed)
        gui.signals.assessments_changed.connect(self._on_assessments_changed)
        gui.signals.language_changed.connect(self._on_language_changed)
        self.retranslate()
        self.arrange()

    @property
    def window(self) -> MainWindow:
        return cast("MainWindow", self.parent())

    def _action(self, icon_name: str, slot: Callable[[], None]) -> QAction:
        action = QAction(icon(icon_name), "", self.window)
        action.triggered.connect(slot)
        return action

    @property
    def profile(self) -> Profile:
        return current_profile(self.gui)

    # --- profile ---------------------------------------------------------------------------

    def set_profile(self, value: str) -> None:
        """Remember the profile and arrange the window for it."""
        profile = Profile(value)
        settings = self.gui.settings
        settings.profile = profile.value
        settings.profile_chosen = True
        self.gui.save_settings()
        self.banner.hide()
        self.menu.show_profile(profile)
        self.arrange()
        self.window.statusBar().showMessage(
            _("Profile: {profile}. The screens are arranged for this work.").format(
                profile=self.menu.actions_by_profile[profile].text().replace("&", "")
            ),
            8000,
        )

    def show_profile_dialog(self) -> None:
        dialog = ProfileDialog(self.gui, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.set_profile(dialog.chosen().value))
        self.profile_dialog = dialog
        dialog.open()

    def show_reviewer_dialog(self) -> None:
        dialog = ReviewerDialog(self.gui, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reviewer_dialog = dialog
        dialog.open()

    def show_access_note(self) -> None:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(_("Profiles and access"))
        box.setText(convenience_note())
        box.setInformativeText(shared_database_advice())
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.access_box = box
        box.open()

    def arrange(self) -> None:
        """The toolbar and the list page for the profile: officers see the submissions to
        review first, traders their own work and the customs remarks."""
        window, profile = self.window, self.profile
        toolbar = window.toolbar
        for action in (self.review_action, self.import_submission_action, self.remarks_action):
            toolbar.removeAction(action)
        own = [window.new_action, window.open_action, window.import_action,
               window.export_action, window.report_action, window.delete_action]
        for action in (*own, window.workshops_action):
            toolbar.removeAction(action)
        if profile is Profile.OFFICER:
            toolbar.addActions([self.import_submission_action, self.review_action,
                                window.open_action, window.report_action, window.delete_action])
        elif profile is Profile.TRADER:
            toolbar.addActions([*own, self.remarks_action])
        else:
            toolbar.addActions([window.workshops_action, window.import_action,
                                window.new_action, window.open_action, window.report_action,
                                window.delete_action])
        self.queue.setVisible(profile is Profile.OFFICER)
        window.list_page.retranslate()  # the empty list's advice depends on the profile
        if profile is Profile.OFFICER:
            self.queue.reload()
        self._update_actions()

    # --- actions ---------------------------------------------------------------------------

    def _open(self, assessment_id: str) -> None:
        self.window.list_page.select(assessment_id)
        self.window.open_assessment(assessment_id)

    def review_selected(self) -> None:
        assessment_id = self.queue.current_id() or self.window.list_page.current_id()
        if assessment_id:
            self._open(assessment_id)

    def show_remarks(self) -> None:
        """Open the selected assessment (or stay in it) on its Customs remarks tab."""
        window = self.window
        if window.editor is None:
            assessment_id = window.list_page.current_id()
            if not assessment_id:
                return
            window.open_assessment(assessment_id)
        hook = getattr(window.editor, "customs_remarks", None)
        if hook is not None:
            hook.show_tab()

    def _update_actions(self) -> None:
        window = self.window
        on_list = window.stack.currentWidget() is window.list_page
        selected = window.list_page.current() is not None
        self.review_action.setEnabled(on_list and (selected or self.queue.current_id() is not None))
        self.remarks_action.setEnabled(selected or window.editor is not None)

    def _on_page_changed(self, _index: int) -> None:
        """Back on the list after a review: the queue shows the progress made."""
        window = self.window
        if self.profile is Profile.OFFICER and window.stack.currentWidget() is window.list_page:
            self.queue.reload()
        self._update_actions()

    def _on_assessments_changed(self) -> None:
        if self.profile is Profile.OFFICER:
            self.queue.reload()

    def _on_language_changed(self, _language: str) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        texts = {
            self.review_action: (_("&Review"), _("Review"),
                                 _("Review the selected applicant file")),
            self.import_submission_action: (
                _("Import &applicant file…"), _("Import applicant file"),
                _("Import applicant files (.aeoa) to review (Ctrl+I)")),
            self.remarks_action: (_("Customs &remarks"), _("Customs remarks"),
                                  _("What customs said about the selected assessment")),
            self.access_action: (_("Profiles and &access…"), _("Profiles and access"),
                                 _("What a profile is, and how to protect a shared database")),
        }
        for action, (text, short, tip) in texts.items():
            action.setText(text)
            action.setIconText(short)
            action.setToolTip(tip)
        self.menu.retranslate()
        self.banner.retranslate()
        self.queue.retranslate()
