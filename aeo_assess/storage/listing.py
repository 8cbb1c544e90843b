"""The assessment list and the officer's queue a page at a time, searched and sorted in SQL.

A national database holds 100,000 assessments: the desktop shows the first page at once and
reads the next ones as the user scrolls, so nothing here ever reads every row. Searching
compares folded words against the stored ``search`` column (``domain.search``), the same way on
SQLite and PostgreSQL; words may also name a country, a status or demonstration data, which
the caller resolves in the user's language beforehand (``Term``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    and_,
    case,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session, aliased

from aeo_assess.domain.assessment import Status
from aeo_assess.domain.review import Outcome
from aeo_assess.domain.search import fold
from aeo_assess.storage.models import AssessmentRow, CycleRow, QuestionnaireRow, UpgradeRow
from aeo_assess.storage.repository import AssessmentSummary, summary_from_row
from aeo_assess.storage.review_models import QuestionReviewRow, ReviewRow

type Rows = Select[*tuple[Any, ...]]


class SortKey(StrEnum):
    """The list's columns as SQL can order them: the country by its code, the readiness level
    by the overall score (the levels are bands of it)."""

    COMPANY = "company"
    COUNTRY = "country"
    QUESTIONNAIRE = "questionnaire"
    STATUS = "status"
    COMPLETENESS = "completeness"
    LEVEL = "level"
    CHANGED = "changed"


@dataclass(frozen=True)
class Term:
    """One typed word: it matches the company name or tax id, or any of the countries and
    statuses whose names (in the user's language) contain it, or demonstration rows."""

    word: str
    countries: frozenset[str] = frozenset()
    statuses: frozenset[Status] = frozenset()
    demo: bool = False


@dataclass(frozen=True)
class ListQuery:
    terms: tuple[Term, ...] = ()
    sort: SortKey = SortKey.CHANGED
    descending: bool = True
    show_demo: bool = True
    show_history: bool = False
    """Earlier cycles of a company that has a later one are folded (left out) until asked."""


@dataclass(frozen=True)
class Page:
    rows: list[AssessmentSummary]
    matching: int
    """How many assessments the query finds in all (the pages still to read included)."""
    total: int
    """How many assessments the database holds."""
    has_demo: bool = False
    """Whether any of them is demonstration data (shown or not)."""
    has_history: bool = False
    """Whether any of them is an earlier cycle of a company with a later one (shown or not)."""


@dataclass(frozen=True)
class QueueRow:
    assessment_id: str
    company: str
    country: str
    reviewed: int
    total: int
    outcome: Outcome | None


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    matching: int


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _matches(term: Term) -> ColumnElement[bool]:
    a = AssessmentRow
    alternatives: list[ColumnElement[bool]] = [a.search.like(_like(fold(term.word)), escape="\\")]
    if term.countries:
        alternatives.append(a.country.in_(sorted(term.countries)))
    if term.statuses:
        alternatives.append(a.status.in_(sorted(s.value for s in term.statuses)))
    if term.demo:
        alternatives.append(a.demo == true())
    return or_(*alternatives)


def _same_questionnaire(other: Any) -> ColumnElement[bool]:
    """``other`` is on a version of the row's questionnaire: tested only for the few rows the
    company key finds, so it costs no lookup per row listed."""
    mine, same = aliased(QuestionnaireRow), aliased(QuestionnaireRow)
    questionnaire_id = (
        select(mine.questionnaire_id)
        .where(mine.pk == AssessmentRow.questionnaire_pk)
        .correlate(AssessmentRow)
        .scalar_subquery()
    )
    pk: ColumnElement[int] = other.questionnaire_pk
    return pk.in_(select(same.pk).where(same.questionnaire_id == questionnaire_id))


def _company_key(other: Any) -> list[ColumnElement[bool]]:
    """``other`` has the row's tax id (case aside), country and demo flag: the equalities
    ``ix_assessments_company_key`` answers with one probe."""
    a = AssessmentRow
    return [
        func.lower(other.tax_id) == func.lower(a.tax_id),
        other.country == a.country,
        other.demo == a.demo,
    ]


def superseded() -> ColumnElement[bool]:
    """An earlier cycle of a company that has a later assessment, which the list folds (issue
    17): followed by a next cycle, or (with a tax id, and not an upgrade's copy) another
    assessment of the company, on the same questionnaire and not an upgrade's copy, was
    started after it. Two index probes a row, so the first page still walks the order's
    index and stops at a page. A company only related through a third assessment (a cycle
    whose tax id changed) is not folded."""
    # Aliases: the list's own select joins cycles and upgrades, which would correlate away.
    a, following, later = AssessmentRow, aliased(CycleRow), aliased(AssessmentRow)
    later_one = exists().where(
        *_company_key(later),
        or_(
            later.created_at > a.created_at,
            and_(later.created_at == a.created_at, later.id > a.id),
        ),
        _same_questionnaire(later),
        ~exists().where(aliased(UpgradeRow).archive_id == later.id),
    )
    return or_(
        exists().where(following.previous_id == a.id),
        and_(
            func.trim(a.tax_id) != "",
            later_one,
            ~exists().where(aliased(UpgradeRow).archive_id == a.id),
        ),
    )


def _earlier_count() -> Any:
    """How many of the company's assessments came before the row by tax id and country (the
    details panel's 'N earlier assessments'), counted for one page's rows only."""
    a, earlier = AssessmentRow, aliased(AssessmentRow)
    return (
        select(func.count())
        .select_from(earlier)
        .where(
            func.trim(a.tax_id) != "",
            *_company_key(earlier),
            or_(
                earlier.created_at < a.created_at,
                and_(earlier.created_at == a.created_at, earlier.id < a.id),
            ),
            _same_questionnaire(earlier),
            ~exists().where(aliased(UpgradeRow).archive_id == earlier.id),
        )
        .scalar_subquery()
    )


def _where(query: ListQuery) -> list[ColumnElement[bool]]:
    """The typed words' conditions (a search)."""
    return [_matches(term) for term in query.terms if term.word]


def _filters(query: ListQuery) -> list[ColumnElement[bool]]:
    """What the view leaves out whatever is typed: demonstration data, when hidden."""
    return [] if query.show_demo else [AssessmentRow.demo == false()]


def _order(query: ListQuery) -> list[Any]:
    a, q = AssessmentRow, QuestionnaireRow
    completeness = case((a.applicable == 0, literal(1.0)), else_=a.answered * 1.0 / a.applicable)
    keys: dict[SortKey, list[Any]] = {
        SortKey.COMPANY: [a.search],
        SortKey.COUNTRY: [a.country],
        SortKey.QUESTIONNAIRE: [q.questionnaire_id, q.version],
        SortKey.STATUS: [a.status],
        SortKey.COMPLETENESS: [completeness],
        SortKey.LEVEL: [func.coalesce(a.overall, -1.0)],
        SortKey.CHANGED: [a.updated_at],
    }
    # The id breaks ties, so that pages read one after another never repeat or skip a row.
    columns = [*keys[query.sort], a.id]
    return [c.desc() if query.descending else c.asc() for c in columns]


def _summaries(found: Iterable[Row[Any]]) -> list[AssessmentSummary]:
    return [
        summary_from_row(
            r,
            superseded=bool(r.superseded),
            earlier_cycles=max(int(r.earlier_count), r.previous_cycle_id is not None),
        )
        for r in found
    ]


def _summary_select() -> Rows:
    a, q = AssessmentRow, QuestionnaireRow
    following = aliased(CycleRow)
    return (
        select(
            a.id, a.company, a.country, q.questionnaire_id, q.version, a.status, a.demo,
            a.applicable, a.answered, a.overall, a.level, a.blocking_gaps, a.updated_at,
            a.provisional, UpgradeRow.assessment_id.label("archived_into"),
            a.tax_id, a.created_at, a.certified_on, a.next_review_on,
            CycleRow.previous_id.label("previous_cycle_id"),
            following.assessment_id.label("next_cycle_id"),
            superseded().label("superseded"),
            _earlier_count().label("earlier_count"),
        )
        .join(q, a.questionnaire_pk == q.pk)
        .outerjoin(UpgradeRow, UpgradeRow.archive_id == a.id)
        .outerjoin(CycleRow, CycleRow.assessment_id == a.id)
        .outerjoin(following, following.previous_id == a.id)
    )


def list_page(
    session: Session, query: ListQuery, offset: int = 0, limit: int = 200, *, count: bool = True
) -> Page:
    """``limit`` rows from ``offset`` in the query's order, with how many match and exist
    (``count=False`` skips both counts when a later page is read: they are known)."""
    words, filters = _where(query), _filters(query)
    order = _order(query)
    folded = _fold(query)
    a, q = AssessmentRow, QuestionnaireRow
    if not words:
        # The page's ids first, sorted on the order's columns alone (walking the order's index
        # where there is one), then the summaries of those rows only: sorting every row with
        # all its columns and joins took twice as long at 100,000 rows. How many match is
        # counted apart (``_counts``), never by reading every row's summary.
        page_ids = (
            select(a.id).join(q, a.questionnaire_pk == q.pk).where(*filters, *folded)
            .order_by(*order).offset(offset).limit(limit)
        )
        statement = _summary_select().where(a.id.in_(page_ids.scalar_subquery()))
        rows = _summaries(session.execute(statement.order_by(*order)))
        matching = -1
    else:
        # The matches first, then only they are sorted (walking the order's index and testing
        # every row reads the whole table when the words are rare), and counted in the same
        # pass: a search reads the table once.
        matches = select(a.id).where(*words, *filters).scalar_subquery()
        counted = (
            _summary_select().where(a.id.in_(matches), *folded)
            .order_by(*order).offset(offset).limit(limit)
            .add_columns(func.count().over().label("matching"))
        )
        found = session.execute(counted).all()
        rows = _summaries(found)
        matching = found[0].matching if found else 0
    if not count:
        return Page(rows, -1, -1)
    total, demo, hidden, hidden_real = _counts(session)
    if matching < 0:
        shown = total if query.show_demo else total - demo
        left_out = 0 if query.show_history else hidden if query.show_demo else hidden_real
        matching = shown - left_out
    return Page(rows, matching, total, demo > 0, hidden > 0)


def _counts(session: Session) -> tuple[int, int, int, int]:
    """How many assessments exist, are demonstration data, are folded, and are folded real
    data. The folded ones (``_hidden``) are found once, and joined to their rows by key: an
    outer join of every row to them cost a quarter more at 100,000 rows."""
    a = AssessmentRow
    total = session.scalar(select(func.count()).select_from(a)) or 0
    demo = session.scalar(select(func.count()).where(a.demo == true())) or 0
    hidden = _hidden().subquery()
    folded = session.execute(
        select(func.count(), func.count(case((a.demo == false(), 1))))
        .select_from(hidden).join(a, a.id == hidden.c[0])
    ).one()
    return total, demo, folded[0], folded[1]


def _fold(query: ListQuery) -> list[ColumnElement[bool]]:
    """The condition leaving out earlier cycles, in the form that reads least: tested row by
    row (two index probes) when few rows are tested (a search's matches, or the newest first,
    which walks the index and stops at a page); otherwise against the set of folded ids,
    found once per query (``_hidden``), as a sort over every row would probe them all."""
    if query.show_history:
        return []
    if _where(query) or query.sort is SortKey.CHANGED:
        return [~superseded()]
    return [AssessmentRow.id.not_in(_hidden())]


def _hidden() -> Select[tuple[str]]:
    """The ids of the assessments the list folds. Only two kinds of rows can be: those a
    next cycle follows (all of them are), and those sharing a tax id, country and demo flag
    with another assessment, which a GROUP BY over ``ix_assessments_company_key`` finds;
    only those are tested, so this costs one index scan, not probes for every row."""
    a = AssessmentRow
    key = (func.lower(a.tax_id), a.country, a.demo)
    shared = (
        select(*(k.label(n) for k, n in zip(key, ("tax", "country", "demo"), strict=True)))
        .where(func.trim(a.tax_id) != "")
        .group_by(*key)
        .having(func.count() > 1)
        .subquery()
    )
    by_company = (
        select(a.id)
        .join(shared, and_(key[0] == shared.c.tax, a.country == shared.c.country,
                           a.demo == shared.c.demo))
        .where(superseded())
        .correlate(None)  # its own rows, also inside the list's select of assessments
    )
    followed = select(CycleRow.previous_id).correlate(None)
    return followed.union(by_company)  # type: ignore[return-value]


def summary_of(session: Session, assessment_id: str) -> AssessmentSummary | None:
    """One assessment's list line, wherever it is in the list (or None when it is gone)."""
    found = _summaries(session.execute(_summary_select().where(AssessmentRow.id == assessment_id)))
    return found[0] if found else None


def submission_queue(
    session: Session, terms: Sequence[Term] = (), offset: int = 0, limit: int = 100
) -> QueuePage:
    """Imported applicant files with their review progress, the work left first: those without
    an outcome, the least reviewed, then by company, latest first. One query however many files there are."""
    a, r, qr = AssessmentRow, ReviewRow, QuestionReviewRow
    # Verdicts counted once per review and joined, not counted again for every row sorted.
    verdicts = (
        select(qr.review_id, func.count().label("reviewed"))
        .where(qr.verdict.is_not(None))
        .group_by(qr.review_id)
        .subquery()
    )
    reviewed_count = func.coalesce(verdicts.c.reviewed, 0)
    total = func.coalesce(r.total, a.applicable)
    own_review = and_(r.assessment_id == a.id, r.received_at.is_(None))
    conditions = [a.submission_sha256.is_not(None), *(_matches(t) for t in terms if t.word)]
    statement = (
        select(a.id, a.company, a.country, reviewed_count, total, r.outcome)
        .outerjoin(r, own_review)
        .outerjoin(verdicts, verdicts.c.review_id == r.id)
        .where(*conditions)
        .order_by(
            case((r.outcome.is_(None), 0), else_=1),
            reviewed_count * 1.0 / case((total > 0, total), else_=1),
            a.search,
            a.updated_at.desc(),  # an applicant's latest submission before its earlier ones
            a.id,
        )
        .offset(offset)
        .limit(limit)
    )
    rows = [
        QueueRow(key, company, country, int(done), int(of),
                 None if outcome is None else Outcome(outcome))
        for key, company, country, done, of, outcome in session.execute(statement)
    ]
    matching = session.scalar(select(func.count()).where(*conditions)) or 0
    return QueuePage(rows, matching)
