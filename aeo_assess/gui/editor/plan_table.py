"""The action plan as a table: every gap ranked as DESIGN §4 says, with an owner and a due date
the user types in place, sortable by any column and exportable to CSV for Excel."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from babel.numbers import get_decimal_symbol
from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent
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
from aeo_assess.gui.editor.answer_inputs import NO_DATE, qt_locale
from aeo_assess.gui.editor.state import EditorState
from aeo_assess.gui.language import qt_date_format
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


class DueDateDelegate(QStyledItemDelegate):
    """Edits the due date with a calendar; the first date of the range means "no date"."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        editor = QDateEdit(parent)
        editor.setCalendarPopup(True)
        editor.setMinimumDate(NO_DATE)
        editor.setSpecialValueText(_("No date"))
        editor.setLocale(qt_locale())
        editor.setDisplayFormat(qt_date_format())  # as the table shows the date
        editor.setAccessibleName(_("Due date"))
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QDateEdit)
        due = _to_date(index.data(_DUE_ISO) or "")
        if due is None:
            editor.setDate(max(QDate.currentDate(), NO_DATE))
        else:
            editor.setDate(QDate(due.year, due.month, due.day))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QDateEdit)
        date = editor.date()
        due = None if date == NO_DATE else dt.date(date.year(), date.month(), date.day())
        model.setData(index, due.isoformat() if due else "", _DUE_ISO)
        model.setData(index, due.isoformat() if due else "", _SORT)
        model.setData(index, format_date(due), Qt.ItemDataRole.DisplayRole)


class PlanTable(QTableWidget):
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
        because that is the separator Excel expects there."""
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
                    [
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
                    ]
                )
