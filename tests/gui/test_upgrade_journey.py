"""A user in Spanish opens an assessment answered on SAFE AEO 2026.1, sees the banner, upgrades
it after reading what changes, and finds it on 2027.1; the 2026.1 state stays as a copy."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from aeo_assess.domain.assessment import Answer, Assessment
from aeo_assess.gui.editor.assessment_editor import AssessmentEditor
from aeo_assess.gui.editor.upgrade_dialog import UpgradeDialog
from aeo_assess.questionnaires.registry import find, shipped_raw
from aeo_assess.services import assessments
from aeo_assess.services.context import AppContext
from aeo_assess.storage import repository as repo
from tests.gui.conftest import DialogAnswer, OpenWindow


def answered_on_2026(ctx: AppContext) -> str:
    old = find("safe-aeo", "2026.1")
    assert old is not None
    with ctx.database.session() as session:
        pk = repo.store_questionnaire(session, shipped_raw(old))
        return repo.create_assessment(
            session,
            Assessment(
                old.id, old.version, "Café Ñandú S.A.", "CR",
                frozenset({"importer"}), frozenset({"security", "compliance"}),
                answers={
                    "SAFE-B.01": Answer(3, comment="auditoría del ERP"),
                    "SAFE-A.02": Answer(na_reason="no aplica", comment="ver acta"),
                },
            ),
            pk,
        )


def editor_of(window: QWidget) -> AssessmentEditor:
    editor = getattr(window, "editor", None)
    assert isinstance(editor, AssessmentEditor)
    return editor


def test_upgrade_from_the_banner_in_spanish(
    qtbot: QtBot,
    ctx: AppContext,
    open_window: OpenWindow,
    answer_dialog: Callable[[Callable[[QWidget], None]], DialogAnswer],
) -> None:
    assessment_id = answered_on_2026(ctx)
    window = open_window("es")
    window.open_assessment(assessment_id)
    before = editor_of(window)
    banner = before.upgrade_banner
    qtbot.waitUntil(banner.isVisible)
    assert banner.text.text() == (
        "Esta evaluación se respondió con Preparación OEA según el Marco SAFE 2026.1; "
        "ya está disponible la 2027.1."
    )
    assert "2026.1" in before.header.title.accessibleName()
    assert banner.button.text() == "&Actualizar…"

    shown: list[str] = []

    def confirm(dialog: QWidget) -> None:
        assert isinstance(dialog, UpgradeDialog)
        assert dialog.windowTitle().startswith("Actualizar a ")
        assert dialog.width() <= 1280 and dialog.height() <= 720
        tree = dialog.changes
        for i in range(tree.topLevelItemCount()):
            section = tree.topLevelItem(i)
            shown.append(section.text(0))
            shown.extend(f"{section.child(j).text(0)}: {section.child(j).text(1)}"
                         for j in range(section.childCount()))
        dialog.upgrade_button.click()

    answered = answer_dialog(confirm)
    qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(window, "editor", None) not in (None, before), timeout=10_000)

    after = editor_of(window)
    assert answered.seen
    assert "Preguntas que ya no se hacen (5)" in shown
    assert "SAFE-A.02: requisito obligatorio → condición de elegibilidad" in shown
    assert "Respuestas que no se trasladan (los comentarios se conservan) (1)" in shown
    assert "SAFE-A.02: una pregunta de elegibilidad no puede marcarse como no aplicable" in shown
    assert "2027.1" in after.header.title.accessibleName()
    assert after.upgrade_banner.isHidden()
    questionnaire, upgraded, _ = assessments.load(ctx, assessment_id)
    assert questionnaire.version == "2027.1"
    assert upgraded.answers["SAFE-B.01"] == Answer(3, comment="auditoría del ERP")
    assert upgraded.answers["SAFE-A.02"] == Answer(comment="ver acta")

    (copy,) = [s for s in assessments.list_assessments(ctx) if s.archived_into == assessment_id]
    window.open_assessment(copy.id)
    kept = editor_of(window)
    assert kept.upgrade_banner.isVisible() and kept.upgrade_banner.button.isHidden()
    assert "de solo lectura" in kept.upgrade_banner.text.text()
    assert "2026.1" in kept.header.title.accessibleName()
