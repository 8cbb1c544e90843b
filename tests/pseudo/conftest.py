"""The pseudo-language for the checks: registered for a test, with Qt's own texts wrapped
too, so that a dialog button Qt names is not taken for English left in our code."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from aeo_assess.i18n import set_language
from tests.gui.conftest import (  # noqa: F401 - the window tests' fixtures, shared
    answer_dialog,
    ctx,
    db_url,
    english,
    open_window,
    qapp_args,
    settings_file,
)
from tests.pseudo import text_check


class PseudoQtTranslator(QTranslator):
    """Qt's own texts in the pseudo-language."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if source == "QT_LAYOUT_DIRECTION":  # an instruction to Qt, not a text
            return ""
        return text_check.wrap(source)


@pytest.fixture
def pseudo() -> Iterator[str]:
    """The pseudo-language registered and chosen; English again afterwards."""
    text_check.register()
    set_language(text_check.PSEUDO)
    translator = PseudoQtTranslator()
    QCoreApplication.installTranslator(translator)
    yield text_check.PSEUDO
    QCoreApplication.removeTranslator(translator)
    text_check.unregister()
    set_language("en")
