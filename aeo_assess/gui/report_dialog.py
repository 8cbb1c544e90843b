"""Report…: generate the readiness report in the background, preview it, save it, print it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.domain.vocabulary import Subject
from aeo_assess.gui import administration
from aeo_assess.gui.background import Progress, error_text, run_in_background
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.file_names import readiness_report_name
from aeo_assess.gui.screen_fit import fit_to_screen
from aeo_assess.i18n import _, language, ngettext
from aeo_assess.services import administrations, reports
from aeo_assess.services.errors import ServiceError

REPORT_LANGUAGES = (("en", "English"), ("es", "Español"), ("fr", "Français"))
PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
PRINT_DPI = 300
"""Pages go to the printer as images at most this sharp: enough for text, bounded memory."""


class ReportDialog(QDialog):
    """Takes an assessment id; the report is rendered off the GUI thread and shown in QtPdf."""

    last_folder: Path | None = None
    """Where the previous report was saved, offered again in this session."""

    def __init__(self, gui: GuiContext, assessment_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.assessment_id = assessment_id
        self.pdf: bytes | None = None
        self.file_name = "report.pdf"
        self.setWindowTitle(_("Readiness report"))
        if administrations.subject_of_assessment(gui.app, assessment_id) is Subject.ADMINISTRATION:
            self.setWindowTitle(administration.report_title())
        fit_to_screen(self, 900, 1000)

        self.language = QComboBox()
        for code, name in REPORT_LANGUAGES:
            self.language.addItem(name, code)
        wanted = language() if language() in dict(REPORT_LANGUAGES) else "en"
        self.language.setCurrentIndex(self.language.findData(wanted))
        self.page_size = QComboBox()
        for name in PAGE_SIZES:
            self.page_size.addItem(_("US Letter") if name == "Letter" else name, name)
        self.page_size.setCurrentIndex(max(self.page_size.findData(gui.settings.page_size), 0))
        self.generate_button = QPushButton(_("Generate"))
        self.generate_button.clicked.connect(self.generate)
        options = QHBoxLayout()
        options.addWidget(QLabel(_("Language")))
        options.addWidget(self.language)
        options.addWidget(QLabel(_("Page size")))
        options.addWidget(self.page_size)
        options.addWidget(self.generate_button)
        options.addStretch(1)

        self.document = QPdfDocument(self)
        self._buffer = QBuffer(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel()
        self.status.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton(_("Save as…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = buttons.addButton(_("Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(self._on_save)
        self.print_button.clicked.connect(self._on_print)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._set_ready(False)
        self.generate()

    def _options(self) -> reports.ReportOptions:
        return reports.ReportOptions(
            language=str(self.language.currentData()),
            page_size=str(self.page_size.currentData()),
            k=self.gui.settings.benchmark_k,
        )

    def _set_ready(self, ready: bool) -> None:
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    def generate(self) -> None:
        """Render with the chosen language and page size; the preview follows when done."""
        options, ctx, target = self._options(), self.gui.app, self.assessment_id
        self._set_ready(False)
        self.generate_button.setEnabled(False)
        self.status.setText(_("Preparing the report…"))

        def work(progress: Progress) -> reports.Rendered:
            return reports.render(ctx, target, options)

        run_in_background(self, work, label=_("Preparing the report…"), cancellable=False).success(
            self._on_rendered
        ).failure(self._on_failed)

    def _on_rendered(self, rendered: reports.Rendered) -> None:
        self.generate_button.setEnabled(True)
        self.pdf = rendered.pdf
        self.file_name = readiness_report_name(rendered.assessment.company)
        self.document.close()
        self._buffer.close()
        self._buffer.setData(QByteArray(rendered.pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        pages = self.document.pageCount()
        self.status.setText(ngettext("{pages} page", "{pages} pages", pages).format(pages=pages))
        self._set_ready(True)

    def _on_failed(self, error: BaseException) -> None:
        self.generate_button.setEnabled(True)
        message = error_text(error)
        self.status.setText(_("The report could not be made: {error}").format(error=message))

    def save_to(self, path: Path) -> Path:
        """Write the report shown; raises ServiceError with a readable message."""
        assert self.pdf is not None
        return reports.write(path, self.pdf)

    def docx_work(self) -> Callable[[], bytes]:
        """What renders the report shown as a Word document, off the GUI thread."""
        ctx, target, options = self.gui.app, self.assessment_id, self._options()
        return lambda: reports.render_docx(ctx, target, options)

    def _on_save(self) -> None:
        folder = ReportDialog.last_folder or Path.home()
        word = _("Word documents, editable (*.docx)")
        chosen, chosen_filter = QFileDialog.getSaveFileName(
            self, _("Save report"), str(folder / self.file_name),
            ";;".join([_("PDF documents (*.pdf)"), word]),
        )
        if not chosen:
            return
        path = Path(chosen)
        wanted = reports.DOCX_SUFFIX if chosen_filter == word else path.suffix.lower()
        if wanted not in (".pdf", reports.DOCX_SUFFIX):
            wanted = ".pdf"
        if path.suffix.lower() != wanted:  # the name offered ends in .pdf
            path = path.with_suffix(wanted) if path.suffix.lower() == ".pdf" else \
                Path(chosen + wanted)
        if path.suffix.lower() == reports.DOCX_SUFFIX:
            self.save_docx(path)
            return
        try:
            self.save_to(path)
        except ServiceError as error:
            QMessageBox.warning(self, _("Save report"), error_text(error))
            return
        self._saved(path)

    def save_docx(self, path: Path) -> None:
        """Render the Word document in the background, then write it."""
        render = self.docx_work()

        def work(_progress: Progress) -> Path:
            return reports.write(path, render())

        run_in_background(self, work, label=_("Preparing the report…"), cancellable=False).success(
            self._saved
        )

    def _saved(self, path: Path) -> None:
        ReportDialog.last_folder = path.parent
        self.status.setText(_("Saved to {path}").format(path=path))

    def _on_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.file_name)
        page = PAGE_SIZES.get(str(self.page_size.currentData()), QPageSize.PageSizeId.A4)
        printer.setPageSize(QPageSize(page))
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Each PDF page rendered as an image onto a whole sheet (the PDF has its own margins),
        one page at a time so that memory stays bounded; False when the printer refused."""
        printer.setFullPage(True)
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, _("Print…"), _("The printer could not be started."))
            return False
        try:
            dpi = min(printer.resolution(), PRINT_DPI)
            sheet = printer.pageLayout().fullRectPixels(printer.resolution())
            for index in range(self.document.pageCount()):
                if index:
                    printer.newPage()
                points = self.document.pagePointSize(index)
                size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                target = size.scaled(sheet.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(
                    QRect(QPoint((sheet.width() - target.width()) // 2, 0), target),
                    self.document.render(index, size),
                )
        finally:
            painter.end()
        return True
