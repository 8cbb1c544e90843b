"""The Trend tab of a company's later cycle: the overall score and verdict across its cycles
(painted from ``scoring.cycles.TrendChart``, the description the PDF draws too), each criterion
across the cycles, what closed, opened or fell back since the previous cycle, and each answer
changed since a baseline the user picks (any earlier cycle), so a validator re-checks only
what moved. The history is read in the background the first time the tab is shown."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.domain.assessment import Answer
from aeo_assess.domain.text import localized
from aeo_assess.gui.background import Progress, run_in_background
from aeo_assess.gui.editor.state import EditorState
from aeo_assess.i18n import _, format_date, format_percent, language, ngettext
from aeo_assess.scoring.cycles import (
    AnswerDiff,
    Cycle,
    TrendChart,
    TrendPoint,
    answer_changes,
    build_trend,
)
from aeo_assess.services import cycles


class TrendChartWidget(QWidget):
    """The overall score of each cycle on a time axis, the verdict under each date, a dashed
    line where the questionnaire version changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: TrendChart | None = None
        self.setMinimumHeight(12 * self.fontMetrics().lineSpacing())

    def set_chart(self, chart: TrendChart) -> None:
        self.chart = chart
        self.setAccessibleDescription(
            "; ".join(
                f"{format_date(p.date)}: {format_percent(p.overall)}, {p.level_label}"
                for p in chart.points
            )
        )
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(600, 14 * self.fontMetrics().lineSpacing())

    @staticmethod
    def _verdict(point: TrendPoint) -> str:
        if point.provisional:
            return _("{level} (provisional)").format(level=point.level_label)
        return point.level_label

    def paintEvent(self, event: QPaintEvent) -> None:
        chart = self.chart
        if chart is None or not chart.points:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        line = metrics.lineSpacing()
        text_colour = self.palette().windowText().color()
        muted = self.palette().mid().color()
        count = len(chart.points)
        labels = [self._verdict(p) for p in chart.points] + [format_date(p.date) for p in chart.points]
        half = max(metrics.horizontalAdvance(text) for text in labels) // 2 + 4
        axis = metrics.horizontalAdvance(format_percent(1.0)) + 8
        left = max(axis + 8, half)
        right = self.width() - half
        top, bottom = line * 2, self.height() - 3 * line - 4

        def x_of(index: int) -> float:
            return (left + right) / 2 if count == 1 else left + (right - left) * index / (count - 1)

        def y_of(value: float) -> float:
            return bottom - (bottom - top) * value

        for tick in chart.ticks:
            painter.setPen(QPen(muted, 1))
            painter.drawLine(QPointF(left, y_of(tick)), QPointF(right, y_of(tick)))
            painter.setPen(text_colour)
            label = format_percent(tick)
            painter.drawText(QRect(0, round(y_of(tick) - line / 2), axis, line),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), label)
        previous: QPointF | None = None
        for index, point in enumerate(chart.points):
            x = x_of(index)
            if point.version_changed:
                middle = (x + x_of(index - 1)) / 2
                painter.setPen(QPen(muted, 1, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(middle, top - line / 2), QPointF(middle, bottom))
                painter.setPen(text_colour)
                painter.drawText(QPointF(middle + 4, top - line / 2 + metrics.ascent()),
                                 _("version {version}").format(version=point.version))
            verdict = self._verdict(point)
            width = 2 * half
            for row, (text, colour) in enumerate(
                ((format_date(point.date), text_colour), (verdict, QColor(point.colour)))
            ):
                painter.setPen(colour)
                painter.drawText(QRect(round(x - width / 2), bottom + 4 + row * line, width, line),
                                 int(Qt.AlignmentFlag.AlignCenter), text)
            if point.overall is None:
                previous = None
                continue
            here = QPointF(x, y_of(point.overall))
            if previous is not None:
                painter.setPen(QPen(QColor("#0065A0"), 2))
                painter.drawLine(previous, here)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(point.colour))
            painter.drawEllipse(here, 5, 5)
            painter.setPen(text_colour)
            value = format_percent(point.overall)
            painter.drawText(QPointF(x - metrics.horizontalAdvance(value) / 2, here.y() - 8), value)
            previous = here


def answer_text(answer: Answer | None) -> str:
    if answer is None or not answer.answered:
        return _("unanswered")
    if answer.not_applicable:
        return _("not applicable")
    if isinstance(answer.value, bool):
        return _("Yes") if answer.value else _("No")
    return str(answer.value)


class TrendTab(QWidget):
    def __init__(self, state: EditorState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.history: tuple[Cycle, ...] = ()
        self._loading = False
        page = QWidget()
        column = QVBoxLayout(page)
        self.chart = TrendChartWidget(page)
        self.criteria = QTableWidget(page)
        self.criteria.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.criteria.setMinimumHeight(16 * self.fontMetrics().lineSpacing())
        self.criteria.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        lists = QHBoxLayout()
        self.moved_boxes: list[tuple[QGroupBox, QListWidget]] = []
        for _index in range(3):
            box = QGroupBox(page)
            items = QListWidget(box)
            QVBoxLayout(box).addWidget(items)
            lists.addWidget(box)
            self.moved_boxes.append((box, items))
        self.changes_box = QGroupBox(page)
        changes_layout = QVBoxLayout(self.changes_box)
        form = QFormLayout()
        self.baseline_label = QLabel(self.changes_box)
        self.baseline = QComboBox(self.changes_box)
        self.baseline_label.setBuddy(self.baseline)
        form.addRow(self.baseline_label, self.baseline)
        changes_layout.addLayout(form)
        self.changes_summary = QLabel(self.changes_box)
        self.changes = QListWidget(self.changes_box)
        self.changes.setMinimumHeight(8 * self.fontMetrics().lineSpacing())
        changes_layout.addWidget(self.changes_summary)
        changes_layout.addWidget(self.changes)
        self.baseline.currentIndexChanged.connect(self._show_changes)
        self.heading = QLabel(page)
        column.addWidget(self.heading)
        column.addWidget(self.chart)
        column.addWidget(self.criteria)
        column.addLayout(lists)
        column.addWidget(self.changes_box)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("The company's assessments, each on its own questionnaire version."))
        titles = (_("Closed since last time"), _("New gaps"), _("Answers that score less"))
        for (box, _items), title in zip(self.moved_boxes, titles, strict=True):
            box.setTitle(title)
        self.changes_box.setTitle(_("Changes since an earlier assessment"))
        self.baseline_label.setText(_("&Baseline:"))
        self.chart.setAccessibleName(_("Overall score across the company's assessments"))
        if self.history:
            self._show(self.history)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.load()

    def load(self) -> None:
        """Read the company's cycles (each scored on its version) off the GUI thread."""
        if self._loading:
            return
        self._loading = True
        self._state.wait_saved()
        ctx, assessment_id = self._state.gui.app, self._state.assessment_id

        def work(_progress: Progress) -> tuple[Cycle, ...]:
            return cycles.history(ctx, assessment_id)

        def done(found: tuple[Cycle, ...]) -> None:
            self._loading = False
            self._show(found)

        def failed(_error: BaseException) -> None:
            self._loading = False

        run_in_background(self, work, label=_("Reading the company's history…"),
                          cancellable=False).success(done).failure(failed)

    def _show(self, found: tuple[Cycle, ...]) -> None:
        self.history = found
        chart = build_trend(found, language())
        self.chart.set_chart(chart)
        self.criteria.clear()
        self.criteria.setRowCount(len(chart.criteria) + 1)
        self.criteria.setColumnCount(len(chart.points))
        self.criteria.setHorizontalHeaderLabels([format_date(p.date) for p in chart.points])
        self.criteria.setVerticalHeaderLabels(
            [row.key for row in chart.criteria] + [_("Overall")]
        )
        for row, trend in enumerate(chart.criteria):
            self.criteria.verticalHeaderItem(row).setToolTip(trend.label)
            for col, value in enumerate(trend.values):
                self.criteria.setItem(row, col, QTableWidgetItem(format_percent(value)))
        for col, point in enumerate(chart.points):
            self.criteria.setItem(len(chart.criteria), col,
                                  QTableWidgetItem(format_percent(point.overall)))
        comparison = chart.comparison
        moved = ([], [], []) if comparison is None else (
            list(comparison.closed), list(comparison.new_gaps),
            [f"{r.question_id}: {format_percent(r.old_score)} → {format_percent(r.new_score)}"
             for r in comparison.regressions],
        )
        for (_box, items), entries in zip(self.moved_boxes, moved, strict=True):
            items.clear()
            items.addItems(entries or [_("None")])
        current = self._state.assessment_id
        earlier = [c for c in found if c.assessment.id != current]
        self.baseline.blockSignals(True)
        self.baseline.clear()
        for cycle in reversed(earlier):
            self.baseline.addItem(
                f"{format_date(cycle.date)} · {cycle.questionnaire.version}", cycle.assessment.id
            )
        self.baseline.blockSignals(False)
        self._show_changes()

    def _show_changes(self) -> None:
        self.changes.clear()
        baseline_id = self.baseline.currentData()
        baseline = next((c for c in self.history if c.assessment.id == baseline_id), None)
        if baseline is None:
            self.changes_summary.setText("")
            return
        state = self._state
        listed: tuple[AnswerDiff, ...] = answer_changes(
            baseline.assessment, state.assessment, state.questionnaire
        )
        self.changes_summary.setText(
            ngettext("{count} answer changed.", "{count} answers changed.", len(listed)).format(
                count=len(listed)
            )
        )
        lang = language()
        for change in listed:
            text = f"{change.question_id}: {answer_text(change.old)} → {answer_text(change.new)}"
            if state.questionnaire.has_question(change.question_id):
                title = localized(state.questionnaire.question(change.question_id).text, lang)
                text += f" — {title}"
            if change.evidence_added:
                text += " " + _("(evidence added: {names})").format(
                    names=", ".join(change.evidence_added)
                )
            self.changes.addItem(text)
