"""Workshops through the services: create, find, add, and import a pile of files with a summary."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from aeo_assess.domain.questionnaire import QuestionType
from aeo_assess.services import transfer, workshops
from aeo_assess.services.context import AppContext, open_context
from aeo_assess.services.errors import ServiceError
from tests.benchmarks.helpers import SAFE, populate, random_assessment, store


@pytest.fixture
def other(tmp_path: Path) -> Iterator[AppContext]:
    """The participants' installation the applicant files come from."""
    context = open_context(f"sqlite:///{tmp_path / 'participants.sqlite3'}")
    yield context
    context.database.close()


def exported(ctx: AppContext, ids: list[str], directory: Path) -> list[Path]:
    directory.mkdir(exist_ok=True)
    return [transfer.export_assessment(ctx, a, directory / f"{a[:8]}.aeoa") for a in ids]


def test_create_list_and_find(ctx: AppContext) -> None:
    first = workshops.create_workshop(
        ctx,
        name="  Taller OEA San José  ",
        place="San José",
        starts_on=dt.date(2026, 3, 9),
        ends_on=dt.date(2026, 3, 10),
        facilitator="María Rojas",
    )
    second = workshops.create_workshop(ctx, name="Taller Lima", demo=True)
    listed = workshops.list_workshops(ctx)
    assert [w.id for w in listed] == [second, first]
    assert (listed[1].name, listed[1].ends_on, listed[1].members) == (
        "Taller OEA San José",
        dt.date(2026, 3, 10),
        0,
    )
    assert listed[0].demo
    assert workshops.resolve_workshop(ctx, str(first)) == first
    assert workshops.resolve_workshop(ctx, "Taller Lima") == second
    workshops.create_workshop(ctx, name="Taller Lima")
    with pytest.raises(ServiceError, match="2 workshops are named 'Taller Lima'"):
        workshops.resolve_workshop(ctx, "Taller Lima")
    with pytest.raises(ServiceError, match="no workshop 'Quito'"):
        workshops.resolve_workshop(ctx, "Quito")
    with pytest.raises(ServiceError, match="no workshop 999"):
        workshops.get_workshop(ctx, 999)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": " "}, "workshop name: must not be empty"),
        ({"name": "x" * 301}, "is longer than 300 characters"),
        (
            {"name": "x", "starts_on": dt.date(2026, 3, 9), "ends_on": dt.date(2026, 3, 8)},
            "cannot end before it starts",
        ),
    ],
)
def test_bad_workshops_are_refused(
    ctx: AppContext, fields: dict[str, object], message: str
) -> None:
    with pytest.raises(ServiceError, match=message):
        workshops.create_workshop(ctx, **fields)  # type: ignore[arg-type]
    assert workshops.list_workshops(ctx) == []


def test_add_assessments_never_mixes_demonstration_and_real(ctx: AppContext) -> None:
    real = populate(ctx, 1, CR=2)
    (demo,) = store(ctx, [random_assessment(random.Random(2), "GT", demo=True)])
    workshop = workshops.create_workshop(ctx, name="Taller")
    with pytest.raises(ServiceError, match="it is demonstration data"):
        workshops.add_assessments(ctx, workshop, [*real, demo])
    with pytest.raises(ServiceError, match="no assessment with id 'nope'"):
        workshops.add_assessments(ctx, workshop, ["nope"])
    assert workshops.members(ctx, workshop) == []
    assert workshops.add_assessments(ctx, workshop, real) == 2
    assert workshops.add_assessments(ctx, workshop, real) == 0
    assert set(workshops.members(ctx, workshop)) == set(real)
    demo_workshop = workshops.create_workshop(ctx, name="Demo", demo=True)
    with pytest.raises(ServiceError, match="this is a demonstration workshop"):
        workshops.add_assessments(ctx, demo_workshop, real[:1])
    assert workshops.add_assessments(ctx, demo_workshop, [demo]) == 1


def test_import_files_reports_imported_duplicate_and_refused(
    ctx: AppContext, other: AppContext, tmp_path: Path
) -> None:
    files = exported(other, populate(other, 3, CR=3), tmp_path / "in")
    (demo_id,) = store(other, [random_assessment(random.Random(4), "CR", demo=True)])
    (demo_file,) = exported(other, [demo_id], tmp_path / "in")
    damaged = tmp_path / "in" / "damaged.aeoa"
    damaged.write_bytes(b"not a zip")
    notes = tmp_path / "in" / "notes.txt"
    notes.write_text("hello", "utf-8")
    workshop = workshops.create_workshop(ctx, name="Taller")
    seen: list[tuple[int, int, str]] = []
    paths = [*files, files[0], damaged, notes, demo_file]
    summary = workshops.import_files(
        ctx, workshop, paths, progress=lambda *a: seen.append(a), cancelled=lambda: False
    )
    assert [i.file for i in summary.imported] == [str(f) for f in files]
    assert [d.file for d in summary.duplicates] == [str(files[0])]
    assert summary.duplicates[0].assessment_id == summary.imported[0].assessment_id
    reasons = {Path(r.file).name: r.reason_text("en") for r in summary.refused}
    assert reasons.keys() == {"damaged.aeoa", "notes.txt", demo_file.name}
    assert reasons["damaged.aeoa"].startswith("not a ZIP file")
    assert "(.aeoa or .csv)" in reasons["notes.txt"]
    assert "not added: it is demonstration data" in reasons[demo_file.name]
    assert not summary.cancelled
    assert seen == [(i + 1, len(paths), p.name) for i, p in enumerate(paths)]
    assert workshops.get_workshop(ctx, workshop).members == 3


def test_import_stops_when_cancelled(ctx: AppContext, other: AppContext, tmp_path: Path) -> None:
    files = exported(other, populate(other, 5, PE=4), tmp_path / "in")
    workshop = workshops.create_workshop(ctx, name="Taller")
    asked = iter([False, False, True])
    summary = workshops.import_files(ctx, workshop, files, cancelled=lambda: next(asked))
    assert len(summary.imported) == 2
    assert summary.cancelled and summary.not_done == [str(f) for f in files[2:]]
    assert len(workshops.members(ctx, workshop)) == 2


def test_csv_sheets_answer_the_workshop_assessment_they_are_named_after(
    ctx: AppContext, tmp_path: Path
) -> None:
    (target,) = store(ctx, [random_assessment(random.Random(6), "HN", complete=False)])
    workshop = workshops.create_workshop(ctx, name="Taller")
    workshops.add_assessments(ctx, workshop, [target])
    question = next(q for q in SAFE.questions() if q.type is QuestionType.MATURITY)
    sheet = tmp_path / f"{target[:8]}-sheet.csv"
    sheet.write_text(f"question_id,value\n{question.id},3\n", "utf-8")
    stray = tmp_path / "ffffffff.csv"
    stray.write_text(f"question_id,value\n{question.id},3\n", "utf-8")
    nameless = tmp_path / "answers.csv"
    nameless.write_text(f"question_id,value\n{question.id},3\n", "utf-8")
    summary = workshops.import_files(ctx, workshop, [sheet, stray, nameless])
    assert [(i.assessment_id, i.answers) for i in summary.imported] == [(target, 1)]
    reasons = [r.reason_text("en") for r in summary.refused]
    assert reasons[0] == "no assessment in this workshop starts with 'ffffffff'"
    assert reasons[1].startswith("a CSV holds answers only: name the file after the assessment")
