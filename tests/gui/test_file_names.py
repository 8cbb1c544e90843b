"""Suggested file names keep the company as written, say what the file is in the user's
language, and never let a final dot run into the extension."""

from __future__ import annotations

from aeo_assess.gui import file_names
from aeo_assess.i18n import set_language


def test_names_in_the_interface_language() -> None:
    set_language("es")
    assert file_names.applicant_file_name("Café Volcán S.A.") == (
        "Café Volcán S.A. – archivo de solicitud.aeoa")
    assert file_names.review_file_name("Ñandú <Hijos>") == "Ñandú Hijos – revisión.aeor"
    assert file_names.readiness_report_name("A/B: C?") == "A B C – informe de preparación.pdf"
    assert file_names.workshop_summary_name("Taller San José 2026") == (
        "Taller San José 2026 – resumen del taller.pdf")
    assert file_names.suggested_name("...", "", ".aeoa") == "evaluación.aeoa"
    set_language("en")
    assert file_names.review_report_name("Café Volcán S.A.") == (
        "Café Volcán S.A. – review report.pdf")
