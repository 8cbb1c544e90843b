"""Help › How the verdict works and Help › Glossary: the rules of DESIGN §4 written for a
trader, with every threshold read from the questionnaire in use, so that the help can never
disagree with the verdict it explains; and the terms those rules use."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.domain.questionnaire import MEETS, Questionnaire, ReadinessRule
from aeo_assess.domain.text import localized
from aeo_assess.gui.context import GuiContext
from aeo_assess.i18n import _, format_percent, language
from aeo_assess.questionnaires.glossary import Glossary, shipped_glossary
from aeo_assess.questionnaires.registry import find

DEFAULT_QUESTIONNAIRE = "safe-aeo"


def _conditions(rule: ReadinessRule) -> list[str]:
    """The rule's thresholds in words, each read from the questionnaire."""
    said = []
    if rule.min_overall is not None:
        said.append(_("overall score at least {value}").format(
            value=format_percent(rule.min_overall)))
    if rule.min_each_criterion is not None:
        said.append(_("no criterion below {value}").format(
            value=format_percent(rule.min_each_criterion)))
    if rule.max_failed_musts == 0:
        said.append(_("every must and eligibility condition met"))
    elif rule.max_failed_musts is not None:
        said.append(_("musts not met: at most {n}").format(n=rule.max_failed_musts))
    if rule.max_open_musts == 0:
        said.append(_("every must answered"))
    elif rule.max_open_musts is not None:
        said.append(_("musts not yet answered: at most {n}").format(n=rule.max_open_musts))
    if rule.min_completeness is not None:
        said.append(_("questions answered: at least {value}").format(
            value=format_percent(rule.min_completeness)))
    return said


def verdict_help_html(questionnaire: Questionnaire) -> str:
    lang = language()
    esc = html.escape
    labels = {rule.level: localized(rule.label, lang) for rule in questionnaire.readiness}

    def label_of(level: str) -> str:
        return labels.get(level, level)

    parts = [
        f"<h2>{esc(_('How the verdict works'))}</h2>",
        "<p>" + esc(_("Questionnaire: {title} {version}").format(
            title=localized(questionnaire.title, lang), version=questionnaire.version)) + "</p>",
        "<p>" + esc(_(
            "A customs validator concludes requirement by requirement: shown or not shown. "
            "The verdict says the same. The percentage beside it only measures maturity."))
        + "</p>",
        f"<h3>{esc(_('The maturity scale'))}</h3><ul>",
    ]
    for level in questionnaire.maturity_scale:
        parts.append(f"<li><b>{esc(localized(level.label, lang))}</b>: "
                     f"{esc(localized(level.description, lang))}</li>")
    parts += [
        "</ul><p>" + esc(_(
            "A question meets its requirement from {meets} on: maturity 3, \"applied with "
            "records\", is what validators ask to see. Below it, the answer is a gap.").format(
            meets=format_percent(MEETS))) + "</p>",
        f"<h3>{esc(_('Three kinds of questions'))}</h3><ul>",
        "<li><b>" + esc(_("Eligibility condition")) + "</b>: " + esc(_(
            "a legal condition of the programme (compliance record, serious offences, "
            "insolvency, unpaid duties). If one is not met, the operator is not eligible, "
            "whatever the other answers. It cannot be marked not applicable.")) + "</li>",
        "<li><b>" + esc(_("Must")) + "</b>: " + esc(_(
            "a condition validators require. Below \"applied with records\" its criterion is "
            "not met. If you mark it not applicable, give a reason: the validator checks it."))
        + "</li>",
        "<li><b>" + esc(_("Good practice")) + "</b>: " + esc(_(
            "recommended; a gap here leads to recommendations, not to a refusal.")) + "</li>",
        "</ul>",
        f"<h3>{esc(_('Conclusion per criterion'))}</h3><ul>",
        "<li>✘ " + esc(_("Not met: a must or eligibility condition falls short.")) + "</li>",
        "<li>? " + esc(_("Not demonstrated: a must, or every question of the criterion, is "
                         "not yet answered. What is not shown is not demonstrated.")) + "</li>",
        "<li>✔+ " + esc(_("Met, with recommendations: every must is met, some good practice "
                          "falls short or is unanswered.")) + "</li>",
        "<li>✔ " + esc(_("Met: every requirement is shown.")) + "</li>",
        "</ul>",
        f"<h3>{esc(_('The verdict'))}</h3><ul>",
    ]
    if questionnaire.not_eligible is not None:
        rule = questionnaire.not_eligible
        parts.append(f"<li><b>{esc(localized(rule.label, lang))}</b>: "
                     + esc(_("any eligibility condition not met.")) + " "
                     + esc(localized(rule.why or rule.description, lang)) + "</li>")
    for rule in questionnaire.readiness:
        conditions = _conditions(rule) or [_("whatever else holds")]
        why = localized(rule.why, lang) if rule.why else ""
        parts.append(f"<li><b>{esc(localized(rule.label, lang))}</b>: "
                     f"{esc('; '.join(conditions))}. <i>{esc(why)}</i></li>")
    parts += [
        "</ul><p>" + esc(_(
            "The first level whose conditions hold is the verdict. While an applicable "
            "question is unanswered the verdict is provisional: never \"{ready}\", and not "
            "\"{nearly_ready}\" while fewer than {floor} of the questions are answered.").format(
            ready=label_of("ready"), nearly_ready=label_of("nearly_ready"),
            floor=format_percent(questionnaire.completeness_floor))) + "</p>",
        f"<h3>{esc(_('Weights'))}</h3><p>" + esc(_(
            "A criterion's score is the mean of its answers weighted by each question's weight "
            "(1 to 3); the overall score is the mean of the criteria weighted by their weights. "
            "Extensions such as cyber security are scored and concluded beside the verdict, "
            "never in it.")) + "</p>",
    ]
    return "".join(parts)


def glossary_html(glossary: Glossary, search: str = "") -> str:
    """The terms whose name or definition holds ``search`` (any case), alphabetical."""
    lang, wanted = language(), search.casefold().strip()
    entries = sorted(glossary.entries, key=lambda e: e.term_in(lang).casefold())
    shown = [e for e in entries
             if wanted in e.term_in(lang).casefold() or wanted in e.definition_in(lang).casefold()]
    if not shown:
        return "<p>" + html.escape(_("No term matches \"{search}\".").format(search=search)) + "</p>"
    return "".join(f"<p><b>{html.escape(e.term_in(lang))}</b><br/>"
                   f"{html.escape(e.definition_in(lang))}</p>" for e in shown)


def _fit(dialog: QDialog, parent: QWidget | None) -> None:
    screen = (parent.screen() if parent is not None else dialog.screen()).availableGeometry()
    dialog.resize(min(760, screen.width() - 40), min(640, screen.height() - 80))


class GlossaryDialog(QDialog):
    """The terms of AEO and of this program, with a search box that filters as one types."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Glossary"))
        self._glossary = shipped_glossary()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search a term"))
        self.search.setAccessibleName(_("Search a term"))
        self.search.setClearButtonEnabled(True)
        self.browser = QTextBrowser(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self._on_search)
        self._on_search("")
        _fit(self, parent)

    def _on_search(self, text: str) -> None:
        self.browser.setHtml(glossary_html(self._glossary, text))


class VerdictHelpDialog(QDialog):
    """Non-modal, so that the user can read it beside the dashboard it explains."""

    def __init__(self, questionnaire: Questionnaire, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("How the verdict works"))
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setHtml(verdict_help_html(questionnaire))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        _fit(self, parent)


class VerdictHelp:
    """The Help menu entry; explains the questionnaire of the open assessment, else the
    newest trader questionnaire."""

    def __init__(self, gui: GuiContext, menu: QMenu, window: QWidget,
                 questionnaire_of_open: Callable[[], object]) -> None:
        self._window = window
        self._current = questionnaire_of_open
        self.dialog: VerdictHelpDialog | None = None
        self.action = QAction(window)
        self.action.setObjectName("verdict_help")
        self.action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self.show)
        self.glossary_action = QAction(window)
        self.glossary_action.setObjectName("glossary")
        self.glossary_action.triggered.connect(self.show_glossary)
        self.glossary: GlossaryDialog | None = None
        menu.addActions([self.action, self.glossary_action])
        gui.signals.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(_("How the &verdict works"))
        self.action.setToolTip(_("The rules behind the readiness verdict (F1)"))
        self.glossary_action.setText(_("&Glossary"))
        self.glossary_action.setToolTip(_("AEO terms and what this program means by them"))

    def show_glossary(self) -> None:
        if self.glossary is None:
            self.glossary = GlossaryDialog(self._window)
            self.glossary.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.glossary.destroyed.connect(self._forget_glossary)
        self.glossary.show()
        self.glossary.raise_()
        self.glossary.search.setFocus()

    def _forget_glossary(self) -> None:
        self.glossary = None

    def show(self) -> None:
        questionnaire = self._current()
        if not isinstance(questionnaire, Questionnaire):
            questionnaire = find(DEFAULT_QUESTIONNAIRE)
        if questionnaire is None:
            return
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = VerdictHelpDialog(questionnaire, self._window)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.destroyed.connect(self._forget)
        self.dialog.show()

    def _forget(self) -> None:
        self.dialog = None
