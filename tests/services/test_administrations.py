"""Assessments of customs administrations (issue 15): created without trade roles, carrying a
unit, a contact and a consent to be named that travel in the applicant file, and reported as an
administration report that links to the AEO files this installation holds for the country."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from aeo_assess.services import administrations, assessments, reports, reviews, transfer
from aeo_assess.services.context import AppContext, open_context
from aeo_assess.services.errors import ServiceError
from tests.reporting.samples import text_of
from tests.services.test_reviews import rewrite


@pytest.fixture
def other(tmp_path: Path) -> Iterator[AppContext]:
    """Another installation: where the files are written before they travel."""
    context = open_context(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    yield context
    context.database.close()


def new_administration(ctx: AppContext, **extra: str) -> str:
    return assessments.create_assessment(
        ctx, questionnaire_id="customs-rm", company="Servicio Nacional de Aduanas & <Co>",
        country="CR", roles=(), aeo_types=(), **extra)


def trader(ctx: AppContext, country: str) -> str:
    return assessments.create_assessment(ctx, questionnaire_id="safe-aeo", company="Café S.A.",
                                         country=country, roles=["importer"],
                                         aeo_types=["security"])


def profile(path: Path) -> dict[str, object]:
    with zipfile.ZipFile(path) as archive:
        document = json.loads(archive.read("assessment.json"))
    assert isinstance(document["profile"], dict)
    return document["profile"]


def test_an_administration_has_no_roles_and_a_company_still_needs_them(ctx: AppContext) -> None:
    assessment_id = new_administration(ctx, unit="Riesgo", contact="ana@example.org")
    _q, assessment, _card = assessments.load(ctx, assessment_id)
    assert (assessment.roles, assessment.aeo_types) == (frozenset(), frozenset())
    assert (assessment.unit, assessment.contact, assessment.consent) == (
        "Riesgo", "ana@example.org", False)
    with pytest.raises(ServiceError, match="an administration has neither"):
        assessments.create_assessment(ctx, questionnaire_id="customs-rm", company="Aduana",
                                      country="CR", roles=["importer"], aeo_types=())
    with pytest.raises(ServiceError, match="administration name: must not be empty"):
        assessments.create_assessment(ctx, questionnaire_id="customs-rm", company=" ",
                                      country="CR", roles=(), aeo_types=())
    with pytest.raises(ServiceError, match="choose at least one supply-chain role"):
        assessments.create_assessment(ctx, questionnaire_id="safe-aeo", company="Café",
                                      country="CR", roles=(), aeo_types=["security"])


def test_unit_contact_and_consent_travel_in_the_applicant_file(
    ctx: AppContext, other: AppContext, tmp_path: Path
) -> None:
    sent = new_administration(other, unit="Gerencia de Riesgo", contact="ana@example.org")
    administrations.set_consent(other, sent, True)
    path = transfer.export_assessment(other, sent, tmp_path / "admin.aeoa")
    assert profile(path)["consent"] is True and profile(path)["unit"] == "Gerencia de Riesgo"

    imported = transfer.import_applicant_file(ctx, path).assessment_id
    _q, assessment, _card = assessments.load(ctx, imported)
    assert (assessment.unit, assessment.contact, assessment.consent) == (
        "Gerencia de Riesgo", "ana@example.org", True)
    with pytest.raises(ServiceError, match="imported applicant file"):
        administrations.set_consent(ctx, imported, False)  # the sender's word


def test_a_company_file_is_what_format_1_0_wrote_and_a_1_0_file_imports(
    ctx: AppContext, other: AppContext, tmp_path: Path
) -> None:
    path = transfer.export_assessment(other, trader(other, "CR"), tmp_path / "trader.aeoa")
    assert not {"unit", "contact", "consent"} & profile(path).keys()
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["format_version"] == "1.2"
    manifest["format_version"] = "1.0"
    del manifest["signer"]  # 1.0 had no signatures
    old = rewrite(path, tmp_path / "old.aeoa", {"manifest.json": json.dumps(manifest).encode()},
                  fix_manifest=False)  # the manifest hashes the other members, not itself
    with zipfile.ZipFile(old) as archive:
        kept = {n: archive.read(n) for n in archive.namelist() if n != "signature.json"}
    with zipfile.ZipFile(old, "w") as archive:
        for name, data in kept.items():
            archive.writestr(name, data)
    imported = transfer.import_applicant_file(ctx, old).assessment_id
    _q, assessment, _card = assessments.load(ctx, imported)
    assert (assessment.unit, assessment.contact, assessment.consent) == ("", "", False)


def test_consent_is_off_until_given_and_can_be_withdrawn(ctx: AppContext) -> None:
    assessment_id = new_administration(ctx)
    administrations.set_consent(ctx, assessment_id, True)
    assert assessments.load(ctx, assessment_id)[1].consent
    administrations.set_consent(ctx, assessment_id, False)
    assert not assessments.load(ctx, assessment_id)[1].consent
    with pytest.raises(ServiceError, match="no assessment"):
        administrations.set_consent(ctx, "0" * 8, True)


def test_the_report_is_the_administration_report_with_indicators_roadmap_and_counts(
    ctx: AppContext, other: AppContext, tmp_path: Path
) -> None:
    # This installation holds two Costa Rican applicant files (one under review), a
    # Guatemalan one and another administration's file: only the first two are counted.
    for number, country in enumerate(("CR", "CR", "GT")):
        path = transfer.export_assessment(other, trader(other, country), tmp_path / f"{number}.aeoa")
        imported = transfer.import_applicant_file(ctx, path).assessment_id
        if number == 0:
            reviews.start_review(ctx, imported)
    path = transfer.export_assessment(other, new_administration(other), tmp_path / "adm.aeoa")
    transfer.import_applicant_file(ctx, path)

    own = new_administration(ctx, unit="Gerencia de Riesgo")
    assessments.set_value(ctx, own, "CRM-E.09", 12.5)
    assessments.set_value(ctx, own, "CRM-A.02", 3)
    assert administrations.aeo_activity(ctx, "CR") == (2, 1)
    rendered = reports.render(ctx, own, reports.ReportOptions(language="en"))
    text = " ".join(text_of(rendered.pdf).split())
    assert "Administration self-assessment report" in text
    assert "Servicio Nacional de Aduanas & <Co>" in text and "Gerencia de Riesgo" in text
    assert "Indicators" in text and "12.5 % of declarations" in text
    assert "Roadmap" in text and "WCO Risk Management Compendium" in text
    assert ("AEO applicant files from operators in Costa Rica held in this installation: 2; "
            "customs reviews of them: 1.") in text
    assert "AEO programme in Costa Rica" in text
    assert "Comparison with peers" not in text and "Supply-chain roles" not in text

    from_file = reports.render(None, str(path), reports.ReportOptions(language="es"))
    spanish = " ".join(text_of(from_file.pdf).split())
    assert "Informe de autoevaluación de la administración" in spanish
    assert "no muestra recuentos de expedientes" in spanish
