"""The Dashboard tab: the verdict at a glance, conclusions and scores per criterion, the musts
to act on, the action plan.

It is rebuilt only while on show (and when shown again after changes), so answering questions
on the other tab never pays for redrawing it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.domain.text import localized
from aeo_assess.gui.comparison import ComparisonPanel
from aeo_assess.gui.editor.chart_widget import ScoreChartWidget
from aeo_assess.gui.editor.header import level_label
from aeo_assess.gui.editor.plan_table import ACTION, PlanTable
from aeo_assess.gui.editor.state import EditorState
from aeo_assess.gui.editor.verdict_view import ConclusionList, EligibilityBanner, provisional_note
from aeo_assess.gui.editor.widgets import ScrollPage
from aeo_assess.i18n import _, format_percent, language, ngettext
from aeo_assess.scoring.chart import build_chart, level_colour

_QUESTION = Qt.ItemDataRole.UserRole


def _label(parent: QWidget, *, bold: bool = False, scale: float = 1.0, wrap: bool = True) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(wrap)
    font = QFont(label.font())
    font.setBold(bold)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


_CARD_STYLE = (
    "QFrame#card {{ background: palette(base); border: 1px solid palette(mid);"
    " border-left: {left}px solid {colour}; border-radius: 3px; }}"
    " QFrame#card:focus {{ border: 2px solid palette(highlight); border-left: {left}px solid {colour}; }}"
)


def _ignore_size_hint(widget: QWidget, lines: int) -> None:
    """Let a list or table take the room its layout gives it, from ``lines`` text lines up,
    instead of asking for its default size hint (which would push the page into scrolling
    at 1280×720)."""
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
    widget.setMinimumHeight(lines * widget.fontMetrics().lineSpacing() + 8)


class _Figure(QFrame):
    """One headline number with its caption."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet(_CARD_STYLE.format(left=1, colour="palette(mid)"))
        self.value = _label(self, bold=True, scale=1.6, wrap=False)
        self.caption = _label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        layout.addStretch(1)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def show_figure(self, value: str, caption: str) -> None:
        self.value.setText(value)
        self.caption.setText(caption)
        self.setAccessibleName(f"{caption}: {value}")


class Dashboard(QWidget):
    question_requested = Signal(str)
    report_requested = Signal()
    """The user asked for the readiness report of what the dashboard shows."""

    def __init__(self, state: EditorState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._dirty = True

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = ScrollPage()
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.level_frame = QFrame(body)
        self.level_frame.setObjectName("card")
        self.level_frame.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.level = _label(self.level_frame, bold=True, scale=1.6)
        self.level_description = _label(self.level_frame)
        self.provisional = _label(self.level_frame)
        level_layout = QVBoxLayout(self.level_frame)
        level_layout.addWidget(self.level)
        level_layout.addWidget(self.level_description)
        level_layout.addWidget(self.provisional)
        level_layout.addStretch(1)
        self.overall = _Figure(body)
        self.completeness = _Figure(body)
        self.blocking_count = _Figure(body)
        self.open_count = _Figure(body)
        self.eligibility = EligibilityBanner(body)
        summary = QGridLayout()
        summary.addWidget(self.eligibility, 0, 0, 1, 6)
        summary.addWidget(self.level_frame, 1, 0)
        summary.addWidget(self.overall, 1, 1)
        summary.addWidget(self.completeness, 1, 2)
        summary.addWidget(self.blocking_count, 1, 3)
        summary.addWidget(self.open_count, 1, 4)
        self.report_button = QPushButton(body)
        self.report_button.setObjectName("dashboard_report_button")
        self.report_button.clicked.connect(self.report_requested)
        summary.addWidget(self.report_button, 1, 5, Qt.AlignmentFlag.AlignVCenter)  # no extra row
        summary.setColumnStretch(0, 3)
        for column in (1, 2, 3, 4, 5):
            summary.setColumnStretch(column, 1)

        self.chart_box = QGroupBox(body)
        self.chart = ScoreChartWidget(self.chart_box)
        self.comparison = ComparisonPanel(state, self.chart_box)
        # Peers arrive from the background: the chart alone is redrawn, so that an owner or a
        # due date being typed in the plan meanwhile is not swept away by a rebuild.
        self.comparison.changed.connect(self._refresh_chart)
        self.conclusions_heading = _label(self.chart_box, bold=True)
        self.conclusions = ConclusionList(self.chart_box)
        _ignore_size_hint(self.conclusions, 6)
        self.conclusions.criterion_requested.connect(self._jump_to_criterion)
        chart_layout = QVBoxLayout(self.chart_box)
        chart_layout.addWidget(self.comparison)
        chart_layout.addWidget(self.chart, 0, Qt.AlignmentFlag.AlignTop)
        chart_layout.addWidget(self.conclusions_heading)
        chart_layout.addWidget(self.conclusions, 1)

        self.gaps_box = QGroupBox(body)
        self.gaps_hint = _label(self.gaps_box)
        self.gaps = QListWidget(self.gaps_box)
        self.gaps.setWordWrap(True)
        self.gaps.setAlternatingRowColors(True)
        self.gaps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        _ignore_size_hint(self.gaps, 4)
        gaps_layout = QVBoxLayout(self.gaps_box)
        gaps_layout.addWidget(self.gaps_hint)
        gaps_layout.addWidget(self.gaps, 1)
        self.gaps.itemClicked.connect(self._jump)
        self.gaps.itemActivated.connect(self._jump)

        self.plan_box = QGroupBox(body)
        self.plan_hint = _label(self.plan_box)
        self.plan = PlanTable(state, self.plan_box)
        _ignore_size_hint(self.plan, 8)
        self.export_button = QPushButton(self.plan_box)
        self.export_button.clicked.connect(self._choose_export)
        plan_layout = QVBoxLayout(self.plan_box)
        plan_layout.addWidget(self.plan_hint)
        plan_layout.addWidget(self.plan, 1)
        # "What to do" is a sentence or two, cut in its column: the selected row's in full.
        self.plan_detail = _label(self.plan_box)
        self.plan_detail.setObjectName("plan_detail")
        self.plan_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plan.currentCellChanged.connect(self._on_plan_row)
        plan_layout.addWidget(self.plan_detail)
        self.plan_message = _label(self.plan_box)
        self.plan_message.setObjectName("plan_message")
        self.plan_message.setStyleSheet("color: #b71c1c;")
        self.plan_message.hide()
        self.plan.refused.connect(self._on_plan_refused)
        plan_layout.addWidget(self.plan_message)
        plan_layout.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignRight)

        right = QVBoxLayout()
        right.addWidget(self.gaps_box, 2)
        right.addWidget(self.plan_box, 3)
        columns = QHBoxLayout()
        columns.addWidget(self.chart_box, 2)
        columns.addLayout(right, 3)
        layout = body.column
        layout.addLayout(summary)
        layout.addLayout(columns, 1)

        state.scores_changed.connect(self.refresh)
        state.reloaded.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        self.chart_box.setTitle(_("Score per criterion"))
        self.conclusions_heading.setText(_("Conclusion per criterion"))
        self.conclusions.retranslate()
        self.gaps_box.setTitle(_("Musts to act on"))
        self.gaps_hint.setText(
            _("Eligibility conditions and musts that fall short or are not yet answered: each "
              "holds the verdict back whatever the score. Click one to go to the question.")
        )
        self.gaps.setAccessibleName(_("Musts to act on: press Enter to go to the question"))
        self.plan_box.setTitle(_("Action plan"))
        self.plan_hint.setText(_("Every gap, most urgent first. Type an owner and a due date for each; they are saved at once."))
        self.export_button.setText(_("E&xport to CSV…"))
        self.report_button.setText(_("Readiness re&port…"))
        self.report_button.setToolTip(
            _("Preview, save or print the readiness report with this action plan (Ctrl+P)")
        )
        self.export_button.setAccessibleName(_("Export the action plan to a CSV file"))
        self.plan.retranslate()
        self.comparison.retranslate()
        self._dirty = True
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        if not self.isVisible():
            self._dirty = True
            return
        self._dirty = False
        state, lang = self._state, language()
        card = state.card
        label, description = level_label(state)
        self.level.setText(label)
        self.level_description.setText(description)
        self.provisional.setText(provisional_note(card))
        self.provisional.setVisible(card.provisional)
        self.eligibility.show_card(state.questionnaire, card)
        self.conclusions.show_card(state.questionnaire, card)
        colour = level_colour(state.questionnaire, card.level)
        self.level_frame.setStyleSheet(_CARD_STYLE.format(left=8, colour=colour))
        self.level_frame.setAccessibleName(_("Readiness level: {level}").format(level=label))
        self.level_frame.setAccessibleDescription(description)
        self.level.setStyleSheet(f"color: {colour};")
        self.overall.show_figure(format_percent(card.overall), _("Overall score"))
        self.completeness.show_figure(
            format_percent(card.completeness),
            ngettext(
                "Answered: {answered} of {applicable} question",
                "Answered: {answered} of {applicable} questions",
                card.applicable,
            ).format(answered=card.answered, applicable=card.applicable),
        )
        self.blocking_count.show_figure(str(len(card.blocking_gaps)), _("Musts not met"))
        self.open_count.show_figure(str(len(card.open_musts)), _("Musts not yet answered"))
        self.comparison.ensure_loaded()
        self._refresh_chart()

        self.gaps.clear()
        musts = [i.gap for i in card.action_plan if i.gap.blocking and not i.gap.extension]
        for gap in musts:
            question = state.questionnaire.question(gap.question_id)
            status = _("Not yet answered") if gap.unanswered else _("Falls short")
            item = QListWidgetItem(
                f"{gap.question_id} · {status} · {localized(question.text, lang)}"
            )
            item.setData(_QUESTION, gap.question_id)
            item.setToolTip(localized(question.recommendation, lang))
            self.gaps.addItem(item)
        if not musts:
            empty = QListWidgetItem(_("Every must and eligibility condition is met."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.gaps.addItem(empty)
        self.plan.refresh()
        self._on_plan_row(self.plan.currentRow())

    def _refresh_chart(self) -> None:
        if not self.isVisible():
            self._dirty = True
            return
        state, peers = self._state, self.comparison.peers
        self.chart.set_chart(build_chart(
            state.questionnaire, state.card, language(), peers=self.comparison.chart_peers(),
            demo=state.assessment.demo or (peers is not None and peers.demo),
        ))

    def _on_plan_row(self, row: int, *_cells: int) -> None:
        item = self.plan.item(row, ACTION) if row >= 0 else None
        question = self.plan.question_at(row) if row >= 0 else ""
        self.plan_detail.setText(f"{question}: {item.text()}" if item is not None else "")
        self.plan_detail.setVisible(item is not None)

    def _on_plan_refused(self, message: str) -> None:
        self.plan_message.setText(message)
        self.plan_message.setVisible(bool(message))

    def _jump_to_criterion(self, criterion_id: str) -> None:
        """To the criterion's most urgent item in the plan, else its first question."""
        card, questionnaire = self._state.card, self._state.questionnaire
        first = next(
            (i.gap.question_id for i in card.action_plan if i.gap.criterion_id == criterion_id),
            questionnaire.criterion(criterion_id).questions[0].id,
        )
        self.question_requested.emit(first)

    def _jump(self, item: QListWidgetItem) -> None:
        question_id = item.data(_QUESTION)
        if question_id:
            self.question_requested.emit(str(question_id))

    def _choose_export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export the action plan"),
            _("action-plan.csv"),
            _("CSV files (*.csv)"),
        )
        if not name:
            return
        try:
            self.plan.write_csv(Path(name))
        except OSError as error:
            QMessageBox.warning(
                self, _("Export failed"), _("Cannot write {file}: {reason}").format(
                    file=name, reason=error.strerror or error
                )
            )
