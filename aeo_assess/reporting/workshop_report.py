"""The workshop summary report: a workshop's participants in aggregate, no company named.

Figures in, PDF bytes out (DESIGN §8). The caller (``services.workshop_reports``) has already
left out whatever could single out a company: distributions of fewer than k scores and
countries with fewer than k participants; this module prints what it is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Spacer,
)

from aeo_assess.domain.benchmark import PeerStats
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.vocabulary import Subject
from aeo_assess.reporting.charts import distribution_chart
from aeo_assess.reporting.readiness import Column, ReadinessReport
from aeo_assess.reporting.style import MUTED, WARNING
from aeo_assess.reporting.text import Text
from aeo_assess.reporting.words import N_, ROLE_NAMES, markup
from aeo_assess.scoring import chart as score_chart

OTHER_COUNTRIES = ""
"""The key under which countries with fewer than k participants are counted together."""


@dataclass(frozen=True)
class CriterionSpread:
    criterion_id: str
    n: int
    """Participants with a score on this criterion."""
    stats: PeerStats | None
    """None when n is below k: nothing about the criterion is printed but that."""


@dataclass(frozen=True)
class GapCount:
    question_id: str
    count: int
    """Participants for whom this question is a gap."""
    blocking: bool


@dataclass(frozen=True)
class QuestionnaireResults:
    """The participants who answered one questionnaire version, in aggregate."""

    questionnaire: Questionnaire
    participants: int
    completed: int
    levels: Mapping[str, int]
    overall: CriterionSpread
    criteria: tuple[CriterionSpread, ...]
    common_gaps: tuple[GapCount, ...]
    blocking_gaps: tuple[GapCount, ...]
    provisional: int = 0
    """Participants whose verdict is provisional: some applicable question is unanswered."""


@dataclass(frozen=True)
class WorkshopFigures:
    name: str
    place: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    facilitator: str
    demo: bool
    participants: int
    countries: tuple[tuple[str, int], ...]
    """(ISO code, participants), most first; ``OTHER_COUNTRIES`` for those below k."""
    roles: tuple[tuple[str, int], ...]
    results: tuple[QuestionnaireResults, ...]
    k: int
    subject: Subject = Subject.COMPANY
    """ADMINISTRATION when every participant is a customs administration: a regional summary."""
    named: tuple[str, ...] = ()
    """Participants that agreed to be named (their ``consent``), sorted; never their figures."""


class WorkshopReport(ReadinessReport):
    """Builds the summary's story with the readiness report's page geometry and helpers."""

    # What the cover says of the participants; a regional summary of administrations says it
    # its own way (RegionalReport).
    kicker = N_("AEO readiness workshop")
    title = N_("Workshop summary")
    demo_note = N_("Demonstration data: a workshop of synthetic companies, not real operators.")
    participants_label = N_("Participants")
    privacy_note = N_(
        "This summary names no company. Figures about fewer than {k} participants are not "
        "shown (countries with fewer than {k} participants are counted together), so that "
        "no company can be recognised."
    )

    def __init__(
        self, figures: WorkshopFigures, *, language: str, page_size: str, generated_at: dt.datetime
    ) -> None:
        self.set_up_page(language, page_size, generated_at)
        self.figures = figures

    def render(self) -> bytes:
        w, f = self.words, self.figures
        title = w(self.title)
        demo = w("Demonstration data")
        return self.build(
            title=f"{title}: {f.name}",
            author=f.facilitator or "aeo-assess",
            subject=title,
            keywords=["AEO", "WCO SAFE", w("workshop")],
            header_left=f.name,
            footer_left=f"{demo} · {title}" if f.demo else title,
            warning=demo if f.demo else "",
        )

    def story(self) -> list[Flowable]:
        story = [*self.cover(), *self.participation()]
        for results in self.figures.results:
            story += self.results(results)
        return story

    def details(self, rows: list[tuple[str, str]]) -> Flowable:
        cells = [[self.p(markup(label), "cell-bold"), self.p(markup(value), "cell")]
                 for label, value in rows if value]
        return self.table(cells, [45 * mm, self.width - 45 * mm], header=False)

    def counts(self, label: str, rows: list[tuple[str, int]], total: int) -> Flowable:
        header, widths = self.head(Column(label), Column("Participants", 24 * mm, right=True),
                                   Column("Share", 18 * mm, right=True))
        body: list[list[Any]] = [header]
        for name, count in rows:
            body.append([self.p(markup(name), "cell"), self.p(str(count), "cell-right"),
                         self.p(markup(self.words.percent(count / total if total else 0)),
                                "cell-right")])
        return self.table(body, widths)

    # -- sections ---------------------------------------------------------------------------

    def cover(self) -> list[Flowable]:
        w, f = self.words, self.figures
        story: list[Flowable] = [
            Spacer(1, 14 * mm),
            self.say(self.kicker, "kicker"),
            self.say(self.title, "title"),
            self.p(markup(f.name), "company"),
        ]
        if f.demo:
            story += [self.table(
                [[self.say(self.demo_note, "banner")]],
                [self.width], header=False,
                extra=[("BACKGROUND", (0, 0), (-1, -1), WARNING),
                       ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                       ("LEFTPADDING", (0, 0), (-1, -1), 8)],
            ), Spacer(1, 8)]
        dates = " – ".join(w.date(d) for d in dict.fromkeys((f.starts_on, f.ends_on)) if d)
        story.append(self.details([
            (w("Place"), f.place),
            (w("Dates"), dates),
            (w("Facilitator"), f.facilitator),
            (w(self.participants_label), str(f.participants)),
            (w("Report date"), w.date(self.generated_at.date())),
            (w("Report language"), w.language_name()),
        ]))
        story += [Spacer(1, 8), self.say(self.privacy_note, "note", k=str(f.k))]
        return story

    def participation(self) -> list[Flowable]:
        w, f = self.words, self.figures
        story: list[Flowable] = [self.say("Participation", "h1")]
        if not f.participants:
            return [*story, self.say("No assessment has joined this workshop yet.")]
        countries = [(w.country(code) if code != OTHER_COUNTRIES
                      else w("Other countries (fewer than {k} participants each)")
                      .format(k=f.k), count) for code, count in f.countries]
        story += [self.say("By country", "h2"), self.counts(N_("Country"), countries, f.participants)]
        roles = [(w(ROLE_NAMES[r]) if r in ROLE_NAMES else r, count) for r, count in f.roles]
        story += [self.say("By supply-chain role", "h2"),
                  self.say("A participant may have several roles.", "note"),
                  self.counts(N_("Role"), roles, f.participants)]
        return story

    def spread_row(self, key: str, title: str, spread: CriterionSpread) -> list[Text]:
        w, s = self.words, spread.stats
        figures = ([s.q1, s.median, s.q3, s.mean] if s else [])
        cells = [self.p(markup(key), "cell-bold"), self.p(markup(title), "cell"),
                 self.p(str(spread.n), "cell-right")]
        if not figures:
            return [*cells, *(self.p("–", "cell-right") for _ in range(4))]
        return [*cells, *(self.p(markup(w.percent(v)), "cell-right") for v in figures)]

    def results(self, r: QuestionnaireResults) -> list[Flowable]:
        w, q, k = self.words, r.questionnaire, self.figures.k
        story: list[Flowable] = [
            CondPageBreak(90 * mm),
            self.say("Results: {questionnaire}", "h1",
                     questionnaire=f"{w.text(q.title)} {q.version}"),
            self.p(markup(w.count(r.participants, "{n} participant answered this questionnaire.",
                                  "{n} participants answered this questionnaire.")
                          + " " + w.count(r.completed, "{n} has answered every applicable "
                                          "question.", "{n} have answered every applicable "
                                          "question."))),
        ]
        rules = (*((q.not_eligible,) if q.not_eligible else ()), *q.readiness)
        labels = {rule.level: w.text(rule.label) for rule in rules}
        levels = [(labels.get(level, level), r.levels.get(level, 0)) for level in labels]
        story += [self.say("Readiness levels", "h2"),
                  self.counts(N_("Readiness level"), levels, r.participants)]
        if r.provisional:
            story.append(self.p(markup(w.count(
                r.provisional,
                "{n} of these verdicts is provisional: that participant has not answered every "
                "applicable question yet.",
                "{n} of these verdicts are provisional: those participants have not answered "
                "every applicable question yet.")), "note"))
        story += self.spreads(r, k)
        story += self.gap_table(r, r.common_gaps, N_("Most common gaps"),
                                N_("No gap among the answers so far."))
        story += self.gap_table(r, r.blocking_gaps, N_("Most common musts not met"),
                                N_("No must falls short among the answers so far."))
        return story

    def spreads(self, r: QuestionnaireResults, k: int) -> list[Flowable]:
        w, q = self.words, r.questionnaire
        shown = [c for c in r.criteria if c.stats is not None]
        story: list[Flowable] = [CondPageBreak(70 * mm), self.say("Scores per criterion", "h2")]
        if not shown:
            return [*story, self.say(
                "Fewer than {k} participants have scores, so no distribution is shown.",
                k=str(k))]
        story.append(self.say(
            "How the participants' scores spread: half of them lie inside each box, the tick "
            "is the median. Criteria scored by fewer than {k} participants are left out.",
            "note", k=str(k)))
        bars = tuple(
            score_chart.Bar(
                key=c.criterion_id,
                label=w.text(q.criterion(c.criterion_id).title),
                value=None,
                band=score_chart.Band.UNSCORED,
                colour=score_chart.BAND_COLOURS[score_chart.Band.UNSCORED],
                extension=q.criterion(c.criterion_id).extension,
                peer=None if c.stats is None else score_chart.PeerStats(
                    median=c.stats.median, q1=c.stats.q1, q3=c.stats.q3, n=c.stats.n),
            )
            for c in r.criteria
        )
        chart = score_chart.ScoreChart(bars, (), None, "#000000", demo=self.figures.demo)
        story += [KeepTogether([distribution_chart(chart, w, self.width)]), Spacer(1, 8)]
        header, widths = self.head(
            Column("Criterion", 20 * mm), Column(""), Column("n", 10 * mm, right=True),
            *(Column(label, 16 * mm, right=True) for label in (N_("Q1"), N_("Median"), N_("Q3"),
                                                                N_("Mean"))))
        rows: list[list[Any]] = [header]
        rows += [self.spread_row(c.criterion_id, w.text(q.criterion(c.criterion_id).title), c)
                 for c in r.criteria]
        rows.append(self.spread_row(w("Overall"), "", r.overall))
        story.append(self.table(rows, widths, extra=[("LINEABOVE", (0, -1), (-1, -1), 0.8,
                                                      MUTED)]))
        return story

    def gap_table(self, r: QuestionnaireResults, gaps: tuple[GapCount, ...], title: str,
                  empty: str) -> list[Flowable]:
        w, q = self.words, r.questionnaire
        story: list[Flowable] = [CondPageBreak(50 * mm), self.say(title, "h2")]
        if not gaps:
            return [*story, self.say(empty)]
        header, widths = self.head(Column("Question", 22 * mm), Column(""),
                                   Column("Participants", 24 * mm, right=True),
                                   Column("Share", 16 * mm, right=True))
        rows: list[list[Any]] = [header]
        for gap in gaps:
            text = markup(w.text(q.question(gap.question_id).text))
            if gap.blocking:
                text += f" <font color='#{WARNING.hexval()[2:]}'>({markup(w('blocking'))})</font>"
            rows.append([self.p(markup(gap.question_id), "cell-bold"), self.p(text, "cell"),
                         self.p(str(gap.count), "cell-right"),
                         self.p(markup(w.percent(gap.count / r.participants)), "cell-right")])
        return [*story, self.table(rows, widths)]


def render_workshop_report(
    figures: WorkshopFigures, *, language: str, page_size: str, generated_at: dt.datetime
) -> bytes:
    """The workshop summary as PDF bytes."""
    return WorkshopReport(figures, language=language, page_size=page_size,
                          generated_at=generated_at).render()
