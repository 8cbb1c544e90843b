"""A banner above the editor of a company's next cycle: how many answers carried over from the
previous assessment are still to confirm, confirmed or changed, and a way to show only those
still to confirm. It hides once nothing carried over is left to confirm."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from aeo_assess.domain.assessment import CarryState
from aeo_assess.gui.editor.state import EditorState
from aeo_assess.i18n import _, ngettext

_STYLE = (
    "#cycle_banner { background: #E3F0FF; border: 1px solid #7AA7E0; border-radius: 3px; }"
    " #cycle_banner QLabel { color: #0B2A4A; }"
)


class CycleBanner(QFrame):
    show_to_confirm = Signal()
    """The user wants to go through the answers still to confirm."""

    def __init__(self, state: EditorState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.setObjectName("cycle_banner")
        self.setStyleSheet(_STYLE)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.show_to_confirm)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        state.scores_changed.connect(self.retranslate)
        state.reloaded.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        counts = self._state.carry_counts()
        pending = counts[CarryState.TO_CONFIRM]
        self.setVisible(pending > 0)
        self.text.setText(
            ngettext(
                "{count} answer carried over from the previous assessment is still to confirm "
                "({confirmed} confirmed, {changed} changed): the verdict stays provisional "
                "until each is confirmed or changed.",
                "{count} answers carried over from the previous assessment are still to "
                "confirm ({confirmed} confirmed, {changed} changed): the verdict stays "
                "provisional until each is confirmed or changed.",
                pending,
            ).format(
                count=pending,
                confirmed=counts[CarryState.CONFIRMED],
                changed=counts[CarryState.CHANGED],
            )
        )
        self.button.setText(_("Show the answers to confirm"))
        self.button.setAccessibleDescription(self.text.text())
