"""File › Print blank questionnaire…: pick questionnaire, roles, AEO types and language, then
save the PDF (rendered in the background). With an assessment selected it can tick its answers
or print its evidence checklist instead."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.domain.text import localized
from aeo_assess.domain.vocabulary import AEO_TYPES, ROLES
from aeo_assess.gui.background import Progress, run_in_background, show_error
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.language import LANGUAGE_NAMES
from aeo_assess.gui.new_assessment_wizard import aeo_type_label, offered_questionnaires, role_label
from aeo_assess.i18n import _, language
from aeo_assess.services import questionnaire_forms
from aeo_assess.storage.repository import AssessmentSummary


def file_stem(company: str) -> str:
    """A file name from a company name that every file system accepts."""
    return "".join(c if c.isalnum() else "-" for c in company).strip("-") or "assessment"


class QuestionnaireFormDialog(QDialog):
    """Chooses what to print; ``saved`` carries the path once the PDF is written."""

    saved = Signal(Path)

    def __init__(self, gui: GuiContext, selected: AssessmentSummary | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.selected = selected
        self.setWindowTitle(_("Print blank questionnaire"))
        self.questionnaire = QComboBox()
        for questionnaire in offered_questionnaires():
            title = localized(questionnaire.title, language())
            self.questionnaire.addItem(f"{title} ({questionnaire.version})", questionnaire.id)
        self.roles = {role: QCheckBox(role_label(role)) for role in ROLES}
        role_grid = QGridLayout()
        for number, box in enumerate(self.roles.values()):
            role_grid.addWidget(box, number // 2, number % 2)
        self.types = {kind: QCheckBox(aeo_type_label(kind)) for kind in AEO_TYPES}
        for box in self.types.values():
            box.setChecked(True)
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(language()), 0))
        self.blank = QRadioButton(_("&Blank questions"))
        self.filled = QRadioButton(_("Questions with the selected assessment's &answers"))
        self.checklist = QRadioButton(_("&Evidence checklist of the selected assessment"))
        self.blank.setChecked(True)
        for choice in (self.filled, self.checklist):
            choice.setEnabled(selected is not None)
            choice.toggled.connect(self._update)

        form = QFormLayout()
        form.addRow(_("&Questionnaire:"), self.questionnaire)
        form.addRow(QLabel(_("Supply-chain roles (none: every role):")))
        form.addRow(role_grid)
        types = QVBoxLayout()
        for box in self.types.values():
            types.addWidget(box)
        form.addRow(_("AEO type:"), types)
        form.addRow(_("&Language:"), self.language)
        kinds = QVBoxLayout()
        for choice in (self.blank, self.filled, self.checklist):
            kinds.addWidget(choice)
        form.addRow(_("Print:"), kinds)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.choose_file)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        """An assessment's own profile and questionnaire decide what applies to it."""
        own = not self.blank.isChecked()
        for box in (*self.roles.values(), *self.types.values()):
            box.setEnabled(not own)
        self.questionnaire.setEnabled(not own)

    def options(self) -> questionnaire_forms.FormOptions:
        own = not self.blank.isChecked()
        return questionnaire_forms.FormOptions(
            questionnaire_id=str(self.questionnaire.currentData()),
            roles=frozenset(r for r, box in self.roles.items() if box.isChecked() and not own),
            aeo_types=frozenset(t for t, box in self.types.items()
                                if box.isChecked() and not own),
            language=str(self.language.currentData()),
            page_size=self.gui.settings.page_size,
            assessment=self.selected.id if own and self.selected is not None else None,
            checklist=self.checklist.isChecked(),
        )

    def choose_file(self) -> None:
        company = self.selected.company if self.selected is not None else ""
        name = _("questionnaire") if self.blank.isChecked() else file_stem(company)
        suggested = str(Path.home() / f"{name}.pdf")
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save questionnaire"), suggested, _("PDF documents (*.pdf)")
        )
        if chosen:
            self.save_to(Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf"))

    def save_to(self, path: Path) -> None:
        """Render and write off the GUI thread; the dialog closes once the file is there."""
        options, ctx = self.options(), self.gui.app
        self.buttons.setEnabled(False)

        def work(_progress: Progress) -> Path:
            return questionnaire_forms.write_questionnaire_pdf(ctx, options, path)

        task = run_in_background(self, work, label=_("Preparing the questionnaire…"),
                                 cancellable=False)
        task.success(self._done).failure(self._failed)

    def _done(self, path: Path) -> None:
        self.saved.emit(path)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_error(self, error)
