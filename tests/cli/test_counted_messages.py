"""A count of 1 (and 0 in French) in the command line's summaries agrees with its noun in
Spanish and French: "1 importado", never "1 importados"."""

from __future__ import annotations

from pathlib import Path

import pytest

from aeo_assess.cli.main import main
from aeo_assess.services import transfer
from aeo_assess.services.context import open_context
from tests.benchmarks.helpers import populate


def last_line(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    main(list(argv))
    return capsys.readouterr().out.splitlines()[-1]


def test_the_import_summary_of_one_file_agrees(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'customs.sqlite3'}"
    workshop = last_line(capsys, "--db", url, "workshop", "new", "Taller Lima", "--place", "Lima",
                         "--from", "2026-03-09", "--to", "2026-03-10")
    participant = open_context(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    (assessment,) = populate(participant, 9, PE=1)
    applicant = transfer.export_assessment(participant, assessment, tmp_path / "one.aeoa")
    participant.database.close()
    junk = tmp_path / "junk.aeoa"
    junk.write_bytes(b"junk")

    def imported(language: str, *files: Path) -> str:
        return last_line(capsys, "--lang", language, "--db", url, "workshop", "import", workshop,
                         *map(str, files))

    assert imported("es", applicant) == "1 importado, 0 duplicados, 0 rechazados"
    assert imported("es", applicant, junk) == "0 importados, 1 duplicado, 1 rechazado"
    assert imported("fr", applicant) == "0 importé, 1 en double, 0 refusé"
    assert imported("en", applicant, junk, junk) == "0 imported, 1 duplicate, 2 refused"
