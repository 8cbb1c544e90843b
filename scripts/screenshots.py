"""Render the README and user-guide screenshots (``make screenshots``): the main window with
demonstration data, the new-assessment wizard, the first-start dialog, the editor and its
dashboard, the readiness report's preview, the review and the reviewing officer's dialog, the
Countries page and the Workshops window, in English, Spanish and French, at 1280 x 720, into
docs/screenshots/.

Runs on Qt's offscreen platform, so no display is needed. The data is the seeded demonstration
set on a fixed date, so the pictures change only when the interface does.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SCREEN = {"screens": [{"name": "shots", "x": 0, "y": 0, "width": 1280, "height": 720,
                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}
"""The offscreen platform's screen is 800 x 800 unless told otherwise; the smallest screen
users have (1280 x 720) shows the window and its dialogs sized as they see them."""
if "QT_QPA_PLATFORM" not in os.environ:
    _config = Path(tempfile.gettempdir()) / "aeo-assess-screenshots-screen.json"
    _config.write_text(json.dumps(SCREEN), "utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_config}"

from PySide6.QtCore import QEvent, QPoint  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTabWidget, QWidget  # noqa: E402

from aeo_assess.gui.context import GuiContext  # noqa: E402
from aeo_assess.gui.countries import CountriesPage  # noqa: E402
from aeo_assess.gui.language import install_qt_translations  # noqa: E402
from aeo_assess.gui.main_window import MainWindow  # noqa: E402
from aeo_assess.gui.profile import ReviewerDialog  # noqa: E402
from aeo_assess.gui.report_dialog import ReportDialog  # noqa: E402
from aeo_assess.gui.review.workspace import ReviewWorkspace  # noqa: E402
from aeo_assess.i18n import set_language  # noqa: E402
from aeo_assess.services.assessments import list_assessments  # noqa: E402
from aeo_assess.services.context import AppContext, open_context  # noqa: E402
from aeo_assess.services.demo import create_demo_data  # noqa: E402
from aeo_assess.settings import Settings  # noqa: E402

SIZE = (1280, 720)
DEMO_NOW = dt.datetime(2026, 11, 20, 15, 30, tzinfo=dt.UTC)
LANGUAGES = ("en", "es", "fr")
POSITIONS = {"en": "Valuation officer", "es": "Oficial de valoración", "fr": "Agent de la valeur"}
"""The reviewing officer's position, as the officer would type it in each language."""


def settle(app: QApplication) -> None:
    """Let layouts, deferred updates and background tasks finish before a grab."""
    for _ in range(20):
        app.processEvents()


def wait_for(app: QApplication, condition: Callable[[], bool], seconds: float = 60) -> None:
    """Let background work (a report being made) finish before a grab."""
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the window did not get ready in time")
        app.processEvents()
        time.sleep(0.02)
    settle(app)


def over_window(window: QWidget, dialog: QWidget) -> QPixmap:
    """A dialog as users see it: centred over its dimmed window, with a frame."""
    picture = window.grab()
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 70))
    shot = dialog.grab()
    corner = QPoint((picture.width() - shot.width()) // 2, (picture.height() - shot.height()) // 2)
    painter.fillRect(
        corner.x() - 1, corner.y() - 1, shot.width() + 2, shot.height() + 2, QColor("#555555")
    )
    painter.drawPixmap(corner, shot)
    painter.end()
    return picture


def dispose(window: QWidget) -> None:
    """Close a window and delete it through Qt now, while its Python object lives: left to the
    garbage collector, a window of an earlier language died during a later grab (a
    segmentation fault one run in a few)."""
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def new_window(app: QApplication, ctx: AppContext, language: str) -> MainWindow:
    set_language(language)
    install_qt_translations(language)
    ctx.language = language
    window = MainWindow(GuiContext(ctx, Settings(language=language, first_start_done=True)))
    window.resize(*SIZE)
    window.show()
    settle(app)
    return window


def render(out: Path, work: Path) -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    written: list[Path] = []
    (work / "empty").mkdir()

    def save(picture: QPixmap, name: str) -> None:
        path = out / f"{name}.png"
        if not picture.save(str(path)):
            raise OSError(f"cannot write {path}")
        written.append(path)

    empty = open_context(f"sqlite:///{work / 'empty' / 'aeo-assess.sqlite3'}")
    ctx = open_context(f"sqlite:///{work / 'aeo-assess.sqlite3'}")
    create_demo_data(ctx, now=DEMO_NOW)
    rows = list_assessments(ctx)
    shown = next(r for r in rows if r.level == "nearly_ready")
    edited = next(r for r in rows if r.level == "developing" and r.completeness < 1)
    for language in LANGUAGES:
        window = new_window(app, ctx, language)
        window.start()
        wait_for(app, lambda shown=window: shown.loaded)
        window.list_page.select(shown.id)
        window.list_page.table.scrollTo(
            window.list_page.table.currentIndex(), QAbstractItemView.ScrollHint.PositionAtCenter
        )
        window.list_page.table.setFocus()
        settle(app)
        save(window.grab(), f"main-window-{language}")

        window.new_assessment()
        wizard = window.wizard
        assert wizard is not None
        wizard.company_page.company.setText("Café Volcán Poás S.A.")
        wizard.company_page.tax_id.setText("3-101-654321")
        wizard.company_page.country.setCurrentIndex(
            wizard.company_page.country.findData("CR")
        )
        wizard.next()
        for role in ("exporter", "manufacturer"):
            wizard.profile_page.role_boxes[role].setChecked(True)
        settle(app)
        save(over_window(window, wizard), f"wizard-{language}")
        wizard.reject()

        window.open_assessment(edited.id)
        settle(app)
        if window.editor is not None and window.editor.findChild(QTabWidget) is not None:
            save(window.grab(), f"editor-{language}")
            tabs = window.editor.findChild(QTabWidget)
            assert tabs is not None
            tabs.setCurrentIndex(1)
            settle(app)
            save(window.grab(), f"dashboard-{language}")
            window.show_report()
            report = window.report_dialog
            assert isinstance(report, ReportDialog)
            wait_for(app, lambda shown=report: shown.pdf is not None)
            save(over_window(window, report), f"report-{language}")
            report.done(0)
        window.close_assessment()
        dispose(window)

        first = new_window(app, empty, language)
        first.gui.settings.first_start_done = False
        first.start()
        wait_for(app, lambda shown=first: shown.loaded)
        settle(app)
        dialog = first.first_start_dialog
        assert dialog is not None
        save(over_window(first, dialog), f"first-start-{language}")
        dialog.done(0)
        dispose(first)
    written += render_review(app, ctx, shown.id, out, work)
    written += render_countries_and_workshops(app, ctx, out)
    ctx.database.close()
    empty.database.close()
    return written


REVIEW_TEXTS = {
    "en": ("The procedure is a draft: send the signed and approved version.",
           "Attach the training records of the last twelve months.",
           "Confirmed during the visit.",
           "Business partner security is not assessed before contracting.",
           "Screen every new partner and record the result.",
           "Records are kept on paper only.",
           "Grant once the major finding is closed."),
    "es": ("El procedimiento es un borrador: envíe la versión firmada y aprobada.",
           "Adjunte los registros de capacitación de los últimos doce meses.",
           "Confirmado durante la visita.",
           "No se evalúa la seguridad de los socios comerciales antes de contratarlos.",
           "Evalúe a cada nuevo socio y registre el resultado.",
           "Los registros se llevan solo en papel.",
           "Otorgar cuando se cierre el hallazgo mayor."),
    "fr": ("La procédure est un projet : envoyez la version signée et approuvée.",
           "Joignez les registres de formation des douze derniers mois.",
           "Confirmé lors de la visite.",
           "La sûreté des partenaires commerciaux n’est pas évaluée avant la contractualisation.",
           "Évaluez chaque nouveau partenaire et consignez le résultat.",
           "Les registres sont tenus uniquement sur papier.",
           "Accorder une fois le constat majeur levé."),
}
"""What the officer types, in the language of the screenshots: an officer writes in their own."""


def _review_round(
    trader: AppContext, officer: AppContext, assessment_id: str, work: Path, language: str
) -> str:
    """The officer imports the trader's applicant file, reviews it and sends a review file
    back, which the trader imports; returns the officer's id of the submission."""
    from aeo_assess.domain.review import Outcome, RemarkStatus, Severity, Verdict
    from aeo_assess.services import reviews, transfer

    (not_accepted, needs_evidence, confirmed, finding, action, observation,
     outcome) = REVIEW_TEXTS[language]

    sent = transfer.export_assessment(trader, assessment_id, work / f"submission-{language}.aeoa")
    submission = transfer.import_applicant_file(officer, sent).assessment_id
    reviews.start_review(officer, submission)
    for question_id in ("SAFE-A.03", "SAFE-A.05", "SAFE-A.06", "SAFE-B.03"):
        reviews.set_verdict(officer, submission, question_id, Verdict.ACCEPTED)
    reviews.set_verdict(officer, submission, "SAFE-B.01", Verdict.NOT_ACCEPTED,
                        not_accepted)
    reviews.set_verdict(officer, submission, "SAFE-B.02", Verdict.NEEDS_EVIDENCE,
                        needs_evidence)
    reviews.set_verdict(officer, submission, "SAFE-A.04", Verdict.ACCEPTED,
                        confirmed)
    reviews.set_remark_status(officer, submission, "SAFE-A.04", RemarkStatus.RESOLVED)
    reviews.add_finding(officer, submission, severity=Severity.MAJOR, criterion_id="SAFE-B",
                        text=finding,
                        required_action=action,
                        due=dt.date(2027, 3, 31))
    reviews.add_finding(officer, submission, severity=Severity.OBSERVATION,
                        criterion_id="SAFE-A", text=observation)
    reviews.set_outcome(officer, submission, Outcome.GRANT_AFTER_IMPROVEMENTS,
                        outcome)
    returned = reviews.export_review(officer, submission, work / f"review-{language}.aeor")
    reviews.import_review(trader, returned)
    return submission


def render_review(
    app: QApplication, trader: AppContext, assessment_id: str, out: Path, work: Path
) -> list[Path]:
    """Review mode (the officer's) and the customs remarks (the trader's), per language."""
    written: list[Path] = []
    for language in LANGUAGES:
        officer = open_context(f"sqlite:///{work / f'officer-{language}.sqlite3'}")
        submission = _review_round(trader, officer, assessment_id, work, language)
        window = new_window(app, officer, language)
        window.gui.settings.profile = "officer"
        window.gui.settings.reviewer_name = "María Pérez"  # said before: no question
        window.review_hooks.arrange()
        window.open_assessment(submission)
        workspace = window.editor
        assert isinstance(workspace, ReviewWorkspace)
        workspace.go_to("SAFE-B.01")
        settle(app)
        written.append(_save(window.grab(), out / f"review-{language}.png"))
        identity = ReviewerDialog(window.gui, window)
        identity.name.setText("María Pérez")
        identity.position.setText(POSITIONS[language])
        identity.office.setText("Aduana Santamaría")
        identity.show()
        settle(app)
        written.append(_save(over_window(window, identity), out / f"reviewer-{language}.png"))
        identity.done(0)
        window.close_assessment()
        dispose(window)

        window = new_window(app, trader, language)
        window.open_assessment(assessment_id)
        window.review_hooks.show_remarks()
        settle(app)
        written.append(_save(window.grab(), out / f"customs-remarks-{language}.png"))
        window.close_assessment()
        dispose(window)
        officer.database.close()
    return written


def render_countries_and_workshops(app: QApplication, ctx: AppContext, out: Path) -> list[Path]:
    """View › Countries (Costa Rica) and View › Workshops (the demonstration workshop)."""
    written = []
    for language in LANGUAGES:
        window = new_window(app, ctx, language)
        window.countries_action.trigger()
        page = window.countries_page
        assert isinstance(page, CountriesPage)
        page.resize(*SIZE)
        page.select("CR")
        settle(app)
        written.append(_save(page.grab(), out / f"countries-{language}.png"))
        page.close()
        window.workshops_action.trigger()
        workshops = window.workshops_window
        assert workshops is not None
        workshops.resize(*SIZE)
        settle(app)
        written.append(_save(workshops.grab(), out / f"workshops-{language}.png"))
        workshops.close()
        dispose(window)
    return written


def _save(picture: QPixmap, path: Path) -> Path:
    if not picture.save(str(path)):
        raise OSError(f"cannot write {path}")
    return path


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    # A scratch directory with a fixed name: the status bar shows the database path, and
    # the pictures should not change from run to run.
    work = Path(tempfile.gettempdir()) / "aeo-assess-screenshots"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        # Settings the windows save go to the scratch directory, never the user's own.
        os.environ["AEO_ASSESS_SETTINGS"] = str(work / "settings.json")
        for path in render(out, work):
            print(path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
