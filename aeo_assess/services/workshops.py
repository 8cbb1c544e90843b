"""Workshops: create and list them, add assessments, import a pile of files into one.

A workshop holds either demonstration assessments or real ones, never both, so that its
statistics, reports and benchmark pack never mix the two.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aeo_assess.domain.fields import FACILITATOR, WORKSHOP_NAME, WORKSHOP_PLACE, FieldRule
from aeo_assess.messages import Message, UserError
from aeo_assess.services import csv_answers, transfer
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage import benchmark_repository as store
from aeo_assess.storage.benchmark_repository import Workshop
from aeo_assess.storage.errors import NotFound

_ID_PREFIX = re.compile(r"[0-9a-f][0-9a-f-]{7,35}")
"""A CSV file names the assessment it answers: its id, or the first 8 or more characters."""

Progress = Callable[[int, int, str], None]
"""``progress(done, total, file name)`` after each file, as ``gui.background`` reports it."""

__all__ = [
    "ImportSummary",
    "Workshop",
    "add_assessments",
    "create_workshop",
    "get_workshop",
    "import_files",
    "list_workshops",
    "members",
    "resolve_workshop",
]


@dataclass(frozen=True)
class Imported:
    file: str
    assessment_id: str
    answers: int | None = None
    """For a CSV: how many answers it wrote; None for an applicant file."""


@dataclass(frozen=True)
class Refused:
    file: str
    reason: UserError
    """Why, naming the file: shown with ``reason_text``."""

    def reason_text(self, language: str) -> str:
        """The reason in ``language``, without the file's name that the row already shows."""
        from aeo_assess.i18n import render

        return render(self.reason, language).removeprefix(f"{self.file}: ")


@dataclass
class ImportSummary:
    """What happened to each file; files left when the user cancelled are in ``not_done``."""

    imported: list[Imported] = field(default_factory=list)
    duplicates: list[Imported] = field(default_factory=list)
    """Applicant files already in the database: nothing new was stored (they join the
    workshop all the same)."""
    refused: list[Refused] = field(default_factory=list)
    not_done: list[str] = field(default_factory=list)

    @property
    def cancelled(self) -> bool:
        return bool(self.not_done)


def _text(value: str, rule: FieldRule) -> str:
    value = value.strip()
    problem = rule.message(value)
    if problem:
        raise ServiceError(problem)
    return value


def create_workshop(
    ctx: AppContext,
    *,
    name: str,
    place: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    facilitator: str = "",
    demo: bool = False,
) -> int:
    if starts_on and ends_on and ends_on < starts_on:
        raise ServiceError(Message(
            "workshops.dates_workshop_cannot_end",
            "dates: the workshop cannot end before it starts",
        ))
    with ctx.database.session() as session:
        return store.create_workshop(
            session,
            name=_text(name, WORKSHOP_NAME),
            place=_text(place, WORKSHOP_PLACE),
            starts_on=starts_on,
            ends_on=ends_on,
            facilitator=_text(facilitator, FACILITATOR),
            demo=demo,
            created_at=dt.datetime.now(dt.UTC),
        )


def list_workshops(ctx: AppContext) -> list[Workshop]:
    with ctx.database.session(readonly=True) as session:
        return store.list_workshops(session)


def get_workshop(ctx: AppContext, workshop_id: int) -> Workshop:
    try:
        with ctx.database.session(readonly=True) as session:
            return store.get_workshop(session, workshop_id)
    except NotFound as error:
        raise ServiceError(error) from None


def resolve_workshop(ctx: AppContext, text: str) -> int:
    """A workshop named by its number or by its exact name."""
    with ctx.database.session(readonly=True) as session:
        if text.isdigit():
            try:
                return store.get_workshop(session, int(text)).id
            except NotFound:
                pass
        found = store.workshops_named(session, text)
    if len(found) == 1:
        return found[0]
    if found:
        raise ServiceError(
            Message(
                "workshops.workshops_are_named_use",
                "{found_count} workshops are named '{text}': use a number ({map_found})",
                found_count=len(found), text=text, map_found=', '.join(map(str, found)),
            )
        )
    raise ServiceError(Message(
        "workshops.no_workshop_see_aeo",
        "no workshop '{text}' (see 'aeo-assess workshop list')",
        text=text,
    ))


def members(ctx: AppContext, workshop_id: int) -> list[str]:
    """The workshop's assessment ids, in the order they joined (print-all goes through them)."""
    get_workshop(ctx, workshop_id)
    with ctx.database.session(readonly=True) as session:
        return store.members(session, workshop_id)


def _mix_problem(workshop: Workshop, demo: bool) -> Message | None:
    if demo == workshop.demo:
        return None
    if demo:
        return Message(
            "workshops.it_demonstration_data_and",
            "it is demonstration data, and this workshop holds real assessments",
        )
    return Message(
        "workshops.it_real_assessment_and",
        "it is a real assessment, and this is a demonstration workshop",
    )


def add_assessments(ctx: AppContext, workshop_id: int, assessment_ids: Iterable[str]) -> int:
    """Add assessments (all or none); returns how many were not in the workshop yet."""
    ids = list(dict.fromkeys(assessment_ids))
    with ctx.database.session() as session:
        try:
            workshop = store.get_workshop(session, workshop_id)
        except NotFound as error:
            raise ServiceError(error) from None
        flags = store.demo_flags(session, ids)
        problems = [f"no assessment with id '{a}'" for a in ids if a not in flags]
        problems += [
            f"{a}: cannot join workshop {workshop.name}: {problem}"
            for a in ids
            if a in flags and (problem := _mix_problem(workshop, flags[a])) is not None
        ]
        if problems:
            raise ServiceError(*problems)
        return store.add_members(session, workshop_id, ids, dt.datetime.now(dt.UTC))


def _csv_target(path: Path, member_ids: Sequence[str]) -> str:
    """The workshop assessment a CSV answers, named by the start of the file name."""
    match = _ID_PREFIX.match(path.stem.lower())
    if match is None:
        raise ServiceError(
            Message(
                "workshops.csv_holds_answers_only",
                "a CSV holds answers only: name the file after the assessment it answers (its id, "
                "or at least its first 8 characters, such as 3f2a9c1b.csv)",
            )
        )
    prefix = match.group()
    found = [a for a in member_ids if a.startswith(prefix)]
    if len(found) != 1:
        if not found:
            raise ServiceError(Message("workshops.csv_no_match",
                                       "no assessment in this workshop starts with '{prefix}'",
                                       prefix=prefix))
        raise ServiceError(Message("workshops.csv_matches", "{count} assessment in this workshop "
                                   "starts with '{prefix}'", plural="{count} assessments in this "
                                   "workshop start with '{prefix}'", count=len(found),
                                   prefix=prefix))
    return found[0]


def _import_one(ctx: AppContext, workshop: Workshop, path: Path, summary: ImportSummary) -> None:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with ctx.database.session(readonly=True) as session:
            member_ids = store.members(session, workshop.id)
        target = _csv_target(path, member_ids)
        written = csv_answers.import_answers_csv(ctx, path, target)
        summary.imported.append(Imported(str(path), target, written))
        return
    if suffix != ".aeoa":
        raise ServiceError(Message(
            "workshops.not_file_workshop_imports",
            "not a file a workshop imports (.aeoa or .csv)",
        ))
    result = transfer.import_applicant_file(ctx, path)
    with ctx.database.session() as session:
        flags = store.demo_flags(session, [result.assessment_id])
        problem = _mix_problem(workshop, flags[result.assessment_id])
        if problem is not None:
            if result.duplicate:
                raise ServiceError(Message(
                    "workshops.duplicate_not_added",
                    "already in the database as {assessment_id}, but not added: {problem}",
                    assessment_id=result.assessment_id, problem=problem))
            raise ServiceError(Message(
                "workshops.imported_not_added", "imported as {assessment_id}, but not added: "
                "{problem}", assessment_id=result.assessment_id, problem=problem))
        store.add_members(session, workshop.id, [result.assessment_id], dt.datetime.now(dt.UTC))
    entry = Imported(str(path), result.assessment_id)
    (summary.duplicates if result.duplicate else summary.imported).append(entry)


def import_files(
    ctx: AppContext,
    workshop_id: int,
    paths: Sequence[Path],
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportSummary:
    """Import applicant files (``.aeoa``) into the workshop, and answer sheets (``.csv``
    named after a workshop assessment) into its assessments, one file at a time: a refused
    file is reported with its reason and the others go on. ``cancelled()`` is asked before
    each file; files already imported stay imported."""
    workshop = get_workshop(ctx, workshop_id)
    summary = ImportSummary()
    for done, path in enumerate(paths):
        if cancelled is not None and cancelled():
            summary.not_done = [str(p) for p in paths[done:]]
            break
        try:
            _import_one(ctx, workshop, path, summary)
        except ServiceError as error:
            summary.refused.append(Refused(str(path), error))
        if progress is not None:
            progress(done + 1, len(paths), path.name)
    return summary
