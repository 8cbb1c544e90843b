"""Upgrades in storage: a database written by the release before them (head 0004_verdict) opens in
this one with its answers and history intact; an upgrade only moves to a version of the same
questionnaire."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, text

from aeo_assess.domain.assessment import Answer
from aeo_assess.questionnaires.registry import find, shipped_raw
from aeo_assess.storage import repository as repo
from aeo_assess.storage.database import Database, _alembic_config, head_revision
from aeo_assess.storage.errors import StorageError
from tests.storage.conftest import NewAssessment


def test_a_database_at_0004_migrates_keeping_answers_and_history(
    database: Database, database_url: str, new_assessment: NewAssessment
) -> None:
    assessment_id = new_assessment()
    with database.session() as session:
        repo.set_answer(session, assessment_id, "C1.01", Answer(2, comment="antes"), "ana")
    with database.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), "0004_verdict")
    assert "upgrades" not in inspect(database.engine).get_table_names()
    database.close()

    again = Database(database_url)
    try:
        with again.session() as session:
            assert session.scalar(text("SELECT version_num FROM alembic_version")) == head_revision()
            (change,) = repo.history(session, assessment_id)
            assert (change.who, change.note, change.new) == ("ana", None, Answer(2, comment="antes"))
            assert repo.upgrades_of(session, assessment_id) == []
            assert repo.archived_by(session, assessment_id) is None
    finally:
        again.close()


def test_an_upgrade_to_another_questionnaire_is_refused_and_writes_nothing(
    database: Database, new_assessment: NewAssessment
) -> None:
    assessment_id = new_assessment()
    risk = find("risk-management")
    assert risk is not None
    with pytest.raises(StorageError, match="not a version of mini"), database.session() as session:
        pk = repo.store_questionnaire(session, shipped_raw(risk))
        repo.upgrade_assessment(session, assessment_id, pk, "ana")
    with database.session() as session:
        assert repo.get_assessment(session, assessment_id).questionnaire_id == "mini"
        assert repo.upgrades_of(session, assessment_id) == []
