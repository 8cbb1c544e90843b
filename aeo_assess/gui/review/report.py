"""Review report…: the readiness report's dialog (preview, save, print) rendering the review
report instead."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from aeo_assess.gui.background import Progress, run_in_background
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.file_names import review_report_name
from aeo_assess.gui.report_dialog import ReportDialog
from aeo_assess.i18n import _
from aeo_assess.services import assessments, reports, reviews


def render_review_report(
    gui: GuiContext, assessment_id: str, language: str, page_size: str
) -> reports.Rendered:
    """The review report's bytes, for the preview (off the GUI thread)."""
    ctx = gui.app
    _questionnaire, assessment, _card = assessments.load(ctx, assessment_id)
    pdf = reviews.review_report_pdf(ctx, assessment_id, language, page_size)
    return reports.Rendered(pdf, assessment)


class ReviewReportDialog(ReportDialog):
    def __init__(self, gui: GuiContext, assessment_id: str, parent: QWidget | None = None) -> None:
        super().__init__(gui, assessment_id, parent)
        self.setWindowTitle(_("Review report"))

    def generate(self) -> None:
        gui, target = self.gui, self.assessment_id
        language, page_size = str(self.language.currentData()), str(self.page_size.currentData())
        self._set_ready(False)
        self.generate_button.setEnabled(False)
        self.status.setText(_("Preparing the review report…"))

        def work(_progress: Progress) -> reports.Rendered:
            return render_review_report(gui, target, language, page_size)

        run_in_background(
            self, work, label=_("Preparing the review report…"), cancellable=False
        ).success(self._on_rendered).failure(self._on_failed)

    def docx_work(self) -> Callable[[], bytes]:
        ctx, target = self.gui.app, self.assessment_id
        language, page_size = str(self.language.currentData()), str(self.page_size.currentData())
        return lambda: reviews.review_report_pdf(ctx, target, language, page_size, docx=True)

    def _on_rendered(self, rendered: reports.Rendered) -> None:
        super()._on_rendered(rendered)
        self.file_name = review_report_name(rendered.assessment.company)
