"""The assessments list: a table model read a page at a time, and the page that shows it with
a filter box and a details panel.

The rows come from ``AssessmentSummary`` (derived columns, no answers read), a page at a time
and searched and sorted in SQL (``storage.listing``), so a national database of 100,000
assessments shows its first screen at once. Demonstration rows carry an icon, italics, a tooltip
and an accessible description saying "Demonstration data".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import IntEnum
from functools import cache, lru_cache
from html import escape

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.domain import search
from aeo_assess.domain.assessment import Status
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.text import localized
from aeo_assess.domain.vocabulary import Subject
from aeo_assess.gui import administration
from aeo_assess.gui.background import show_error
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.cycles import review_dates_text, review_reminder
from aeo_assess.gui.icons import icon, icon_path
from aeo_assess.i18n import (
    _,
    countries,
    country_name,
    format_date,
    format_integer,
    format_percent,
    language,
    ngettext,
)
from aeo_assess.questionnaires.registry import find
from aeo_assess.services import listing
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage.errors import StorageError
from aeo_assess.storage.listing import ListQuery, Page, SortKey, Term
from aeo_assess.storage.repository import AssessmentSummary

Index = QModelIndex | QPersistentModelIndex
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1
DEMO_TINT = "#fff3e0"
"""Background of demonstration rows and badges: the orange of the demo icon, lightened."""


class Column(IntEnum):
    COMPANY = 0
    COUNTRY = 1
    QUESTIONNAIRE = 2
    STATUS = 3
    COMPLETENESS = 4
    LEVEL = 5
    CHANGED = 6


def column_titles() -> dict[Column, str]:
    return {
        Column.COMPANY: _("Company"),
        Column.COUNTRY: _("Country"),
        Column.QUESTIONNAIRE: _("Questionnaire"),
        Column.STATUS: _("Status"),
        Column.COMPLETENESS: _("Completeness"),
        Column.LEVEL: _("Readiness"),
        Column.CHANGED: _("Last change"),
    }


COLUMN_CAPS = {Column.COUNTRY: 20, Column.QUESTIONNAIRE: 19}
"""Widest these long-text columns start, in characters: the company name gets the rest."""
COMPANY_MIN = 24
"""Narrowest the company column gets, in characters; below that the table scrolls."""
DETAILS_WIDTH = 34
"""Starting width of the details panel, in characters (so it grows with the font)."""


def status_label(status: Status) -> str:
    return {
        Status.DRAFT: _("Draft"),
        Status.SUBMITTED: _("Submitted"),
        Status.UNDER_REVIEW: _("Under review"),
        Status.REVIEWED: _("Reviewed"),
        Status.RESUBMITTED: _("Resubmitted"),
    }[status]


def demo_label() -> str:
    return _("Demonstration data")


@cache
def _questionnaire(questionnaire_id: str, version: str) -> Questionnaire | None:
    """The shipped questionnaire for its titles and level labels; an imported version that is
    not shipped falls back to the newest shipped one with the same id."""
    return find(questionnaire_id, version) or find(questionnaire_id)


def questionnaire_title(row: AssessmentSummary, with_version: bool = True) -> str:
    questionnaire = _questionnaire(row.questionnaire_id, row.questionnaire_version)
    title = localized(questionnaire.title, language()) if questionnaire else row.questionnaire_id
    return f"{title} {row.questionnaire_version}" if with_version else title


def is_administration(row: AssessmentSummary) -> bool:
    """The row is a customs administration's self-assessment, not a company's."""
    questionnaire = _questionnaire(row.questionnaire_id, row.questionnaire_version)
    return questionnaire is not None and questionnaire.subject is Subject.ADMINISTRATION


def demo_note(row: AssessmentSummary) -> str:
    if is_administration(row):
        return administration.demo_note()
    return _("Demonstration data: a made-up company, not a real operator")


def level_rank_and_label(row: AssessmentSummary) -> tuple[float, str]:
    """The readiness level in words, and a rank that sorts better levels higher."""
    questionnaire = _questionnaire(row.questionnaire_id, row.questionnaire_version)
    rules = questionnaire.readiness if questionnaire else ()
    for index, rule in enumerate(rules):
        if rule.level == row.level:
            label = localized(rule.label, language())
            if row.provisional:
                label = _("{level} (provisional)").format(level=label)
            return len(rules) - index - row.provisional * 0.5, label
    if questionnaire is not None and questionnaire.not_eligible and row.level == "not_eligible":
        return -1, localized(questionnaire.not_eligible.label, language())
    return 0, row.level.replace("_", " ")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """``domain.search.fold``, cached: typed words are folded against every country and
    status name in the current language on each keystroke."""
    return search.fold(text)


def local_date(moment: dt.datetime) -> dt.date:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone().date()


class AssessmentTable(QTableView):
    """The list's table: the company column takes the width the others leave.

    It refits itself from its own viewport events rather than through an event filter on the
    page: while a closed window was being destroyed, the viewport still sent events to the
    half-destroyed page's filter, and the process crashed."""

    def fit_company(self) -> None:
        """Never so little that the names become unreadable (large fonts): then the table
        scrolls sideways instead."""
        header = self.horizontalHeader()
        others = sum(header.sectionSize(c) for c in Column if c != Column.COMPANY)
        least = self.fontMetrics().horizontalAdvance("n" * COMPANY_MIN)
        header.resizeSection(Column.COMPANY, max(least, self.viewport().width() - others))

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit_company()
        return super().viewportEvent(event)


SORT_KEYS = {
    Column.COMPANY: SortKey.COMPANY,
    Column.COUNTRY: SortKey.COUNTRY,
    Column.QUESTIONNAIRE: SortKey.QUESTIONNAIRE,
    Column.STATUS: SortKey.STATUS,
    Column.COMPLETENESS: SortKey.COMPLETENESS,
    Column.LEVEL: SortKey.LEVEL,
    Column.CHANGED: SortKey.CHANGED,
}
"""What each column sorts by, in SQL: the country by its code, the level by the score."""


def search_terms(text: str, show_demo: bool = True) -> tuple[Term, ...]:
    """The typed words as the database matches them: each one in the company name or tax id,
    or naming a country, a status or demonstration data in the current language."""
    lang = language()
    terms = []
    for word in fold(text).split():
        terms.append(Term(
            word,
            countries=frozenset(code for code, name in countries(lang) if word in fold(name)),
            statuses=frozenset(s for s in Status if word in fold(status_label(s))),
            demo=show_demo and word in fold(demo_label()),
        ))
    return tuple(terms)


def _answered_text(row: AssessmentSummary) -> str:
    """How far the row is answered, as the table's tooltip and the details panel say it."""
    return ngettext(
        "{answered} of {applicable} question answered",
        "{answered} of {applicable} questions answered",
        row.applicable,
    ).format(answered=row.answered, applicable=row.applicable)


class AssessmentTableModel(QAbstractTableModel):
    """The list a page at a time: the first page is set, the view asks for the next ones as
    the user scrolls (``canFetchMore``/``fetchMore``), and a click on a column header asks the
    page to read the list again in that order (``sort_requested``): sorting and filtering
    happen in SQL, so 100,000 assessments never sit in memory or in the view at once."""

    sort_requested = Signal(int, Qt.SortOrder)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AssessmentSummary] = []
        self._texts: list[list[str]] = []
        self._matching = 0
        self._fetch: Callable[[int], list[AssessmentSummary]] | None = None
        self._administration = False
        self._percent: dict[float, str] = {}
        self._dates: dict[dt.date, str] = {}

    def set_page(
        self,
        rows: list[AssessmentSummary],
        matching: int,
        fetch: Callable[[int], list[AssessmentSummary]] | None,
    ) -> None:
        """The first rows of ``matching``; ``fetch(offset)`` reads the rows after them."""
        self.beginResetModel()
        self._rows, self._matching, self._fetch = list(rows), matching, fetch
        self._percent, self._dates = {}, {}
        self._texts = [self._render(row) for row in self._rows]
        self._administration = any(map(is_administration, self._rows))
        self.endResetModel()

    def retranslate(self) -> None:
        self._percent, self._dates = {}, {}
        self._texts = [self._render(row) for row in self._rows]
        if self._rows:
            last = self.index(len(self._rows) - 1, len(Column) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)

    def _render(self, row: AssessmentSummary) -> list[str]:
        """Format a row's cells once per page read or language switch, not on every paint;
        Babel formatting is cached per value (rows share a few hundred dates and figures)."""
        day = local_date(row.updated_at)
        if row.completeness not in self._percent:
            self._percent[row.completeness] = format_percent(row.completeness)
        if day not in self._dates:
            self._dates[day] = format_date(day)
        status = status_label(row.status)
        reminder = "" if row.superseded else review_reminder(row.next_review_on)
        return [
            row.company,
            country_name(row.country),
            questionnaire_title(row, False),
            f"{status} · {reminder}" if reminder else status,
            self._percent[row.completeness],
            level_rank_and_label(row)[1],
            self._dates[day],
        ]

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._fetch is not None and (
            len(self._rows) < self._matching
        )

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        assert self._fetch is not None
        more = self._fetch(len(self._rows))
        if not more:  # the list shrank since it was counted: stop asking
            self._matching = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self._texts.extend(self._render(row) for row in more)
        self._administration = self._administration or any(map(is_administration, more))
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_requested.emit(column, order)

    def matching(self) -> int:
        """How many rows the list has, those not read yet included."""
        return self._matching

    def rows(self) -> list[AssessmentSummary]:
        """The rows read so far."""
        return list(self._rows)

    def summary(self, row: int) -> AssessmentSummary:
        return self._rows[row]

    def row_of(self, assessment_id: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == assessment_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == Column.COMPANY and self._administration:
                return administration.column_title()
            return column_titles()[Column(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][column]
        if role == SUMMARY_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.COMPLETENESS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), column)
        if row.demo:
            return self._demo_data(column, role)
        return None

    def _tooltip(self, position: int, column: Column) -> str:
        """The whole text where a narrow column cuts it, and what the figure means."""
        row = self._rows[position]
        if column == Column.COMPLETENESS:
            text = _answered_text(row)
        elif column == Column.QUESTIONNAIRE:
            text = questionnaire_title(row)
        else:
            text = self._texts[position][column]
        if row.demo:
            text += "\n" + demo_note(row)
        return text

    def _demo_data(self, column: Column, role: int) -> object:
        if role == Qt.ItemDataRole.DecorationRole and column == Column.COMPANY:
            return icon("demo")
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return demo_label()
        return None


class DetailsPanel(QScrollArea):
    """The selected assessment at a glance, beside the list."""

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Wrap rather than scroll sideways: a narrow panel or large fonts must not cut text.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._row: AssessmentSummary | None = None
        body = QWidget()
        layout = QVBoxLayout(body)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.demo_badge = QLabel()
        self.demo_badge.setWordWrap(True)
        self.demo_badge.setStyleSheet(
            f"background: {DEMO_TINT}; color: #8a3b00; border: 1px solid #e65100;"
            " border-radius: 4px; padding: 4px;"
        )
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.values: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        for key in ("country", "questionnaire", "status", "level", "overall", "completeness",
                    "blocking", "changed", "cycles", "certification"):
            caption, value = QLabel(), QLabel()
            value.setWordWrap(True)
            value.setIndent(self.fontMetrics().averageCharWidth() * 2)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption.setBuddy(value)
            self.form.addRow(caption, value)
            self.values[key], self.captions[key] = value, caption
        self.open_button = QPushButton(icon("open"), "")
        self.open_button.clicked.connect(self._open)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.keys = QLabel()
        self.keys.setWordWrap(True)
        self.keys.setEnabled(False)  # muted: a reminder, not content
        layout.addWidget(self.title)
        layout.addWidget(self.demo_badge)
        layout.addLayout(self.form)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.empty)
        layout.addStretch(1)
        layout.addWidget(self.keys)
        self.setWidget(body)
        self.retranslate()
        self.show_row(None)

    def _open(self) -> None:
        if self._row is not None:
            self.open_requested.emit(self._row.id)

    def retranslate(self) -> None:
        captions = {
            "country": _("Country"),
            "questionnaire": _("Questionnaire"),
            "status": _("Status"),
            "level": _("Readiness level"),
            "overall": _("Overall score"),
            "completeness": _("Completeness"),
            "blocking": _("Musts not met"),
            "changed": _("Last change"),
            "cycles": _("Company history"),
            "certification": _("Certification"),
        }
        for key, text in captions.items():
            self.captions[key].setText(text + ":")
        self.open_button.setText(_("Open assessment"))
        self.open_button.setAccessibleName(_("Open the selected assessment"))
        self.demo_badge.setText(
            _("Demonstration data: a made-up company, not a real operator")
        )
        self.empty.setText(_("Select an assessment to see its figures here."))
        self.keys.setText(
            _(
                "Keyboard: Enter opens the selected assessment, Ctrl+N starts a new one, "
                "Ctrl+F filters, Ctrl+I imports, Ctrl+E exports, Del deletes."
            )
        )
        self.setAccessibleName(_("Selected assessment"))
        self.show_row(self._row)

    def show_row(self, row: AssessmentSummary | None) -> None:
        self._row = row
        shown = row is not None
        for widget in (self.title, self.open_button, *self.values.values(),
                       *self.captions.values()):
            widget.setVisible(shown)
        self.demo_badge.setVisible(bool(row and row.demo))
        self.empty.setVisible(not shown)
        if row is None:
            return
        self.demo_badge.setText(demo_note(row))
        self.title.setText(row.company)
        self.values["country"].setText(f"{country_name(row.country)} ({row.country})")
        self.values["questionnaire"].setText(questionnaire_title(row))
        self.values["status"].setText(status_label(row.status))
        self.values["level"].setText(level_rank_and_label(row)[1])
        self.values["overall"].setText(format_percent(row.overall))
        self.values["completeness"].setText(
            f"{format_percent(row.completeness)} · "
            + _answered_text(row)
        )
        self.values["blocking"].setText(str(row.blocking_gaps))
        self.values["changed"].setText(format_date(local_date(row.updated_at)))
        earlier, folded = row.earlier_cycles, row.superseded
        if folded:
            history = _("An earlier cycle: the company has a newer assessment.")
        else:
            history = ngettext(
                "Latest cycle, {count} earlier assessment.",
                "Latest cycle, {count} earlier assessments.",
                earlier,
            ).format(count=earlier)
        self.values["cycles"].setText(history)
        self.values["certification"].setText(review_dates_text(row))
        for key, shown_value in (("cycles", bool(earlier) or folded),
                                 ("certification", bool(review_dates_text(row)))):
            self.values[key].setVisible(shown_value)
            self.captions[key].setVisible(shown_value)


class AssessmentListPage(QWidget):
    """Filter box, table and details; the main window owns the actions that act on it."""

    open_requested = Signal(str)
    selection_changed = Signal()

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gui = gui
        self.model = AssessmentTableModel(self)
        self.model.sort_requested.connect(self._on_sort)
        self._sort = (SortKey.CHANGED, True)
        self._show_demo = True
        self._show_history = False
        self._total = 0
        self._shown = False
        """A page has been shown: until then a sort only records the order to read in."""
        self.has_demo = False
        """The database holds demonstration assessments (shown or not)."""

        self.filter_label = QLabel()
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.filter_label.setBuddy(self.filter_edit)
        self.filter_edit.textChanged.connect(self._on_filter)
        self.filter_edit.returnPressed.connect(self._on_filter_return)
        self.count_label = QLabel()
        self.history_check = QCheckBox()
        self.history_check.toggled.connect(self.set_show_history)
        self.demo_legend = QLabel()
        self.demo_legend.setTextFormat(Qt.TextFormat.RichText)
        self.demo_legend.setStyleSheet(
            f"background: {DEMO_TINT}; color: #8a3b00; border-radius: 4px; padding: 2px 6px;"
        )
        top = QHBoxLayout()
        top.addWidget(self.filter_label)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.history_check)
        top.addWidget(self.demo_legend)

        self.table = AssessmentTable()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.CHANGED, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(200)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        header.sectionResized.connect(self._on_section_resized)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().selectionChanged.connect(self._on_current)

        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty_label)

        self.details = DetailsPanel()
        self.details.open_requested.connect(self.open_requested)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("assessment_list")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table_stack)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.filter_edit, self.table)
        self.setTabOrder(self.table, self.details.open_button)
        gui.signals.language_changed.connect(self.retranslate)
        self.retranslate()

    # --- data ---------------------------------------------------------------------------

    def query(self) -> ListQuery:
        """The list as the user asked for it: the typed words, the column order, demo or not."""
        key, descending = self._sort
        return ListQuery(search_terms(self.filter_edit.text(), self._show_demo), key,
                         descending, self._show_demo, self._show_history)

    def reload(self) -> bool:
        """Read the first page again (on the GUI thread: a page and two counts take tens of
        milliseconds at 100,000 assessments, see ``make bench``); False when it failed."""
        query = self.query()
        try:
            page = listing.list_page(self._gui.app, query)
        except (ServiceError, StorageError) as error:
            show_error(self, error)
            return False
        self.show_page(page, query)
        return True

    def show_page(self, page: Page, query: ListQuery) -> None:
        """Show the first page of ``query``, keeping the selected assessment selected when it
        is still there; the next pages are read as the user scrolls."""
        keep = self.current_id()
        first = not self._shown
        self._shown = True
        self._total, self.has_demo = page.total, page.has_demo
        self.model.set_page(page.rows, page.matching, self._fetcher(query))
        self.demo_legend.setVisible(page.has_demo and self._show_demo)
        self.history_check.setVisible(page.has_history)
        self.table_stack.setCurrentIndex(0 if page.total else 1)
        self.details.setVisible(bool(page.total))
        self._update_count()
        if first:  # later reloads keep the widths the user may have dragged
            self.fit_columns()
        if keep is None or not self.select(keep):
            self.table.clearSelection()
            self._on_current()

    def _fetcher(self, query: ListQuery) -> Callable[[int], list[AssessmentSummary]]:
        ctx = self._gui.app

        def fetch(offset: int) -> list[AssessmentSummary]:
            try:
                return listing.list_page(ctx, query, offset).rows
            except (ServiceError, StorageError) as error:
                show_error(self, error)
                return []

        return fetch

    def select(self, assessment_id: str) -> bool:
        """Select the assessment if it is among the rows read so far."""
        row = self.model.row_of(assessment_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.selectRow(row)
        self.table.scrollTo(index)
        return True

    def current(self) -> AssessmentSummary | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        row = index.data(SUMMARY_ROLE)
        return row if isinstance(row, AssessmentSummary) else None

    def current_id(self) -> str | None:
        row = self.current()
        return row.id if row else None

    def visible_count(self) -> int:
        """How many assessments the list shows, scrolled to or not."""
        return self.model.matching()

    def fit_columns(self) -> None:
        """Size each column to its contents up to a cap, leaving the rest to the company;
        the user may still drag the borders."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        for column in Column:
            if column == Column.COMPANY:
                continue
            wanted = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
            if column in COLUMN_CAPS:
                wanted = min(wanted, metrics.horizontalAdvance("n" * COLUMN_CAPS[column]))
            header.resizeSection(column, wanted)
        self.table.fit_company()

    def _on_section_resized(self, section: int, _old: int, _new: int) -> None:
        if section != Column.COMPANY:
            self.table.fit_company()

    def default_splitter_sizes(self, width: int) -> list[int]:
        details = self.fontMetrics().horizontalAdvance("n" * DETAILS_WIDTH)
        return [max(1, width - details), details]

    # --- slots --------------------------------------------------------------------------

    def _on_filter(self, _text: str) -> None:
        if not self._shown:
            return
        self.reload()
        if self.current() is None and self.model.rowCount():
            self.table.selectRow(0)
        self._on_current()

    def _on_filter_return(self) -> None:
        """Enter in the filter: one match opens, several move to the list to choose."""
        if self.model.matching() == 1:
            self.table.selectRow(0)
            self._on_activated(self.model.index(0, 0))
        elif self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_sort(self, column: int, order: Qt.SortOrder) -> None:
        self._sort = (SORT_KEYS[Column(column)], order == Qt.SortOrder.DescendingOrder)
        if self._shown:
            self.reload()

    def set_show_history(self, show: bool) -> None:
        """Earlier cycles folded under each company's latest assessment, or listed too."""
        self._show_history = show
        if self._shown:
            self.reload()
        self._on_current()

    def set_show_demo(self, show: bool) -> None:
        self._show_demo = show
        if self._shown:
            self.reload()
        self._on_current()

    def _on_activated(self, index: QModelIndex) -> None:
        row = index.data(SUMMARY_ROLE)
        if isinstance(row, AssessmentSummary):
            self.open_requested.emit(row.id)

    def _on_current(self, *_args: object) -> None:
        self.details.show_row(self.current())
        self.selection_changed.emit()

    def _update_count(self) -> None:
        total, shown = self._total, self.model.matching()
        if shown == total:
            text = ngettext("{count} assessment", "{count} assessments", total).format(
                count=format_integer(total))
        else:
            text = ngettext(
                "{shown} of {count} assessment", "{shown} of {count} assessments", total
            ).format(shown=format_integer(shown), count=format_integer(total))
        self.count_label.setText(text)

    def retranslate(self) -> None:
        self.filter_label.setText(_("&Filter:"))
        self.filter_edit.setPlaceholderText(_("Company, tax id, country, status… (Ctrl+F)"))
        self.filter_edit.setAccessibleName(_("Filter assessments"))
        self.history_check.setText(_("Show earlier c&ycles"))
        self.history_check.setToolTip(
            _("Earlier assessments of a company are folded under its latest one")
        )
        self.table.setAccessibleName(_("Assessments"))
        self.demo_legend.setText(
            f'<img src="{icon_path("demo")}" width="14" height="14"> {escape(demo_label())}'
        )
        self.demo_legend.setAccessibleName(demo_label())
        self.demo_legend.setToolTip(
            _("Rows in italics with this tag are demonstration data: made-up companies")
        )
        if self._gui.settings.profile == "officer":  # officers review; they start nothing
            empty = _("There are no applicant files in this database yet.\n"
                      "Import one with Import applicant file (Ctrl+I).")
        else:
            empty = _("There are no assessments in this database yet.\n"
                      "Start one with New (Ctrl+N) or import an applicant file (Ctrl+I).")
        self.empty_label.setText(empty)
        self.model.retranslate()
        self.details.retranslate()
        self._update_count()
        self.fit_columns()
