"""Window and splitter layouts, kept in the settings as base64 text (Qt saves them as bytes)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QSplitter

from aeo_assess.settings import Settings


def as_text(state: QByteArray) -> str:
    return bytes(state.toBase64().data()).decode("ascii")


def from_text(text: str) -> QByteArray:
    return QByteArray.fromBase64(text.encode("ascii"))


def restore_splitter(splitter: QSplitter, settings: Settings, key: str) -> bool:
    """Put back the sizes saved under ``key``; False when there are none or Qt refuses them."""
    saved = settings.splitters.get(key)
    return saved is not None and splitter.restoreState(from_text(saved))


def remember_splitter(splitter: QSplitter, settings: Settings, key: str) -> None:
    settings.splitters[key] = as_text(splitter.saveState())
