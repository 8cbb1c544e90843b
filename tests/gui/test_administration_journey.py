"""Issue 15's journey, in Spanish at 1280×720: a customs officer assesses their own
administration (first start → wizard → a few answers, an indicator among them → the report)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from aeo_assess.gui.assessment_list import Column
from aeo_assess.gui.editor.assessment_editor import AssessmentEditor
from aeo_assess.gui.report_dialog import ReportDialog
from aeo_assess.services import assessments
from aeo_assess.services.context import AppContext
from aeo_assess.settings import Settings, save_settings
from tests.gui.conftest import OpenWindow, type_text
from tests.reporting.samples import text_of

INDICATOR, MATURITY, YES_NO = "CRM-E.09", "CRM-A.02", "CRM-A.01"


def test_an_officer_assesses_the_administration_in_spanish(
    qtbot: QtBot, ctx: AppContext, open_window: OpenWindow, settings_file: Path, tmp_path: Path
) -> None:
    save_settings(Settings(language="es", profile="officer", profile_chosen=True), settings_file)
    window = open_window()
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.first_start_dialog is not None)
    first = window.first_start_dialog
    assert first is not None
    button = first.administration_button
    qtbot.waitUntil(button.isVisible)
    assert button.accessibleName() == "Evaluar mi administración"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: window.wizard is not None and window.wizard.isVisible())
    wizard = window.wizard
    assert wizard is not None
    assert wizard.windowTitle() == "Nueva evaluación de administración"
    page = wizard.company_page
    assert page.title() == "Administración" and page.company_label.text().startswith("Nombre de")
    assert page.unit.isVisible() and page.contact.isVisible() and not page.tax_id.isVisible()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert page.company_error.text() == "⚠ Escriba el nombre de la administración."
    type_text(page.company, "Dirección General de Aduanas")
    type_text(page.unit, "Gerencia de Gestión de Riesgo")
    type_text(page.contact, "riesgo@aduana.example")
    type_text(page.country.lineEdit(), "Costa Rica")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    # No roles or AEO type: straight to the questionnaire, which offers customs-rm alone.
    assert wizard.currentPage() is wizard.questionnaire_page
    assert list(wizard.questionnaire_page.buttons) == ["customs-rm@2027.1"]
    assert "Unidad: Gerencia de Gestión de Riesgo" in wizard.questionnaire_page.summary.text()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: isinstance(window.editor, AssessmentEditor), timeout=10_000)
    editor = window.editor
    assert isinstance(editor, AssessmentEditor)
    assessment_id = editor.assessment_id
    assert editor.header.title.accessibleName().startswith(
        "Dirección General de Aduanas (Gerencia de Gestión de Riesgo) — Gestión de riesgos")
    assert editor.header.consent is not None and not editor.header.consent.isChecked()
    assert editor.header.consent.text() == "Puede ser nombrada en los resúmenes de talleres"

    editor.go_to(YES_NO)
    qtbot.mouseClick(editor.panel.options.buttons[0], Qt.MouseButton.LeftButton)  # Sí
    editor.go_to(MATURITY)
    qtbot.mouseClick(editor.panel.options.buttons[3], Qt.MouseButton.LeftButton)
    editor.go_to(INDICATOR)
    field = editor.panel.number.edit
    field.setFocus()
    qtbot.keyClicks(field, "12,5")  # the Spanish decimal comma
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.mouseClick(editor.header.consent, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: assessments.load(ctx, assessment_id)[1].consent, timeout=10_000)
    qtbot.waitUntil(
        lambda: {q: a.value for q, a in assessments.load(ctx, assessment_id)[1].answers.items()}
        == {YES_NO: True, MATURITY: 3, INDICATOR: 12.5}, timeout=10_000)

    stored = assessments.load(ctx, assessment_id)[1]
    assert (stored.company, stored.unit, stored.contact, stored.country) == (
        "Dirección General de Aduanas", "Gerencia de Gestión de Riesgo",
        "riesgo@aduana.example", "CR")
    assert stored.roles == stored.aeo_types == frozenset()

    dialog = ReportDialog(window.gui, assessment_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Informe de la administración"
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=30_000)
    saved = dialog.save_to(tmp_path / "administracion.pdf")
    text = " ".join(text_of(saved.read_bytes()).split())
    assert "Informe de autoevaluación de la administración" in text
    assert "administración" in text and "Gerencia de Gestión de Riesgo" in text
    assert "Indicadores" in text and "Rango plausible" in text
    assert "12,5 % de las declaraciones" in text
    assert "Hoja de ruta" in text and "Compendio de Gestión de Riesgos de la OMA" in text
    assert "Nombrada en los resúmenes de talleres Sí" in text

    window.close_assessment()
    list_page = window.list_page
    qtbot.waitUntil(lambda: list_page.visible_count() == 1)
    header = list_page.model.headerData(Column.COMPANY, Qt.Orientation.Horizontal)
    assert header == "Empresa o administración"
