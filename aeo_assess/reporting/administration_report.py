"""The administration report: a customs administration's self-assessment (a questionnaire whose
subject is ``administration``, such as ``customs-rm``) as PDF bytes.

It is the readiness report's machinery with an assessor's words instead of a trader's: maturity
per criterion, the verdict with its conclusions, the indicators the administration reported
(number answers with their units), a roadmap ranked like the action plan with each question's
WCO and WTO references, how much AEO work this installation holds for the country (counts
only), and the country's AEO programme profile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from aeo_assess.domain.assessment import Assessment
from aeo_assess.domain.benchmark import CountryProgramme
from aeo_assess.domain.questionnaire import MATURITY_LEVELS, Question, Questionnaire, QuestionType
from aeo_assess.domain.scorecard import ScoreCard
from aeo_assess.reporting.charts import bar_chart
from aeo_assess.reporting.readiness import (
    KIND_NAMES,
    STATUS_NAMES,
    WARNING_HEX,
    Column,
    ReadinessReport,
)
from aeo_assess.reporting.style import MUTED, WARNING
from aeo_assess.reporting.words import N_, markup
from aeo_assess.scoring.visibility import is_visible

REFERENCE_NAMES: Mapping[str, str] = {
    "safe": N_("WCO SAFE"),
    "rmc": N_("WCO Risk Management Compendium"),
    "tfa": N_("WTO TFA, Article"),
    "rkc": N_("Revised Kyoto Convention, General Annex"),
    "wco": N_("WCO"),
}
"""The reference keys of an administration questionnaire, as a reader knows the sources."""


@dataclass(frozen=True)
class AeoActivity:
    """What this installation holds of the country's AEO work: counts only, nobody named."""

    applicant_files: int
    reviews: int


class AdministrationReport(ReadinessReport):
    """The readiness report's pages and helpers, told from a customs administration's side."""

    def __init__(
        self,
        questionnaire: Questionnaire,
        assessment: Assessment,
        card: ScoreCard,
        *,
        language: str,
        page_size: str,
        country: CountryProgramme | None,
        activity: AeoActivity | None,
        generated_at: dt.datetime,
    ) -> None:
        super().__init__(questionnaire, assessment, card, language=language, page_size=page_size,
                         peers=None, k=0, country=country, generated_at=generated_at)
        self.activity = activity

    def render(self) -> bytes:
        w, a, q = self.words, self.assessment, self.questionnaire
        title = w("Administration self-assessment report")
        return self.build(
            title=f"{title}: {a.company}",
            author=a.company,
            subject=f"{w.text(q.title)} {q.version}",
            keywords=["WCO SAFE", w("risk management"), q.key, w.country(a.country)],
            header_left=a.company,
            footer_left=f"{title} · {w.text(q.title)} {q.version}",
            warning=w("Demonstration data") if a.demo else "",
        )

    def story(self) -> list[Flowable]:
        return [
            *self.cover(),
            *self.summary(),
            *self.indicators(),
            *self.roadmap(),
            *self.aeo_activity(),
            *self.country_profile(),
            *self.answers(),
        ]

    # -- sections ---------------------------------------------------------------------------

    def cover(self) -> list[Flowable]:
        w, a, q = self.words, self.assessment, self.questionnaire
        story: list[Flowable] = [
            Spacer(1, 18 * mm),
            self.p(f"{markup(w.text(q.title))} · {markup(q.version)}", "kicker"),
            self.say("Administration self-assessment report", "title"),
            self.p(markup(a.company), "company"),
        ]
        if a.demo:
            story += [self.table(
                [[self.say("Demonstration data: a synthetic administration, not a real customs "
                           "administration.", "banner")]],
                [self.width], header=False,
                extra=[("BACKGROUND", (0, 0), (-1, -1), WARNING),
                       ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                       ("LEFTPADDING", (0, 0), (-1, -1), 8)],
            ), Spacer(1, 8)]
        details = [
            (w("Administration"), a.company),
            (w("Country"), w.country(a.country)),
            (w("Unit"), a.unit),
            (w("Contact"), a.contact),
            (w("Questionnaire"), f"{w.text(q.title)} ({q.id} {q.version})"),
            (w("Assessment"), a.id),
            (w("Status"), w(STATUS_NAMES.get(str(a.status), str(a.status)))),
            (w("Named in workshop summaries"), w("Yes") if a.consent else w("No")),
            (w("Report date"), w.date(self.generated_at.date())),
            (w("Report language"), w.language_name()),
        ]
        rows = [[self.p(markup(label), "cell-bold"), self.p(markup(value), "cell")]
                for label, value in details if value]
        story += [self.table(rows, [45 * mm, self.width - 45 * mm], header=False),
                  Spacer(1, 12 * mm)]
        badge = self.table(
            [[self.say("Maturity level: {level} · overall score {score}", "badge",
                       level=self.level_label(), score=w.percent(self.card.overall))],
             [self.p(markup(w.text(self.level_rule().description)), "cell")]],
            [self.width], header=False,
            extra=[("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(self.chart.overall_colour)),
                   ("BOX", (0, 0), (-1, -1), 0.8, colors.HexColor(self.chart.overall_colour)),
                   ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                   ("LEFTPADDING", (0, 0), (-1, -1), 8)],
        )
        story += [badge, Spacer(1, 10 * mm),
                  self.say("Questionnaire source: {source}", "muted", source=w.text(q.source)),
                  PageBreak()]
        return story

    def assessor_words(self) -> list[Flowable]:
        """The verdict as an assessor of the administration would put it (DESIGN §4)."""
        card = self.card
        story: list[Flowable] = [self.say(
            "An assessor would find {met} of {total} criteria met ({recommendations} of them "
            "with recommendations), {not_met} not met and {not_demonstrated} not demonstrated.",
            **self.conclusion_counts())]
        if card.provisional:
            story.append(self.say_count(
                card.applicable - card.answered,
                "This verdict is provisional: {n} applicable question is not yet answered. What "
                "is not shown is not demonstrated.",
                "This verdict is provisional: {n} applicable questions are not yet answered. "
                "What is not shown is not demonstrated.", "note"))
            story.append(self.say(
                "Musts and eligibility conditions among them: {musts}.", "note",
                musts=self.words.decimal(len(card.open_musts), 0)))
        return story

    def summary(self) -> list[Flowable]:
        w = self.words
        story: list[Flowable] = [
            self.say("Executive summary", "h1"),
            self.say("Maturity level: {level}.", "h2", level=self.level_label()),
            self.p(markup(w.text(self.level_rule().description))),
            *self.assessor_words(),
            Spacer(1, 8),
        ]
        story.append(self.headline_figures())
        story += [KeepTogether([self.say("Score per criterion", "h2"),
                                bar_chart(self.chart, w, self.width)]),
                  CondPageBreak(60 * mm),
                  self.say("Maturity and conclusion per criterion", "h2"),
                  self.say("Maturity is the criterion's score on the questionnaire's scale of 0 "
                           "to 4; the conclusion is what an assessor would write.", "note"),
                  self.maturity_table()]
        return story

    def maturity_label(self, score: float | None) -> str:
        """The scale step nearest the score (0..1 as 0..4), named as the questionnaire does."""
        if score is None:
            return "–"
        value = round(score * (MATURITY_LEVELS - 1))
        level = next((m for m in self.questionnaire.maturity_scale if m.value == value), None)
        return self.words.text(level.label) if level else str(value)

    def maturity_table(self) -> Flowable:
        w, card = self.words, self.card
        header, widths = self.head(
            Column("Criterion", 16 * mm), Column(""), Column("Maturity", 30 * mm),
            Column("Conclusion", 32 * mm), Column("Score", 13 * mm, right=True),
            Column("Answered", 16 * mm, right=True))
        rows: list[list[Any]] = [header]
        for c in card.core_criteria:
            if not c.applicable:
                continue
            rows.append([
                self.p(markup(c.criterion_id), "cell-bold"),
                self.p(markup(self.criterion_title(c.criterion_id)), "cell"),
                self.p(markup(self.maturity_label(c.score)), "cell"),
                self.p(markup(self.conclusion_words(c.conclusion)), "cell"),
                self.p(markup(w.percent(c.score)), "cell-right"),
                self.p(f"{c.answered} / {c.applicable}", "cell-right"),
            ])
        rows.append([
            self.say("Overall", "cell-bold"), self.p("", "cell"),
            self.p(markup(self.maturity_label(card.overall)), "cell"),
            self.p(f"<b>{markup(self.level_label())}</b>", "cell"),
            self.p(f"<b>{markup(w.percent(card.overall))}</b>", "cell-right"),
            self.p(f"<b>{card.answered} / {card.applicable}</b>", "cell-right"),
        ])
        return self.table(rows, widths, extra=[("LINEABOVE", (0, -1), (-1, -1), 0.8, MUTED)])

    def indicator_questions(self) -> list[Question]:
        q, a = self.questionnaire, self.assessment
        return [x for x in q.questions() if x.type is QuestionType.NUMBER and is_visible(x, q, a)]

    def indicators(self) -> list[Flowable]:
        w, q = self.words, self.questionnaire
        story: list[Flowable] = [CondPageBreak(70 * mm), self.say("Indicators", "h1")]
        questions = self.indicator_questions()
        if not questions:
            return [*story, self.say("This questionnaire asks for no indicator.")]
        story.append(self.say(
            "The figures the administration reported. They carry no score: read each against "
            "the others and against the years before.", "note"))
        header, widths = self.head(Column("Indicator", 21 * mm), Column(""),
                                   Column("Value", 34 * mm, right=True),
                                   Column("Plausible range", 24 * mm, right=True))
        rows: list[list[Any]] = [header]
        for question in questions:
            answer = self.assessment.answer(question.id)
            unit = w.text(question.unit) if question.unit else ""
            value = w.answer(q, question, answer)
            if answer is not None and isinstance(answer.value, int | float) and unit:
                value = f"{value} {unit}"
            bounds = [w.decimal(b, digits=6) if b is not None else "…"
                      for b in (question.min_value, question.max_value)]
            span = "–" if bounds == ["…", "…"] else " – ".join(bounds)
            rows.append([self.p(markup(question.id), "cell-bold"),
                         self.p(markup(w.text(question.text)), "cell"),
                         self.p(markup(value), "cell-right"),
                         self.p(markup(span), "cell-right")])
        return [*story, self.table(rows, widths)]

    def references(self, question: Question) -> str:
        w = self.words
        return "; ".join(f"{w(REFERENCE_NAMES[k])} {v}" if k in REFERENCE_NAMES else f"{k} {v}"
                         for k, v in question.refs)

    def roadmap(self) -> list[Flowable]:
        w = self.words
        story: list[Flowable] = [CondPageBreak(70 * mm), self.say("Roadmap", "h1")]
        if not self.card.action_plan:
            return [*story, self.say("There are no gaps, so no action is needed.")]
        story += [self.say(
            "Musts not yet answered and musts not met first, then every other gap by its weight "
            "and how far it falls short. Each step names the WCO and WTO texts it rests on."),
            Spacer(1, 6)]
        header, widths = self.head(Column("#", 9 * mm, right=True), Column("Action"),
                                   Column("References", 48 * mm))
        rows: list[list[Any]] = [header]
        for item in self.card.action_plan:
            question = self.questionnaire.question(item.gap.question_id)
            words = [w(KIND_NAMES[item.gap.kind])] if item.gap.blocking else []
            if item.gap.unanswered:
                words.append(w("Not yet answered"))
            tag = (f' <font color="{WARNING_HEX}"><b>{markup(" · ".join(words))}</b></font>'
                   if words else "")
            owner = " · ".join(filter(None, (item.owner, w.date(item.due))))
            rows.append([
                self.p(str(item.rank), "cell-right"),
                self.p(f"<b>{markup(item.gap.question_id)}</b>{tag} "
                       f"{markup(w.text(question.recommendation))}"
                       + (f"<br/><i>{markup(owner)}</i>" if owner else ""), "cell"),
                self.p(markup(self.references(question)) or "–", "cell-small"),
            ])
        return [*story, self.table(rows, widths)]

    def aeo_activity(self) -> list[Flowable]:
        w, a = self.words, self.assessment
        story: list[Flowable] = [
            CondPageBreak(40 * mm),
            self.say("AEO files in this installation", "h1"),
        ]
        if self.activity is None:
            return [*story, self.say(
                "This report was made from a file, not from an installation's database, so it "
                "shows no count of AEO applicant files.")]
        return [*story, self.say(
            "AEO applicant files from operators in {country} held in this installation: "
            "{files}; customs reviews of them: {reviews}. Counts only: no operator is named here.",
            country=w.country(a.country), files=str(self.activity.applicant_files),
            reviews=str(self.activity.reviews))]


def render_administration_report(
    questionnaire: Questionnaire,
    assessment: Assessment,
    card: ScoreCard,
    *,
    language: str,
    page_size: str,
    country: CountryProgramme | None = None,
    activity: AeoActivity | None = None,
    generated_at: dt.datetime,
) -> bytes:
    """The administration report as PDF bytes; ``activity`` None when made from a file."""
    return AdministrationReport(
        questionnaire, assessment, card, language=language, page_size=page_size,
        country=country, activity=activity, generated_at=generated_at,
    ).render()
