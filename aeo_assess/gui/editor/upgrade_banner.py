"""A banner above the editor when the assessment's questionnaire has a newer shipped version:
it says so and offers the upgrade (shown, confirmed, done in the background). On the
read-only copy an upgrade kept, it says what that copy is instead."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from aeo_assess.domain.text import localized
from aeo_assess.gui.background import Progress, run_in_background
from aeo_assess.gui.editor.state import EditorState
from aeo_assess.gui.editor.upgrade_dialog import UpgradeDialog
from aeo_assess.i18n import _, language
from aeo_assess.services import assessments
from aeo_assess.services.assessments import Upgrade

_STYLE = (
    "#upgrade_banner { background: #E3F0FF; border: 1px solid #7AA7E0; border-radius: 3px; }"
    " #upgrade_banner QLabel { color: #0B2A4A; }"
)


class UpgradeBanner(QFrame):
    upgraded = Signal()
    """The assessment now stands on the newer version: the editor must be opened anew."""

    def __init__(
        self, state: EditorState, before_upgrade: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._before_upgrade = before_upgrade
        """Saves what is still being typed: the upgrade must see every answer."""
        ctx = state.gui.app
        self.newer = assessments.newer_version(ctx, state.assessment_id)
        self.copy_of = None if self.newer else assessments.kept_copy_of(ctx, state.assessment_id)
        self.setObjectName("upgrade_banner")
        self.setStyleSheet(_STYLE)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.start)
        self.button.setVisible(self.newer is not None)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.setVisible(self.newer is not None or self.copy_of is not None)
        self.retranslate()

    def retranslate(self) -> None:
        questionnaire = self._state.questionnaire
        title = localized(questionnaire.title, language())
        if self.newer is not None:
            self.text.setText(
                _("This assessment was answered on {questionnaire} {old}; {new} is available.")
                .format(questionnaire=title, old=questionnaire.version, new=self.newer.version)
            )
        elif self.copy_of is not None:
            self.text.setText(
                _("This is the assessment as it stood on {questionnaire} {old}, kept when it was "
                  "upgraded to {new}. It is read-only: open the upgraded assessment to change it.")
                .format(questionnaire=title, old=self.copy_of.from_version,
                        new=self.copy_of.to_version)
            )
        self.button.setText(_("&Upgrade…"))
        self.button.setAccessibleDescription(self.text.text())

    def start(self) -> None:
        """Read what would change, show it, and upgrade once the user confirms."""
        self._before_upgrade()
        self._state.wait_saved()
        ctx, assessment_id = self._state.gui.app, self._state.assessment_id

        def preview(_progress: Progress) -> Upgrade:
            return assessments.upgrade(ctx, assessment_id, confirm=False)

        run_in_background(self, preview, label=_("Comparing the versions…"),
                          cancellable=False).success(self._confirm)

    def _confirm(self, plan: Upgrade) -> None:
        dialog = UpgradeDialog(plan, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        ctx, assessment_id = self._state.gui.app, self._state.assessment_id

        def upgrade(_progress: Progress) -> Upgrade:
            return assessments.upgrade(ctx, assessment_id, confirm=True)

        run_in_background(self, upgrade, label=_("Upgrading…"), cancellable=False).success(
            self._done)

    def _done(self, _result: Upgrade) -> None:
        self._state.gui.signals.assessments_changed.emit()
        self.upgraded.emit()
