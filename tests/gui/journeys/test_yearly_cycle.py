"""The yearly cycle, in Spanish on a 1280x720 window: a company answered on SAFE AEO 2026.1
enters its certification dates, starts its next assessment (on 2027.1, the answers carried over
to confirm), confirms one, changes another, and a year later starts the third; the list folds
the earlier cycles and reminds it of the next review."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from aeo_assess.domain.assessment import Answer, Assessment, CarryState
from aeo_assess.gui.company_dialog import CompanyProfileDialog
from aeo_assess.gui.editor.assessment_editor import AssessmentEditor
from aeo_assess.questionnaires.registry import find, shipped_raw
from aeo_assess.services import assessments, cycles
from aeo_assess.services.context import AppContext
from aeo_assess.settings import Settings, save_settings
from aeo_assess.storage import repository as repo
from tests.gui.conftest import OpenWindow
from tests.gui.journeys.conftest import SIZE, choose_menu, click, next_dialog, press_button

COMPANY = "Café Ñandú S.A."


def answered_on_2026(ctx: AppContext) -> str:
    old = find("safe-aeo", "2026.1")
    assert old is not None
    with ctx.database.session() as session:
        pk = repo.store_questionnaire(session, shipped_raw(old))
        return repo.create_assessment(
            session,
            Assessment(
                old.id, old.version, COMPANY, "CR",
                frozenset({"importer"}), frozenset({"security", "compliance"}),
                answers={
                    "SAFE-B.01": Answer(3, comment="auditoría del ERP"),
                    "SAFE-B.02": Answer(2),
                    "SAFE-C.01": Answer(False, comment="sin procesos"),
                },
                tax_id="3-101-123456",
            ),
            pk,
        )


def editor_of(window: QWidget) -> AssessmentEditor:
    editor = getattr(window, "editor", None)
    assert isinstance(editor, AssessmentEditor)
    return editor


def start_next(qtbot: QtBot, window: QWidget, before: str) -> str:
    """Edit › Iniciar la siguiente evaluación…, answered “Iniciar”; the new one opens."""
    said: list[str] = []

    def start(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        said.append(dialog.text())
        press_button(dialog, "Iniciar")

    answered = next_dialog(start)
    choose_menu(window, "Editar", "Iniciar la siguiente evaluación…")  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: getattr(window, "editor_id", None) not in (None, before), timeout=10_000)
    assert answered.seen and said == [f"¿Iniciar la siguiente evaluación de «{COMPANY}»?"]
    editor_id = getattr(window, "editor_id", None)
    assert isinstance(editor_id, str)
    return editor_id


def test_three_cycles_in_spanish(
    qtbot: QtBot, ctx: AppContext, open_window: OpenWindow, settings_file: Path
) -> None:
    first = answered_on_2026(ctx)
    save_settings(Settings(language="es", profile="trader", profile_chosen=True,
                           first_start_done=True), settings_file)
    window = open_window()
    window.resize(*SIZE)
    assert window.list_page.select(first)

    # --- Editar › Perfil de la empresa…: certified, next review in 45 days ---------------------
    choose_menu(window, "Editar", "Perfil de la empresa…")
    dialog = window.findChild(CompanyProfileDialog)
    assert dialog is not None and dialog.isVisible()
    review = dt.date.today() + dt.timedelta(days=45)
    dialog.certified_on.setDate(QDate(2026, 3, 2))
    dialog.next_review_on.setDate(QDate(review.year, review.month, review.day))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    page = window.list_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and "revisión en 45 días" in
                    page.model.index(0, 3).data())
    assert "próxima revisión el" in page.details.values["certification"].text()

    # --- the second cycle, on 2027.1: carried over, to confirm -----------------------------------
    second = start_next(qtbot, window, first)
    editor = editor_of(window)
    assert "2027.1" in editor.header.title.accessibleName()
    banner = editor.cycle_banner
    assert banner.isVisible()
    assert banner.text.text().startswith("Quedan 2 respuestas trasladadas de la evaluación "
                                         "anterior por confirmar (confirmadas: 0; cambiadas: 0)")
    assert editor.state.card.provisional
    click(qtbot, banner.button)
    panel = editor.panel
    assert panel.question is not None and panel.question.id == "SAFE-B.01"
    assert panel.carried.isVisible() and panel.confirm_button.text() == "Sigue vigente: confirmar"
    click(qtbot, panel.confirm_button)
    assert panel.carried_text.text() == "Trasladada de la evaluación anterior y confirmada."
    assert not panel.confirm_button.isVisible()
    editor.go_to("SAFE-B.02")
    assert panel.confirm_button.isVisible()
    editor.change_answer("SAFE-B.02", editor.state.with_value("SAFE-B.02", 3))  # as a click does
    assert panel.carried_text.text() == "Trasladada de la evaluación anterior y cambiada desde entonces."
    qtbot.waitUntil(lambda: not banner.isVisible())
    editor.state.wait_saved()
    _, stored, card = assessments.load(ctx, second)
    assert stored.carried == {"SAFE-B.01": CarryState.CONFIRMED, "SAFE-B.02": CarryState.CHANGED}
    assert stored.answers["SAFE-B.01"] == Answer(3, comment="auditoría del ERP")
    assert card.to_confirm == ()
    assert "SAFE-C.01" not in stored.answers  # 2027.1 no longer asks it

    # --- back to the list: the first cycle is folded under the second ----------------------------
    choose_menu(window, "Archivo", "Todas las evaluaciones")
    qtbot.waitUntil(lambda: window.editor is None)
    qtbot.waitUntil(lambda: page.visible_count() == 1)
    assert page.select(second)
    assert page.details.values["cycles"].text() == "Ciclo más reciente, 1 evaluación anterior."
    assert page.history_check.isVisible() and page.history_check.text() == "Mostrar &ciclos anteriores"
    click(qtbot, page.history_check)
    assert page.visible_count() == 2
    click(qtbot, page.history_check)

    # --- a year later: the third cycle, on the same version -------------------------------------
    assert page.select(second)
    third = start_next(qtbot, window, second)
    assert "2027.1" in editor_of(window).header.title.accessibleName()
    found = cycles.history(ctx, third)
    assert [c.assessment.id for c in found] == [first, second, third]
    assert [c.questionnaire.version for c in found] == ["2026.1", "2027.1", "2027.1"]
    _, latest, _ = assessments.load(ctx, third)
    assert (latest.certified_on, latest.next_review_on) == (dt.date(2026, 3, 2), review)
    assert set(latest.carried.values()) == {CarryState.TO_CONFIRM}

    # --- the Trend tab: three cycles, the version change, and the changes since 2026.1 ----------
    editor = editor_of(window)
    trend = editor.trend
    assert trend is not None
    bar = editor.tabs.tabBar()
    index = editor.tabs.indexOf(trend)
    assert editor.tabs.tabText(index) == "Evolu&ción"
    click(qtbot, bar, bar.tabRect(index).center())
    qtbot.waitUntil(lambda: trend.chart.chart is not None, timeout=10_000)
    chart = trend.chart.chart
    assert chart is not None
    assert [p.version for p in chart.points] == ["2026.1", "2027.1", "2027.1"]
    assert [p.version_changed for p in chart.points] == [False, True, False]
    assert trend.criteria.columnCount() == 3
    assert trend.baseline.count() == 2
    assert trend.changes_summary.text() == "0 respuestas cambiaron."
    trend.baseline.setCurrentIndex(1)  # the first cycle, on 2026.1
    shown = [trend.changes.item(i).text() for i in range(trend.changes.count())]
    assert any(line.startswith("SAFE-B.02: 2 → 3") for line in shown), shown
    assert any(line.startswith("SAFE-C.01: No → sin responder") for line in shown), shown
