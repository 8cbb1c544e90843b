"""The assessments list: a table model over the cached listing rows, a filter/sort proxy, and
the page that shows them with a details panel.

The rows come from ``AssessmentSummary`` (derived columns, no answers read), so a database of
thousands of assessments lists at once. Demonstration rows carry an icon, italics, a tooltip
and an accessible description saying "Demonstration data".
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from enum import IntEnum
from functools import cache, lru_cache
from html import escape

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
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

from aeo_assess.domain.assessment import Status
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.text import localized
from aeo_assess.domain.vocabulary import Subject
from aeo_assess.gui import administration
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.cycles import review_dates_text, review_reminder
from aeo_assess.gui.icons import icon, icon_path
from aeo_assess.i18n import (
    _,
    country_name,
    format_date,
    format_integer,
    format_percent,
    language,
    ngettext,
)
from aeo_assess.questionnaires.registry import find
from aeo_assess.storage.repository import AssessmentSummary

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole
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
    """Case- and accent-insensitive form, so that "logistica" finds "Logística" (cached:
    the same country, status and level names recur on every row)."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def local_date(moment: dt.datetime) -> dt.date:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone().date()


def company_latest(rows: list[AssessmentSummary]) -> dict[str, str]:
    """Each assessment's company group, named by the group's latest assessment: one company's
    assessments are those linked as cycles, or those with the same tax id and country on the
    same questionnaire (issue 17). A copy an upgrade kept stays on its own."""
    parent = {r.id: r.id for r in rows}

    def root(assessment_id: str) -> str:
        while parent[assessment_id] != assessment_id:
            parent[assessment_id] = parent[parent[assessment_id]]
            assessment_id = parent[assessment_id]
        return assessment_id

    def join(a: str, b: str) -> None:
        parent[root(a)] = root(b)

    companies: dict[tuple[str, str, str, bool], str] = {}
    for row in rows:
        if row.archived_into is not None:
            continue
        if row.previous_cycle_id in parent:
            join(row.id, row.previous_cycle_id)
        if row.tax_id.strip():
            key = (row.tax_id.strip().casefold(), row.country, row.questionnaire_id, row.demo)
            if key in companies:
                join(row.id, companies[key])
            else:
                companies[key] = row.id
    newest: dict[str, AssessmentSummary] = {}
    for row in rows:
        group = root(row.id)
        best = newest.get(group)
        if best is None or _created(row) > _created(best):
            newest[group] = row
    return {row.id: newest[root(row.id)].id for row in rows}


def _created(row: AssessmentSummary) -> tuple[dt.datetime, str]:
    return (row.created_at or row.updated_at, row.id)


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


class AssessmentTableModel(QAbstractTableModel):
    """One row per assessment; display texts in the current language, raw values for sorting."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AssessmentSummary] = []
        self._texts: list[list[str]] = []
        self._keys: list[list[object]] = []
        self._search: list[str] = []
        self.latest: dict[str, str] = {}
        """Each assessment's company's latest assessment (``company_latest``)."""

    def is_earlier(self, assessment_id: str) -> bool:
        """An earlier assessment of a company that has a newer one: folded in the list."""
        return self.latest.get(assessment_id, assessment_id) != assessment_id

    def earlier_count(self, assessment_id: str) -> int:
        return sum(1 for a, latest in self.latest.items() if latest == assessment_id and a != latest)

    def set_rows(self, rows: list[AssessmentSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.latest = company_latest(self._rows)
        self._render()
        self.endResetModel()

    def retranslate(self) -> None:
        self._render()
        if self._rows:
            last = self.index(len(self._rows) - 1, len(Column) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)

    def _render(self) -> None:
        """Format every cell and sort key once per load or language switch, not on every
        paint or comparison; Babel formatting is cached per value (thousands of rows share
        a few hundred dates and percentages)."""
        percent: dict[float, str] = {}
        dates: dict[dt.date, str] = {}
        self._texts, self._keys, self._search = [], [], []
        for row in self._rows:
            country = country_name(row.country)
            short_title, title = questionnaire_title(row, False), questionnaire_title(row)
            status = status_label(row.status)
            reminder = review_reminder(row.next_review_on) if not self.is_earlier(row.id) else ""
            if reminder:
                status = f"{status} · {reminder}"
            rank, level = level_rank_and_label(row)
            day = local_date(row.updated_at)
            if row.completeness not in percent:
                percent[row.completeness] = format_percent(row.completeness)
            if day not in dates:
                dates[day] = format_date(day)
            texts = [
                row.company,
                country,
                short_title,
                status,
                percent[row.completeness],
                level,
                dates[day],
            ]
            self._texts.append(texts)
            self._keys.append(
                [
                    fold(row.company),
                    fold(country),
                    fold(short_title),
                    fold(status),
                    row.completeness,
                    rank,
                    row.updated_at.timestamp(),
                ]
            )
            words = [row.company, country, row.country, title, status, level]
            if row.demo:
                words.append(demo_label())
            self._search.append(fold(" ".join(words)))

    def rows(self) -> list[AssessmentSummary]:
        return list(self._rows)

    def summary(self, row: int) -> AssessmentSummary:
        return self._rows[row]

    def row_of(self, assessment_id: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == assessment_id), None)

    def search_text(self, row: int) -> str:
        return self._search[row]

    def has_demo(self) -> bool:
        return any(r.demo for r in self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == Column.COMPANY and any(map(is_administration, self._rows)):
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
        if role == SORT_ROLE:
            return self._keys[index.row()][column]
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
            text = _("{answered} of {applicable} questions answered").format(
                answered=row.answered, applicable=row.applicable
            )
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


class AssessmentFilterProxy(QSortFilterProxyModel):
    """Every word typed must occur somewhere in the row (any column, accents ignored)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.show_demo = True
        self.show_history = False
        """Earlier cycles of a company are folded under its latest assessment until asked."""
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_show_demo(self, show: bool) -> None:
        self.beginFilterChange()
        self.show_demo = show
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_show_history(self, show: bool) -> None:
        self.beginFilterChange()
        self.show_history = show
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, AssessmentTableModel)
        summary = model.summary(source_row)
        if not self.show_demo and summary.demo:
            return False
        if not self.show_history and model.is_earlier(summary.id):
            return False
        haystack = model.search_text(source_row)
        return all(word in haystack for word in self._words)


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
        self._model: AssessmentTableModel | None = None
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

    def set_model(self, model: AssessmentTableModel) -> None:
        """The list's model, which knows each company's assessments (the history row)."""
        self._model = model

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
            + _("{answered} of {applicable} questions answered").format(
                answered=row.answered, applicable=row.applicable
            )
        )
        self.values["blocking"].setText(str(row.blocking_gaps))
        self.values["changed"].setText(format_date(local_date(row.updated_at)))
        model = self._model
        earlier = 0 if model is None else model.earlier_count(row.id)
        folded = model is not None and model.is_earlier(row.id)
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
        self.proxy = AssessmentFilterProxy(self)
        self.proxy.setSourceModel(self.model)

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
        self.table.setModel(self.proxy)
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
        self.details.set_model(self.model)
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

    def set_rows(self, rows: list[AssessmentSummary]) -> None:
        """Replace the rows, keeping the selected assessment selected when it is still there."""
        keep = self.current_id()
        first = self.model.rowCount() == 0
        self.model.set_rows(rows)
        self.history_check.setVisible(any(self.model.is_earlier(r.id) for r in rows))
        self.demo_legend.setVisible(self.model.has_demo())
        self.table_stack.setCurrentIndex(0 if rows else 1)
        self.details.setVisible(bool(rows))
        self._update_count()
        if first:  # later reloads keep the widths the user may have dragged
            self.fit_columns()
        if keep is None or not self.select(keep):
            self.table.clearSelection()
            self._on_current()

    def select(self, assessment_id: str) -> bool:
        row = self.model.row_of(assessment_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())
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
        return self.proxy.rowCount()

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

    def _on_filter(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()
        if self.current() is None and self.proxy.rowCount():
            self.table.selectRow(0)
        self._on_current()

    def _on_filter_return(self) -> None:
        """Enter in the filter: one match opens, several move to the list to choose."""
        if self.proxy.rowCount() == 1:
            self.table.selectRow(0)
            self._on_activated(self.proxy.index(0, 0))
        elif self.proxy.rowCount():
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def set_show_history(self, show: bool) -> None:
        self.proxy.set_show_history(show)
        self._update_count()
        self._on_current()

    def set_show_demo(self, show: bool) -> None:
        self.proxy.set_show_demo(show)
        self._update_count()
        self._on_current()

    def _on_activated(self, index: QModelIndex) -> None:
        row = index.data(SUMMARY_ROLE)
        if isinstance(row, AssessmentSummary):
            self.open_requested.emit(row.id)

    def _on_current(self, *_args: object) -> None:
        self.details.show_row(self.current())
        self.selection_changed.emit()

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
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
        self.filter_edit.setPlaceholderText(_("Company, country, status, level… (Ctrl+F)"))
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
