"""The readiness report's yearly-cycle sections: the trend across the company's cycles (drawn
from ``scoring.cycles.TrendChart``, the description the dashboard paints too) and the answers
that changed since a baseline, so that a validator re-checks only what moved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from aeo_assess.domain.assessment import Answer
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.i18n import N_
from aeo_assess.reporting.charts import LABEL, SMALL, _line, _text
from aeo_assess.reporting.style import MUTED, RULE
from aeo_assess.reporting.words import Words, markup
from aeo_assess.scoring.cycles import AnswerDiff, TrendChart

if TYPE_CHECKING:
    from aeo_assess.reporting.readiness import ReadinessReport

OVERALL_LINE = colors.HexColor("#0065A0")


def trend_drawing(chart: TrendChart, words: Words, width: float, height: float = 150) -> Drawing:
    """The overall score of each cycle, dates on the axis, the verdict under each date, a
    dashed line where the questionnaire version changed."""
    drawing = Drawing(width, height)
    left, right, bottom, top = 64.0, width - 48, 42.0, height - 14
    count = len(chart.points)

    def x_of(index: int) -> float:
        return (left + right) / 2 if count == 1 else left + (right - left) * index / (count - 1)

    def y_of(value: float) -> float:
        return bottom + (top - bottom) * value

    for tick in chart.ticks:
        drawing.add(_line(left, y_of(tick), right, y_of(tick), RULE, 0.4))
        drawing.add(_text(left - 3, y_of(tick) - 2.5, words.percent(tick), size=SMALL,
                          anchor="end", colour=MUTED))
    previous: tuple[float, float] | None = None
    for index, point in enumerate(chart.points):
        x = x_of(index)
        if point.version_changed:
            middle = (x + x_of(index - 1)) / 2
            drawing.add(_line(middle, bottom, middle, top + 6, MUTED, 0.8, dashed=True))
            drawing.add(_text(middle + 2, top + 2, words("version {version}").format(
                version=point.version), size=SMALL, colour=MUTED))
        drawing.add(_text(x, 28, words.date(point.date), size=LABEL, anchor="middle"))
        verdict = point.level_label + (words(" (provisional)") if point.provisional else "")
        drawing.add(_text(x, 18, verdict, size=SMALL, anchor="middle",
                          colour=colors.HexColor(point.colour)))
        drawing.add(_text(x, 8, point.version, size=SMALL, anchor="middle", colour=MUTED))
        if point.overall is None:
            previous = None
            continue
        here = (x, y_of(point.overall))
        if previous is not None:
            drawing.add(_line(*previous, *here, OVERALL_LINE, 1.6))
        drawing.add(_line(here[0] - 2.5, here[1], here[0] + 2.5, here[1],
                          colors.HexColor(point.colour), 5))
        drawing.add(_text(here[0], here[1] + 5, words.percent(point.overall), bold=True,
                          anchor="middle"))
        previous = here
    return drawing


def trend_section(report: ReadinessReport, chart: TrendChart) -> list[Flowable]:
    """Overall score, verdict and each criterion across the cycles; what closed, opened and
    fell back since the previous cycle."""
    w = report.words
    story: list[Flowable] = [
        CondPageBreak(80 * mm),
        report.say("Trend across the company's assessments", "h1"),
        report.say(
            "Each yearly cycle scored on its own questionnaire version; a dashed line marks "
            "a change of version.", "note"),
        KeepTogether([trend_drawing(chart, w, report.width), Spacer(1, 6)]),
    ]
    first = w("Criterion")
    header = [report.p(markup(first), "cell-head")] + [
        report.p(markup(w.date(p.date)), "cell-head-right") for p in chart.points
    ]
    date_width = 22 * mm
    widths = [report.width - date_width * len(chart.points)] + [date_width] * len(chart.points)
    rows = [header]
    for row in chart.criteria:
        rows.append([report.p(f"<b>{markup(row.key)}</b> {markup(row.label)}", "cell")] + [
            report.p(markup("–" if v is None else w.percent(v)), "cell-right") for v in row.values
        ])
    rows.append([report.p(markup(w("Overall")), "cell")] + [
        report.p(f"<b>{markup('–' if p.overall is None else w.percent(p.overall))}</b>",
                 "cell-right") for p in chart.points
    ])
    story.append(report.table(rows, widths))
    comparison = chart.comparison
    if comparison is None:
        return story
    for title, items in (
        (N_("Closed since last time"), [(q, "") for q in comparison.closed]),
        (N_("New gaps"), [(q, "") for q in comparison.new_gaps]),
        (N_("Answers that score less"), [
            (r.question_id, f"{w.percent(r.old_score)} → {w.percent(r.new_score)}")
            for r in comparison.regressions
        ]),
    ):
        story.append(report.say(title, "h2"))
        if not items:
            story.append(report.say("None.", "note"))
        for question_id, detail in items:
            text = f"<b>{markup(question_id)}</b> {markup(question_text(report, question_id))}"
            if detail:
                text += f" — {markup(detail)}"
            story.append(report.p(text, "bullet", "•"))
    return story


def question_text(report: ReadinessReport, question_id: str) -> str:
    questionnaire: Questionnaire = report.questionnaire
    if not questionnaire.has_question(question_id):
        return ""
    return report.words.text(questionnaire.question(question_id).text)


def _shown(answer: Answer | None, words: Words) -> str:
    if answer is None or not answer.answered:
        return words("unanswered")
    if answer.not_applicable:
        return words("not applicable: {reason}").format(reason=answer.na_reason or "")
    value = answer.value
    if isinstance(value, bool):
        return words("yes") if value else words("no")
    if isinstance(value, dt.date):
        return words.date(value)
    return str(value)


def changes_section(
    report: ReadinessReport, baseline_date: dt.date, changes: Sequence[AnswerDiff]
) -> list[Flowable]:
    """Each changed answer since the baseline: old → new, with the comment and evidence added."""
    w = report.words
    story: list[Flowable] = [
        CondPageBreak(40 * mm),
        report.say("Changes since {date}", "h1", date=w.date(baseline_date)),
        report.p(markup(w.count(
            len(changes), "{n} answer changed: a validator re-checks only these.",
            "{n} answers changed: a validator re-checks only these."))),
    ]
    for change in changes:
        story.append(report.p(
            f"<b>{markup(change.question_id)}</b> {markup(question_text(report, change.question_id))}",
            "body"))
        story.append(report.p(
            f"{markup(_shown(change.old, w))} → <b>{markup(_shown(change.new, w))}</b>", "bullet",
            "•"))
        old_comment = change.old.comment if change.old else ""
        new_comment = change.new.comment if change.new else ""
        if new_comment and new_comment != old_comment:
            story.append(report.say("Comment: {text}", "note", text=new_comment))
        for name in change.evidence_added:
            story.append(report.say("Evidence added: {name}", "note", name=name))
    return story
