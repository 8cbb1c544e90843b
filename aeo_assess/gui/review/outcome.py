"""The officer's outcome recommendation with a note, and the review's progress."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QGroupBox, QLabel, QVBoxLayout, QWidget

from aeo_assess.domain.review import Outcome
from aeo_assess.gui.editor.widgets import AutosaveText, WrapRadio
from aeo_assess.gui.review.labels import outcome_label
from aeo_assess.gui.review.state import ReviewState
from aeo_assess.i18n import _


def outcome_description(outcome: Outcome | None) -> str:
    if outcome is None:
        return _("Keep the recommendation open while the review goes on.")
    return {
        Outcome.GRANT: _("The applicant meets the conditions: recommend the AEO status."),
        Outcome.GRANT_AFTER_IMPROVEMENTS: _(
            "Recommend the status once the required actions of the findings are done."
        ),
        Outcome.REFUSE: _("The applicant does not meet the conditions."),
        Outcome.FURTHER_REVIEW: _("More information or a site visit is needed before deciding."),
    }[outcome]


class OutcomePanel(QWidget):
    def __init__(self, state: ReviewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.box = QGroupBox(self)
        box_layout = QVBoxLayout(self.box)
        self.group = QButtonGroup(self)
        self.choices: dict[Outcome | None, WrapRadio] = {}
        for outcome in (None, *Outcome):
            radio = WrapRadio(self.box)
            self.group.addButton(radio)
            self.choices[outcome] = radio
            box_layout.addWidget(radio)
            radio.clicked.connect(lambda _checked=False, o=outcome: self._on_outcome(o))
        self.note_label = QLabel(self)
        self.note = AutosaveText(self)
        self.note.setFixedHeight(6 * self.fontMetrics().lineSpacing() + 12)
        self.note_label.setBuddy(self.note)
        self.note.committed.connect(self._on_note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)
        layout.addStretch(1)
        state.review_changed.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        self.box.setTitle(_("Recommended outcome"))
        self.box.setAccessibleName(_("Recommended outcome"))
        for outcome, radio in self.choices.items():
            radio.set_texts(outcome_label(outcome), outcome_description(outcome))
        self.note_label.setText(_("&Note on the outcome (saved as you type)"))
        self.note.setAccessibleName(_("Note on the outcome"))
        self.refresh()

    def refresh(self) -> None:
        review = self._state.review
        self.choices[review.outcome].setChecked(True)
        self.note.set_saved_text(review.outcome_note)

    def commit_pending(self) -> None:
        self.note.commit()

    def _on_outcome(self, outcome: Outcome | None) -> None:
        self.note.commit()
        self._state.set_outcome(outcome, self._state.review.outcome_note)

    def _on_note(self, text: str) -> None:
        self._state.set_outcome(self._state.review.outcome, text.strip())

    def focus_first(self) -> None:
        self.choices[self._state.review.outcome].setFocus(Qt.FocusReason.OtherFocusReason)
