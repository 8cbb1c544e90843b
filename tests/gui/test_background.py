"""Background work: results, errors and cancel reach the GUI thread; the GUI never waits."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from aeo_assess.gui.background import Progress, run_in_background


def test_result_arrives_on_gui_thread(qtbot: QtBot) -> None:
    seen: list[object] = []
    main = threading.get_ident()

    def work(progress: Progress) -> int:
        progress.report(1, 2)
        return threading.get_ident()

    run_in_background(None, work).success(lambda worker: seen.append((worker, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(seen))
    worker, callback = seen[0]  # type: ignore[misc]
    assert worker != main and callback == main


def test_error_goes_to_failure(qtbot: QtBot) -> None:
    errors: list[BaseException] = []

    def work(progress: Progress) -> None:
        raise ValueError("file.aeoa: broken")

    run_in_background(None, work).failure(errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert str(errors[0]) == "file.aeoa: broken"


def test_cancel_stops_work(qtbot: QtBot) -> None:
    started = threading.Event()
    outcome: list[str] = []

    def work(progress: Progress) -> None:
        started.set()
        while True:
            progress.check()

    task = run_in_background(None, work)
    task.success(lambda _r: outcome.append("success")).cancelled(lambda: outcome.append("cancelled"))
    assert started.wait(5)
    task.progress.cancel()
    qtbot.waitUntil(lambda: bool(outcome))
    assert outcome == ["cancelled"]


def test_a_window_closed_meanwhile_is_left_alone(qtbot: QtBot) -> None:
    """Closing a dialog while its report is made: the result is dropped, nothing raises."""
    release = threading.Event()
    seen: list[object] = []
    parent = QWidget()
    task = run_in_background(parent, lambda _progress: release.wait(5)).success(seen.append)
    parent.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(parent))
    release.set()
    qtbot.waitUntil(lambda: task.done)
    assert seen == []
