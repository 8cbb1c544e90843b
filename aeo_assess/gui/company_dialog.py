"""Edit the company profile of an assessment: name, tax id and country, and the company's AEO
certification and next review dates (the yearly cycle's reminders).

The way to correct a typo, or a profile stored by an older release that its export now
refuses (a name with a control character, a 65-character tax id). The services check the
values with the same rules as the wizard and the files; a refusal shows under the fields and
the dialog stays open.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.domain.fields import COMPANY, TAX_ID
from aeo_assess.gui.background import error_text
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.editor.answer_inputs import date_format, qt_locale
from aeo_assess.i18n import _, countries, language
from aeo_assess.services import assessments, cycles
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage.errors import StorageError

NO_DATE = QDate(2000, 1, 1)
"""QDateEdit cannot be empty: its minimum date stands for "not entered" and shows as such."""


def _date_edit(value: dt.date | None) -> QDateEdit:
    edit = QDateEdit()
    locale = qt_locale()
    edit.setLocale(locale)
    edit.setDisplayFormat(date_format(locale))
    edit.setCalendarPopup(True)
    edit.setDateRange(NO_DATE, QDate(2100, 12, 31))
    edit.setSpecialValueText(_("Not entered"))
    edit.setDate(NO_DATE if value is None else QDate(value.year, value.month, value.day))
    return edit


def _date_of(edit: QDateEdit) -> dt.date | None:
    date = edit.date()
    return None if date == NO_DATE else dt.date(date.year(), date.month(), date.day())


class CompanyProfileDialog(QDialog):
    """Accepted only once the services stored the new profile."""

    def __init__(self, gui: GuiContext, assessment_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gui = gui
        self._assessment_id = assessment_id
        _questionnaire, assessment, _card = assessments.load(gui.app, assessment_id)
        self.company = QLineEdit(assessment.company)
        self.company.setMaxLength(COMPANY.max_length)
        self.tax_id = QLineEdit(assessment.tax_id)
        self.tax_id.setMaxLength(TAX_ID.max_length)
        self.country = QComboBox()
        for code, name in countries(language()):
            self.country.addItem(name, code)
        self.country.setCurrentIndex(self.country.findData(assessment.country))
        self.certified_on = _date_edit(assessment.certified_on)
        self.next_review_on = _date_edit(assessment.next_review_on)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #B00020")
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        self._labels = [QLabel() for _field in range(5)]
        fields = (self.company, self.tax_id, self.country, self.certified_on, self.next_review_on)
        for label, field in zip(self._labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setWindowTitle(_("Company profile"))
        self._labels[0].setText(_("&Company name *"))
        self._labels[1].setText(_("&Tax identification number"))
        self._labels[2].setText(_("C&ountry *"))
        self._labels[3].setText(_("AEO c&ertified on"))
        self._labels[4].setText(_("&Next review of the certification"))
        self.certified_on.setAccessibleName(_("AEO certification date (optional)"))
        self.next_review_on.setAccessibleName(_("Next review date (optional)"))
        self.company.setAccessibleName(_("Company name (required)"))
        self.tax_id.setAccessibleName(_("Tax identification number (optional)"))
        self.country.setAccessibleName(_("Country"))

    def save(self) -> None:
        try:
            cycles.set_review_dates(
                self._gui.app,
                self._assessment_id,
                certified_on=_date_of(self.certified_on),
                next_review_on=_date_of(self.next_review_on),
            )
            assessments.edit_profile(
                self._gui.app,
                self._assessment_id,
                company=self.company.text(),
                tax_id=self.tax_id.text(),
                country=str(self.country.currentData() or ""),
            )
        except (ServiceError, StorageError) as error:
            self.problem.setText(_("Not saved: {error}").format(error=error_text(error)))
            self.problem.setAccessibleName(self.problem.text())
            self.problem.show()
            return
        self._gui.signals.assessments_changed.emit()
        self.accept()
