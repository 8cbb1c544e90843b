"""Autosave in order, off the GUI thread, through connection losses.

Every answer change is one committed service call (DESIGN §5); on SQLite with
``synchronous=FULL`` or on a remote PostgreSQL that takes from a few to hundreds of
milliseconds, too long for a click. ``run_in_background`` is for jobs a user waits on (it
raises a modal progress dialog and runs jobs side by side); autosave needs neither: one
worker thread runs the calls strictly one after another, so the database ends in the state
the user last saw, and ``wait()`` lets closing the editor finish what is queued.

When the shared database server cannot be reached (``Unreachable``), the change that failed
stays first in the queue with everything typed after it: the saver says it is offline, tries
again with a growing pause, and once the server answers saves the queue in order and says how
many changes it saved. Nothing typed is dropped; a journal (``PendingJournal``) keeps the
queue on disk so that quitting meanwhile loses nothing either.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from concurrent import futures
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from aeo_assess.gui.background import error_text
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage.errors import Unreachable

log = logging.getLogger(__name__)

Save = Callable[[AppContext], object]
FIRST_RETRY_MS = 1_000
LAST_RETRY_MS = 30_000
"""Retries double from one second up to this: a server back after a restart is found within
half a minute, and a long outage costs one connection attempt every half minute."""


class PendingJournal(Protocol):
    """Where queued changes are kept on disk while they wait (see ``journal.py``)."""

    def add(self, key: object) -> None: ...

    def remove(self, key: object) -> None: ...


@dataclass(eq=False)
class _Job:
    save: Save
    key: object
    """What the journal knows this change by (None: not journaled)."""


class Saver(QObject):
    """Runs ``Save`` calls one at a time; reports each outcome on the GUI thread."""

    saved = Signal()
    failed = Signal(str)
    pending_changed = Signal(int)
    offline_changed = Signal(bool)
    """True when the server stopped answering (the queue waits), False when it is back."""
    restored = Signal(int)
    """After an outage, the queue is empty again: how many changes were saved meanwhile."""
    _outcome = Signal(object)
    """The finished Future, emitted from the worker thread and delivered queued, so outcomes
    never arrive in the middle of the change being made."""

    def __init__(self, ctx: AppContext, journal: PendingJournal | None = None) -> None:
        super().__init__()
        self._ctx = ctx
        self._journal = journal
        self._queue: deque[_Job] = deque()
        self._running: Future[Any] | None = None
        self._offline = False
        self._saved_since_outage: int | None = None
        self._delay = FIRST_RETRY_MS
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(lambda: self._pump(retrying=True))
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self._outcome.connect(self._on_outcome, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        return len(self._queue)

    @property
    def offline(self) -> bool:
        return self._offline

    def submit(self, save: Save, key: object = None) -> None:
        """Queue ``save``; ``key`` names it to the journal, if any, until it is saved."""
        self._queue.append(_Job(save, key))
        if self._journal is not None and key is not None:
            self._journal.add(key)
        self.pending_changed.emit(len(self._queue))
        self._pump()

    def wait(self) -> None:
        """Block until everything queued so far is in the database, or until the server is
        found unreachable (the rest then stays queued, and in the journal)."""
        while self._running is not None:
            running = self._running
            futures.wait([running])
            self._on_outcome(running)

    def retry_now(self) -> None:
        """Try the server again at once instead of at the next pause's end."""
        if self._offline:
            self._retry.stop()
            self._pump(retrying=True)

    def _pump(self, *, retrying: bool = False) -> None:
        if self._running is not None or not self._queue or (self._offline and not retrying):
            return
        self._running = self._executor.submit(self._queue[0].save, self._ctx)
        self._running.add_done_callback(self._outcome.emit)

    def _on_outcome(self, future: Future[Any]) -> None:
        if future is not self._running:
            return  # already handled by wait()
        self._running = None
        error = future.exception()
        if isinstance(error, Unreachable):
            self._go_offline()
            return
        job = self._queue.popleft()
        if self._journal is not None and job.key is not None:
            self._journal.remove(job.key)
        if self._offline:
            self._offline = False
            self._delay = FIRST_RETRY_MS
            self.offline_changed.emit(False)
        # The outcome first, then the count: whoever sees the queue empty knows how it ended.
        if error is None:
            if self._saved_since_outage is not None:
                self._saved_since_outage += 1
            self.saved.emit()
        else:
            if not isinstance(error, ServiceError):
                log.error("autosave failed", exc_info=error)
            self.failed.emit(error_text(error))
        self._pump()
        self.pending_changed.emit(len(self._queue))
        if not self._queue and self._saved_since_outage is not None:
            count, self._saved_since_outage = self._saved_since_outage, None
            self.restored.emit(count)

    def _go_offline(self) -> None:
        if not self._offline:
            self._offline = True
            if self._saved_since_outage is None:
                self._saved_since_outage = 0
            self.offline_changed.emit(True)
        self.pending_changed.emit(len(self._queue))
        self._retry.start(self._delay)
        self._delay = min(self._delay * 2, LAST_RETRY_MS)
