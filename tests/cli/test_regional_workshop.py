"""Issue 15: a regional workshop of six demonstration administrations prints its summary, with
no administration named unless it agreed, and k >= 3 behind every figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from aeo_assess.cli.main import main
from aeo_assess.services import assessments, workshops
from aeo_assess.services.context import open_context
from aeo_assess.services.demo import ADMINISTRATION_QUESTIONNAIRE
from tests.reporting.samples import reader, text_of


def administrations(url: str) -> list[tuple[str, str]]:
    """(id, name) of the administrations in the regional workshop (the newest demo one)."""
    ctx = open_context(url)
    try:
        regional = max((w for w in workshops.list_workshops(ctx) if w.demo), key=lambda w: w.id)
        members = set(workshops.members(ctx, regional.id))
        return sorted((r.id, r.company) for r in assessments.list_assessments(ctx)
                      if r.id in members)
    finally:
        ctx.database.close()


@pytest.fixture
def demo_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{tmp_path / 'regional.sqlite3'}"
    assert main(["--db", url, "demo", "--count", "3"]) == 0
    out = capsys.readouterr().out
    assert "workshop 2 " in out and "6 demonstration administrations" in out
    return url


def test_six_demo_administrations_print_a_regional_summary_naming_none(
    demo_url: str, tmp_path: Path
) -> None:
    members = administrations(demo_url)
    assert len(members) == 6 and all(name.endswith(" (demo)") for _id, name in members)
    summary = tmp_path / "regional.pdf"
    assert main(["--db", demo_url, "--lang", "es", "workshop", "report", "2",
                 "-o", str(summary)]) == 0
    text = text_of(summary.read_bytes())
    assert "Resumen regional" in text
    assert "Ninguna administración aceptó ser nombrada." in text
    assert not any(name in text for _id, name in members)
    assert not any(name.removesuffix(" (demo)") in text for _id, name in members)
    # Every page says it is demonstration data; the per-criterion distribution is shown for
    # six administrations (k = 3), each country alone is below k and counted together.
    assert all("Datos de demostración" in page.extract_text()
               for page in reader(summary.read_bytes()).pages)
    assert "Puntuaciones por criterio" in text and "Mediana" in text
    assert "Otros países (menos de 3 administraciones cada uno)" in text


def test_only_administrations_that_agreed_are_named(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = administrations(demo_url)
    agreed = members[:2]
    for assessment_id, _name in agreed:
        assert main(["--db", demo_url, "consent", assessment_id, "yes"]) == 0
    assert "named in workshop summaries" in capsys.readouterr().out
    summary = tmp_path / "regional.pdf"
    assert main(["--db", demo_url, "workshop", "report", "2", "-o", str(summary)]) == 0
    text = " ".join(text_of(summary.read_bytes()).split())
    assert all(name in text for _id, name in agreed)
    assert not any(name in text for _id, name in members[2:])
    assert "4 more administrations took part without being named." in text


def test_fewer_than_three_administrations_publish_no_figure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'two.sqlite3'}"
    ids = []
    for name, country in (("Aduana Uno", "CR"), ("Aduana Dos", "PA")):
        assert main(["--db", url, "new", "--questionnaire", ADMINISTRATION_QUESTIONNAIRE,
                     "--company", name, "--country", country]) == 0
        ids.append(capsys.readouterr().out.strip())
        assert main(["--db", url, "answer", ids[-1], "CRM-A.02", "3"]) == 0
    assert main(["--db", url, "workshop", "new", "Regional"]) == 0
    assert main(["--db", url, "workshop", "add", "1", *ids]) == 0
    summary = tmp_path / "two.pdf"
    assert main(["--db", url, "workshop", "report", "1", "-o", str(summary)]) == 0
    text = " ".join(text_of(summary.read_bytes()).split())
    assert "Regional summary" in text
    assert "Fewer than 3 participants have scores, so no distribution is shown." in text
    assert "Aduana Uno" not in text and "Aduana Dos" not in text


def test_a_facilitator_collects_the_administrations_files_into_a_workshop(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The administrations send their files; the facilitator's own installation imports them
    into a new workshop, and the one that agreed (in its file) is the one named."""
    members = administrations(demo_url)
    assert main(["--db", demo_url, "consent", members[0][0], "yes"]) == 0
    files = []
    for number, (assessment_id, _name) in enumerate(members[:4]):
        files.append(str(tmp_path / f"{number}.aeoa"))
        assert main(["--db", demo_url, "export", assessment_id, "-o", files[-1]]) == 0
    facilitator = f"sqlite:///{tmp_path / 'facilitator.sqlite3'}"
    assert main(["--db", facilitator, "workshop", "new", "Taller regional", "--demo"]) == 0
    capsys.readouterr()
    assert main(["--db", facilitator, "workshop", "import", "1", *files]) == 0
    assert "4 imported, 0 duplicates, 0 refused" in capsys.readouterr().out
    summary = tmp_path / "collected.pdf"
    assert main(["--db", facilitator, "workshop", "report", "1", "-o", str(summary)]) == 0
    text = " ".join(text_of(summary.read_bytes()).split())
    assert "Regional summary" in text and members[0][1] in text
    assert not any(name in text for _id, name in members[1:])
    assert "3 more administrations took part without being named." in text
