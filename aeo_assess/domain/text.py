"""Texts that exist in several languages."""

from collections.abc import Callable, Mapping

LocalizedText = Mapping[str, str]

FALLBACK_LANGUAGE = "en"
_derived: dict[str, Callable[[str], str]] = {}
"""Languages whose texts are made from the English ones (the tests' pseudo-language)."""


def register_derived_language(language: str, derive: Callable[[str], str]) -> None:
    """Show ``derive(english)`` for every text asked in ``language``: the pseudo-language
    check wraps questionnaire content so that it can tell it from English left untranslated."""
    _derived[language] = derive


def unregister_derived_language(language: str) -> None:
    _derived.pop(language, None)


def localized(text: LocalizedText, language: str) -> str:
    """Pick the text in ``language``, falling back to English, then to any language."""
    if language in text:
        return text[language]
    if language in _derived and FALLBACK_LANGUAGE in text:
        return _derived[language](text[FALLBACK_LANGUAGE])
    if FALLBACK_LANGUAGE in text:
        return text[FALLBACK_LANGUAGE]
    return next(iter(text.values()), "")
