"""The officer's queue: imported applicant files with their review progress, above the list.

One query finds the submissions with their progress (``storage.listing``), a page at a time:
a national database holds 20,000 of them, so the queue shows the work left first, a search
box finds any other file by company name or tax id (accents need not be typed), and "Show
more" reads the next page. Every read runs off the GUI thread; the newest answer wins.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.gui.assessment_list import search_terms
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.icons import icon
from aeo_assess.gui.review.labels import outcome_label, reviewed_text
from aeo_assess.i18n import _, country_name, format_integer, ngettext
from aeo_assess.services import listing
from aeo_assess.services.context import AppContext
from aeo_assess.storage.listing import QueuePage, QueueRow, Term

log = logging.getLogger(__name__)
_ID = Qt.ItemDataRole.UserRole
_ROWS_SHOWN = 6
"""The queue's height in rows before it scrolls: the list below keeps most of the page."""


PAGE_SIZE = 100
"""Files read at a time: far more than the queue shows, few enough to read at once."""


def queue_page(ctx: AppContext, terms: tuple[Term, ...] = (), offset: int = 0) -> QueuePage:
    """Imported submissions, those with an outcome last, the least reviewed first."""
    return listing.submission_queue(ctx, terms, offset, PAGE_SIZE)


class _Relay(QObject):
    loaded = Signal(object)


class SubmissionQueue(QWidget):
    open_requested = Signal(str)

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.rows: list[QueueRow] = []
        self._loads = 0
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="review-queue")
        self._relay = _Relay(self)
        self._relay.loaded.connect(self._on_loaded, Qt.ConnectionType.QueuedConnection)
        self.matching = 0
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.textChanged.connect(self.reload)
        self.count_label = QLabel(self)
        self.more_button = QPushButton(self)
        self.more_button.clicked.connect(self.show_more)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(4)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setMaximumHeight(
            (_ROWS_SHOWN + 1) * (self.fontMetrics().lineSpacing() + 6) + 6
        )
        self.tree.itemActivated.connect(self._on_activated)
        self.tree.itemDoubleClicked.connect(self._on_activated)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.count_label)
        layout.addLayout(top)
        layout.addWidget(self.tree)
        layout.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.empty)
        self.setTabOrder(self.search_edit, self.tree)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Applicant files to review"))
        self.tree.setHeaderLabels([_("Company"), _("Country"), _("Review progress"),
                                   _("Recommended outcome")])
        self.tree.setAccessibleName(_("Applicant files to review"))
        self.search_edit.setPlaceholderText(_("Company or tax id"))
        self.search_edit.setAccessibleName(_("Search the applicant files"))
        self.more_button.setText(_("Show more"))
        self.empty.setText(
            _("No applicant files yet. Import the files applicants send you with "
              "File › Import (Ctrl+I); they are listed here with their review progress.")
        )
        self._fill()

    def reload(self) -> None:
        """Read the first page again in the background; the newest answer wins."""
        self._read(0)

    def show_more(self) -> None:
        """Read the page after the rows shown, in the background."""
        self._read(len(self.rows))

    def _read(self, offset: int) -> None:
        self._loads += 1
        load, ctx, relay = self._loads, self.gui.app, self._relay
        terms = search_terms(self.search_edit.text())

        def work() -> QueuePage:
            return queue_page(ctx, terms, offset)

        def done(future: Future[QueuePage]) -> None:
            error = future.exception()
            if error is not None:
                log.error("reading the review queue failed", exc_info=error)
                return
            relay.loaded.emit((load, offset, future.result()))

        self._executor.submit(work).add_done_callback(done)

    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return str(item.data(0, _ID)) if item is not None and item.isSelected() else None

    def _on_loaded(self, result: tuple[int, int, QueuePage]) -> None:
        load, offset, page = result
        if load == self._loads:
            self.rows = [*self.rows[:offset], *page.rows]
            self.matching = page.matching
            self._fill()

    def _fill(self) -> None:
        keep = self.current_id()
        self.tree.clear()
        for row in self.rows:
            progress = _("{reviewed} of {total}").format(reviewed=row.reviewed, total=row.total)
            item = QTreeWidgetItem([
                row.company, country_name(row.country), progress, outcome_label(row.outcome)
            ])
            item.setData(0, _ID, row.assessment_id)
            item.setToolTip(2, reviewed_text(row.reviewed, row.total))
            self.tree.addTopLevelItem(item)
            if row.assessment_id == keep:
                self.tree.setCurrentItem(item)
        searching = bool(self.search_edit.text().strip())
        self.tree.setVisible(bool(self.rows) or searching)
        self.empty.setVisible(not self.rows and not searching)
        self.search_edit.setVisible(bool(self.rows) or searching)
        self.more_button.setVisible(len(self.rows) < self.matching)
        self.count_label.setVisible(bool(self.matching))
        self.count_label.setText(ngettext(
            "{shown} of {count} applicant file", "{shown} of {count} applicant files",
            self.matching,
        ).format(shown=format_integer(len(self.rows)), count=format_integer(self.matching)))

    def _on_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.open_requested.emit(str(item.data(0, _ID)))
