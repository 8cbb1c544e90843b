"""The application context passed to every use case instead of module globals (git-cola)."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import dataclass, field

from aeo_assess.storage.database import Database, default_url


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@dataclass
class AppContext:
    database: Database
    user: str = field(default_factory=login_name)
    language: str = "en"
    passphrase: Callable[[], str | None] | None = None
    """Asks for the signing key's passphrase when the key is protected (the command line reads
    AEO_ASSESS_KEY_PASSPHRASE or prompts; the window shows a password dialog); None when
    nobody can be asked."""


def open_context(url: str | None = None, language: str = "en") -> AppContext:
    """Open (and migrate) the database named by ``url``, AEO_ASSESS_DB or the default."""
    return AppContext(Database(url or default_url()), language=language)
