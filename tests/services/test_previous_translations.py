"""Issue 14: French was added to safe-aeo 2027.1 without a new version. Applicant files and
databases written before carry the en/es bytes (questionnaires/previous/*-2027.1-en-es.yaml):
they stay the official 2027.1, take part in peers and show French after the update."""

from __future__ import annotations

import dataclasses
import hashlib
import random
import uuid
import zipfile
from pathlib import Path

from aeo_assess.domain.benchmark import PeerScope
from aeo_assess.domain.text import localized
from aeo_assess.files.applicant import write_applicant_file
from aeo_assess.resources import data_path
from aeo_assess.scoring import score
from aeo_assess.services import assessments, benchmarks, transfer
from aeo_assess.services.context import AppContext
from aeo_assess.storage import repository as repo
from tests.benchmarks.helpers import SAFE, random_assessment, store

EN_ES = (data_path("questionnaires") / "previous" / "safe-aeo-2027.1-en-es.yaml").read_bytes()
FRENCH = (data_path("questionnaires") / "safe-aeo.yaml").read_bytes()


def test_an_applicant_file_with_the_en_es_bytes_imports_as_shipped_and_joins_peers(
    ctx: AppContext, tmp_path: Path
) -> None:
    rng = random.Random(14)
    store(ctx, [random_assessment(rng, "CR") for _ in range(5)], raw=FRENCH)
    applicant = dataclasses.replace(random_assessment(rng, "CR"), id=str(uuid.UUID(int=14, version=4)))
    path = tmp_path / "solicitante-2027.aeoa"
    path.write_bytes(write_applicant_file(applicant, EN_ES, {}))

    imported = transfer.import_applicant_file(ctx, path)
    questionnaire, stored, card = assessments.load(ctx, imported.assessment_id)
    assert questionnaire == SAFE  # the official 2027.1, not a modified questionnaire
    assert card == score(SAFE, applicant)
    assert stored.answers == applicant.answers
    assert localized(questionnaire.question("SAFE-G.04").text, "fr").startswith("Dans quelle")

    peers = benchmarks.compare(ctx, imported.assessment_id, PeerScope.COUNTRY, k=5)
    assert peers is not None and peers.n == 5
    group = benchmarks.peer_statistics(ctx, SAFE.id, SAFE.version, PeerScope.COUNTRY, "CR", k=5)
    assert group is not None and group.n == 6

    out = transfer.export_assessment(ctx, imported.assessment_id, tmp_path / "again.aeoa")
    again = transfer.import_applicant_file(ctx, out)  # what it was answered on travels on
    assert assessments.load(ctx, again.assessment_id)[0] == SAFE


def test_a_database_written_with_the_en_es_bytes_shows_french_after_the_update(
    ctx: AppContext, tmp_path: Path
) -> None:
    rng = random.Random(41)
    old = [random_assessment(rng, country) for country in ("CR",) * 5 + ("PE",)]
    ids = store(ctx, old, raw=EN_ES)  # as the release before issue 14 stored them

    questionnaire, stored, card = assessments.load(ctx, ids[-1])
    assert questionnaire.languages == ("en", "es", "fr")
    first = questionnaire.questions()[0]
    assert localized(first.text, "fr").startswith("Quelle affirmation")
    assert localized(questionnaire.criteria[0].title, "fr") == (
        "Respect avéré des exigences douanières"
    )
    assert card == score(SAFE, old[-1]) and stored.answers == old[-1].answers
    with ctx.database.session(readonly=True) as session:
        raw = repo.questionnaire_raw_for(session, ids[0])
    assert hashlib.sha256(raw).digest() == hashlib.sha256(EN_ES).digest()  # nothing rewritten

    new = assessments.create_assessment(
        ctx,
        questionnaire_id="safe-aeo",
        company="Nueva S.A.",
        country="CR",
        roles=["importer"],
        aeo_types=["security"],
    )
    peers = benchmarks.compare(ctx, ids[-1], PeerScope.ALL, k=5)
    assert peers is not None and peers.n == 5  # old and new bytes count as one version
    assert assessments.load(ctx, new)[0] == SAFE
    # Written on the en/es bytes, so that installations not yet updated accept its files.
    out = transfer.export_assessment(ctx, new, tmp_path / "nueva.aeoa")
    with zipfile.ZipFile(out) as archive:
        assert archive.read("questionnaire.yaml") == EN_ES
