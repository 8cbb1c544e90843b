"""Findings: a table (severity, criterion, text, required action, due date) with add, edit and
remove, and the dialog that edits one finding."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.review import Finding, Severity
from aeo_assess.domain.text import localized
from aeo_assess.gui.language import qt_date_format
from aeo_assess.gui.review.labels import SEVERITY_COLOURS, severity_label
from aeo_assess.gui.review.state import ReviewState
from aeo_assess.i18n import _, format_date, language
from aeo_assess.services import reviews

_FINDING = Qt.ItemDataRole.UserRole
_SEVERITY_ORDER = {severity: index for index, severity in enumerate(Severity)}


def finding_columns() -> list[str]:
    return [_("Severity"), _("Criterion"), _("Finding"), _("Required action"), _("Due")]


def sorted_findings(findings: tuple[Finding, ...]) -> list[Finding]:
    """Most severe first, then by criterion."""
    return sorted(findings, key=lambda f: (_SEVERITY_ORDER[f.severity], f.criterion_id, f.id))


def fill_findings_table(table: QTableWidget, findings: tuple[Finding, ...]) -> None:
    """One row per finding; the trader's remarks view shows the same table."""
    table.setRowCount(0)
    for finding in sorted_findings(findings):
        row = table.rowCount()
        table.insertRow(row)
        cells = [
            severity_label(finding.severity),
            finding.criterion_id,
            finding.text,
            finding.required_action,
            format_date(finding.due),
        ]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            item.setData(_FINDING, finding.id)
            table.setItem(row, column, item)
        severity = table.item(row, 0)
        assert severity is not None
        severity.setForeground(QBrush(QColor(SEVERITY_COLOURS[finding.severity])))
    table.resizeRowsToContents()


class _FindingsTable(QTableWidget):
    """Wrapped rows as tall as their text at the columns' current widths: filled while
    narrow (hidden, before the first layout), a single row stayed as tall as the table."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.resizeRowsToContents()


def new_findings_table(parent: QWidget) -> QTableWidget:
    table = _FindingsTable(0, 5, parent)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    for column in (0, 1, 4):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    for column in (2, 3):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    # Wrapped rows are as tall as their text at the columns' current widths.
    header.sectionResized.connect(lambda *_args: table.resizeRowsToContents())
    return table


@dataclass(frozen=True)
class FindingFields:
    """What the finding dialog edits."""

    severity: Severity
    criterion_id: str
    text: str
    required_action: str
    due: dt.date | None


class FindingDialog(QDialog):
    """Severity, criterion, what was found, what must be done, by when."""

    def __init__(
        self, questionnaire: Questionnaire, finding: Finding | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Edit finding") if finding else _("Add finding"))
        self.severity = QComboBox(self)
        for severity in Severity:
            self.severity.addItem(severity_label(severity), severity.value)
        self.criterion = QComboBox(self)
        lang = language()
        for criterion in questionnaire.criteria:
            self.criterion.addItem(
                f"{criterion.id}  {localized(criterion.title, lang)}", criterion.id
            )
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.action = QPlainTextEdit(self)
        self.action.setTabChangesFocus(True)
        for box in (self.text, self.action):
            box.setFixedHeight(4 * self.fontMetrics().lineSpacing() + 12)
        self.has_due = QCheckBox(_("&Due by"), self)
        self.due = QDateEdit(self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat(qt_date_format())
        self.due.setDate(QDate.currentDate().addMonths(3))
        self.has_due.toggled.connect(self.due.setEnabled)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #B00020;")
        self.problem.setWordWrap(True)
        self.problem.hide()

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        labels = [
            (_("&Severity:"), self.severity, _("Severity")),
            (_("&Criterion:"), self.criterion, _("Criterion")),
            (_("&Finding:"), self.text, _("What was found")),
            (_("&Required action:"), self.action, _("Required action")),
        ]
        for caption, widget, name in labels:
            label = QLabel(caption, self)
            label.setBuddy(widget)
            widget.setAccessibleName(name)
            form.addRow(label, widget)
        form.addRow(due_row)
        self.due.setAccessibleName(_("Due date"))
        self.has_due.setAccessibleName(_("Has a due date"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("n" * 70), self.sizeHint().height())

        if finding is not None:
            self.severity.setCurrentIndex(self.severity.findData(finding.severity.value))
            self.criterion.setCurrentIndex(max(self.criterion.findData(finding.criterion_id), 0))
            self.text.setPlainText(finding.text)
            self.action.setPlainText(finding.required_action)
            if finding.due is not None:
                self.due.setDate(QDate(finding.due.year, finding.due.month, finding.due.day))
        self.has_due.setChecked(finding is not None and finding.due is not None)
        self.due.setEnabled(self.has_due.isChecked())
        self.text.setFocus()

    def fields(self) -> FindingFields:
        due: dt.date | None = None
        if self.has_due.isChecked():
            date = self.due.date()
            due = dt.date(date.year(), date.month(), date.day())
        return FindingFields(
            severity=Severity(self.severity.currentData()),
            criterion_id=str(self.criterion.currentData()),
            text=self.text.toPlainText().strip(),
            required_action=self.action.toPlainText().strip(),
            due=due,
        )

    def accept(self) -> None:
        if not self.text.toPlainText().strip():
            self.problem.setText(_("Describe the finding; it cannot be empty."))
            self.problem.show()
            self.text.setFocus()
            return
        super().accept()


class FindingsPanel(QWidget):
    def __init__(self, state: ReviewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.dialog: FindingDialog | None = None
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.table = new_findings_table(self)
        self.add_button = QPushButton(self)
        self.edit_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemActivated.connect(lambda _item: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        state.review_changed.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(
            _("Findings go to the applicant with the review file, most severe first.")
        )
        self.table.setHorizontalHeaderLabels(finding_columns())
        self.table.setAccessibleName(_("Findings"))
        self.add_button.setText(_("&Add finding…"))
        self.add_button.setAccessibleName(_("Add a finding"))
        self.edit_button.setText(_("&Edit…"))
        self.edit_button.setAccessibleName(_("Edit the selected finding"))
        self.remove_button.setText(_("&Remove…"))
        self.remove_button.setAccessibleName(_("Remove the selected finding"))
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected()
        fill_findings_table(self.table, self._state.review.findings)
        if selected is not None:
            for row in range(self.table.rowCount()):
                item = self.table.item(row, 0)
                if item is not None and item.data(_FINDING) == selected.id:
                    self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> Finding | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        finding_id = rows[0].data(_FINDING)
        return next((f for f in self._state.review.findings if f.id == finding_id), None)

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def add(self) -> None:
        self._open_dialog(None)

    def edit_selected(self) -> None:
        finding = self.selected()
        if finding is not None:
            self._open_dialog(finding)

    def _open_dialog(self, finding: Finding | None) -> None:
        dialog = FindingDialog(self._state.questionnaire, finding, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._save(finding, dialog.fields()))
        self.dialog = dialog
        dialog.open()

    def _save(self, finding: Finding | None, fields: FindingFields) -> None:
        target, f = self._state.assessment_id, fields
        if finding is None:
            self._state.submit(lambda ctx: reviews.add_finding(
                ctx, target, severity=f.severity, criterion_id=f.criterion_id, text=f.text,
                required_action=f.required_action, due=f.due))
        else:
            finding_id = finding.id
            self._state.submit(lambda ctx: reviews.update_finding(
                ctx, target, finding_id, severity=f.severity, criterion_id=f.criterion_id,
                text=f.text, required_action=f.required_action, due=f.due))

    def remove_selected(self) -> None:
        finding = self.selected()
        if finding is None:
            return
        answer = QMessageBox.question(
            self,
            _("Remove finding"),
            _("Remove the finding “{text}”?").format(text=finding.text),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            target, finding_id = self._state.assessment_id, finding.id
            self._state.submit(lambda ctx: reviews.remove_finding(ctx, target, finding_id))
