"""The evidence files that support one question: attach (dialog or drag and drop), open, remove.

Reading and storing a file of up to 25 MB takes noticeable time, so attaching and opening go
through ``run_in_background``; removing is one small statement and goes through autosave.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.domain.assessment import Evidence
from aeo_assess.gui.background import Progress, error_text, run_in_background
from aeo_assess.gui.editor.state import EditorState
from aeo_assess.i18n import _, format_size, ngettext
from aeo_assess.services import evidence as evidence_service
from aeo_assess.services.errors import ServiceError

_SHA256 = Qt.ItemDataRole.UserRole




def _local_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]


class EvidenceList(QListWidget):
    """A list that takes files dropped on it from the desktop."""

    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if _local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [path for path in _local_files(event) if path.is_file()]
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
        else:
            event.ignore()


class EvidenceBox(QGroupBox):
    def __init__(self, state: EditorState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.question_id = ""
        self._opened: tempfile.TemporaryDirectory[str] | None = None
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.list = EvidenceList(self)
        self.list.setFixedHeight(4 * self.fontMetrics().lineSpacing() + 8)
        self.attach_button = QPushButton(self)
        self.open_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        buttons = QHBoxLayout()
        for button in (self.attach_button, self.open_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

        self.attach_button.clicked.connect(self._choose_files)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.files_dropped.connect(self.attach)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        state.evidence_changed.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Evidence files"))
        self.hint.setText(_("Attach the documents that prove the answer, or drop files here."))
        self.list.setAccessibleName(_("Evidence files for this question"))
        self.attach_button.setText(_("&Attach…"))
        self.attach_button.setAccessibleName(_("Attach evidence files"))
        self.open_button.setText(_("&Open"))
        self.open_button.setAccessibleName(_("Open the selected evidence file"))
        self.remove_button.setText(_("&Remove…"))
        self.remove_button.setAccessibleName(_("Remove the selected evidence file"))
        self.refresh()

    def show_question(self, question_id: str) -> None:
        self.question_id = question_id
        self.refresh()

    def refresh(self) -> None:
        selected = self._selected()
        self.list.clear()
        for evidence in self._state.evidence_for(self.question_id):
            item = QListWidgetItem(f"{evidence.name}  ({format_size(evidence.size)})")
            item.setData(_SHA256, evidence.sha256)
            item.setToolTip(f"{evidence.name}\n{evidence.media_type}\nSHA-256 {evidence.sha256}")
            self.list.addItem(item)
            if selected is not None and evidence.sha256 == selected.sha256:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _selected(self) -> Evidence | None:
        item = self.list.currentItem()
        if item is None:
            return None
        sha256 = item.data(_SHA256)
        return next((e for e in self._state.assessment.evidence if e.sha256 == sha256), None)

    def _update_buttons(self) -> None:
        chosen = self._selected() is not None
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, _("Attach evidence files"))
        if names:
            self.attach([Path(name) for name in names])

    def attach(self, paths: list[Path]) -> None:
        """Store the files in the background; files that fail are reported, the rest kept."""
        ctx, assessment_id, question_id = self._state.gui.app, self._state.assessment_id, self.question_id

        def work(progress: Progress) -> tuple[list[Evidence], list[str]]:
            attached, problems = [], []
            for done, path in enumerate(paths):
                progress.check()
                progress.report(done, len(paths), path.name)
                try:
                    attached.append(evidence_service.attach_file(ctx, assessment_id, path, [question_id]))
                except ServiceError as error:
                    problems.append(error_text(error))
            return attached, problems

        def done(result: tuple[list[Evidence], list[str]]) -> None:
            attached, problems = result
            for evidence in attached:
                self._state.evidence_attached(evidence)
            if problems:
                QMessageBox.warning(self, _("Some files were not attached"), "\n".join(problems))

        run_in_background(self, work, label=_("Attaching evidence…")).success(done)

    def open_selected(self) -> None:
        """Write the stored bytes to a private temporary file and open it with the system's
        program for its type."""
        evidence = self._selected()
        if evidence is None:
            return
        if self._opened is None:
            self._opened = tempfile.TemporaryDirectory(
                prefix="aeo-assess-evidence-", ignore_cleanup_errors=True
            )
        folder = Path(self._opened.name) / evidence.sha256[:16]
        ctx, assessment_id = self._state.gui.app, self._state.assessment_id

        def work(_progress: Progress) -> Path:
            data = evidence_service.evidence_bytes(ctx, assessment_id, evidence.sha256)
            folder.mkdir(exist_ok=True)
            target = folder / Path(evidence.name).name
            target.write_bytes(data)
            return target

        def show(path: Path) -> None:
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                QMessageBox.information(
                    self,
                    _("Cannot open the file"),
                    _("No program is set up to open {name}. A copy is in {folder}.").format(
                        name=evidence.name, folder=path.parent
                    ),
                )

        run_in_background(self, work, label=_("Opening {name}…").format(name=evidence.name)).success(show)

    def remove_selected(self) -> None:
        evidence = self._selected()
        if evidence is None:
            return
        text = _("Remove the evidence file “{name}”?").format(name=evidence.name)
        others = len(evidence.questions - {self.question_id})
        if others:
            text += "\n" + ngettext(
                "It also supports {count} other question and is removed from it too.",
                "It also supports {count} other questions and is removed from them too.",
                others,
            ).format(count=others)
        answer = QMessageBox.question(
            self,
            _("Remove evidence"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._state.remove_evidence(evidence.sha256)
