"""Paper forms of a questionnaire (issue 18): the questions for chosen roles and AEO types with
tick boxes and writing lines, optionally pre-filled with an assessment's answers for a meeting,
and the evidence checklist per criterion. Questionnaire in, PDF bytes out.

Each question prints its id and each answer its key (``3``, ``yes``, an option's value), so that
a facilitator can type a filled form back in as ``A.01 3`` lines (the editor's fast entry).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from aeo_assess.domain.assessment import Answer, Assessment
from aeo_assess.domain.questionnaire import Criterion, Question, Questionnaire, QuestionType
from aeo_assess.reporting.readiness import KIND_NAMES, Column, ReadinessReport
from aeo_assess.reporting.style import RULE, ZEBRA
from aeo_assess.reporting.text import Text
from aeo_assess.reporting.words import markup
from aeo_assess.scoring.visibility import fits_profile

BOX = "☐"
TICKED = "☒"
"""DejaVu Sans draws both; a ticked box stays legible when photocopied."""


class WritingLines(Flowable):
    """Ruled lines to write on; a pre-filled form prints the text above them."""

    def __init__(self, count: int, spacing: float = 7 * mm) -> None:
        super().__init__()
        self.count = count
        self.spacing = spacing

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.count * self.spacing
        return self.width, self.height

    def draw(self) -> None:
        canvas: Any = self.canv
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        for number in range(self.count):
            y = number * self.spacing
            canvas.line(0, y, self.width, y)


@dataclass(frozen=True)
class Choice:
    """One tick box of a question: the key typed back in, the printed label, ticked or not."""

    key: str
    label: str
    ticked: bool = False


def profile_questions(
    questionnaire: Questionnaire, roles: frozenset[str], aeo_types: frozenset[str]
) -> list[Question]:
    """The questions that apply to the roles and AEO types (``scoring.visibility``'s profile
    rule); ``show_if`` questions stay, with the condition printed, since paper cannot hide them."""
    profile = Assessment(questionnaire.id, questionnaire.version, "", "", roles, aeo_types)
    return [q for q in questionnaire.questions() if fits_profile(q, profile)]


class QuestionnaireForm(ReadinessReport):
    """The printable questionnaire, blank or pre-filled with ``assessment``'s answers."""

    question_start_height = 45 * mm
    """Room a question needs to start on a page: its text, boxes and first writing line."""

    def __init__(
        self,
        questionnaire: Questionnaire,
        *,
        roles: frozenset[str],
        aeo_types: frozenset[str],
        language: str,
        page_size: str,
        generated_at: dt.datetime,
        assessment: Assessment | None = None,
    ) -> None:
        self.set_up_page(language, page_size, generated_at)
        self.questionnaire = questionnaire
        self.roles = roles
        self.aeo_types = aeo_types
        self.filled = assessment
        self.questions = profile_questions(questionnaire, roles, aeo_types)
        self.ids = {question.id for question in self.questions}

    def title(self) -> str:
        w = self.words
        return w("Pre-filled questionnaire") if self.filled else w("Blank questionnaire")

    def render(self) -> bytes:
        w, q = self.words, self.questionnaire
        owner = self.filled.company if self.filled else w.text(q.title)
        return self.build(
            title=f"{self.title()}: {w.text(q.title)} {q.version}",
            author=self.filled.company if self.filled else "aeo-assess",
            subject=f"{w.text(q.title)} {q.version}",
            keywords=["AEO", "WCO SAFE", q.key, w.roles(self.roles)],
            header_left=owner,
            footer_left=f"{self.title()} · {w.text(q.title)} {q.version}",
            warning=w("Demonstration data") if self.filled and self.filled.demo else "",
        )

    def story(self) -> list[Flowable]:
        story = self.front_page()
        for criterion in self.questionnaire.criteria:
            story += self.criterion_section(criterion)
        return story

    # -- sections ---------------------------------------------------------------------------

    def details(self) -> list[tuple[str, str]]:
        w, q = self.words, self.questionnaire
        return [
            (w("Questionnaire"), f"{w.text(q.title)} ({q.id} {q.version})"),
            (w("Supply-chain roles"), w.roles(self.roles)),
            (w("AEO type"), w.aeo_types(self.aeo_types)),
            (w("Questions"), str(len(self.questions))),
            (w("Report language"), w.language_name()),
        ]

    def details_table(self) -> Flowable:
        """The form's profile, then company (typed on a pre-filled form), filled in by and
        date, with room to write them."""
        w = self.words
        rows = [[self.p(markup(label), "cell-bold"), self.p(markup(value), "cell")]
                for label, value in self.details()]
        company = self.filled.company if self.filled else ""
        for label, value in ((w("Company"), company), (w("Filled in by"), ""), (w("Date"), "")):
            rows.append([self.p(markup(label), "cell-bold"), self.p(markup(value), "cell")])
        blank = [("BOTTOMPADDING", (0, len(rows) - 3), (-1, -1), 12)]
        return self.table(rows, [45 * mm, self.width - 45 * mm], header=False, extra=blank)

    def front_page(self) -> list[Flowable]:
        w, q = self.words, self.questionnaire
        story: list[Flowable] = [
            self.p(f"{markup(w.text(q.title))} · {markup(q.version)}", "kicker"),
            self.p(markup(self.title()), "title"),
        ]
        if self.filled is not None:
            story.append(self.p(markup(self.filled.company), "company"))
            if self.filled.demo:
                story.append(self.say(
                    "Demonstration data: a synthetic company, not a real operator.", "note"))
        story += [self.details_table(), Spacer(1, 6 * mm)]
        story.append(self.say("How to fill it in", "h2"))
        story.append(self.say(
            "Tick one box per question, or tick “Not applicable” and say why. Write comments on "
            "the lines. The key printed beside each box (for example {example}) is what is typed "
            "back in, after the question's id."
            , example=f"{self.questions[0].id if self.questions else 'A.01'} 3"))
        if q.maturity_scale:
            story.append(self.say("Maturity levels", "h3"))
            header, widths = self.head(Column("Level", 40 * mm), Column("Meaning"))
            rows: list[list[Any]] = [header]
            rows += [[self.p(markup(w.text(m.label)), "cell-bold"),
                      self.p(markup(w.text(m.description)), "cell")]
                     for m in q.maturity_scale]
            story.append(self.table(rows, widths))
        return [*story, PageBreak()]

    def criterion_section(self, criterion: Criterion) -> list[Flowable]:
        mine = [x for x in criterion.questions if x.id in self.ids]
        if not mine:
            return []
        w = self.words
        story: list[Flowable] = [
            CondPageBreak(self.question_start_height + 25 * mm),
            self.p(f"{markup(criterion.id)} · {markup(w.text(criterion.title))}", "h1"),
            self.p(markup(w.text(criterion.summary)), "muted"),
        ]
        for question in mine:
            story += [CondPageBreak(self.question_start_height), self.question_block(question)]
        return story

    # -- one question -----------------------------------------------------------------------

    def answer_of(self, question: Question) -> Answer | None:
        return self.filled.answer(question.id) if self.filled else None

    def choices(self, question: Question, answer: Answer | None) -> list[Choice]:
        """The tick boxes of a question; empty for number, text and date questions."""
        w = self.words
        value = answer.value if answer is not None else None
        if question.type is QuestionType.MATURITY:
            return [Choice(str(m.value), w.text(m.label), value == m.value)
                    for m in self.questionnaire.maturity_scale]
        if question.type is QuestionType.YES_NO:
            return [Choice("yes", w("Yes"), value is True), Choice("no", w("No"), value is False)]
        if question.type is QuestionType.CHOICE:
            return [Choice(o.value, w.text(o.label), value == o.value) for o in question.options]
        return []

    def box(self, choice: Choice) -> Text:
        mark = TICKED if choice.ticked else BOX
        key = f' <font color="#5F6B7A">[{markup(choice.key)}]</font>'
        return self.p(f"{mark} {markup(choice.label)}{key}", "cell")

    def question_block(self, question: Question) -> Flowable:
        w = self.words
        answer = self.answer_of(question)
        tag = f" [{markup(w(KIND_NAMES[question.kind]))}]" if question.blocking else ""
        block: list[Flowable] = [
            self.p(f"<b>{markup(question.id)}</b>{tag} {markup(w.text(question.text))}", "h3"),
        ]
        guidance = w.text(question.guidance)
        if guidance:
            block.append(self.p(markup(guidance), "muted"))
        if question.show_if is not None:
            condition = question.show_if
            shown = self.condition_text(condition.question, condition.equals)
            block.append(self.say("Only if {question} is answered {answer}.", "note",
                                  question=condition.question, answer=shown))
        if question.evidence:
            block.append(self.say("Evidence a validator will ask for:", "cell-bold"))
            block += [self.p(markup(w.text(e)), "bullet", "•") for e in question.evidence]
        block.append(self.answer_table(question, answer))
        block.append(self.say("Comments:", "cell-small"))
        comment = answer.comment if answer is not None else ""
        if comment:
            block.append(self.p(markup(comment), "indent"))
        block += [WritingLines(1 if comment else 2), Spacer(1, 3 * mm)]
        return KeepTogether(block)

    def answer_table(self, question: Question, answer: Answer | None) -> Flowable:
        """Tick boxes (or the line for a typed answer) then "Not applicable" where the question
        allows it, two to a row (four for yes/no); the last cell spans what is left of its row."""
        w = self.words
        choices = self.choices(question, answer)
        columns = 4 if question.type is QuestionType.YES_NO else 2
        cells = [self.box(c) for c in choices] or [self.written_answer(question, answer)]
        if question.na_allowed:  # an eligibility condition applies to every applicant
            na = answer is not None and answer.not_applicable
            reason = answer.na_reason or "" if answer is not None else ""
            cells.append(self.p(f"{TICKED if na else BOX} {markup(w('Not applicable, because:'))} "
                                f"<b>{markup(reason)}</b>", "cell"))
        spare = -len(cells) % columns
        cells += [self.p("", "cell")] * spare
        rows = [cells[i:i + columns] for i in range(0, len(cells), columns)]
        extra: list[tuple[Any, ...]] = [("LINEBELOW", (0, 0), (-1, -1), 0, ZEBRA)]
        if spare:
            extra.append(("SPAN", (columns - spare - 1, -1), (-1, -1)))
        if not choices:  # room to write the answer above a rule
            extra += [("TOPPADDING", (0, 0), (0, 0), 12), ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                      ("LINEBELOW", (0, 0), (0, 0), 0.5, RULE)]
        return self.table(rows, [self.width / columns] * columns, header=False, extra=extra)

    def written_answer(self, question: Question, answer: Answer | None) -> Text:
        """The cell of a number, text or date answer: its format and any typed value."""
        w = self.words
        hint = {
            QuestionType.NUMBER: w("Answer (a number):"),
            QuestionType.DATE: w("Answer (a date, YYYY-MM-DD):"),
        }.get(question.type, w("Answer:"))
        typed = ""
        if answer is not None and answer.value is not None:
            value = answer.value
            typed = value.isoformat() if isinstance(value, dt.date) else str(value)
        return self.p(f"{markup(hint)} <b>{markup(typed)}</b>", "cell")

    def condition_text(self, question_id: str, equals: bool | str | int) -> str:
        q, w = self.questionnaire, self.words
        if isinstance(equals, bool):
            return w("Yes") if equals else w("No")
        if q.has_question(question_id):
            option = q.question(question_id).option(str(equals))
            if option is not None:
                return w.text(option.label)
        return str(equals)


class EvidenceChecklist(QuestionnaireForm):
    """What to gather before a validation visit, per criterion, with "have it" and "where"
    columns to fill in by hand."""

    def title(self) -> str:
        return self.words("Evidence checklist")

    def story(self) -> list[Flowable]:
        w, q = self.words, self.questionnaire
        story: list[Flowable] = [
            self.p(f"{markup(w.text(q.title))} · {markup(q.version)}", "kicker"),
            self.p(markup(self.title()), "title"),
            self.details_table(),
            Spacer(1, 4 * mm),
            self.say("Each line is a document or record a validator will ask to see. Tick "
                     "“Have it” when it is at hand and write where it is kept."),
        ]
        for criterion in q.criteria:
            items: dict[str, list[str]] = {}
            for question in criterion.questions:
                if question.id in self.ids:
                    for evidence in question.evidence:
                        items.setdefault(w.text(evidence), []).append(question.id)
            if not items:
                continue
            story += [CondPageBreak(40 * mm),
                      self.p(f"{markup(criterion.id)} · {markup(w.text(criterion.title))}", "h2")]
            header, widths = self.head(
                Column("#", 8 * mm, right=True), Column("Evidence"),
                Column("Questions", 22 * mm), Column("Have it", 14 * mm),
                Column("Where", 45 * mm))
            rows: list[list[Any]] = [header]
            for number, (text, ids) in enumerate(items.items(), start=1):
                rows.append([self.p(str(number), "cell-right"), self.p(markup(text), "cell"),
                             self.p(markup(", ".join(ids)), "cell-small"),
                             self.p(BOX, "cell"), self.p("", "cell")])
            story.append(self.table(rows, widths, extra=[  # room to write where it is kept
                ("BOTTOMPADDING", (0, 1), (-1, -1), 9)]))
        return story


def render_questionnaire_form(
    questionnaire: Questionnaire,
    *,
    roles: frozenset[str],
    aeo_types: frozenset[str],
    language: str,
    page_size: str,
    generated_at: dt.datetime,
    assessment: Assessment | None = None,
    checklist: bool = False,
) -> bytes:
    """The printable questionnaire (pre-filled when ``assessment`` is given), or with
    ``checklist`` the evidence checklist, as PDF bytes."""
    kind = EvidenceChecklist if checklist else QuestionnaireForm
    return kind(questionnaire, roles=roles, aeo_types=aeo_types, language=language,
                page_size=page_size, generated_at=generated_at, assessment=assessment).render()
