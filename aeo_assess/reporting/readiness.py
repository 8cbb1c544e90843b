"""The readiness report: questionnaire, assessment and score card in, PDF bytes out (DESIGN §8)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from functools import partial
from typing import Any, NamedTuple, cast

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from aeo_assess import __version__
from aeo_assess.domain.assessment import Assessment, Evidence
from aeo_assess.domain.benchmark import CountryProgramme, PeerGroup, PeerScope
from aeo_assess.domain.questionnaire import Question, QuestionKind, Questionnaire, ReadinessRule
from aeo_assess.domain.scorecard import Conclusion, CriterionScore, Gap, ScoreCard
from aeo_assess.profile_text import ProfileText
from aeo_assess.reporting.charts import bar_chart, peer_chart, radar_chart
from aeo_assess.reporting.pages import Furniture, NumberedCanvas
from aeo_assess.reporting.style import (
    FONT,
    FONT_BOLD,
    HEADER_FILL,
    MUTED,
    RULE,
    WARNING,
    WARNING_FILL,
    ZEBRA,
    register_fonts,
    stylesheet,
)
from aeo_assess.reporting.text import Text, forget_missing, missing_characters, script_runs
from aeo_assess.reporting.trend import changes_section, trend_section
from aeo_assess.reporting.words import N_, Words, markup
from aeo_assess.scoring import chart as score_chart
from aeo_assess.scoring.cycles import AnswerDiff, TrendChart
from aeo_assess.scoring.visibility import is_visible

WARNING_HEX = "#" + WARNING.hexval()[2:]
MUTED_HEX = "#" + MUTED.hexval()[2:]

CONCLUSION_SYMBOLS = {
    Conclusion.MET: "✔",
    Conclusion.MET_WITH_RECOMMENDATIONS: "✔+",
    Conclusion.NOT_DEMONSTRATED: "?",
    Conclusion.NOT_MET: "✘",
}
CONCLUSION_NAMES = {
    Conclusion.MET: N_("Met"),
    Conclusion.MET_WITH_RECOMMENDATIONS: N_("Met, with recommendations"),
    Conclusion.NOT_DEMONSTRATED: N_("Not demonstrated"),
    Conclusion.NOT_MET: N_("Not met"),
}
KIND_NAMES = {
    QuestionKind.ELIGIBILITY: N_("Eligibility condition"),
    QuestionKind.MUST: N_("Must"),
    QuestionKind.SHOULD: N_("Good practice"),
}
KIND_GAP_NAMES = {
    QuestionKind.ELIGIBILITY: N_("Eligibility condition not met"),
    QuestionKind.MUST: N_("Must not met"),
    QuestionKind.SHOULD: N_("Gap"),
}
PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "Letter": LETTER}
STATUS_NAMES = {
    "draft": N_("Draft"),
    "submitted": N_("Submitted"),
    "under_review": N_("Under review"),
    "reviewed": N_("Reviewed"),
    "resubmitted": N_("Resubmitted"),
}


class Column(NamedTuple):
    label: str
    width: float = 0.0
    """Least width in points; 0 for the one column that takes the rest."""
    right: bool = False
    """Figures: aligned right."""


class ReadinessReport:
    """Builds the story of one readiness report; page geometry lives in the class attributes."""

    margin_left = 20 * mm
    least_rest = 45 * mm
    """The text column of a table keeps at least this much; wider header labels wrap."""
    margin_right = 20 * mm
    margin_top = 22 * mm
    margin_bottom = 21 * mm
    header_y_from_top = 13 * mm
    footer_y = 11 * mm
    gap_block_height = 50 * mm
    """Room a gap needs to start on a page (a cheap stand-in for keeping it together)."""
    answer_start_height = 22 * mm
    """Room for a question and its answer line, so that neither ends a page alone."""

    def __init__(
        self,
        questionnaire: Questionnaire,
        assessment: Assessment,
        card: ScoreCard,
        *,
        language: str,
        page_size: str,
        peers: PeerGroup | None,
        k: int,
        country: CountryProgramme | None,
        generated_at: dt.datetime,
        signature: tuple[str, str] | None = None,
        trend: TrendChart | None = None,
        changes: tuple[dt.date, Sequence[AnswerDiff]] | None = None,
    ) -> None:
        self.set_up_page(language, page_size, generated_at)
        self.signed_by = signature
        """For a report made from an imported file: (label, who signed it, in words)."""
        self.cycle_trend = trend
        """The company's earlier cycles with this one (issue 17); None or one point: no trend."""
        self.cycle_changes = changes
        """The baseline's date and each answer changed since; None: no such section."""
        self.questionnaire = questionnaire
        self.assessment = assessment
        self.card = card
        self.peers = peers
        self.k = k
        self.country = country
        self.comparable = (
            peers is not None and peers.questionnaire_key == card.questionnaire_key and peers.n >= k
        )
        stats = peers.criteria if peers is not None and self.comparable else {}
        peers_demo = peers is not None and self.comparable and peers.demo
        self.chart = score_chart.build_chart(
            questionnaire,
            card,
            self.words.language,
            peers={
                key: score_chart.PeerStats(median=s.median, q1=s.q1, q3=s.q3, n=s.n)
                for key, s in stats.items()
            },
            demo=assessment.demo or peers_demo,
        )

    # -- output -----------------------------------------------------------------------------

    def set_up_page(self, language: str, page_size: str, generated_at: dt.datetime) -> None:
        """What every report kind sets first: language, styles, page size and the date."""
        if page_size not in PAGE_SIZES:
            raise ValueError(f"page size '{page_size}' is not one of {', '.join(PAGE_SIZES)}")
        register_fonts()
        self.words = Words(language)
        self.styles = stylesheet()
        self.pagesize = PAGE_SIZES[page_size]
        self.width = self.pagesize[0] - self.margin_left - self.margin_right
        self.generated_at = generated_at

    def build(
        self,
        *,
        title: str,
        author: str,
        subject: str,
        keywords: list[str],
        header_left: str,
        footer_left: str,
        warning: str = "",
    ) -> bytes:
        """The PDF of ``story()`` on this geometry, with its metadata and page furniture."""
        buffer = io.BytesIO()
        page_width, page_height = self.pagesize
        frame = Frame(
            self.margin_left,
            self.margin_bottom,
            self.width,
            page_height - self.margin_top - self.margin_bottom,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        document = BaseDocTemplate(
            buffer,
            pagesize=self.pagesize,
            pageTemplates=[PageTemplate("page", [frame])],
            title=title,
            author=author,
            subject=subject,
            keywords=keywords,
            creator=f"aeo-assess {__version__}",
            lang=self.words.language,
        )
        furniture = Furniture(
            header_left=header_left,
            header_right=self.words.date(self.generated_at.date()),
            footer_left=footer_left,
            page=self.words("Page {page} of {pages}"),
            warning=warning,
            page_width=page_width,
            margin_left=self.margin_left,
            margin_right=self.margin_right,
            header_y=page_height - self.header_y_from_top,
            footer_y=self.footer_y,
        )
        forget_missing()
        story = self.story()
        script_runs(header_left, FONT_BOLD)  # the running header may hold other characters
        script_runs(footer_left, FONT)
        missing = missing_characters()
        if missing:
            story.append(self.say(
                "Some characters cannot be printed with the fonts of this report and are "
                "shown as “?”: {characters}.", "note", characters=", ".join(missing)))
        document.build(story, canvasmaker=partial(NumberedCanvas, furniture=furniture))
        return buffer.getvalue()

    def render(self) -> bytes:
        w, a, q = self.words, self.assessment, self.questionnaire
        title = w("AEO readiness report")
        return self.build(
            title=f"{title}: {a.company}",
            author=a.company,
            subject=f"{w.text(q.title)} {q.version}",
            keywords=["AEO", "WCO SAFE", w("readiness"), q.key, w.country(a.country)],
            header_left=a.company,
            footer_left=f"{title} · {w.text(q.title)} {q.version}",
            warning=w("Demonstration data") if a.demo else "",
        )

    def story(self) -> list[Flowable]:
        return [
            *self.cover(),
            *self.summary(),
            *self.cycle_sections(),
            *self.peer_comparison(),
            *self.gaps(),
            *self.action_plan(),
            *self.answers(),
            *self.evidence(),
            *self.country_profile(),
        ]

    def cycle_sections(self) -> list[Flowable]:
        story: list[Flowable] = []
        if self.cycle_trend is not None and len(self.cycle_trend.points) > 1:
            story += trend_section(self, self.cycle_trend)
        if self.cycle_changes is not None:
            story += changes_section(self, *self.cycle_changes)
        return story

    # -- building blocks --------------------------------------------------------------------

    def p(self, text: str, style: str = "body", bullet: str = "") -> Text:
        """A paragraph of markup; callers escape every piece of data with ``markup``."""
        return Text(text, cast(ParagraphStyle, self.styles[style]), bullet)

    def say(self, message: str, style: str = "body", **values: str) -> Text:
        """A translated message with escaped ``values`` put in its ``{placeholders}``."""
        template = markup(self.words(message))
        return self.p(template.format(**{k: markup(v) for k, v in values.items()}), style)

    def say_count(
        self, n: int, one: str, many: str, style: str = "body", **values: str
    ) -> Text:
        """``one`` or ``many`` by ``n``, translated, with ``n`` in its ``{n}`` placeholder and
        ``values`` in the others, all escaped."""
        return self.p(markup(self.words.count(n, one, many, **values)), style)

    def table(
        self,
        rows: Sequence[list[Any]],
        widths: Sequence[float],
        *,
        header: bool = True,
        extra: Sequence[tuple[Any, ...]] = (),
    ) -> Table:
        """A table whose header row repeats on every page; a row taller than what is left of
        the page splits inside its cells (a 20,000-character remark is taller than a page)."""
        table = Table(rows, colWidths=list(widths), repeatRows=1 if header else 0,
                      hAlign="LEFT", splitInRow=1)
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ]
        if header:
            commands += [
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
            ]
        table.setStyle(TableStyle([*commands, *extra]))
        return table

    def head(self, *columns: Column) -> tuple[list[Text], list[float]]:
        """A header row and the column widths: each column at least as wide as its translated
        label, the one of width 0 taking what is left."""
        labels = [self.words(c.label) if c.label else "" for c in columns]

        def least(label: str, whole: bool) -> float:
            pieces = [label] if whole else label.split()
            return max((stringWidth(p, FONT_BOLD, 8) for p in pieces), default=0.0) + 10

        widths = [max(c.width, least(label, True)) if c.width else 0.0
                  for c, label in zip(columns, labels, strict=True)]
        if self.width - sum(widths) < self.least_rest:  # long labels wrap instead
            widths = [max(c.width, least(label, False)) if c.width else 0.0
                      for c, label in zip(columns, labels, strict=True)]
        widths = [w or self.width - sum(widths) for w in widths]
        row = [self.p(markup(label), "cell-head-right" if c.right else "cell-head")
               for c, label in zip(columns, labels, strict=True)]
        return row, widths

    def criterion_title(self, criterion_id: str) -> str:
        return self.words.text(self.questionnaire.criterion(criterion_id).title)

    def level_rule(self) -> ReadinessRule:
        return self.questionnaire.level_rule(self.card.level)

    def level_label(self) -> str:
        """The verdict's label, marked provisional while answers are missing."""
        label = self.words.text(self.level_rule().label)
        if self.card.provisional:
            return self.words("{level} (provisional)").format(level=label)
        return label

    def conclusion_words(self, conclusion: Conclusion) -> str:
        """A symbol and words, so that the conclusion never rests on colour alone."""
        return f"{CONCLUSION_SYMBOLS[conclusion]} {self.words(CONCLUSION_NAMES[conclusion])}"

    # -- sections ---------------------------------------------------------------------------

    def cover(self) -> list[Flowable]:
        w, a, q = self.words, self.assessment, self.questionnaire
        story: list[Flowable] = [
            Spacer(1, 18 * mm),
            self.p(f"{markup(w.text(q.title))} · {markup(q.version)}", "kicker"),
            self.say("AEO readiness report", "title"),
            self.p(markup(a.company), "company"),
        ]
        if a.demo:
            banner = self.table(
                [[self.say("Demonstration data: a synthetic company, not a real operator.",
                           "banner")]],
                [self.width],
                header=False,
                extra=[("BACKGROUND", (0, 0), (-1, -1), WARNING),
                       ("TOPPADDING", (0, 0), (-1, -1), 7),
                       ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                       ("LEFTPADDING", (0, 0), (-1, -1), 8)],
            )
            story += [banner, Spacer(1, 8)]
        details = [
            (w("Country"), w.country(a.country)),
            (w("Supply-chain roles"), w.roles(a.roles)),
            (w("AEO type"), w.aeo_types(a.aeo_types)),
            (w("Questionnaire"), f"{w.text(q.title)} ({q.id} {q.version})"),
            (w("Tax identifier"), a.tax_id),
            (w("Assessment"), a.id),
            (w("Status"), w(STATUS_NAMES.get(str(a.status), str(a.status)))),
            *([self.signed_by] if self.signed_by is not None else []),
            (w("Report date"), w.date(self.generated_at.date())),
            (w("Report language"), w.language_name()),
        ]
        rows = [[self.p(markup(label), "cell-bold"), self.p(markup(value), "cell")]
                for label, value in details if value]
        story.append(self.table(rows, [45 * mm, self.width - 45 * mm], header=False))
        story.append(Spacer(1, 12 * mm))
        rule = self.level_rule()
        badge = self.table(
            [[self.say("Readiness level: {level} · overall score {score}", "badge",
                       level=self.level_label(), score=w.percent(self.card.overall))],
             [self.p(markup(w.text(rule.description)), "cell")]],
            [self.width],
            header=False,
            extra=[("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(self.chart.overall_colour)),
                   ("BOX", (0, 0), (-1, -1), 0.8, colors.HexColor(self.chart.overall_colour)),
                   ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                   ("LEFTPADDING", (0, 0), (-1, -1), 8)],
        )
        story += [badge, Spacer(1, 10 * mm)]
        story.append(self.say("Questionnaire source: {source}", "muted", source=w.text(q.source)))
        story.append(PageBreak())
        return story

    def furthest(self) -> list[CriterionScore]:
        """The three scored criteria furthest from ready: lowest score, most blocking gaps."""
        blocking = {c.criterion_id: 0 for c in self.card.criteria}
        for gap in self.card.blocking_gaps:
            blocking[gap.criterion_id] += 1
        scored = [c for c in self.card.criteria if c.score is not None]
        return sorted(scored, key=lambda c: (c.score, -blocking[c.criterion_id]))[:3]

    def conclusion_counts(self) -> dict[str, str]:
        """How many of the questionnaire's own criteria end in each conclusion, as the
        summary sentence's placeholders."""
        core = [c for c in self.card.core_criteria if c.applicable]
        tally = {c: sum(1 for x in core if x.conclusion is c) for c in Conclusion}
        return {
            "met": str(tally[Conclusion.MET] + tally[Conclusion.MET_WITH_RECOMMENDATIONS]),
            "total": str(len(core)),
            "recommendations": str(tally[Conclusion.MET_WITH_RECOMMENDATIONS]),
            "not_met": str(tally[Conclusion.NOT_MET]),
            "not_demonstrated": str(tally[Conclusion.NOT_DEMONSTRATED]),
        }

    def validator_words(self) -> list[Flowable]:
        """What a customs validator would conclude, in the validator's own terms (DESIGN §4)."""
        w, card, q = self.words, self.card, self.questionnaire
        if card.eligibility_failures:
            listed = "; ".join(
                f"{qid} {w.text(q.question(qid).text)}" for qid in card.eligibility_failures
            )
            return [self.say(
                "A validator would stop here: an eligibility condition of the programme is not "
                "met ({questions}). No score makes up for it; consult your customs "
                "administration before applying.", "note", questions=listed)]
        story: list[Flowable] = [self.say(
            "A validator would find {met} of {total} criteria met ({recommendations} of them "
            "with recommendations), {not_met} not met and {not_demonstrated} not demonstrated.",
            **self.conclusion_counts())]
        if card.provisional:
            story.append(self.say_count(
                card.applicable - card.answered,
                "This verdict is provisional: {n} applicable question is not yet answered. What "
                "is not shown is not demonstrated, and the verdict can only be ready once every "
                "question is answered.",
                "This verdict is provisional: {n} applicable questions are not yet answered. "
                "What is not shown is not demonstrated, and the verdict can only be ready once "
                "every question is answered.", "note"))
            story.append(self.say(
                "Musts and eligibility conditions among them: {musts}.", "note",
                musts=w.decimal(len(card.open_musts), 0)))
        if card.declared_na_musts:
            story.append(self.say_count(
                len(card.declared_na_musts),
                "The operator declared {n} must question not applicable; the validator will "
                "check the reason (listed below).",
                "The operator declared {n} must questions not applicable; the validator will "
                "check each reason (listed below).", "note"))
        return story

    def headline_figures(self) -> Flowable:
        """The four headline figures under the verdict: score, completeness, musts."""
        w, card = self.words, self.card
        figures = [
            (w.percent(card.overall), w("Overall score")),
            (w.percent(card.completeness), w("Completeness ({answered} of {applicable} answered)")
             .format(answered=card.answered, applicable=card.applicable)),
            (str(len(card.blocking_gaps)), w("Musts not met")),
            (str(len(card.open_musts)), w("Musts not yet answered")),
        ]
        quarter = self.width / 4
        return self.table(
            [[self.p(markup(f), "figure") for f, _ in figures],
             [self.p(markup(label), "figure-label") for _, label in figures]],
            [quarter] * 4,
            header=False,
            extra=[("BOX", (0, 0), (-1, -1), 0.6, RULE), ("LINEBEFORE", (1, 0), (-1, -1), 0.4, RULE),
                   ("LINEBELOW", (0, 0), (-1, 0), 0, colors.white),
                   ("BACKGROUND", (0, 0), (-1, -1), ZEBRA)],
        )

    def summary(self) -> list[Flowable]:
        w, card = self.words, self.card
        rule = self.level_rule()
        story: list[Flowable] = [
            self.say("Executive summary", "h1"),
            self.say("Readiness level: {level}.", "h2", level=self.level_label()),
            self.p(markup(w.text(rule.description))),
            *self.validator_words(),
            Spacer(1, 8),
        ]
        story.append(self.headline_figures())
        story.append(self.say(
            "The overall score covers the answered questions of the SAFE criteria; extensions "
            "are scored beside it and never change the verdict.", "note"))
        furthest = self.furthest()
        if furthest:
            story.append(self.say("Criteria furthest from ready", "h2"))
            for number, c in enumerate(furthest, start=1):
                gaps = sum(1 for g in card.gaps if g.criterion_id == c.criterion_id)
                story.append(self.p(
                    f"<b>{markup(c.criterion_id)}</b> {markup(self.criterion_title(c.criterion_id))}"
                    f" — {markup(w.percent(c.score))}, {markup(w.count(gaps, '{n} gap', '{n} gaps'))}",
                    "bullet",
                    f"{number}.",
                ))
        story.append(KeepTogether([
            self.say("Score per criterion", "h2"),
            bar_chart(self.chart, w, self.width),
        ]))
        story.append(KeepTogether([
            self.say("Profile across criteria", "h2"),
            radar_chart(self.chart, w, self.width),
        ]))
        story.append(CondPageBreak(60 * mm))
        story.append(self.say("Conclusion per criterion", "h2"))
        story.append(self.conclusion_table(card.core_criteria, overall=True))
        extensions = [c for c in card.extension_criteria if c.applicable]
        if extensions:
            story.append(CondPageBreak(30 * mm))
            story.append(self.say("Extensions, beside the SAFE verdict", "h2"))
            story.append(self.conclusion_table(extensions, overall=False))
        return story

    def conclusion_table(self, criteria: Sequence[CriterionScore], *, overall: bool) -> Flowable:
        w, card = self.words, self.card
        header, widths = self.head(
            Column("Criterion", 18 * mm),
            Column(""),
            Column("Conclusion", 38 * mm),
            Column("Score", 13 * mm, right=True),
            Column("Answered", 17 * mm, right=True),
            Column("Musts not met", 15 * mm, right=True),
        )
        rows: list[list[Any]] = [header]
        for c in criteria:
            if c.applicable == 0:
                continue
            failed = sum(
                1 for g in card.gaps if g.blocking and g.criterion_id == c.criterion_id
            )
            rows.append([
                self.p(markup(c.criterion_id), "cell-bold"),
                self.p(markup(self.criterion_title(c.criterion_id)), "cell"),
                self.p(markup(self.conclusion_words(c.conclusion)), "cell"),
                self.p(markup(w.percent(c.score)), "cell-right"),
                self.p(f"{c.answered} / {c.applicable}", "cell-right"),
                self.p(str(failed), "cell-right"),
            ])
        extra: list[tuple[Any, ...]] = []
        if overall:
            answered = sum(c.answered for c in criteria)
            applicable = sum(c.applicable for c in criteria)
            rows.append([
                self.say("Overall", "cell-bold"), self.p("", "cell"),
                self.p(f"<b>{markup(self.level_label())}</b>", "cell"),
                self.p(f"<b>{markup(w.percent(card.overall))}</b>", "cell-right"),
                self.p(f"<b>{answered} / {applicable}</b>", "cell-right"),
                self.p(f"<b>{len(card.blocking_gaps)}</b>", "cell-right"),
            ])
            extra.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, MUTED))
        return self.table(rows, widths, extra=extra)

    def peer_comparison(self) -> list[Flowable]:
        w, peers = self.words, self.peers
        story: list[Flowable] = [CondPageBreak(90 * mm), self.say("Comparison with peers", "h1")]
        version = f"{w.text(self.questionnaire.title)} {self.questionnaire.version}"
        if peers is None:
            return [*story, self.say(
                "No peer benchmark is available for {questionnaire} yet, so this report shows no "
                "comparison. It appears once at least {k} completed assessments of this "
                "questionnaire version are in the database or in an imported benchmark pack.",
                questionnaire=version, k=str(self.k))]
        group = self.group_name(peers)
        if peers.questionnaire_key != self.card.questionnaire_key:
            return [*story, self.say(
                "The peer benchmark for {group} was built on another questionnaire version "
                "({other}), so its figures cannot be compared with these answers.",
                group=group, other=peers.questionnaire_key)]
        if peers.n < self.k:
            return [*story, self.say_count(
                peers.n,
                "Only {n} comparable assessment is available for {group}: a comparison is "
                "shown from {k} on, so that no company can be recognised in the figures.",
                "Only {n} comparable assessments are available for {group}: a comparison is "
                "shown from {k} on, so that no company can be recognised in the figures.",
                group=group, k=str(self.k))]
        story.append(self.say(
            "Compared with {n} completed assessments of {questionnaire} by {group}. Source: "
            "{source}.", n=str(peers.n), questionnaire=version, group=group,
            source=ProfileText(w.language).peer_source(peers.source)))
        if peers.demo:
            story.append(self.say("These peer figures are demonstration data.", "note"))
        story.append(Spacer(1, 6))
        story.append(peer_chart(self.chart, w, self.width))
        entries = [(c.criterion_id, c.score, peers.criteria.get(c.criterion_id))
                   for c in self.card.criteria if c.applicable]
        entries.append((w("Overall"), self.card.overall, peers.overall))
        ranked = any(s is not None and s.percentile_rank is not None for _, _, s in entries)
        labels = [N_("This company"), N_("Q1"), N_("Median"), N_("Q3"), N_("Mean")]
        if ranked:
            labels.append(N_("Percentile rank"))
        header, widths = self.head(
            Column("Criterion"), *(Column(label, 18 * mm, right=True) for label in labels)
        )
        rows: list[list[Any]] = [header]
        for key, score, stats in entries:
            figures: list[float | None] = (
                [stats.q1, stats.median, stats.q3, stats.mean] if stats else [None] * 4
            )
            if ranked:
                figures.append(stats.percentile_rank if stats else None)
            rows.append([self.p(markup(key), "cell-bold"),
                         *(self.p(markup(w.percent(v)), "cell-right") for v in [score, *figures])])
        story += [Spacer(1, 6), self.table(rows, widths)]
        return story

    def group_name(self, peers: PeerGroup) -> str:
        w = self.words
        if peers.scope is PeerScope.COUNTRY:
            return w("operators in {country}").format(country=w.country(peers.key))
        if peers.scope is PeerScope.REGION:
            return w("operators in {region}").format(region=ProfileText(w.language).region(peers.key))
        return w("operators in every country")

    def gap_block(self, gap: Gap, rank: int) -> list[Flowable]:
        w, q = self.words, self.questionnaire
        question = q.question(gap.question_id)
        answer = self.assessment.answer(gap.question_id)
        evidence = "<br/>".join(f"• {markup(w.text(e))}" for e in question.evidence)
        label = w(KIND_GAP_NAMES[gap.kind])
        if gap.extension:
            label += " · " + w("extension")
        rows = [
            [self.p(f"<b>{rank}. {markup(gap.question_id)}</b>", "cell"),
             self.p(f"<b>{markup(w.text(question.text))}</b>", "cell")],
            [self.say("Criterion", "cell-small"),
             self.p(f"{markup(gap.criterion_id)} · {markup(self.criterion_title(gap.criterion_id))}",
                    "cell")],
            [self.say("Answer", "cell-small"),
             self.p(f"{markup(w.answer(q, question, answer))} · {markup(label)} · "
                    + markup(w("score {score}").format(score=w.percent(gap.score))), "cell")],
            [self.say("Evidence expected", "cell-small"), self.p(evidence or "–", "cell")],
            [self.say("Recommendation", "cell-small"),
             self.p(markup(w.text(question.recommendation)), "cell")],
        ]
        colour = WARNING if gap.blocking else RULE
        table = self.table(rows, [28 * mm, self.width - 28 * mm], header=False, extra=[
            ("LINEBEFORE", (0, 0), (0, -1), 2.5, colour),
            ("BACKGROUND", (0, 0), (-1, 0), WARNING_FILL if gap.blocking else ZEBRA),
        ])
        return [CondPageBreak(self.gap_block_height), table, Spacer(1, 7)]

    def gaps(self) -> list[Flowable]:
        card = self.card
        ranks = {item.gap.question_id: item.rank for item in card.action_plan}
        ranked = sorted(card.gaps, key=lambda g: ranks[g.question_id])
        story: list[Flowable] = [CondPageBreak(120 * mm), self.say("Musts not met", "h1")]
        blocking = [g for g in ranked if g.blocking and not g.extension]
        if blocking:
            story.append(self.say_count(
                len(blocking),
                "{n} must or eligibility condition is not met: it keeps the operator from being "
                "ready, whatever the overall score. Close it first.",
                "{n} musts or eligibility conditions are not met: each keeps the operator from "
                "being ready, whatever the overall score. Close these first.",
            ))
        else:
            story.append(self.say("Every answered must and eligibility condition is met."))
        story.append(Spacer(1, 6))
        for gap in blocking:
            story += self.gap_block(gap, ranks[gap.question_id])
        story += self.not_yet_answered()
        story += self.declared_not_applicable()
        others = [g for g in ranked if g not in blocking]
        story += [CondPageBreak(70 * mm), self.say("All other gaps", "h1")]
        story.append(self.say(
            "Gaps in all: {total} (musts not met, above: {blocking}; others, below in the order "
            "of the action plan: {others}). A gap is an answer scoring below {threshold}.",
            total=str(len(ranked)), blocking=str(len(blocking)), others=str(len(others)),
            threshold=self.words.percent(
                next(t.value for t in self.chart.thresholds
                     if t.kind is score_chart.ThresholdKind.GAP))))
        story.append(Spacer(1, 6))
        for gap in others:
            story += self.gap_block(gap, ranks[gap.question_id])
        return story

    def not_yet_answered(self) -> list[Flowable]:
        """Unknown is not demonstrated: the musts still open, apart from the gaps."""
        w, q = self.words, self.questionnaire
        story: list[Flowable] = [CondPageBreak(40 * mm), self.say("Not yet answered", "h2")]
        if not self.card.open_musts:
            return [*story, self.say("Every must and eligibility condition has an answer.")]
        story.append(self.say(
            "These musts and eligibility conditions have no answer yet: a validator treats "
            "them as not demonstrated."))
        rows = [[self.p(markup(qid), "cell-bold"), self.p(markup(w.text(q.question(qid).text)), "cell")]
                for qid in self.card.open_musts]
        return [*story, self.table(rows, [24 * mm, self.width - 24 * mm], header=False)]

    def declared_not_applicable(self) -> list[Flowable]:
        w, q = self.words, self.questionnaire
        if not self.card.declared_na_musts:
            return []
        story: list[Flowable] = [
            CondPageBreak(40 * mm),
            self.say("Declared not applicable", "h2"),
            self.say("The operator declared these musts not applicable; the validator checks "
                     "each reason."),
        ]
        header, widths = self.head(Column("Question", 24 * mm), Column(""), Column("Reason", 60 * mm))
        rows: list[list[Any]] = [header]
        for qid in self.card.declared_na_musts:
            answer = self.assessment.answer(qid)
            reason = answer.na_reason if answer is not None and answer.na_reason else ""
            rows.append([self.p(markup(qid), "cell-bold"),
                         self.p(markup(w.text(q.question(qid).text)), "cell"),
                         self.p(markup(reason), "cell")])
        return [*story, self.table(rows, widths)]

    def action_plan(self) -> list[Flowable]:
        w = self.words
        story: list[Flowable] = [CondPageBreak(70 * mm), self.say("Action plan", "h1")]
        if not self.card.action_plan:
            return [*story, self.say("There are no gaps, so no action is needed.")]
        story.append(self.say(
            "Eligibility conditions first, then musts not yet answered, then musts not met, then "
            "every other gap by how much closing it would raise the score; extensions last."))
        story.append(Spacer(1, 6))
        header, widths = self.head(
            Column("#", 9 * mm, right=True),
            Column("Action"),
            Column("Criterion", 18 * mm),
            Column("Owner", 28 * mm),
            Column("Due date", 22 * mm),
        )
        rows: list[list[Any]] = [header]
        for item in self.card.action_plan:
            question = self.questionnaire.question(item.gap.question_id)
            words = []
            if item.gap.blocking:
                words.append(w(KIND_NAMES[item.gap.kind]))
            if item.gap.unanswered:
                words.append(w("Not yet answered"))
            if item.gap.extension:
                words.append(w("extension"))
            tag = (f' <font color="{WARNING_HEX}"><b>{markup(" · ".join(words))}</b></font>'
                   if words else "")
            rows.append([
                self.p(str(item.rank), "cell-right"),
                self.p(f"<b>{markup(item.gap.question_id)}</b>{tag} "
                       f"{markup(w.text(question.recommendation))}", "cell"),
                self.p(markup(item.gap.criterion_id), "cell"),
                self.p(markup(item.owner) or "–", "cell"),
                self.p(markup(w.date(item.due)) or "–", "cell"),
            ])
        return [*story, self.table(rows, widths)]

    def answers(self) -> list[Flowable]:
        w, q, a = self.words, self.questionnaire, self.assessment
        story: list[Flowable] = [PageBreak(), self.say("Appendix: every answer", "h1")]
        evidence_of: dict[str, list[Evidence]] = {}
        for item in a.evidence:
            for question_id in sorted(item.questions):
                evidence_of.setdefault(question_id, []).append(item)
        for criterion in q.criteria:
            figures = self.card.criterion(criterion.id)
            visible = [x for x in criterion.questions if is_visible(x, q, a)]
            if not visible:
                continue
            story.append(CondPageBreak(35 * mm))
            story.append(self.p(f"{markup(criterion.id)} · {markup(w.text(criterion.title))}", "h2"))
            story.append(self.say(
                "Score {score} · {answered} of {applicable} answered", "muted",
                score=w.percent(figures.score), answered=str(figures.answered),
                applicable=str(figures.applicable)))
            for question in visible:
                story.append(CondPageBreak(self.answer_start_height))
                story += self.answer_block(question, evidence_of.get(question.id, []))
            hidden = len(criterion.questions) - len(visible)
            if hidden:
                story.append(self.say_count(
                    hidden,
                    "{n} more question of this criterion does not apply to this operator's "
                    "roles and AEO type, or to its earlier answers.",
                    "{n} more questions of this criterion do not apply to this operator's "
                    "roles and AEO type, or to its earlier answers.",
                    "note",
                ))
        return story

    def answer_block(self, question: Question, evidence: list[Evidence]) -> list[Flowable]:
        w = self.words
        answer = self.assessment.answer(question.id)
        marks = []
        if question.blocking:
            marks.append(w(KIND_NAMES[question.kind]))
        if answer is not None and answer.flagged:
            marks.append("⚑ " + w("flagged"))
        tag = f' <font color="{WARNING_HEX}">[{markup(", ".join(marks))}]</font>' if marks else ""
        block: list[Flowable] = [self.p(
            f"<b>{markup(question.id)}</b>{tag} {markup(w.text(question.text))}", "h3")]
        block.append(self.p(f"{markup(w.label(w('Answer')))} <b>{markup(w.answer(self.questionnaire, question, answer))}</b>", "indent"))
        if answer is not None and answer.na_reason:
            block.append(self.p(f"{markup(w.label(w('Why it does not apply')))} {markup(answer.na_reason)}",
                                "indent"))
        if answer is not None and answer.comment:
            block.append(self.p(f"{markup(w.label(w('Comment')))} {markup(answer.comment)}", "indent"))
        if evidence:
            names = "; ".join(f"{e.name} ({w.size(e.size)})" for e in evidence)
            block.append(self.p(f"{markup(w.label(w('Evidence')))} {markup(names)}", "indent"))
        return block

    def evidence(self) -> list[Flowable]:
        w = self.words
        story: list[Flowable] = [CondPageBreak(60 * mm), self.say("Appendix: evidence", "h1")]
        items = self.assessment.evidence
        if not items:
            return [*story, self.say("No evidence is attached to this assessment.")]
        story.append(self.say_count(
            len(items),
            "{n} file. The SHA-256 fingerprint identifies it exactly: a validator can check "
            "that a copy is the same file.",
            "{n} files. The SHA-256 fingerprint identifies each file exactly: a validator can "
            "check that a copy is the same file.",
        ))
        story.append(Spacer(1, 6))
        header, widths = self.head(
            Column("#", 8 * mm, right=True),
            Column("File"),
            Column("Size", 18 * mm, right=True),
            Column("SHA-256", 50 * mm),
            Column("Questions", 30 * mm),
        )
        rows: list[list[Any]] = [header]
        for number, item in enumerate(items, start=1):
            rows.append([
                self.p(str(number), "cell-right"),
                self.p(markup(item.name), "cell"),
                self.p(markup(w.size(item.size)), "cell-right"),
                self.p(f"{markup(item.sha256[:32])}<br/>{markup(item.sha256[32:])}", "hash"),
                self.p(markup(", ".join(sorted(item.questions))) or "–", "cell-small"),
            ])
        return [*story, self.table(rows, widths)]

    def country_profile(self) -> list[Flowable]:
        """The country's AEO programme, each figure with its date, verified mark and source."""
        profile = self.country
        if profile is None:
            return []
        w = self.words
        facts = ProfileText(w.language)

        def marked(text: str, verified: bool) -> str:
            mark = facts.unverified(verified)
            return w("{fact}, {mark}").format(fact=text, mark=mark) if mark else text

        story: list[Flowable] = [
            CondPageBreak(80 * mm),
            self.say("AEO programme in {country}", "h1", country=facts.country(profile.country)),
        ]
        figure = profile.operators
        operators = facts.figure(figure)
        if figure.count is not None:
            operators = marked(operators, figure.verified)
        mras = "; ".join(
            f"{facts.partner(m.partner)} ({marked(facts.year(m.signed), m.verified)})"
            for m in profile.mras)
        launched = facts("unknown")
        if profile.launch_year:
            launched = marked(str(profile.launch_year), profile.launch_verified)
        if profile.launch_note:  # where the year comes from
            launched += "\n" + facts.text(profile.launch_note)
        details = [
            (w("Programme"), profile.name_original),
            (w("Programme (English)"), profile.name_english),
            (w("Customs authority"), profile.authority),
            (w("Launched"), launched),
            (w("Certified operators"), operators),
            (w("Mutual recognition"), mras or w("none known")),
            (w("Notes"), facts.text(profile.notes)),
        ]
        rows = [[self.p(markup(label), "cell-bold"), self.p(markup(value), "cell")]
                for label, value in details if value]
        story.append(self.table(rows, [42 * mm, self.width - 42 * mm], header=False))
        sources = [*figure.sources, *(s for m in profile.mras for s in m.sources)]
        if sources:
            story.append(self.say("Sources", "h2"))
            for number, source in enumerate(dict.fromkeys(sources), start=1):
                text = markup(source.text)
                if source.address and source.address != source.text:
                    text += f"<br/><font color='{MUTED_HEX}'>{markup(source.address)}</font>"
                story.append(self.p(text, "numbered", f"{number}."))
        return story


def render_readiness_report(
    questionnaire: Questionnaire,
    assessment: Assessment,
    card: ScoreCard,
    *,
    language: str,
    page_size: str,
    peers: PeerGroup | None = None,
    k: int = 5,
    country: CountryProgramme | None = None,
    generated_at: dt.datetime,
    signature: tuple[str, str] | None = None,
    trend: TrendChart | None = None,
    changes: tuple[dt.date, Sequence[AnswerDiff]] | None = None,
) -> bytes:
    """The readiness report as PDF bytes; ``peers`` are compared only when at least ``k``."""
    return ReadinessReport(
        questionnaire,
        assessment,
        card,
        language=language,
        page_size=page_size,
        peers=peers,
        k=k,
        country=country,
        generated_at=generated_at,
        signature=signature,
        trend=trend,
        changes=changes,
    ).render()
