"""The yearly cycle in the main window: start a company's next assessment from the list, and
the reminders the list shows (next review date, earlier cycles)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from aeo_assess.gui.background import Progress, run_in_background
from aeo_assess.gui.context import GuiContext
from aeo_assess.i18n import _, format_date, ngettext
from aeo_assess.services import cycles
from aeo_assess.services.cycles import NextCycle
from aeo_assess.storage.repository import AssessmentSummary


def review_reminder(next_review: dt.date | None, today: dt.date | None = None) -> str:
    """'review in 45 days', 'review overdue by 3 days'; empty when no date was entered."""
    if next_review is None:
        return ""
    days = (next_review - (today or dt.date.today())).days
    if days < 0:
        return ngettext(
            "review overdue by {days} day", "review overdue by {days} days", -days
        ).format(days=-days)
    if days == 0:
        return _("review today")
    return ngettext("review in {days} day", "review in {days} days", days).format(days=days)


def review_dates_text(row: AssessmentSummary) -> str:
    """The certification and next review dates as the details panel shows them."""
    parts = []
    if row.certified_on is not None:
        parts.append(_("certified on {date}").format(date=format_date(row.certified_on)))
    if row.next_review_on is not None:
        parts.append(
            _("next review on {date} ({reminder})").format(
                date=format_date(row.next_review_on), reminder=review_reminder(row.next_review_on)
            )
        )
    return "; ".join(parts)


def start_next_cycle(
    parent: QWidget, gui: GuiContext, row: AssessmentSummary, opened: Callable[[str], None]
) -> None:
    """Ask, then create the company's next assessment in the background (it copies every
    evidence file) and hand its id to ``opened``."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Start the next assessment"))
    box.setText(_("Start the next assessment of “{company}”?").format(company=row.company))
    box.setInformativeText(
        _(
            "A new assessment on the newest questionnaire version, with every answer, "
            "comment, action-plan entry and evidence file carried over for you to confirm or "
            "change. This one stays as it is, in the company's history."
        )
    )
    start = box.addButton(_("Start"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(start)
    box.setEscapeButton(cancel)
    box.exec()
    if box.clickedButton() is not start:
        return
    ctx = gui.app

    def work(_progress: Progress) -> NextCycle:
        return cycles.start_next_cycle(ctx, row.id)

    def done(result: NextCycle) -> None:
        gui.signals.assessments_changed.emit()
        opened(result.assessment_id)

    run_in_background(
        parent, work, label=_("Starting the next assessment…"), cancellable=False
    ).success(done)
