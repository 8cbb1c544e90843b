"""The officer's queue: imported applicant files with their review progress, above the list.

Finding the submissions among all assessments and reading their reviews takes a query per
submission, so the queue fills off the GUI thread and never holds up the list.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.domain.review import Outcome
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.review.labels import outcome_label
from aeo_assess.i18n import _, country_name
from aeo_assess.services import assessments, reviews
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError

log = logging.getLogger(__name__)
_ID = Qt.ItemDataRole.UserRole
_ROWS_SHOWN = 6
"""The queue's height in rows before it scrolls: the list below keeps most of the page."""


@dataclass(frozen=True)
class QueueRow:
    assessment_id: str
    company: str
    country: str
    reviewed: int
    total: int
    outcome: Outcome | None


def queue_rows(ctx: AppContext) -> list[QueueRow]:
    """Every imported submission, those with an outcome last, the least reviewed first."""
    rows = []
    for summary in assessments.list_assessments(ctx):
        try:
            review = reviews.load_review(ctx, summary.id)
        except ServiceError:
            continue  # the user's own assessment: nothing to review
        rows.append(QueueRow(summary.id, summary.company, summary.country, review.reviewed,
                             review.total, review.outcome))
    return sorted(rows, key=lambda r: (r.outcome is not None, r.reviewed / max(r.total, 1),
                                       r.company.casefold()))


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
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
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
        layout.addWidget(self.heading)
        layout.addWidget(self.tree)
        layout.addWidget(self.empty)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Applicant files to review"))
        self.tree.setHeaderLabels([_("Company"), _("Country"), _("Review progress"),
                                   _("Recommended outcome")])
        self.tree.setAccessibleName(_("Applicant files to review"))
        self.empty.setText(
            _("No applicant files yet. Import the files applicants send you with "
              "File › Import (Ctrl+I); they are listed here with their review progress.")
        )
        self._fill()

    def reload(self) -> None:
        """Read the queue again in the background; the newest answer wins."""
        self._loads += 1
        load, ctx, relay = self._loads, self.gui.app, self._relay

        def work() -> list[QueueRow]:
            return queue_rows(ctx)

        def done(future: Future[list[QueueRow]]) -> None:
            error = future.exception()
            if error is not None:
                log.error("reading the review queue failed", exc_info=error)
                return
            relay.loaded.emit((load, future.result()))

        self._executor.submit(work).add_done_callback(done)

    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return str(item.data(0, _ID)) if item is not None and item.isSelected() else None

    def _on_loaded(self, result: tuple[int, list[QueueRow]]) -> None:
        load, rows = result
        if load == self._loads:
            self.rows = rows
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
            item.setToolTip(2, _("{reviewed} of {total} questions reviewed").format(
                reviewed=row.reviewed, total=row.total))
            self.tree.addTopLevelItem(item)
            if row.assessment_id == keep:
                self.tree.setCurrentItem(item)
        self.tree.setVisible(bool(self.rows))
        self.empty.setVisible(not self.rows)

    def _on_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.open_requested.emit(str(item.data(0, _ID)))
