"""Storage fixtures: both backends, and a questionnaire with one question of every type."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from aeo_assess.domain.assessment import Assessment
from aeo_assess.storage import repository as repo
from aeo_assess.storage.database import Database
from tests.conftest import MINIMAL
from tests.db_fixtures import database, database_url

__all__ = ["database", "database_url"]

EVERY_TYPE = (
    MINIMAL
    + """\
      - id: C2.03
        type: number
        text: {en: "How many?", es: "¿Cuántos?"}
        guidance: {en: G, es: G}
        evidence: [{en: E, es: E}]
        recommendation: {en: R, es: R}
      - id: C2.04
        type: text
        text: {en: "Who?", es: "¿Quién?"}
        guidance: {en: G, es: G}
        evidence: [{en: E, es: E}]
        recommendation: {en: R, es: R}
"""
).encode()
"""The shared test questionnaire plus a number and a text question: every answer type."""

NewAssessment = Callable[..., str]


def new_assessment_in(session: repo.Session, raw: bytes = EVERY_TYPE, **fields: object) -> str:
    pk = repo.store_questionnaire(session, raw)
    questionnaire = repo.load_questionnaire(session, pk)
    profile: dict[str, object] = {
        "questionnaire_id": questionnaire.id,
        "questionnaire_version": questionnaire.version,
        "company": "Café & Co <Ltd>",
        "country": "CR",
        "roles": frozenset({"importer", "carrier"}),
        "aeo_types": frozenset({"security"}),
    }
    profile.update(fields)
    assessment_id = repo.create_assessment(session, Assessment(**profile), pk)  # type: ignore[arg-type]
    repo.refresh_summary(session, assessment_id)
    return assessment_id


@pytest.fixture
def new_assessment(database: Database) -> NewAssessment:
    """Create an assessment in its own committed session and return its id."""

    def create(**fields: object) -> str:
        with database.session() as session:
            return new_assessment_in(session, **fields)

    return create
