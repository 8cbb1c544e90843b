"""The action plan as a table: every gap ranked as DESIGN §4 says, with an owner and a due date
the user types in place, sortable by any column and exportable to CSV for Excel."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from babel.numbers import get_decimal_symbol
from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent, QResizeEvent, QValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from aeo_assess.domain.text import localized
from aeo_assess.files.csv_cells import safe_row
from aeo_assess.gui.editor.answer_inputs import date_format, qt_locale
from aeo_assess.gui.editor.state import EditorState
from aeo_assess.i18n import _, format_date, format_percent, language

RANK, QUESTION, CRITERION, SCORE, ACTION, OWNER, DUE = range(7)
_SORT = Qt.ItemDataRole.UserRole
_QUESTION_ID = Qt.ItemDataRole.UserRole + 1
_DUE_ISO = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex


class _Item(QTableWidgetItem):
    """Sorts by the value behind the text (rank 10 after rank 9, 75 % after 5 %)."""

    def __init__(self, text: str, sort_key: object, editable: bool = False) -> None:
        super().__init__(text)
        self.setData(_SORT, sort_key)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        self.setFlags(flags | Qt.ItemFlag.ItemIsEditable if editable else flags)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(_SORT), other.data(_SORT)
        if type(mine) is type(theirs):
            return bool(mine < theirs)
        return str(mine) < str(theirs)


def _to_date(iso: str) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


_TYPED = r"[\d ./-]*"
"""What a typed date is made of: digits and the separators people use."""


class DueDateEdit(QDateEdit):
    """A date typed as people type it (31/3/2027, 31-03-2027) in the language's order of
    day, month and year, or picked from the calendar; empty means no date. QDateEdit's own
    section-by-section typing turned "31/3/2027" into another date without a word."""

    def __init__(self, parent: QWidget | None = None) -> None:
        # From a year back (late items stay editable) to ten years ahead: anything else is a
        # typing slip (3202 for 2027). The day before stands for "no date" (QDateEdit cannot
        # be empty). Set first: Qt validates while the editor is being set up.
        today = QDate.currentDate()
        self.no_date = today.addYears(-1).addDays(-1)
        super().__init__(parent)
        locale = qt_locale()
        self.setLocale(locale)
        self.setDisplayFormat(date_format(locale))
        self.setCalendarPopup(True)
        self.setDateRange(self.no_date, today.addYears(10))
        self.setSpecialValueText(_("No date"))
        self.setAccessibleName(_("Due date"))
        self.setToolTip(self.hint())

    def hint(self) -> str:
        """How to type a date here, and which dates are taken."""
        return _("Type the date as {format}, between {first} and {last}, or pick it from the "
                 "calendar. Leave it empty for no date.").format(
            format=self.displayFormat().lower(),
            first=format_date(_pydate(self.no_date.addDays(1))),
            last=format_date(_pydate(self.maximumDate())),
        )

    def parse(self, text: str) -> QDate | None:
        """The date ``text`` means, the no-date value for empty text, None for anything
        else (an incomplete or impossible date, or one outside the range)."""
        if not text.strip() or text == self.specialValueText():
            return self.no_date
        numbers = re.findall(r"\d+", text)
        if len(numbers) != 3 or len(numbers[self._order().index("y")]) != 4:
            return None
        parts = dict(zip(self._order(), (int(n) for n in numbers), strict=True))
        date = QDate(parts["y"], parts["M"], parts["d"])
        valid = date.isValid() and self.no_date < date <= self.maximumDate()
        return date if valid else None

    def _order(self) -> str:
        """"dMy", "Mdy" or "yMd": the order of the fields in the language's format."""
        pattern = self.displayFormat()
        return "".join(sorted("dMy", key=pattern.find))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Typing goes into the text as typed: QDateEdit would take "/" as "next field" and
        let backspace clear a field instead of a character. Enter is left to the table's
        delegate, which reads the text as typed (QDateEdit would first put back the previous
        date, silently, over a date it cannot take)."""
        line = self.lineEdit()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
        elif plain and event.key() == Qt.Key.Key_Backspace:
            line.backspace()
        elif plain and event.key() == Qt.Key.Key_Delete:
            line.del_()
        elif plain and event.text() and re.fullmatch(_TYPED, event.text()):
            if line.text() == self.specialValueText():
                line.clear()
            line.insert(event.text())
        else:
            super().keyPressEvent(event)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if re.fullmatch(_TYPED, text) is None and text != self.specialValueText():
            return QValidator.State.Invalid, text, pos
        acceptable = self.parse(text) is not None
        state = QValidator.State.Acceptable if acceptable else QValidator.State.Intermediate
        return state, text, pos

    def dateTimeFromText(self, text: str) -> QDateTime:
        return QDateTime(self.parse(text) or self.date(), QTime(0, 0))


def _qdate(date: dt.date) -> QDate:
    return QDate(date.year, date.month, date.day)


def _pydate(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


class DueDateDelegate(QStyledItemDelegate):
    """Edits the due date in a DueDateEdit; a date it cannot take is refused with a message
    saying why, and the cell keeps its date."""

    def __init__(self, table: PlanTable) -> None:
        super().__init__(table)
        self._table = table

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        return DueDateEdit(parent)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, DueDateEdit)
        due = _to_date(index.data(_DUE_ISO) or "")
        today = QDate.currentDate()
        editor.setDate(_qdate(due) if due is not None else today)
        if due is not None and editor.date() != _qdate(due):  # out of the range: keep it shown
            editor.setDateRange(min(editor.minimumDate(), _qdate(due)), editor.maximumDate())
            editor.setDate(_qdate(due))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, DueDateEdit)
        date = editor.parse(editor.text())
        if date is None:
            self._table.refused.emit(
                _("“{text}” is not a due date this plan can take.").format(text=editor.text().strip())
                + " " + editor.hint()
            )
            return
        self._table.refused.emit("")
        due = None if date == editor.no_date else _pydate(date)
        model.setData(index, due.isoformat() if due else "", _DUE_ISO)
        model.setData(index, due.isoformat() if due else "", _SORT)
        model.setData(index, format_date(due), Qt.ItemDataRole.DisplayRole)


class PlanTable(QTableWidget):
    refused = Signal(str)
    """Why a typed due date was not taken ("" once one is)."""

    def __init__(self, state: EditorState, parent: QWidget | None = None) -> None:
        super().__init__(0, 7, parent)
        self._state = state
        self._filling = False
        self.setItemDelegateForColumn(DUE, DueDateDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 10)
        header = self.horizontalHeader()
        for column in (RANK, QUESTION, CRITERION, SCORE, DUE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ACTION, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(OWNER, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(OWNER, 16 * self.fontMetrics().averageCharWidth())
        header.setSortIndicator(RANK, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.itemChanged.connect(self._on_item_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels(
            [_("Rank"), _("Question"), _("Criterion"), _("Score"), _("What to do"), _("Owner"),
             _("Due date")]
        )
        self.setAccessibleName(_("Action plan"))
        self.setAccessibleDescription(_("Owner and due date can be edited: press F2 or start typing."))
        self.refresh()

    def refresh(self) -> None:
        state, lang = self._state, language()
        column = self.horizontalHeader().sortIndicatorSection()
        order = self.horizontalHeader().sortIndicatorOrder()
        self._filling = True
        self.setSortingEnabled(False)
        self.setRowCount(len(state.card.action_plan))
        for row, action in enumerate(state.card.action_plan):
            gap = action.gap
            question = state.questionnaire.question(gap.question_id)
            text = localized(question.text, lang)
            recommendation = localized(question.recommendation, lang)
            rank = _Item(str(action.rank), action.rank)
            title = _Item(gap.question_id, gap.question_id)
            title.setData(_QUESTION_ID, gap.question_id)
            title.setToolTip(text)
            what = _Item(recommendation, recommendation)
            what.setToolTip(recommendation)
            if gap.blocking:
                rank.setText(f"{action.rank} !")
                rank.setToolTip(_("Must or eligibility condition"))
            score = _Item(format_percent(gap.score), gap.score)
            if gap.unanswered:
                score = _Item(_("Not yet answered"), -1.0)
            due = _Item(format_date(action.due), action.due.isoformat() if action.due else "", editable=True)
            due.setData(_DUE_ISO, action.due.isoformat() if action.due else "")
            if action.due is not None and action.due < dt.date.today():
                due.setText(_("{date} (overdue)").format(date=format_date(action.due)))
                due.setForeground(QColor("#B00020"))
                due.setToolTip(_("Overdue: the due date has passed and the gap is still open"))
            cells = [
                rank,
                title,
                _Item(gap.criterion_id, gap.criterion_id),
                score,
                what,
                _Item(action.owner, action.owner.casefold(), editable=True),
                due,
            ]
            for column_index, cell in enumerate(cells):
                self.setItem(row, column_index, cell)
        self.setSortingEnabled(True)
        self.sortItems(column, order)
        self._filling = False
        self._fit_action_column()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_action_column()

    def _fit_action_column(self) -> None:
        """"What to do" takes the room the other columns leave, but never less than a short
        sentence: at large font sizes the table scrolls sideways instead of cutting it to
        a few letters."""
        others = sum(self.columnWidth(c) for c in range(self.columnCount()) if c != ACTION)
        least = 18 * self.fontMetrics().averageCharWidth()
        self.setColumnWidth(ACTION, max(least, self.viewport().width() - others))

    def question_at(self, row: int) -> str:
        item = self.item(row, QUESTION)
        return str(item.data(_QUESTION_ID)) if item is not None else ""

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() not in (OWNER, DUE):
            return
        row = item.row()
        owner_item, due_item = self.item(row, OWNER), self.item(row, DUE)
        if owner_item is None or due_item is None:
            return
        if item.column() == OWNER:
            self._filling = True
            owner_item.setData(_SORT, owner_item.text().casefold())
            self._filling = False
        self._state.set_plan_entry(
            self.question_at(row), owner_item.text(), _to_date(due_item.data(_DUE_ISO) or "")
        )

    def write_csv(self, path: Path) -> None:
        """The rows as shown (sorted as the user sorted them). UTF-8 with a byte-order mark so
        that Excel reads accents right; semicolons where the language writes decimal commas,
        because that is the separator Excel expects there. Cells that a spreadsheet would
        run as formulas are written as text (``files.csv_cells``)."""
        lang = language()
        delimiter = ";" if get_decimal_symbol(lang) == "," else ","
        questionnaire = self._state.questionnaire
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter)
            writer.writerow(
                [_("Rank"), _("Question"), _("Question text"), _("Criterion"), _("Score"),
                 _("Must"), _("What to do"), _("Owner"), _("Due date")]
            )
            plan = {a.gap.question_id: a for a in self._state.card.action_plan}
            for row in range(self.rowCount()):
                action = plan[self.question_at(row)]
                question = questionnaire.question(action.gap.question_id)
                writer.writerow(
                    safe_row([
                        action.rank,
                        question.id,
                        localized(question.text, lang),
                        action.gap.criterion_id,
                        _("Not yet answered") if action.gap.unanswered
                        else format_percent(action.gap.score),
                        _("Yes") if action.gap.blocking else _("No"),
                        localized(question.recommendation, lang),
                        action.owner,
                        action.due.isoformat() if action.due else "",
                    ])
                )
