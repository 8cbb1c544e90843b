"""The Workshops window: the facilitator's workshops on the left, the chosen one on the right
with its participants and what can be done with them.

Long work (imports, print-all, the summary) runs through ``run_in_background`` with progress
and Cancel; its outcome is also written in the status line, so it can be read later.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.gui.assessment_list import level_rank_and_label
from aeo_assess.gui.background import Progress, error_text, run_in_background, show_error
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.file_names import benchmark_pack_name, workshop_summary_name
from aeo_assess.gui.screen_fit import fit_to_screen
from aeo_assess.gui.workshops.dialogs import ImportSummaryDialog, NewWorkshopDialog
from aeo_assess.i18n import _, country_name, format_date, format_percent, is_language, ngettext
from aeo_assess.i18n import language as interface_language
from aeo_assess.services import assessments, benchmarks, reports, workshop_reports, workshops
from aeo_assess.services.errors import ServiceError
from aeo_assess.services.workshops import ImportSummary, Workshop
from aeo_assess.storage.errors import StorageError
from aeo_assess.storage.repository import AssessmentSummary

USER_ERRORS = (ServiceError, StorageError)
_ID = Qt.ItemDataRole.UserRole
_BANNER = "background: #FBEDE5; color: #8A3507; border: 1px solid #B8470A; padding: 4px;"


class WorkshopsWindow(QWidget):
    """Create workshops, fill them with files, print every report, the summary and the pack."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.gui = gui
        self.setObjectName("workshops_window")
        self.new_dialog: NewWorkshopDialog | None = None
        self.summary_dialog: ImportSummaryDialog | None = None
        self.message: QMessageBox | None = None
        self.last_print: reports.BatchResult | None = None

        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(self._show_current)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_workshop)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.new_button)

        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.demo_banner = QLabel()
        self.demo_banner.setWordWrap(True)
        self.demo_banner.setStyleSheet(_BANNER)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.choose_import)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.choose_print_folder)
        self.summary_button = QPushButton()
        self.summary_button.clicked.connect(self.choose_summary_file)
        self.pack_button = QPushButton()
        self.pack_button.clicked.connect(self.choose_pack_file)
        actions = QGridLayout()
        for index, button in enumerate(
            (self.import_button, self.print_button, self.summary_button, self.pack_button)
        ):
            actions.addWidget(button, index // 2, index % 2)
        self.members_box = QGroupBox()
        self.members = QTreeWidget()
        self._members_request = 0
        """Numbers the participant reads: an answer for a workshop no longer shown is dropped."""
        self.members_loaded = False
        self.members.setRootIsDecorated(False)
        self.members.setAlternatingRowColors(True)
        QVBoxLayout(self.members_box).addWidget(self.members)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.demo_banner)
        right_layout.addWidget(self.facts)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.members_box, 1)
        right_layout.addWidget(self.status)

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 900])
        layout = QHBoxLayout(self)
        layout.addWidget(self.splitter)
        fit_to_screen(self, 1200, 720)
        gui.signals.language_changed.connect(self.retranslate)
        gui.signals.assessments_changed.connect(self.reload)
        self.retranslate()

    # --- texts and data --------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Workshops"))
        self.new_button.setText(_("&New workshop…"))
        self.import_button.setText(_("&Import participants' files…"))
        self.import_button.setToolTip(_(
            "Applicant files (.aeoa), and answer sheets (.csv) named after a participant's "
            "assessment id; many at once"))
        self.print_button.setText(_("&Print every participant's report…"))
        self.print_button.setToolTip(_("One readiness report per participant, into a folder"))
        self.summary_button.setText(_("Workshop &summary (PDF)…"))
        self.summary_button.setToolTip(_(
            "Participation, spread of the scores and the most common gaps; no company named"))
        self.pack_button.setText(_("&Export benchmark pack…"))
        self.pack_button.setToolTip(_(
            "Anonymised statistics (.aeob) that other installations import to compare with"))
        self.members_box.setTitle(_("Participants"))
        self.members.setHeaderLabels(
            [_("Company"), _("Country"), _("Readiness level"), _("Overall score"), _("Answered")]
        )
        self.members.setAccessibleName(_("Participants"))
        self.list.setAccessibleName(_("Workshops"))
        self.demo_banner.setText(_(
            "Demonstration data: the participants of this workshop are synthetic companies, "
            "and every report made from it says so."))
        self.reload()

    def reload(self) -> None:
        current = self.current_id()
        try:
            rows = workshops.list_workshops(self.gui.app)
        except USER_ERRORS as error:
            show_error(self, error)
            return
        self.list.blockSignals(True)
        self.list.clear()
        for workshop in rows:
            text = workshop.name + "\n" + ngettext(
                "{count} participant", "{count} participants", workshop.members
            ).format(count=workshop.members)
            if workshop.demo:
                text += " · " + _("Demonstration data")
            item = QListWidgetItem(text)
            item.setData(_ID, workshop.id)
            item.setToolTip(text)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [w.id for w in rows]
        if ids:
            self.select(current if current in ids else ids[0])
        else:
            self._show(None)

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(_ID))

    def select(self, workshop_id: int) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(_ID) == workshop_id:
                self.list.setCurrentRow(row)
                self._show_current(self.list.item(row))
                return

    def _show_current(self, item: QListWidgetItem | None) -> None:
        if item is None:
            self._show(None)
            return
        try:
            self._show(workshops.get_workshop(self.gui.app, int(item.data(_ID))))
        except USER_ERRORS as error:
            show_error(self, error)

    def _show(self, workshop: Workshop | None) -> None:
        for button in (self.import_button, self.print_button, self.summary_button,
                       self.pack_button):
            button.setEnabled(workshop is not None)
        self.members.clear()
        if workshop is None:
            self.title.setText(_("No workshop yet"))
            self.facts.setText(_("Create a workshop, then import its participants' files."))
            self.demo_banner.hide()
            return
        self.title.setText(workshop.name)
        self.demo_banner.setVisible(workshop.demo)
        dates = " – ".join(format_date(d) for d in dict.fromkeys(
            (workshop.starts_on, workshop.ends_on)) if d)
        facts = [
            (_("Place"), workshop.place),
            (_("Dates"), dates),
            (_("Facilitator"), workshop.facilitator),
            (_("Participants"), str(workshop.members)),
        ]
        self.facts.setText("\n".join(
            _("{label}: {value}").format(label=label, value=value or "–") for label, value in facts
        ))
        self._load_members(workshop.id)

    def _load_members(self, workshop_id: int) -> None:
        """The participants, read in the background (every assessment's summary: on a shared
        server with many of them, more than a click may take), a "loading" line meanwhile."""
        self._members_request += 1
        request, ctx = self._members_request, self.gui.app
        loading = QTreeWidgetItem([_("Loading the participants…")])
        loading.setFlags(Qt.ItemFlag.NoItemFlags)
        self.members.addTopLevelItem(loading)

        def work(_progress: Progress) -> list[AssessmentSummary]:
            members = set(workshops.members(ctx, workshop_id))
            return [row for row in assessments.list_assessments(ctx) if row.id in members]

        def show(rows: list[AssessmentSummary]) -> None:
            if request != self._members_request:
                return  # another workshop was chosen meanwhile
            self.members.clear()
            for row in rows:
                _rank, level = level_rank_and_label(row)
                item = QTreeWidgetItem([
                    row.company, country_name(row.country), level, format_percent(row.overall),
                    format_percent(row.completeness),
                ])
                item.setData(0, _ID, row.id)
                self.members.addTopLevelItem(item)
            for column in range(self.members.columnCount()):
                self.members.resizeColumnToContents(column)
            self.members_loaded = True

        def failed(error: BaseException) -> None:
            if request == self._members_request:
                self.members.clear()
                show_error(self, error)

        self.members_loaded = False
        run_in_background(self, work, dialog=False).success(show).failure(failed)

    def _options(self) -> reports.ReportOptions:
        language = interface_language()
        return reports.ReportOptions(
            language=language if is_language(language) else "en",
            page_size=self.gui.settings.page_size,
            k=benchmarks.configured_k(),
        )

    @staticmethod
    def _documents() -> str:
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def _workshop_name(self) -> str:
        return self.title.text()

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setAccessibleName(text)

    # --- new -------------------------------------------------------------------------------

    def new_workshop(self) -> None:
        dialog = NewWorkshopDialog(self.gui, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(self._on_created)
        self.new_dialog = dialog
        dialog.open()

    def _on_created(self, workshop_id: int) -> None:
        self.reload()
        self.select(workshop_id)
        self._say(_("Workshop created. Import its participants' files next."))

    # --- import ----------------------------------------------------------------------------

    def choose_import(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Import participants' files"),
            self._documents(),
            ";;".join([_("Applicant files and answer sheets (*.aeoa *.csv)"),
                       _("All files (*)")]),
        )
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_paths(self, paths: list[Path]) -> None:
        """Import in the background with progress and Cancel, then show what happened."""
        workshop_id = self.current_id()
        if workshop_id is None:
            return
        ctx = self.gui.app
        done: list[ImportSummary] = []

        def work(progress: Progress) -> ImportSummary:
            summary = workshops.import_files(
                ctx, workshop_id, paths,
                progress=progress.report, cancelled=lambda: progress.cancelled,
            )
            done.append(summary)
            return summary

        task = run_in_background(self, work, label=_("Importing participants' files…"))
        task.success(self._after_import)
        task.cancelled(lambda: self._after_import(done[0]) if done else None)

    def _after_import(self, summary: ImportSummary) -> None:
        if summary.imported or summary.duplicates:
            self.gui.signals.assessments_changed.emit()
        else:
            self.reload()
        self._say(_("Imported: {imported} · already here: {duplicates} · refused: {refused}")
                  .format(imported=len(summary.imported), duplicates=len(summary.duplicates),
                          refused=len(summary.refused)))
        dialog = ImportSummaryDialog(summary, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.summary_dialog = dialog
        dialog.open()

    # --- print every report ----------------------------------------------------------------

    def choose_print_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Folder for the participants' reports"), self._documents()
        )
        if folder:
            self.print_all_to(Path(folder))

    def print_all_to(self, folder: Path) -> None:
        """Every participant's report into ``folder``, on all cores, with progress and Cancel."""
        workshop_id = self.current_id()
        if workshop_id is None:
            return
        ctx, options = self.gui.app, self._options()
        done: list[reports.BatchResult] = []

        def work(progress: Progress) -> reports.BatchResult:
            def report(count: int, total: int, target: str) -> None:
                progress.report(count, total, _("Report {count} of {total}").format(
                    count=count, total=total))

            result = workshop_reports.print_all(
                ctx, workshop_id, folder, options,
                progress=report, cancelled=lambda: progress.cancelled,
            )
            done.append(result)
            return result

        task = run_in_background(self, work, label=_("Printing the participants' reports…"))
        task.success(lambda result: self._after_print(result, folder))
        task.cancelled(lambda: self._after_print(done[0], folder) if done else None)

    def _after_print(self, result: reports.BatchResult, folder: Path) -> None:
        self.last_print = result
        failed = len(result.failed)
        written = len(result.outcomes) - failed
        text = ngettext("{written} report written to {folder}.",
                        "{written} reports written to {folder}.", written).format(
            written=written, folder=folder)
        if failed:
            text += " " + ngettext("{failed} could not be made: {reasons}",
                                   "{failed} could not be made: {reasons}", failed).format(
                failed=failed,
                reasons="; ".join(f"{o.target}: {error_text(o.error)}" for o in result.failed[:3] if o.error),
            )
        if result.cancelled:
            text += " " + _("Cancelled before the rest were printed.")
        self._say(text)
        self._inform(_("Print every participant's report"), text)

    def _inform(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message = box
        box.open()

    # --- summary ---------------------------------------------------------------------------

    def choose_summary_file(self) -> None:
        suggested = Path(self._documents()) / workshop_summary_name(self._workshop_name())
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the workshop summary"), str(suggested), _("PDF documents (*.pdf)")
        )
        if path:
            self.write_summary_to(Path(path if path.lower().endswith(".pdf") else path + ".pdf"))

    def write_summary_to(self, path: Path) -> None:
        workshop_id = self.current_id()
        if workshop_id is None:
            return
        ctx, options = self.gui.app, self._options()

        def work(_progress: Progress) -> Path:
            return workshop_reports.write_summary(  # k: the setting, or 3 for administrations
                ctx, workshop_id, path, language=options.language, page_size=options.page_size,
            )

        run_in_background(
            self, work, label=_("Preparing the workshop summary…"), cancellable=False
        ).success(lambda written: self._say(
            _("Workshop summary written: {path}").format(path=written)))

    # --- benchmark pack --------------------------------------------------------------------

    def choose_pack_file(self) -> None:
        suggested = Path(self._documents()) / benchmark_pack_name(self._workshop_name())
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export benchmark pack"), str(suggested), _("Benchmark packs (*.aeob)")
        )
        if path:
            self.export_pack_to(Path(path if path.lower().endswith(".aeob") else path + ".aeob"))

    def export_pack_to(self, path: Path) -> None:
        workshop_id = self.current_id()
        if workshop_id is None:
            return
        ctx = self.gui.app

        def work(_progress: Progress) -> benchmarks.PackExport:
            return benchmarks.export_pack(ctx, path, workshop=workshop_id)

        def written(result: benchmarks.PackExport) -> None:
            groups = len(result.pack.groups)
            text = ngettext(
                "Benchmark pack written: {path} ({groups} group of {k} or more; smaller groups "
                "left out: {left_out}).",
                "Benchmark pack written: {path} ({groups} groups of {k} or more; smaller groups "
                "left out: {left_out}).", groups).format(
                path=result.path, groups=groups, k=result.pack.k,
                left_out=result.left_out)
            if result.pack.demo:
                text += " " + _("It holds demonstration data and says so.")
            self._say(text)

        run_in_background(
            self, work, label=_("Exporting the benchmark pack…"), cancellable=False
        ).success(written)
