"""The review report: a customs officer's review of one submission as PDF (DESIGN §8, issue 7).

Submission, score card, review and (for a resubmission) the changes since the previous one in;
PDF bytes out. It uses the readiness report's page geometry, stylesheet, table helpers and
page furniture, so both print alike; every piece of user text goes through ``markup``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Spacer,
)

from aeo_assess.domain.assessment import Answer, Assessment, Evidence
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.review import (
    Change,
    ChangeKind,
    Finding,
    Outcome,
    Review,
    Severity,
    SubmissionDiff,
    Verdict,
)
from aeo_assess.domain.scorecard import Conclusion, ScoreCard
from aeo_assess.reporting.readiness import Column, ReadinessReport
from aeo_assess.reporting.style import (
    INK,
    MUTED,
    RULE,
    ZEBRA,
)
from aeo_assess.reporting.words import N_, markup
from aeo_assess.scoring.visibility import is_visible

VERDICT_NAMES: Mapping[Verdict | None, str] = {
    Verdict.ACCEPTED: N_("Accepted"),
    Verdict.NOT_ACCEPTED: N_("Not accepted"),
    Verdict.NEEDS_EVIDENCE: N_("Needs evidence"),
    None: N_("Not reviewed"),
}
SEVERITY_NAMES: Mapping[Severity, str] = {
    Severity.CRITICAL: N_("Critical"),
    Severity.MAJOR: N_("Major"),
    Severity.MINOR: N_("Minor"),
    Severity.OBSERVATION: N_("Observation"),
}
OUTCOME_NAMES: Mapping[Outcome | None, str] = {
    Outcome.GRANT: N_("Grant"),
    Outcome.GRANT_AFTER_IMPROVEMENTS: N_("Grant after improvements"),
    Outcome.REFUSE: N_("Refuse"),
    Outcome.FURTHER_REVIEW: N_("Further review"),
    None: N_("No recommendation yet"),
}
CHANGE_NAMES: Mapping[ChangeKind, str] = {
    ChangeKind.ADDED: N_("Added"),
    ChangeKind.CHANGED: N_("Changed"),
    ChangeKind.REMOVED: N_("Removed"),
}
VERDICT_COLOURS: Mapping[Verdict | None, colors.Color] = {
    Verdict.ACCEPTED: colors.HexColor("#1B7F3B"),
    Verdict.NOT_ACCEPTED: colors.HexColor("#B00020"),
    Verdict.NEEDS_EVIDENCE: colors.HexColor("#A35200"),
    None: MUTED,
}
"""The review screen's colours, so that screen and paper agree."""
SEVERITY_COLOURS: Mapping[Severity, colors.Color] = {
    Severity.CRITICAL: colors.HexColor("#B00020"),
    Severity.MAJOR: colors.HexColor("#A35200"),
    Severity.MINOR: colors.HexColor("#5A5A00"),
    Severity.OBSERVATION: colors.HexColor("#33537A"),
}


class ReviewReport(ReadinessReport):
    """Builds the review report's story with the readiness report's geometry and helpers."""

    signature_height = 55 * mm
    """Room the signature block needs: it is never split across pages."""

    def __init__(
        self,
        questionnaire: Questionnaire,
        assessment: Assessment,
        card: ScoreCard,
        review: Review,
        *,
        diff: SubmissionDiff | None,
        previous: Assessment | None,
        language: str,
        page_size: str,
        generated_at: dt.datetime,
        signatures: tuple[tuple[str, str], ...] = (),
        signature_warning: str = "",
    ) -> None:
        self.set_up_page(language, page_size, generated_at)
        self.signatures = signatures
        """Who signed the files the report is made from: (label, words), in its language."""
        self.signature_warning = signature_warning
        """Printed first when a file was unsigned or signed by a key nobody vouches for."""
        self.questionnaire = questionnaire
        self.assessment = assessment
        self.card = card
        self.review = review
        self.diff = diff
        self.previous = previous
        self.applicable = [
            q for q in questionnaire.questions() if is_visible(q, questionnaire, assessment)
        ]

    def render(self) -> bytes:
        w, a, q = self.words, self.assessment, self.questionnaire
        title = w("AEO review report")
        return self.build(
            title=f"{title}: {a.company}",
            author=self.review.reviewer or "aeo-assess",
            subject=f"{w.text(q.title)} {q.version}",
            keywords=["AEO", "WCO SAFE", w("review"), q.key, w.country(a.country)],
            header_left=a.company,
            footer_left=f"{title} · {w.text(q.title)} {q.version}",
            warning=w("Demonstration data") if a.demo else "",
        )

    def story(self) -> list[Flowable]:
        return [
            *self.heading(),
            *self.applicant_verdict(),
            *self.outcome(),
            *self.verdicts(),
            *self.findings(),
            *self.open_remarks(),
            *self.changes(),
            *self.signature(),
        ]

    # -- helpers ----------------------------------------------------------------------------

    def coloured(self, text: str, colour: colors.Color) -> str:
        return f'<font color="#{colour.hexval()[2:]}"><b>{markup(text)}</b></font>'

    def question_line(self, question_id: str) -> str:
        """``<b>id</b> text`` of a question, or the bare id for one the questionnaire lacks."""
        if not self.questionnaire.has_question(question_id):
            return f"<b>{markup(question_id)}</b>"
        text = self.words.text(self.questionnaire.question(question_id).text)
        return f"<b>{markup(question_id)}</b> {markup(text)}"

    def answer_text(self, question_id: str, answer: Answer | None) -> str:
        q = self.questionnaire
        if not q.has_question(question_id):
            return "–"
        text = self.words.answer(q, q.question(question_id), answer)
        if answer is not None and answer.na_reason:
            text = f"{self.words.label(text)} {answer.na_reason}"
        return text

    # -- sections ---------------------------------------------------------------------------

    def heading(self) -> list[Flowable]:
        w, a, q, r, card = self.words, self.assessment, self.questionnaire, self.review, self.card
        story: list[Flowable] = [
            self.p(f"{markup(w.text(q.title))} · {markup(q.version)}", "kicker"),
            self.say("AEO review report", "title"),
            self.p(markup(a.company), "company"),
        ]
        if a.demo:
            story += [self.say("Demonstration data: a synthetic company, not a real operator.",
                               "note"), Spacer(1, 4)]
        if r.received:
            story += [self.say("A review received from customs; it cannot be changed here.",
                               "note"), Spacer(1, 4)]
        if self.signature_warning:
            story += [self.p(markup(self.signature_warning), "note"), Spacer(1, 4)]
        details = [
            (w("Country"), w.country(a.country)),
            (w("Supply-chain roles"), w.roles(a.roles)),
            (w("AEO type"), w.aeo_types(a.aeo_types)),
            (w("Tax identifier"), a.tax_id),
            (w("Questionnaire"), f"{w.text(q.title)} ({q.id} {q.version})"),
            (w("Readiness level"), self.level_label()),
            (w("Overall score"), w.percent(card.overall)),
            (w("Questions answered"),
             f"{card.answered} / {card.applicable} ({w.percent(card.completeness)})"),
            (w("Musts not met"), str(len(card.blocking_gaps))),
            (w("Musts not yet answered"), str(len(card.open_musts))),
            (w("Submission"), r.submission_sha256),
            (w("Previous submission"),
             self.previous.submission_sha256 or "" if self.previous is not None else ""),
            (w("Reviewing officer"), r.reviewer),
            *self.signatures,
            (w("Report date"), w.date(self.generated_at.date())),
            (w("Report language"), w.language_name()),
        ]
        rows = [[self.p(markup(label), "cell-bold"),
                 self.p(markup(value), "hash" if len(value) == 64 and " " not in value
                        else "cell")]
                for label, value in details if value]
        story.append(self.table(rows, [45 * mm, self.width - 45 * mm], header=False))
        story.append(Spacer(1, 6 * mm))
        counts = r.verdict_counts()
        not_reviewed = max(r.total - r.reviewed, 0)
        figures = [
            (f"{r.reviewed} / {r.total}", w("Questions reviewed")),
            (str(counts[Verdict.ACCEPTED]), w("Accepted")),
            (str(counts[Verdict.NOT_ACCEPTED]), w("Not accepted")),
            (str(counts[Verdict.NEEDS_EVIDENCE]), w("Needs evidence")),
            (str(not_reviewed), w("Not reviewed")),
        ]
        fifth = self.width / len(figures)
        story.append(self.table(
            [[self.p(markup(f), "figure") for f, _ in figures],
             [self.p(markup(label), "figure-label") for _, label in figures]],
            [fifth] * len(figures),
            header=False,
            extra=[("BOX", (0, 0), (-1, -1), 0.6, RULE),
                   ("LINEBEFORE", (1, 0), (-1, -1), 0.4, RULE),
                   ("LINEBELOW", (0, 0), (-1, 0), 0, colors.white),
                   ("BACKGROUND", (0, 0), (-1, -1), ZEBRA)],
        ))
        severities = ", ".join(
            f"{w.label(w(SEVERITY_NAMES[s]))} {sum(1 for f in r.findings if f.severity is s)}"
            for s in Severity)
        story.append(self.p(markup(
            w.count(len(r.findings), "{n} finding", "{n} findings") + f" ({severities}) · "
            + w.count(len(r.open_remarks), "{n} open remark", "{n} open remarks")), "note"))
        return story

    def applicant_verdict(self) -> list[Flowable]:
        """The verdict the applicant's own answers give, as the officer must see it: the
        knock-outs, the criteria not met, and every must the applicant declared not applicable
        (the officer checks each reason)."""
        card = self.card
        story: list[Flowable] = [CondPageBreak(50 * mm), self.say("The applicant's verdict", "h1")]
        story += self.validator_words()
        not_met = [c for c in card.core_criteria
                   if c.conclusion in (Conclusion.NOT_MET, Conclusion.NOT_DEMONSTRATED)]
        if not_met:
            rows = [[self.p(markup(c.criterion_id), "cell-bold"),
                     self.p(markup(self.criterion_title(c.criterion_id)), "cell"),
                     self.p(markup(self.conclusion_words(c.conclusion)), "cell")]
                    for c in not_met]
            story += [Spacer(1, 4),
                      self.table(rows, [20 * mm, self.width - 70 * mm, 50 * mm], header=False)]
        story += self.declared_not_applicable()
        return story

    def outcome(self) -> list[Flowable]:
        w, r = self.words, self.review
        colour = {Outcome.GRANT: VERDICT_COLOURS[Verdict.ACCEPTED],
                  Outcome.REFUSE: VERDICT_COLOURS[Verdict.NOT_ACCEPTED]}.get(
                      r.outcome, INK) if r.outcome else MUTED
        rows = [[self.p(f"{markup(w.label(w('Recommended outcome')))} "
                        f"{self.coloured(w(OUTCOME_NAMES[r.outcome]), colour)}", "h2")]]
        if r.outcome_note:
            rows.append([self.p(markup(r.outcome_note))])
        return [Spacer(1, 4), self.table(rows, [self.width], header=False, extra=[
            ("BOX", (0, 0), (-1, -1), 0.8, colour),
            ("LINEBEFORE", (0, 0), (0, -1), 3, colour),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)])]

    def verdicts(self) -> list[Flowable]:
        w, r = self.words, self.review
        story: list[Flowable] = [CondPageBreak(60 * mm), self.say("Verdicts by criterion", "h1")]
        labels = [VERDICT_NAMES[v] for v in (*Verdict, None)]
        header, widths = self.head(
            Column("Criterion", 18 * mm), Column(""),
            *(Column(label, 17 * mm, right=True) for label in labels),
        )
        rows: list[list[Any]] = [header]
        totals = [0, 0, 0, 0]
        for criterion in self.questionnaire.criteria:
            ids = [q.id for q in self.applicable if q.criterion_id == criterion.id]
            if not ids:
                continue
            verdicts = [r.questions[i].verdict if i in r.questions else None for i in ids]
            counts = [sum(1 for v in verdicts if v is kind) for kind in (*Verdict, None)]
            totals = [t + c for t, c in zip(totals, counts, strict=True)]
            rows.append([self.p(markup(criterion.id), "cell-bold"),
                         self.p(markup(w.text(criterion.title)), "cell"),
                         *(self.p(str(c), "cell-right") for c in counts)])
        rows.append([self.say("Overall", "cell-bold"), self.p("", "cell"),
                     *(self.p(f"<b>{c}</b>", "cell-right") for c in totals)])
        story.append(self.table(rows, widths,
                                extra=[("LINEABOVE", (0, -1), (-1, -1), 0.8, MUTED)]))
        judged = [(q, r.questions[q.id]) for q in self.applicable
                  if q.id in r.questions and r.questions[q.id].verdict in
                  (Verdict.NOT_ACCEPTED, Verdict.NEEDS_EVIDENCE)]
        story += [CondPageBreak(40 * mm),
                  self.say("Answers not accepted or needing evidence", "h2")]
        if not judged:
            return [*story, self.say("None: no answer was judged not accepted or lacking "
                                     "evidence.")]
        header, widths = self.head(Column("Question"), Column("Answer", 40 * mm),
                                   Column("Verdict", 26 * mm))
        rows = [header]
        for question, judgement in judged:
            text = self.question_line(question.id)
            if judgement.remark:
                text += f"<br/><i>{markup(w('Remark'))}:</i> {markup(judgement.remark)}"
            verdict = judgement.verdict
            rows.append([self.p(text, "cell"),
                         self.p(markup(self.answer_text(question.id,
                                                        self.assessment.answer(question.id))),
                                "cell"),
                         self.p(self.coloured(w(VERDICT_NAMES[verdict]),
                                              VERDICT_COLOURS[verdict]), "cell")])
        return [*story, self.table(rows, widths)]

    def findings(self) -> list[Flowable]:
        w, r = self.words, self.review
        story: list[Flowable] = [CondPageBreak(50 * mm), self.say("Findings by severity", "h1")]
        if not r.findings:
            return [*story, self.say("The officer recorded no findings.")]
        for severity in Severity:
            found = [f for f in r.findings if f.severity is severity]
            if not found:
                continue
            story += [CondPageBreak(30 * mm),
                      self.p(self.coloured(f"{w(SEVERITY_NAMES[severity])} ({len(found)})",
                                           SEVERITY_COLOURS[severity]), "h2")]
            header, widths = self.head(Column("#", 10 * mm), Column("Criterion", 32 * mm),
                                       Column("Finding"), Column("Required action", 48 * mm),
                                       Column("Due date", 22 * mm))
            rows: list[list[Any]] = [header]
            rows += [self.finding_row(f) for f in found]
            story.append(self.table(rows, widths, extra=[
                ("LINEBEFORE", (0, 1), (0, -1), 2.5, SEVERITY_COLOURS[severity])]))
        return story

    def finding_row(self, f: Finding) -> list[Any]:
        w = self.words
        criterion = self.questionnaire.criterion(f.criterion_id) if f.criterion_id in {
            c.id for c in self.questionnaire.criteria} else None
        title = f"<br/>{markup(w.text(criterion.title))}" if criterion else ""
        return [self.p(markup(f.id), "cell"),
                self.p(f"<b>{markup(f.criterion_id)}</b>{title}", "cell-small"),
                self.p(markup(f.text), "cell"),
                self.p(markup(f.required_action) or "–", "cell"),
                self.p(markup(w.date(f.due)) or "–", "cell")]

    def open_remarks(self) -> list[Flowable]:
        w = self.words
        remarks = self.review.open_remarks
        story: list[Flowable] = [CondPageBreak(40 * mm), self.say("Open remarks", "h1")]
        if not remarks:
            return [*story, self.say("No remark is open.")]
        story.append(self.say_count(
            len(remarks),
            "{n} remark is open: the applicant is expected to answer it in the next submission.",
            "{n} remarks are open: the applicant is expected to answer them in the next "
            "submission."))
        story.append(Spacer(1, 4))
        header, widths = self.head(Column("Question"), Column("Remark", 70 * mm),
                                   Column("Verdict", 26 * mm))
        rows: list[list[Any]] = [header]
        for q in remarks:
            rows.append([self.p(self.question_line(q.question_id), "cell"),
                         self.p(markup(q.remark), "cell"),
                         self.p(self.coloured(w(VERDICT_NAMES[q.verdict]),
                                              VERDICT_COLOURS[q.verdict]), "cell")])
        return [*story, self.table(rows, widths)]

    def changes(self) -> list[Flowable]:
        if self.diff is None:
            return []
        w, diff = self.words, self.diff
        story: list[Flowable] = [CondPageBreak(50 * mm),
                                 self.say("Changes since the last submission", "h1")]
        if diff.empty:
            return [*story, self.say("Nothing changed since the previous submission.")]
        story.append(self.say(
            "Changed since the previous submission: {answers}, {comments} and {evidence}.",
            answers=w.count(len(diff.answers), "{n} answer", "{n} answers"),
            comments=w.count(len(diff.comments), "{n} comment", "{n} comments"),
            evidence=w.count(len(diff.evidence), "{n} evidence file", "{n} evidence files")))
        story.append(Spacer(1, 4))
        header, widths = self.head(Column("Question", 24 * mm), Column("What", 22 * mm),
                                   Column("Change", 20 * mm), Column("Before"), Column("Now"))
        half = widths[3] / 2  # ``head`` gives each open column the whole rest
        widths = [*widths[:3], half, half]
        rows: list[list[Any]] = [header]
        for change in diff.changes:
            what, before, after = self.describe(change)
            rows.append([self.p(f"<b>{markup(change.question_id or w('(no question)'))}</b>",
                                "cell"),
                         self.p(markup(what), "cell"),
                         self.p(markup(w(CHANGE_NAMES[change.kind])), "cell"),
                         self.p(markup(before) or "–", "cell"),
                         self.p(markup(after) or "–", "cell")])
        return [*story, self.table(rows, widths)]

    def describe(
        self, change: Change[Answer] | Change[str] | Change[Evidence]
    ) -> tuple[str, str, str]:
        """What changed, and its before and after in words."""
        w = self.words
        old, new = change.old, change.new
        if isinstance(old, Evidence) or isinstance(new, Evidence):
            return (w("Evidence"),
                    self.evidence_text(old) if isinstance(old, Evidence) else "",
                    self.evidence_text(new) if isinstance(new, Evidence) else "")
        if isinstance(old, str) or isinstance(new, str):
            return (w("Comment"), old if isinstance(old, str) else "",
                    new if isinstance(new, str) else "")
        return (w("Answer"),
                self.answer_text(change.question_id, old) if isinstance(old, Answer) else "",
                self.answer_text(change.question_id, new) if isinstance(new, Answer) else "")

    def evidence_text(self, item: Evidence) -> str:
        return f"{item.name} ({self.words.size(item.size)}, SHA-256 {item.sha256[:12]}…)"

    def signature(self) -> list[Flowable]:
        r = self.review
        line = "_" * 34
        rows = [
            [self.say("Reviewing officer", "cell-bold"), self.p(markup(r.reviewer) or line, "cell")],
            [self.say("Date", "cell-bold"), self.p(line, "cell")],
            [self.say("Signature", "cell-bold"), self.p("", "cell")],
            [self.say("Official stamp", "cell-bold"), self.p("", "cell")],
        ]
        block = self.table(rows, [45 * mm, self.width - 45 * mm], header=False, extra=[
            ("BOX", (0, 0), (-1, -1), 0.8, MUTED),
            ("LINEBELOW", (1, 2), (1, 2), 0.8, INK),
            ("BOTTOMPADDING", (0, 2), (-1, 3), 22),
            ("TOPPADDING", (0, 0), (-1, -1), 7),
            ("BACKGROUND", (0, 0), (-1, -1), colors.white),
        ])
        note = self.say(
            "The officer's signature confirms this review of the submission identified by the "
            "SHA-256 above; the applicant's answers were not changed.", "muted")
        return [CondPageBreak(self.signature_height),
                KeepTogether([self.say("Signature of the reviewing officer", "h1"), block,
                              Spacer(1, 4), note])]


def render_review_report(
    questionnaire: Questionnaire,
    assessment: Assessment,
    card: ScoreCard,
    review: Review,
    *,
    diff: SubmissionDiff | None = None,
    previous: Assessment | None = None,
    language: str,
    page_size: str,
    generated_at: dt.datetime,
    signatures: tuple[tuple[str, str], ...] = (),
    signature_warning: str = "",
) -> bytes:
    """The review report as PDF bytes; the changes section appears when ``diff`` is given."""
    return ReviewReport(
        questionnaire,
        assessment,
        card,
        review,
        diff=diff,
        previous=previous,
        language=language,
        page_size=page_size,
        generated_at=generated_at,
        signatures=signatures,
        signature_warning=signature_warning,
    ).render()
