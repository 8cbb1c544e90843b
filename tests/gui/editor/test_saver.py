"""The autosave queue through a lost connection, with saves that fail as an unreachable server
does: nothing is dropped, order is kept, the state says offline and then how many were saved."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from aeo_assess.gui.editor import saver as saver_module
from aeo_assess.gui.editor.saver import Saver
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage.errors import Unreachable


class Server:
    """Stands for the database: writes land in ``rows`` while it is up."""

    def __init__(self) -> None:
        self.up = True
        self.rows: list[str] = []

    def save(self, value: str) -> Any:
        def call(_ctx: AppContext) -> None:
            if not self.up:
                raise Unreachable("the database server cannot be reached")
            if value == "bad":
                raise ServiceError("refused")
            self.rows.append(value)

        return call


class Journal:
    def __init__(self) -> None:
        self.keys: list[object] = []

    def add(self, key: object) -> None:
        self.keys.append(key)

    def remove(self, key: object) -> None:
        self.keys.remove(key)


def test_saves_wait_while_offline_and_go_in_order_when_back(
    qtbot: QtBot, monkeypatch: Any,
) -> None:
    monkeypatch.setattr(saver_module, "FIRST_RETRY_MS", 50)
    server, journal = Server(), Journal()
    saver = Saver(AppContext.__new__(AppContext), journal)
    offline: list[bool] = []
    restored: list[int] = []
    saver.offline_changed.connect(offline.append)
    saver.restored.connect(restored.append)

    saver.submit(server.save("a"), "a")
    saver.wait()
    assert server.rows == ["a"] and journal.keys == [] and not saver.offline

    server.up = False
    for value in ("b", "c", "d"):
        saver.submit(server.save(value), value)
    qtbot.waitUntil(lambda: saver.offline)
    saver.wait()  # returns: nothing more can be saved now
    assert offline == [True] and saver.pending == 3 and journal.keys == ["b", "c", "d"]
    assert server.rows == ["a"]

    server.up = True
    qtbot.waitUntil(lambda: restored == [3], timeout=5_000)
    assert server.rows == ["a", "b", "c", "d"] and offline == [True, False]
    assert saver.pending == 0 and journal.keys == []


def test_a_refused_save_is_reported_and_the_queue_goes_on(qtbot: QtBot) -> None:
    server = Server()
    saver = Saver(AppContext.__new__(AppContext))
    failures: list[str] = []
    saver.failed.connect(failures.append)
    for value in ("a", "bad", "b"):
        saver.submit(server.save(value))
    saver.wait()
    assert server.rows == ["a", "b"] and failures == ["refused"] and not saver.offline


def test_retry_now_does_not_wait_for_the_pause(qtbot: QtBot, monkeypatch: Any) -> None:
    monkeypatch.setattr(saver_module, "FIRST_RETRY_MS", 60_000)
    server = Server()
    server.up = False
    saver = Saver(AppContext.__new__(AppContext))
    saver.submit(server.save("a"))
    qtbot.waitUntil(lambda: saver.offline)
    server.up = True
    saver.retry_now()
    qtbot.waitUntil(lambda: server.rows == ["a"] and not saver.offline)
