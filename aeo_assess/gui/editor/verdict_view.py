"""The verdict in a validator's words (DESIGN §4): the level, whether it is provisional, the
eligibility knock-out and the conclusion per criterion, each said with a symbol and words, never
by colour alone."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QWidget

from aeo_assess.domain.questionnaire import Questionnaire
from aeo_assess.domain.scorecard import Conclusion, ScoreCard
from aeo_assess.domain.text import localized
from aeo_assess.i18n import _, format_percent, language

_CRITERION = Qt.ItemDataRole.UserRole

SYMBOLS: dict[Conclusion, str] = {
    Conclusion.MET: "✔",
    Conclusion.MET_WITH_RECOMMENDATIONS: "✔+",
    Conclusion.NOT_DEMONSTRATED: "?",
    Conclusion.NOT_MET: "✘",
}
COLOURS: dict[Conclusion, str] = {
    Conclusion.MET: "#1B7F3B",
    Conclusion.MET_WITH_RECOMMENDATIONS: "#5C7F1B",
    Conclusion.NOT_DEMONSTRATED: "#8A5A00",
    Conclusion.NOT_MET: "#B00020",
}

_BANNER_STYLE = (
    "background: #FDE7EA; color: #5C0011; border: 1px solid #B00020; border-radius: 3px;"
    " padding: 6px 8px; font-weight: bold;"
)


def conclusion_words(conclusion: Conclusion) -> str:
    return {
        Conclusion.MET: _("Met"),
        Conclusion.MET_WITH_RECOMMENDATIONS: _("Met, with recommendations"),
        Conclusion.NOT_DEMONSTRATED: _("Not demonstrated: not yet answered"),
        Conclusion.NOT_MET: _("Not met: a must or eligibility condition falls short"),
    }[conclusion]


def level_words(questionnaire: Questionnaire, card: ScoreCard) -> tuple[str, str]:
    """The level's label (marked provisional while answers are missing) and its description."""
    rule = questionnaire.level_rule(card.level)
    lang = language()
    label = localized(rule.label, lang) or rule.level
    if card.provisional:
        label = _("{level} (provisional)").format(level=label)
    return label, localized(rule.description, lang)


def provisional_note(card: ScoreCard) -> str:
    """Why the verdict may still change; empty once every applicable question is answered."""
    if not card.provisional:
        return ""
    missing = card.applicable - card.answered
    return _(
        "Provisional verdict. Questions not yet answered: {missing}; musts and eligibility "
        "conditions among them: {musts}. What is not shown is not demonstrated."
    ).format(missing=missing, musts=len(card.open_musts))


class EligibilityBanner(QLabel):
    """Says plainly that an eligibility condition fails: no score makes up for it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(_BANNER_STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_card(self, questionnaire: Questionnaire, card: ScoreCard) -> None:
        failures = card.eligibility_failures
        self.setVisible(bool(failures))
        if not failures:
            return
        lang = language()
        listed = "; ".join(
            f"{qid} {localized(questionnaire.question(qid).text, lang)}" for qid in failures
        )
        self.setText(
            _("✘ Not eligible: an eligibility condition of the programme is not met ({questions}). "
              "Consult your customs administration before applying.").format(questions=listed)
        )
        self.setAccessibleName(self.text())


class ConclusionList(QListWidget):
    """One line per criterion: symbol, conclusion in words, score; extensions said apart."""

    criterion_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemActivated.connect(self._on_activated)
        self.itemClicked.connect(self._on_activated)

    def retranslate(self) -> None:
        self.setAccessibleName(
            _("Conclusion per criterion: press Enter to go to the criterion's first question")
        )

    def show_card(self, questionnaire: Questionnaire, card: ScoreCard) -> None:
        lang = language()
        self.clear()
        for criterion in card.criteria:
            if not criterion.applicable:
                continue
            title = localized(questionnaire.criterion(criterion.criterion_id).title, lang)
            conclusion = criterion.conclusion
            text = _("{symbol} {criterion} {title}: {conclusion} · {score}").format(
                symbol=SYMBOLS[conclusion],
                criterion=criterion.criterion_id,
                title=title,
                conclusion=conclusion_words(conclusion),
                score=format_percent(criterion.score),
            )
            if criterion.extension:
                text += " · " + _("extension, not part of the SAFE verdict")
            item = QListWidgetItem(text)
            item.setData(_CRITERION, criterion.criterion_id)
            item.setForeground(QColor(COLOURS[conclusion]))
            item.setToolTip(localized(questionnaire.criterion(criterion.criterion_id).summary, lang))
            self.addItem(item)

    def _on_activated(self, item: QListWidgetItem) -> None:
        criterion_id = item.data(_CRITERION)
        if criterion_id:
            self.criterion_requested.emit(str(criterion_id))
