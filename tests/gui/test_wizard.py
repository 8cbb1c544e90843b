"""The new-assessment wizard, by mouse and typing, and by keyboard alone."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWizard
from pytestqt.qtbot import QtBot

from aeo_assess.gui.main_window import MainWindow
from aeo_assess.gui.new_assessment_wizard import NewAssessmentWizard
from aeo_assess.services import assessments
from aeo_assess.services.context import AppContext
from tests.gui.conftest import OpenWindow, new_assessment, type_text


def open_wizard(qtbot: QtBot, window: MainWindow) -> NewAssessmentWizard:
    qtbot.keyClick(window.list_page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.wizard is not None and window.wizard.isVisible())
    wizard = window.wizard
    assert wizard is not None
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    return wizard


def click(qtbot: QtBot, wizard: QWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def check(qtbot: QtBot, button: QAbstractButton) -> None:
    """Click on the box's label text, where a user clicks."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(30, button.height() // 2))
    assert button.isChecked()


def focused() -> object:
    return QApplication.focusWidget()


def test_create_by_typing_and_clicking(
    qtbot: QtBot, ctx: AppContext, open_window: OpenWindow
) -> None:
    window = open_window()
    wizard = open_wizard(qtbot, window)
    page = wizard.company_page
    assert not page.company_error.isVisible()

    click(qtbot, wizard, QWizard.WizardButton.NextButton)  # nothing typed yet
    assert wizard.currentPage() is page
    assert page.company_error.isVisible() and page.company_error.text() == "⚠ Enter the company name."
    assert page.country_error.text() == "⚠ Choose the country where the company operates."
    assert page.company.hasFocus()
    assert page.company.accessibleDescription() == "Enter the company name."

    type_text(page.company, "Agroexportadora Ñandú S.A.")
    assert not page.company_error.isVisible()
    qtbot.keyClicks(page.tax_id, "3-101-123456")
    qtbot.keyClicks(page.country.lineEdit(), "Atlantis")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert page.country_error.text().startswith("⚠ “Atlantis” is not a country in the list")

    page.country.lineEdit().clear()
    qtbot.keyClicks(page.country.lineEdit(), "costa")  # the completer offers "Costa Rica"
    popup = page.country.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().index(0, 0).data() == "Costa Rica"
    qtbot.mouseClick(
        popup.viewport(), Qt.MouseButton.LeftButton, pos=popup.visualRect(popup.model().index(0, 0)).center()
    )
    assert page.country.currentText() == "Costa Rica" and page.country_code() == "CR"
    click(qtbot, wizard, QWizard.WizardButton.NextButton)

    profile = wizard.profile_page
    assert wizard.currentPage() is profile
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert profile.roles_error.text() == "⚠ Choose at least one supply-chain role."
    check(qtbot, profile.role_boxes["exporter"])
    check(qtbot, profile.role_boxes["carrier"])
    assert not profile.roles_error.isVisible()
    check(qtbot, profile.type_buttons["security"])
    click(qtbot, wizard, QWizard.WizardButton.NextButton)

    last = wizard.questionnaire_page
    assert wizard.currentPage() is last
    assert "Agroexportadora Ñandú S.A., Costa Rica" in last.summary.text()
    assert "Exporter, Carrier (transport operator)" in last.summary.text()
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    qtbot.waitUntil(lambda: window.editor_id is not None)
    (row,) = assessments.list_assessments(ctx)
    assert window.editor_id == row.id and row.company == "Agroexportadora Ñandú S.A."
    _q, assessment, _card = assessments.load(ctx, row.id)
    assert (assessment.country, assessment.tax_id) == ("CR", "3-101-123456")
    assert assessment.roles == {"exporter", "carrier"}
    assert assessment.aeo_types == {"security"}
    assert assessment.questionnaire_id == "safe-aeo"


def test_create_with_the_keyboard_alone(
    qtbot: QtBot, ctx: AppContext, open_window: OpenWindow
) -> None:
    new_assessment(ctx, "Ya Existente")
    window = open_window()
    wizard = open_wizard(qtbot, window)
    assert focused() is wizard.company_page.company
    qtbot.keyClicks(focused(), "Transportes Inca S.A.C.")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "20123456789")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    country = focused()
    assert country is wizard.company_page.country
    qtbot.keyClicks(country, "peru")
    popup = wizard.company_page.country.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)  # the first suggestion, then take it
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert not popup.isVisible() and wizard.company_page.country.currentText() == "Peru"
    assert wizard.company_page.country_code() == "PE"
    qtbot.keyClick(country, Qt.Key.Key_Return)  # Enter = Next
    assert wizard.currentPage() is wizard.profile_page

    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # no role yet: the error, and the focus on it
    assert wizard.profile_page.roles_error.isVisible()
    assert focused() is wizard.profile_page.role_boxes["importer"]
    for _ in range(2):  # importer -> exporter -> carrier
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is wizard.profile_page.role_boxes["carrier"]
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.questionnaire_page

    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter = Create
    qtbot.waitUntil(lambda: window.editor_id is not None)
    _q, assessment, _card = assessments.load(ctx, window.editor_id)  # type: ignore[arg-type]
    assert assessment.company == "Transportes Inca S.A.C."
    assert (assessment.country, assessment.tax_id) == ("PE", "20123456789")
    assert assessment.roles == {"carrier"}
    assert assessment.aeo_types == {"security", "compliance"}


def test_back_and_cancel_with_the_keyboard(
    qtbot: QtBot, ctx: AppContext, open_window: OpenWindow
) -> None:
    new_assessment(ctx, "Ya Existente")
    window = open_window()
    wizard = open_wizard(qtbot, window)
    qtbot.keyClicks(wizard.company_page.company, "Se arrepiente S.A.")
    qtbot.keyClicks(wizard.company_page.country.lineEdit(), "Chile")
    popup = wizard.company_page.country.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)  # closes the suggestions only
    assert not popup.isVisible() and wizard.isVisible()
    qtbot.keyClick(wizard.company_page.company, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.profile_page
    qtbot.keyClick(focused(), Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # "< &Back"
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.company_page)  # an animated click
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert [r.company for r in assessments.list_assessments(ctx)] == ["Ya Existente"]


def test_spanish_wizard_offers_spanish_country_names(
    qtbot: QtBot, ctx: AppContext, open_window: OpenWindow
) -> None:
    new_assessment(ctx, "Ya Existente")
    window = open_window(lang="es")
    wizard = open_wizard(qtbot, window)
    assert wizard.windowTitle() == "Nueva evaluación"
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "&Siguiente >"
    page = wizard.company_page
    type_text(page.country.lineEdit(), "Perú")
    assert page.country_code() == "PE"
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert page.company_error.text() == "⚠ Escriba el nombre de la empresa."
    assert wizard.profile_page.role_boxes["broker"].text() == "Agente de aduanas"
