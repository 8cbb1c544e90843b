"""Every screen in the pseudo-language: a letter outside ⟦…⟧ that is not user data, an id, a
number, a date or a proper name is English that escaped translation. The failure lists each
text with the path of the widget that shows it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from aeo_assess.domain.review import Outcome, Severity, Verdict
from aeo_assess.gui.main_window import MainWindow
from aeo_assess.gui.review.workspace import ReviewWorkspace
from aeo_assess.services import reviews, transfer
from aeo_assess.services.context import AppContext, open_context
from aeo_assess.services.demo import create_demo_administrations, create_demo_data
from tests.gui.conftest import OpenWindow
from tests.pseudo.text_check import Allowed, database_texts
from tests.pseudo.widgets import Text, window_texts

DEMO_NOW = dt.datetime(2026, 11, 20, 15, 30, tzinfo=dt.UTC)


def offenders(texts: Iterable[Text], allowed: Allowed) -> list[str]:
    found = []
    for where, text in texts:
        left = allowed.leftover(text) if text else ""
        if left:
            found.append(f"{where}: {text[:200]!r} (unwrapped: {left[:80]!r})")
    return sorted(set(found))


def check(windows: Iterable[QWidget | None], allowed: Allowed) -> list[str]:
    found = []
    for window in windows:
        assert window is not None
        QApplication.processEvents()
        found += offenders(window_texts(window), allowed)
    return found


def allowed_for(*databases: str, extra: Iterable[str] = ()) -> Allowed:
    texts: set[str] = set(extra)
    for url in databases:
        texts |= database_texts(Path(url.removeprefix("sqlite:///")))
    return Allowed(texts)


def assert_translated(found: list[str]) -> None:
    assert not found, "English on screen in the pseudo-language:\n" + "\n".join(sorted(found))


def test_trader_screens(
    qtbot: QtBot, pseudo: str, ctx: AppContext, db_url: str, open_window: OpenWindow,
    tmp_path: Path,
) -> None:
    create_demo_data(ctx, now=DEMO_NOW)
    administration = create_demo_administrations(ctx, now=DEMO_NOW)[0]
    window: MainWindow = open_window(pseudo)
    allowed = allowed_for(db_url, extra=[str(tmp_path), "Café Volcán Poás S.A."])
    found = check([window], allowed)

    window.new_assessment()
    wizard = window.wizard
    assert wizard is not None
    wizard.company_page.company.setText("Café Volcán Poás S.A.")
    wizard.company_page.country.setCurrentIndex(wizard.company_page.country.findData("CR"))
    found += check([wizard], allowed)
    wizard.next()
    wizard.profile_page.role_boxes["exporter"].setChecked(True)
    found += check([wizard], allowed)
    wizard.next()
    found += check([wizard], allowed)
    wizard.reject()

    rows = window.list_page.model.rows()
    window.list_page.select(rows[0].id)
    window.edit_profile()
    found += check([QApplication.activeModalWidget()], allowed)
    QApplication.activeModalWidget().close()  # type: ignore[union-attr]

    window.show_about()
    found += check([window.about_box], allowed)
    window.about_box.close()  # type: ignore[union-attr]

    edited = next(r for r in rows if r.completeness < 1)
    window.open_assessment(edited.id)
    found += check([window], allowed)
    window.show_report()
    report = window.report_dialog
    assert report is not None
    qtbot.waitUntil(lambda: report.pdf is not None, timeout=30_000)
    found += check([report], allowed)
    report.done(0)
    window.verdict_help.show()
    found += check([window.verdict_help.dialog], allowed)
    window.verdict_help.show_glossary()
    found += check([window.verdict_help.glossary], allowed)
    window.close_assessment()

    window.countries_action.trigger()
    assert window.countries_page is not None
    window.countries_page.select("CR")
    found += check([window.countries_page], allowed)
    window.workshops_action.trigger()
    workshops = window.workshops_window
    assert workshops is not None
    found += check([workshops], allowed)
    workshops.new_workshop()
    found += check([workshops.new_dialog], allowed)
    workshops.new_dialog.reject()  # type: ignore[union-attr]

    window.new_administration_assessment()
    found += check([window.wizard], allowed)
    window.wizard.reject()  # type: ignore[union-attr]
    window.open_assessment(administration)
    found += check([window], allowed)
    window.close_assessment()
    assert_translated(found)


def test_first_start(pseudo: str, open_window: OpenWindow, tmp_path: Path, db_url: str,
                     settings_file: Path) -> None:
    settings_file.unlink()  # a first start
    window = open_window(pseudo)
    assert window.first_start_dialog is not None
    found = check([window.first_start_dialog], allowed_for(db_url, extra=[str(tmp_path)]))
    window.first_start_dialog.done(0)
    assert_translated(found)


def _submission(officer: AppContext, work: Path) -> str:
    """A trader's demonstration assessment, sent to the officer and reviewed in part."""
    trader = open_context(f"sqlite:///{work / 'trader.sqlite3'}")
    try:
        create_demo_data(trader, now=DEMO_NOW, count=3)
        from aeo_assess.services.assessments import list_assessments

        sent = transfer.export_assessment(trader, list_assessments(trader)[0].id,
                                          work / "submission.aeoa")
    finally:
        trader.database.close()
    submission = transfer.import_applicant_file(officer, sent).assessment_id
    reviews.start_review(officer, submission)
    reviews.set_verdict(officer, submission, "SAFE-A.03", Verdict.ACCEPTED)
    reviews.set_verdict(officer, submission, "SAFE-B.01", Verdict.NOT_ACCEPTED,
                        "The procedure is a draft.")
    reviews.add_finding(officer, submission, severity=Severity.MAJOR, criterion_id="SAFE-B",
                        text="Partners are not screened.", required_action="Screen them.",
                        due=dt.date(2027, 3, 31))
    reviews.set_outcome(officer, submission, Outcome.GRANT_AFTER_IMPROVEMENTS, "Once closed.")
    return submission


def test_officer_screens(
    qtbot: QtBot, pseudo: str, ctx: AppContext, db_url: str, open_window: OpenWindow,
    tmp_path: Path,
) -> None:
    submission = _submission(ctx, tmp_path)
    window: MainWindow = open_window(pseudo)
    window.gui.settings.profile = "officer"
    window.gui.settings.reviewer_name = "María Pérez"
    window.review_hooks.arrange()
    allowed = allowed_for(db_url, extra=[str(tmp_path), "María Pérez"])
    found = check([window], allowed)
    window.open_assessment(submission)
    workspace = window.editor
    assert isinstance(workspace, ReviewWorkspace)
    workspace.go_to("SAFE-B.01")
    found += check([window], allowed)
    window.review_hooks.show_reviewer_dialog()
    found += check([window.review_hooks.reviewer_dialog], allowed)
    window.review_hooks.show_profile_dialog()
    found += check([window.review_hooks.profile_dialog], allowed)
    assert_translated(found)
