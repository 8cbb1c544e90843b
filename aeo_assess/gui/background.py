"""The one way to run work off the GUI thread (Anki's habit), with progress and cancel.

    run_in_background(parent, work, label=_("Importing…")).success(on_done).failure(on_error)

``work(progress)`` runs in a worker thread and must not touch widgets; it may call
``progress.report(done, total)`` and should return early when ``progress.cancelled``.
Callbacks run on the GUI thread. Errors reach ``failure`` as exceptions; the default failure
shows the message in a dialog, never a traceback.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from aeo_assess.i18n import _, language, render

SHOW_PROGRESS_AFTER_MS = 300


class Cancelled(Exception):
    """Raised by ``Progress.check()`` when the user pressed Cancel."""


class Progress:
    """Thread-safe progress channel from the worker to the dialog."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    def report(self, done: int, total: int, text: str = "") -> None:
        self._relay.progressed.emit(done, total, text)


class _Relay(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], progress: Progress, relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._progress = progress
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except BaseException as error:  # reported to the GUI thread, never lost
            self._relay.failed.emit(error)
        else:
            self._relay.succeeded.emit(result)


def error_text(error: BaseException) -> str:
    """What a dialog says of ``error``: a service, file or storage error in the interface's
    language (its ``str()`` is the English of the logs)."""
    return render(error, language())


def show_error(parent: QWidget | None, error: BaseException) -> None:
    QMessageBox.warning(parent, _("Something went wrong"), error_text(error))


class Task[T]:
    """A running background job; chain ``.success(cb)`` and ``.failure(cb)``."""

    _running: ClassVar[set[Task[Any]]] = set()
    """Keeps running tasks alive until their callbacks have run."""

    def __init__(self, parent: QWidget | None, work: Callable[[Progress], T], label: str,
                 cancellable: bool, dialog: bool = True) -> None:
        self._relay = _Relay()
        self.progress = Progress(self._relay)
        self._on_success: Callable[[T], None] = lambda _result: None
        self._on_failure: Callable[[BaseException], None] = lambda e: show_error(parent, e)
        self._on_cancel: Callable[[], None] = lambda: None
        self.done = False
        self._parent = parent
        self._dialog: QProgressDialog | None = None
        if dialog:
            self._dialog = QProgressDialog(label, _("Cancel") if cancellable else "", 0, 0,
                                           parent)
            self._dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self._dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
            self._dialog.setAutoClose(False)
            self._dialog.setAutoReset(False)
            if not cancellable:
                self._dialog.setCancelButton(None)
            self._dialog.canceled.connect(self.progress.cancel)
        self._relay.progressed.connect(self._on_progress)
        self._relay.succeeded.connect(self._finish)
        self._relay.failed.connect(self._fail)
        Task._running.add(self)
        QThreadPool.globalInstance().start(_Runnable(work, self.progress, self._relay))

    def success(self, callback: Callable[[T], None]) -> Task[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Task[T]:
        self._on_failure = callback
        return self

    def cancelled(self, callback: Callable[[], None]) -> Task[T]:
        self._on_cancel = callback
        return self

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self._dialog is None:
            return
        self._dialog.setMaximum(max(total, 0))
        self._dialog.setValue(done)
        if text:
            self._dialog.setLabelText(text)

    def _close(self) -> bool:
        """Close the progress dialog; False when the window that asked for the work was
        closed meanwhile (the dialog went with it), so that nobody is left to tell."""
        self.done = True
        Task._running.discard(self)
        if self._dialog is None:
            return self._parent is None or shiboken6.isValid(self._parent)
        if not shiboken6.isValid(self._dialog):
            return False
        self._dialog.canceled.disconnect(self.progress.cancel)  # closing emits canceled
        self._dialog.close()
        self._dialog.deleteLater()
        return True

    def _finish(self, result: T) -> None:
        if not self._close():
            return
        if self.progress.cancelled:
            self._on_cancel()
        else:
            self._on_success(result)

    def _fail(self, error: BaseException) -> None:
        if not self._close():
            return
        if isinstance(error, Cancelled):
            self._on_cancel()
        else:
            self._on_failure(error)


def run_in_background[T](
    parent: QWidget | None,
    work: Callable[[Progress], T],
    *,
    label: str = "",
    cancellable: bool = True,
    dialog: bool = True,
) -> Task[T]:
    """Start ``work`` on the thread pool. Results arrive through queued signals, so callbacks
    attached right after this call are always in place when they fire. ``dialog=False`` is
    for work the user does not wait on (figures that fill in a page already shown): no
    progress dialog, and the caller shows its own "loading" state where the result will go."""
    return Task(parent, work, label or _("Working…"), cancellable, dialog)
