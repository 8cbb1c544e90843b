"""The upgrade dialog lists every change by section and stays within 1280×720, scrolling a
long list instead of growing."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from aeo_assess import i18n
from aeo_assess.domain.assessment import Answer
from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.gui.editor.upgrade_dialog import UpgradeDialog
from aeo_assess.questionnaires.upgrade import carry_over, diff_versions
from aeo_assess.services.assessments import Upgrade
from tests.unit.questionnaires.test_upgrade import NEW, OLD, on, question, version


def plan_for(old: Questionnaire, new: Questionnaire, answers: dict[str, Answer]) -> Upgrade:
    carried = carry_over(old, new, on(old, answers))
    return Upgrade("id", old, new, diff_versions(old, new), carried.dropped)


def sections(dialog: UpgradeDialog) -> dict[str, list[tuple[str, str]]]:
    tree = dialog.changes
    found = {}
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        found[item.text(0)] = [(item.child(j).text(0), item.child(j).text(1))
                               for j in range(item.childCount())]
    return found


def test_every_kind_of_change_has_its_section_in_spanish(qtbot: QtBot) -> None:
    i18n.set_language("es")
    plan = plan_for(OLD, NEW, {"Q3": Answer(2), "Q4": Answer(na_reason="no"), "Q5": Answer(500)})
    dialog = UpgradeDialog(plan)
    qtbot.addWidget(dialog)
    assert sections(dialog) == {
        "Preguntas nuevas, sin responder tras la actualización (1)": [("Q7", "¿Q7?")],
        "Preguntas que ya no se hacen (1)": [("Q3", "¿Q3?")],
        "Preguntas redactadas de nuevo (1)": [("Q4", "¿Q4 ahora?")],
        "Preguntas cuyo tipo de requisito cambió (1)": [("Q4", "requisito obligatorio → condición de elegibilidad")],
        "Preguntas cuyo tipo de respuesta u opciones cambiaron (2)": [("Q2", "¿Q2?"), ("Q5", "¿Q5?")],
        "Respuestas que no se trasladan (los comentarios se conservan) (3)": [
            ("Q3", "la pregunta ya no se hace"),
            ("Q4", "una pregunta de elegibilidad no puede marcarse como no aplicable"),
            ("Q5", "la respuesta no es válida en la nueva versión"),
        ],
    }
    assert dialog.upgrade_button.text() == "&Actualizar"


def test_a_long_list_scrolls_inside_1280_by_720(qtbot: QtBot) -> None:
    many = version("2", *(question(f"N{n:03d}", text={"en": "A new question " * 8}) for n in range(300)))
    plan = plan_for(OLD, many, {})
    dialog = UpgradeDialog(plan)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 1280 and dialog.height() <= 720
    assert dialog.changes.verticalScrollBar().maximum() > 0
    assert dialog.upgrade_button.isVisible()
