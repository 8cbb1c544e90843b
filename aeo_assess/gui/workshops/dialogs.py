"""The workshop window's dialogs: a new workshop, and what happened to imported files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.gui.background import error_text
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.language import qt_date_format
from aeo_assess.i18n import _, language, ngettext
from aeo_assess.services import workshops
from aeo_assess.services.errors import ServiceError
from aeo_assess.services.workshops import ImportSummary


def _date(edit: QDateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


class NewWorkshopDialog(QDialog):
    """Name (required), place, dates and facilitator; ``created`` carries the new number."""

    created = Signal(int)

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.setWindowTitle(_("New workshop"))
        self.name = QLineEdit()
        self.place = QLineEdit()
        self.facilitator = QLineEdit()
        self.has_dates = QCheckBox(_("The dates are known"))
        self.has_dates.setChecked(True)
        today = QDate.currentDate()
        self.starts_on = QDateEdit(today)
        self.ends_on = QDateEdit(today)
        for edit in (self.starts_on, self.ends_on):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(qt_date_format())
            self.has_dates.toggled.connect(edit.setEnabled)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B8470A;")
        form = QFormLayout()
        form.addRow(_("&Name:"), self.name)
        form.addRow(_("&Place:"), self.place)
        form.addRow("", self.has_dates)
        form.addRow(_("&From:"), self.starts_on)
        form.addRow(_("&To:"), self.ends_on)
        form.addRow(_("F&acilitator:"), self.facilitator)
        for label, text in ((self.name, _("Workshop name")), (self.place, _("Place")),
                            (self.starts_on, _("First day")), (self.ends_on, _("Last day")),
                            (self.facilitator, _("Facilitator"))):
            label.setAccessibleName(text)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Create"))
        self.buttons.accepted.connect(self.create_workshop)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def create_workshop(self) -> None:
        """Create the workshop, or say what is wrong beside the fields and stay open."""
        if not self.name.text().strip():
            self.error.setText(_("Give the workshop a name."))
            self.name.setFocus()
            return
        dated = self.has_dates.isChecked()
        try:
            number = workshops.create_workshop(
                self.gui.app,
                name=self.name.text(),
                place=self.place.text(),
                starts_on=_date(self.starts_on) if dated else None,
                ends_on=_date(self.ends_on) if dated else None,
                facilitator=self.facilitator.text(),
            )
        except ServiceError as error:
            self.error.setText(error_text(error))
            return
        self.accept()
        self.created.emit(number)


class ImportSummaryDialog(QDialog):
    """Imported, already here, refused (with the reason) and, after Cancel, not read."""

    def __init__(self, summary: ImportSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import finished"))
        self.summary = summary
        lines = [
            _("Imported: {count}").format(count=len(summary.imported)),
            _("Already in this database: {count}").format(count=len(summary.duplicates)),
            _("Refused: {count}").format(count=len(summary.refused)),
        ]
        if summary.cancelled:
            lines.append(ngettext(
                "Cancelled: {count} file was not read.", "Cancelled: {count} files were not read.",
                len(summary.not_done),
            ).format(count=len(summary.not_done)))
        self.heading = QLabel("\n".join(lines))
        self.heading.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("File"), _("Result"), _("Details")])
        self.tree.setAccessibleName(_("Imported files"))
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        rows: list[tuple[str, str, str]] = []
        for item in summary.imported:
            detail = (
                ngettext("{count} answer", "{count} answers", item.answers).format(
                    count=item.answers)
                if item.answers else ""
            )
            rows.append((item.file, _("Imported"), detail))
        for item in summary.duplicates:
            rows.append((item.file, _("Already here"),
                         _("This exact file was imported before; it joins the workshop.")))
        for refused in summary.refused:
            rows.append((refused.file, _("Refused"), refused.reason_text(language())))
        for name in summary.not_done:
            rows.append((name, _("Not read"), _("The import was cancelled before this file.")))
        for file, result, detail in rows:
            entry = QTreeWidgetItem([Path(file).name, result, detail])
            entry.setToolTip(0, file)
            entry.setToolTip(2, detail)
            self.tree.addTopLevelItem(entry)
        for column in (0, 1):
            self.tree.resizeColumnToContents(column)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(820, 380)

    def rows(self) -> list[tuple[str, str, str]]:
        """(file name, result, details) as shown."""
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [(item.text(0), item.text(1), item.text(2)) for item in items if item is not None]
