"""Texts that exist in several languages."""

from collections.abc import Mapping

LocalizedText = Mapping[str, str]

FALLBACK_LANGUAGE = "en"


def localized(text: LocalizedText, language: str) -> str:
    """Pick the text in ``language``, falling back to English, then to any language."""
    if language in text:
        return text[language]
    if FALLBACK_LANGUAGE in text:
        return text[FALLBACK_LANGUAGE]
    return next(iter(text.values()), "")
