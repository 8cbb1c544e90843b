"""The regional summary: a workshop of customs administrations in aggregate.

The workshop summary's machinery with the administrations' words. The caller has left out
whatever concerns fewer than k administrations; the names printed are those of the
administrations that agreed to be named, in a list of their own, and no figure is ever put
beside a name.
"""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable

from aeo_assess.reporting.readiness import Column
from aeo_assess.reporting.words import N_, markup
from aeo_assess.reporting.workshop_report import OTHER_COUNTRIES, WorkshopFigures, WorkshopReport


class RegionalReport(WorkshopReport):
    """A workshop summary of administrations: no roles, and names only with consent."""

    kicker = N_("Regional workshop of customs administrations")
    title = N_("Regional summary")
    demo_note = N_(
        "Demonstration data: a workshop of synthetic administrations, not real customs "
        "administrations."
    )
    participants_label = N_("Administrations")
    privacy_note = N_(
        "This summary names only the administrations that agreed to be named, and never "
        "beside a figure. Figures about fewer than {k} administrations are not shown "
        "(countries with fewer than {k} administrations are counted together), so that no "
        "administration can be recognised."
    )

    def render(self) -> bytes:
        w, f = self.words, self.figures
        title = w(self.title)
        demo = w("Demonstration data")
        return self.build(
            title=f"{title}: {f.name}",
            author=f.facilitator or "aeo-assess",
            subject=title,
            keywords=["WCO SAFE", w("risk management"), w("workshop")],
            header_left=f.name,
            footer_left=f"{demo} · {title}" if f.demo else title,
            warning=demo if f.demo else "",
        )

    def participation(self) -> list[Flowable]:
        w, f = self.words, self.figures
        story: list[Flowable] = [self.say("Participation", "h1")]
        if not f.participants:
            return [*story, self.say("No assessment has joined this workshop yet.")]
        countries = [(w.country(code) if code != OTHER_COUNTRIES
                      else w("Other countries (fewer than {k} administrations each)")
                      .format(k=f.k), count) for code, count in f.countries]
        story += [self.say("By country", "h2"),
                  self.counts(N_("Country"), countries, f.participants),
                  self.say("Administrations named with their agreement", "h2")]
        if not f.named:
            return [*story, self.say("No administration agreed to be named.")]
        header, widths = self.head(Column("Administration"))
        rows = [header, *([self.p(markup(name), "cell")] for name in f.named)]
        story.append(self.table(rows, widths))
        unnamed = f.participants - len(f.named)
        if unnamed:
            story.append(self.say_count(
                unnamed, "{n} more administration took part without being named.",
                "{n} more administrations took part without being named.", "note"))
        return story


def render_regional_report(
    figures: WorkshopFigures, *, language: str, page_size: str, generated_at: dt.datetime
) -> bytes:
    """The regional summary as PDF bytes."""
    return RegionalReport(figures, language=language, page_size=page_size,
                          generated_at=generated_at).render()
