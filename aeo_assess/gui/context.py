"""What every GUI part receives explicitly (git-cola's habit): services, settings, signals."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from aeo_assess.settings import Settings, save_settings

if TYPE_CHECKING:  # the database layer loads behind the first window (main_window)
    from aeo_assess.services.context import AppContext


class GuiSignals(QObject):
    language_changed = Signal(str)
    """The interface language changed: views call their ``retranslate()``."""
    assessments_changed = Signal()
    """Assessments were created, imported or deleted: lists reload."""
    assessment_changed = Signal(str)
    """One assessment's answers or profile changed (its id): summaries refresh."""


@dataclass
class GuiContext:
    app: AppContext
    settings: Settings
    signals: GuiSignals = field(default_factory=GuiSignals)

    def save_settings(self) -> None:
        save_settings(self.settings)
