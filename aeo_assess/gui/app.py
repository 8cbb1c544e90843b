"""Start the desktop application: Qt set-up, settings, database, language, main window.

An unexpected error never ends the program with a traceback on a console nobody sees: the
traceback goes to a log file in the user data directory and the user reads a message.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import traceback
from collections.abc import Mapping
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from aeo_assess import __version__
from aeo_assess.gui.background import error_text, show_error
from aeo_assess.gui.icons import APP_ICON, icon
from aeo_assess.gui.language import install_qt_translations
from aeo_assess.gui.main_window import USER_ERRORS, MainWindow
from aeo_assess.i18n import _, language, set_language
from aeo_assess.languages import preferred_language
from aeo_assess.locations import user_data_dir
from aeo_assess.settings import load_settings

if TYPE_CHECKING:
    from aeo_assess.services.context import AppContext

LOG_BYTES = 1_000_000
_logger = logging.getLogger("aeo_assess.gui")


def log_path() -> Path:
    return user_data_dir() / "logs" / "aeo-assess.log"


def _attach_log_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=2, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    _logger.addHandler(handler)
    _logger.setLevel(logging.INFO)


class ErrorReporter:
    """``sys.excepthook`` for the GUI: log the traceback, show one readable message.

    PySide6 hands exceptions raised in slots and event handlers to ``sys.excepthook``; the
    default hook only prints them. While a message is open, further errors are only logged,
    so that an error repeating on every repaint cannot bury the screen in dialogs.
    """

    def __init__(self, log_file: Path) -> None:
        self.log_file = log_file
        self._showing = False

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        text = "".join(traceback.format_exception(kind, error, tb))
        _logger.error("unhandled error in aeo-assess %s:\n%s", __version__, text)
        if self._showing:
            return
        self._showing = True
        try:
            self.show(error)
        finally:
            self._showing = False

    def show(self, error: BaseException) -> None:
        parent: QWidget | None = QApplication.activeWindow()
        if isinstance(error, USER_ERRORS):
            show_error(parent, error)
            return
        QMessageBox.critical(
            parent,
            _("Unexpected error"),
            _(
                "Something unexpected went wrong: {error}\n\n"
                "Your answers are saved as you go, so nothing you typed before this is lost. "
                "The details were written to {path}; please send that file with a description "
                "of what you were doing."
            ).format(error=error_text(error), path=self.log_file),
        )


def dates_environment(environ: Mapping[str, str], language: str) -> dict[str, str]:
    """What to add to the environment so that Qt's own dialogs (the file dialog's "Date
    modified") write dates as ``language`` does when the system names no language: Qt reads
    the system's locale once, from ``LC_ALL``, ``LC_TIME`` or ``LANG``, and the "C" locale
    writes "3 12 2026 15:15". A system that names a language keeps its own formats."""
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        value = environ.get(name, "")
        if value:
            if value.split(".")[0] not in ("C", "POSIX"):
                return {}
            break
    return {"LC_TIME": language}


def _create_application(language: str) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fractional scale factors (125 %, 150 %) as the desktop asks, not rounded to 100/200 %.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    os.environ.update(dates_environment(os.environ, language))  # before Qt reads it
    app = QApplication(sys.argv[:1])
    app.setApplicationName("aeo-assess")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("aeo-assess")
    app.setWindowIcon(icon(APP_ICON))
    return app


def launch(db_url: str | None, lang: str | None, log_file: Path | None = None) -> MainWindow:
    """Show the main window in the saved (or the given) language, then open the database and
    read the list behind it (issue 19: the window first). ``lang`` applies to this run only;
    the Language menu changes the saved one. A database that cannot be opened is said in a
    message, and the program then ends with status 1."""
    settings = load_settings()
    set_language(preferred_language(lang, settings.language))
    install_qt_translations(language())
    window = MainWindow.opening(settings, log_file)
    window.show()
    chosen = language()

    def open_() -> AppContext:
        from aeo_assess.services.context import open_context

        ctx = open_context(db_url, chosen)
        _logger.info("started %s on %s", __version__, ctx.database.location)
        return ctx

    window.open_database(open_, functools.partial(_cannot_open, window))
    return window


def _cannot_open(window: MainWindow, error: BaseException) -> None:
    if not isinstance(error, USER_ERRORS):
        raise error
    _logger.error("cannot open the database: %s", error)
    QMessageBox.critical(window, _("Cannot open the database"), error_text(error))
    window.close()
    QApplication.exit(1)


def main(db_url: str | None = None, lang: str | None = None) -> int:
    """Run the GUI until the main window closes."""
    app = _create_application(preferred_language(lang, load_settings().language))
    log_file = log_path()
    _attach_log_file(log_file)
    sys.excepthook = ErrorReporter(log_file)
    window = launch(db_url, lang, log_file)
    try:
        return app.exec()
    finally:
        if window.attached:
            window.gui.app.database.close()
