"""Two installations in one test: a trader's and a customs officer's, each a main window on
its own SQLite database, passing files through ``tmp_path`` as users pass them by e-mail."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.language import install_qt_translations
from aeo_assess.gui.main_window import MainWindow
from aeo_assess.i18n import set_language
from aeo_assess.services.context import open_context
from aeo_assess.settings import Settings
from tests.gui.conftest import activate

OpenAs = Callable[..., MainWindow]


@pytest.fixture
def open_as(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[OpenAs]:
    """``open_as("officer")``: a window on that user's own database, with that profile."""
    monkeypatch.setenv("AEO_ASSESS_SETTINGS", str(tmp_path / "settings.json"))
    windows: list[MainWindow] = []

    def open_(profile: str, chosen: bool = True, language: str = "en",
              reviewer: str | None = None) -> MainWindow:
        """``reviewer``: the officer's name in the settings (by default the profile's, as if
        given before; "" asks for it before the first review)."""
        set_language(language)
        install_qt_translations(language)
        ctx = open_context(f"sqlite:///{tmp_path / profile}.sqlite3", language)
        ctx.user = profile
        settings = Settings(language=language, profile=profile, profile_chosen=chosen,
                            first_start_done=True,
                            reviewer_name=profile if reviewer is None else reviewer)
        window = MainWindow(GuiContext(ctx, settings))
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        qtbot.waitExposed(window)
        window.start()
        qtbot.waitUntil(lambda: window.loaded)
        activate(qtbot, window)
        windows.append(window)
        return window

    yield open_
    for widget in QApplication.topLevelWidgets():
        widget.close()
    for window in windows:
        window.gui.app.database.close()


def choose_open(monkeypatch: pytest.MonkeyPatch, paths: list[Path]) -> None:
    """The next File › Import dialog answers with ``paths``."""
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(p) for p in paths], "")
    )


def choose_save(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """The next save dialog answers with ``path``."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(path), ""))
