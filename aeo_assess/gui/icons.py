"""The application's own SVG icons (resources/icons), so it looks the same on every desktop."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

from aeo_assess.resources import data_path

APP_ICON = "aeo-assess"


def icon_path(name: str) -> Path:
    return data_path("resources") / "icons" / f"{name}.svg"


@cache
def icon(name: str) -> QIcon:
    """A QIcon drawn from ``resources/icons/<name>.svg`` (scales sharply at any DPI)."""
    path = icon_path(name)
    if not path.is_file():
        raise FileNotFoundError(path)
    return QIcon(str(path))
