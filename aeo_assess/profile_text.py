"""Facts about countries in words of one language: a country's AEO programme (the countries page,
the readiness report) and where peer figures come from (the dashboard, the reports).

Both show the same facts, so both say them alike: counts as numbers formatted for the language,
dates to the precision the source gives, "unknown" and "not verified" translated, the
research's notes in the language. Words that the research writes into a figure (">115
certified actors", "Pacific Alliance") are translated through the catalogs like any message;
a test keeps every one of them translated.

Beside ``i18n`` rather than in a layer: the GUI and the reports (siblings that may not import
each other, DESIGN §2) both need it.
"""

from __future__ import annotations

from aeo_assess import i18n
from aeo_assess.domain.benchmark import Figure, SourceDate
from aeo_assess.domain.text import LocalizedText, localized
from aeo_assess.i18n import N_

DATE_NOTE_WORDS = {
    "undated": N_("{date}, undated source"),
    "mid_year": N_("mid-{date}"),
    "inferred": N_("{date}, inferred from the article's date"),
    "not_shown": N_("{date}, date not shown"),
    "as_of": N_("as of {date}"),
}


def is_country_code(code: str) -> bool:
    """An ISO 3166 code (or ``EU``), not the name of a group of countries."""
    return len(code) == 2 and code.isalpha() and code.isupper()


class ProfileText:
    """Translations and formats of one language for country profiles."""

    def __init__(self, language: str) -> None:
        self.language = language if i18n.is_language(language) else "en"

    def __call__(self, message: str) -> str:
        return i18n.translate(message, self.language)

    def text(self, text: LocalizedText | None) -> str:
        return "" if text is None else localized(text, self.language)

    def count(self, figure: Figure) -> str:
        """The count as a number of this language ("11.400"), the source's words translated,
        or "unknown"."""
        if figure.count is None:
            return self("unknown")
        if isinstance(figure.count, int):
            return i18n.format_integer(figure.count, self.language)
        return self(figure.count)

    def figure(self, figure: Figure) -> str:
        """The count with its date: "1.234 (al 19 dic 2019)", ">30 (date unknown)", "unknown"."""
        if figure.count is None:
            return self("unknown")
        if figure.as_of is None:
            return self("{count} (date unknown)").format(count=self.count(figure))
        return self("{count} (as of {date})").format(
            count=self.count(figure), date=self.date(figure.as_of))

    def date(self, date: SourceDate | None) -> str:
        """The date as its source gives it, in this language; "unknown" without one."""
        if date is None:
            return self("unknown")
        when = i18n.format_partial_date(date.iso, self.language) if date.iso else self(date.text)
        return self(DATE_NOTE_WORDS[date.note]).format(date=when) if date.note else when

    def year(self, date: SourceDate | None) -> str:
        """When an arrangement was signed, or "year unknown"."""
        return self("year unknown") if date is None else self.date(date)

    def country(self, code: str, research_name: str = "") -> str:
        """A country's name in this language; the European Union by name (no ISO country);
        the research's name for a code Babel does not know."""
        if code == "EU":
            return self("European Union")
        name = i18n.country_name(code, self.language)
        return research_name if name == code and research_name else name

    def partner(self, partner: str) -> str:
        """An arrangement's partner: a country's name, or a group's name translated."""
        return self.country(partner) if is_country_code(partner) else self(partner)

    def region(self, name: str) -> str:
        """A region of ``resources/countries/regions.json``, translated like research words."""
        return self(name)

    def peer_source(self, source: str) -> str:
        """Where peer figures come from, as ``services.benchmarks`` says it ("local database;
        benchmark pack X"), in this language."""
        parts = []
        for part in filter(None, source.split("; ")):
            if part == "local database":
                parts.append(self("this database"))
            elif part.startswith("benchmark pack "):
                parts.append(self("benchmark pack {origin}").format(
                    origin=part.removeprefix("benchmark pack ")))
            else:
                parts.append(part)
        return "; ".join(parts) or self("not stated")

    def unverified(self, verified: bool) -> str:
        """The mark of a figure that no official source confirmed, or nothing."""
        return "" if verified else self("not verified")
