"""What the interface says and offers when an assessment's subject is a customs administration
rather than a company (issue 15): the wizard's wording and fields, the first-start choice of a
customs officer, the list's and header's words, and the consent to be named in a workshop
summary.

The words live here, in their own catalog (``administration.po``), so that the screens shared
with companies only ask "which subject?" and keep their own texts as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QWidget

from aeo_assess.gui.background import run_in_background, show_error
from aeo_assess.gui.context import GuiContext
from aeo_assess.i18n import _, country_name
from aeo_assess.services import administrations

if TYPE_CHECKING:
    from aeo_assess.gui.new_assessment_wizard import CompanyPage


def word_subject_page(page: CompanyPage) -> None:
    """The wizard's first page for an administration: its name, unit and contact."""
    page.setTitle(_("Administration"))
    page.setSubTitle(
        _("Which customs administration assesses itself? Fields marked * are required.")
    )
    page.company_label.setText(_("&Administration name *"))
    page.company.setAccessibleName(_("Administration name (required)"))
    page.company.setPlaceholderText(_("Official name of the customs administration"))
    page.unit_label.setText(_("&Unit"))
    page.unit.setAccessibleName(_("Unit answering (optional)"))
    page.unit.setPlaceholderText(_("e.g. the risk-management directorate"))
    page.contact_label.setText(_("Con&tact"))
    page.contact.setAccessibleName(_("Contact person or address (optional)"))
    page.contact.setPlaceholderText(_("Who to ask about the answers"))


def name_missing() -> str:
    return _("Enter the administration's name.")


def country_missing() -> str:
    return _("Choose the country of the administration.")


def summary(name: str, country: str, unit: str) -> str:
    """The wizard's last page: what is about to be created."""
    lines = [f"{name}, {country_name(country)}"]
    if unit:
        lines.append(_("Unit: {unit}").format(unit=unit))
    return "\n".join(lines)


def wizard_title() -> str:
    return _("New administration assessment")


def new_action_texts() -> tuple[str, str, str]:
    """Text, icon text and tooltip of the menu action that starts the wizard."""
    return (_("New a&dministration assessment…"), _("Administration"),
            _("Assess your own customs administration: risk management and SAFE Pillar 1"))


def first_start_texts() -> tuple[str, str]:
    """The officer's first-start choice: title and description."""
    return (_("Assess my administration"),
            _("Your customs administration's own risk management and SAFE Pillar 1 standards, "
              "criterion by criterion, with indicators and a roadmap."))


def column_title() -> str:
    """The list's first column once an administration is among the rows."""
    return _("Company or administration")


def demo_note() -> str:
    return _("Demonstration data: a made-up administration, not a real customs administration")


def demo_banner() -> str:
    return _("Demonstration data: this administration and its answers are made up to show how "
             "the program works.")


def report_title() -> str:
    return _("Administration report")


def unit_suffix(unit: str) -> str:
    """After the administration's name in the editor's title."""
    return f" ({unit})" if unit else ""


class ConsentBox(QCheckBox):
    """Whether the subject agrees to be named in workshop summaries; saved at once.

    Off until the user ticks it (consent is never assumed); read-only on an imported file,
    whose consent is the sender's word."""

    def __init__(
        self, gui: GuiContext, assessment_id: str, consent: bool, *, editable: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._gui = gui
        self._id = assessment_id
        self.setChecked(consent)
        self.setEnabled(editable)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.toggled.connect(self._save)
        gui.signals.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(_("May be named in workshop summaries"))
        self.setAccessibleName(self.text())
        self.setToolTip(_("The regional summary lists the administrations that agreed, never "
                          "beside a figure. The applicant file carries this choice."))

    def _save(self, consent: bool) -> None:
        ctx, assessment_id = self._gui.app, self._id
        task = run_in_background(
            self, lambda _progress: administrations.set_consent(ctx, assessment_id, consent),
            label=_("Saving…"), cancellable=False,
        )
        task.success(lambda _result: self._gui.signals.assessments_changed.emit())
        task.failure(self._failed)

    def _failed(self, error: BaseException) -> None:
        self.blockSignals(True)
        self.setChecked(not self.isChecked())
        self.blockSignals(False)
        show_error(self, error)
