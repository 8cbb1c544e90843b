"""Where the user's data and settings live (platformdirs), in one place."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "aeo-assess"
CACHE_ENV = "AEO_ASSESS_CACHE"


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def user_cache_dir() -> Path:
    """What can be made again (parsed questionnaires); AEO_ASSESS_CACHE moves it (tests)."""
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else Path(
        platformdirs.user_cache_dir(APP_NAME, appauthor=False)
    )
