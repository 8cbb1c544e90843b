"""Typed user settings with defaults, stored as JSON in the user config directory.

A damaged settings file must never stop the program: it is set aside and defaults are used.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aeo_assess.locations import user_config_dir


@dataclass
class Settings:
    language: str = ""
    """Chosen in the Language menu; empty until then: the system's (``languages``)."""
    profile: str = "trader"
    """trader, officer or facilitator: arranges the interface, grants nothing."""
    profile_chosen: bool = False
    """The user chose the profile (until then the window asks, without blocking)."""
    page_size: str = "A4"
    benchmark_k: int = 5
    window_geometry: str = ""
    window_state: str = ""
    splitters: dict[str, str] = field(default_factory=dict)
    last_assessment: str = ""
    first_start_done: bool = False
    reviewer_name: str = ""
    """The customs officer's name, position and office, written on reviews (never the
    computer's login name once given)."""
    reviewer_position: str = ""
    reviewer_office: str = ""
    signer_name: str = ""
    """The name and organisation a trader's signed files carry (an officer's files carry
    ``reviewer_name`` and ``reviewer_office``); the login name and company when empty."""
    signer_organisation: str = ""


def settings_path() -> Path:
    override = os.environ.get("AEO_ASSESS_SETTINGS")
    return Path(override) if override else user_config_dir() / "settings.json"


def _coerce(raw: dict[str, Any]) -> Settings:
    defaults = Settings()
    values: dict[str, Any] = {}
    for f in dataclasses.fields(Settings):
        if f.name in raw and isinstance(raw[f.name], type(getattr(defaults, f.name))):
            values[f.name] = raw[f.name]
    return Settings(**values)


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            path.replace(path.with_suffix(".damaged.json"))
        return Settings()
    return _coerce(raw) if isinstance(raw, dict) else Settings()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write atomically so that a crash never leaves half a settings file."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(dataclasses.asdict(settings), indent=2), "utf-8")
    os.replace(temporary, path)
