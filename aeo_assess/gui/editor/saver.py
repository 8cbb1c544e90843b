"""Autosave in order, off the GUI thread.

Every answer change is one committed service call (DESIGN §5); on SQLite with
``synchronous=FULL`` or on a remote PostgreSQL that takes from a few to hundreds of
milliseconds, too long for a click. ``run_in_background`` is for jobs a user waits on (it
raises a modal progress dialog and runs jobs side by side); autosave needs neither: one
worker thread runs the calls strictly one after another, so the database ends in the state
the user last saw, and ``wait()`` lets closing the editor finish what is queued.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from aeo_assess.gui.background import error_text
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError

log = logging.getLogger(__name__)

Save = Callable[[AppContext], object]


class Saver(QObject):
    """Runs ``Save`` calls one at a time; reports each outcome on the GUI thread."""

    saved = Signal()
    failed = Signal(str)
    pending_changed = Signal(int)
    _outcome = Signal(str)
    """Emitted from the worker thread, or from ``submit`` itself when the call already ended;
    queued either way, so outcomes never arrive in the middle of the change being made."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self._ctx = ctx
        self._pending = 0
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self._outcome.connect(self._on_outcome, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        return self._pending

    def submit(self, save: Save) -> None:
        self._pending += 1
        self.pending_changed.emit(self._pending)
        self._executor.submit(save, self._ctx).add_done_callback(self._report)

    def wait(self) -> None:
        """Block until everything queued so far is in the database."""
        self._executor.submit(lambda: None).result()

    def _report(self, future: Future[Any]) -> None:
        error = future.exception()
        if error is not None and not isinstance(error, ServiceError):
            log.error("autosave failed", exc_info=error)
        self._outcome.emit("" if error is None else error_text(error))

    def _on_outcome(self, message: str) -> None:
        # The outcome first, then the count: whoever sees the queue empty knows how it ended.
        self._pending -= 1
        if message:
            self.failed.emit(message)
        else:
            self.saved.emit()
        self.pending_changed.emit(self._pending)
