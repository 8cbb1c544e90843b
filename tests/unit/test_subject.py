"""Who answers a questionnaire (issue 15): a company unless the file says ``subject:
administration``, and an assessment's consent to be named is never assumed."""

from __future__ import annotations

from pathlib import Path

from aeo_assess.domain.assessment import Assessment
from aeo_assess.domain.vocabulary import Subject
from aeo_assess.questionnaires.loader import parse_questionnaire
from aeo_assess.questionnaires.registry import find, latest

ROOT = Path(__file__).resolve().parents[2]
CUSTOMS = (ROOT / "questionnaires" / "customs-rm.yaml").read_bytes()


def test_customs_rm_is_answered_by_an_administration_and_the_others_by_companies() -> None:
    subjects = {q.id: q.subject for q in latest()}
    assert subjects["customs-rm"] is Subject.ADMINISTRATION
    assert subjects["safe-aeo"] is subjects["risk-management"] is Subject.COMPANY


def test_a_file_without_subject_is_a_companys() -> None:
    raw = CUSTOMS.replace(b"\nsubject: administration\n", b"\n")
    assert raw != CUSTOMS
    questionnaire, problems = parse_questionnaire(raw, "no-subject.yaml")
    assert problems == [] and questionnaire is not None
    assert questionnaire.subject is Subject.COMPANY


def test_an_unknown_subject_is_refused_where_it_is_written() -> None:
    raw = CUSTOMS.replace(b"\nsubject: administration\n", b"\nsubject: ministry\n")
    questionnaire, problems = parse_questionnaire(raw, "ministry.yaml")
    assert questionnaire is None
    assert any("subject" in str(p) and "ministry" in str(p) for p in problems), problems
    line = CUSTOMS.split(b"\nsubject:")[0].count(b"\n") + 2
    assert any(f"ministry.yaml:{line}:" in str(p) for p in problems), problems


def test_an_assessment_has_no_consent_unit_or_contact_until_given() -> None:
    customs = find("customs-rm")
    assert customs is not None
    assessment = Assessment(customs.id, customs.version, "Aduana", "CR", frozenset(), frozenset())
    assert (assessment.consent, assessment.unit, assessment.contact) == (False, "", "")
