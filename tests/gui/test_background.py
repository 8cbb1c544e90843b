"""Background work: results, errors and cancel reach the GUI thread; the GUI never waits."""

from __future__ import annotations

import threading

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
