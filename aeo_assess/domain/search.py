"""The folded text that searches compare: the same on SQLite and PostgreSQL because it is made
here, in Python, and stored beside the data (neither engine folds accents the same way)."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Case- and accent-insensitive form, so that "logistica" finds "Logística"."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def compact(text: str) -> str:
    """Letters and digits only: "3-101-123456" and "3101123456" are the same tax id."""
    return "".join(c for c in fold(text) if c.isalnum())


def search_key(company: str, tax_id: str) -> str:
    """What a search by company name or tax id looks in: the folded name, the folded tax id
    and the tax id without its separators, so a typed id matches however it was punctuated."""
    return " ".join(part for part in (fold(company), fold(tax_id), compact(tax_id)) if part)
