"""Where the user's data and settings live (platformdirs), in one place."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "aeo-assess"


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
