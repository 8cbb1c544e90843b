"""What a report says in its own language: messages, numbers, dates, answers, all escaped.

A report's language is a parameter, not the interface's current language: reports render in
worker threads and processes while the interface may show another language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from aeo_assess import i18n
from aeo_assess.domain.assessment import Answer
from aeo_assess.domain.questionnaire import Question, Questionnaire, QuestionType
from aeo_assess.domain.text import LocalizedText, localized
from aeo_assess.i18n import N_ as N_

ROLE_NAMES: Mapping[str, str] = {
    "importer": N_("Importer"),
    "exporter": N_("Exporter"),
    "carrier": N_("Carrier"),
    "forwarder": N_("Freight forwarder"),
    "broker": N_("Customs broker"),
    "warehouse": N_("Warehouse operator"),
    "manufacturer": N_("Manufacturer"),
    "port": N_("Port or terminal operator"),
}
AEO_TYPE_NAMES: Mapping[str, str] = {
    "security": N_("Security and safety"),
    "compliance": N_("Customs compliance"),
}


def markup(text: str) -> str:
    """User or questionnaire text as report markup (``text.Text``) that prints exactly as typed."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br/>")


class Words:
    """Translations and locale formatting for one report language."""

    def __init__(self, language: str) -> None:
        self.language = language if i18n.is_language(language) else "en"

    def __call__(self, message: str) -> str:
        """``message`` in the report's language, not the interface's."""
        return i18n.translate(message, self.language)

    def count(self, n: int, one: str, many: str, **values: str) -> str:
        """The form of ``one`` / ``many`` (each holding ``{n}``) that ``n`` takes in the language,
        ``n`` written as the language writes numbers and ``values`` in the other placeholders."""
        return i18n.ngettext(one, many, n, self.language).format(n=self.decimal(n, 0), **values)

    def label(self, label: str) -> str:
        """``label`` (already in the language) and a colon, as the language writes it: French
        puts a space before it."""
        return self("{label}:").format(label=label)

    def text(self, text: LocalizedText) -> str:
        return localized(text, self.language)

    def percent(self, value: float | None) -> str:
        return i18n.format_percent(value, self.language)

    def decimal(self, value: float, digits: int = 1) -> str:
        return i18n.format_decimal(value, self.language, digits)

    def date(self, value: dt.date | None) -> str:
        return i18n.format_date(value, self.language)

    def country(self, code: str) -> str:
        return i18n.country_name(code, self.language)

    def language_name(self) -> str:
        return i18n.language_name(self.language)

    def size(self, size: int) -> str:
        return i18n.format_size(size, self.language)

    def roles(self, roles: frozenset[str]) -> str:
        known = [self(ROLE_NAMES[r]) for r in ROLE_NAMES if r in roles]
        return ", ".join(known + sorted(r for r in roles if r not in ROLE_NAMES))

    def aeo_types(self, kinds: frozenset[str]) -> str:
        known = [self(AEO_TYPE_NAMES[k]) for k in AEO_TYPE_NAMES if k in kinds]
        return ", ".join(known + sorted(k for k in kinds if k not in AEO_TYPE_NAMES))

    def answer(self, questionnaire: Questionnaire, question: Question, answer: Answer | None) -> str:
        """The answer in words: maturity label, Yes/No, option label, number, date or text."""
        if answer is None or not answer.answered:
            return self("Not answered")
        if answer.not_applicable:
            return self("Not applicable")
        value = answer.value
        if question.type is QuestionType.MATURITY and isinstance(value, int):
            level = next((m for m in questionnaire.maturity_scale if m.value == value), None)
            return self.text(level.label) if level else str(value)
        if question.type is QuestionType.YES_NO and isinstance(value, bool):
            return self("Yes") if value else self("No")
        if question.type is QuestionType.CHOICE and isinstance(value, str):
            option = question.option(value)
            return self.text(option.label) if option else value
        if isinstance(value, bool):
            return self("Yes") if value else self("No")
        if isinstance(value, int | float):
            return self.decimal(value, digits=6)
        if isinstance(value, dt.date):
            return self.date(value)
        return str(value)
