"""Settings › My signing key and Settings › Trusted customs keys (issue 16), the passphrase
prompt, and the badge that says who signed a file: always an icon and words, never colour
alone, and a warning whenever nobody vouches for the signer.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.domain.signatures import Signature
from aeo_assess.gui.background import error_text, show_error
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.screen_fit import fit_to_screen
from aeo_assess.i18n import _
from aeo_assess.services import keys
from aeo_assess.services.context import AppContext
from aeo_assess.services.errors import ServiceError
from aeo_assess.services.signatures import describe

_BADGE_STYLE = {
    True: "QFrame#signature_badge { background: #FFF4E5; border: 1px solid #B26A00; "
          "border-radius: 4px; } QFrame#signature_badge QLabel { color: #4A2C00; }",
    False: "QFrame#signature_badge { background: #EAF5EA; border: 1px solid #3D7A3D; "
           "border-radius: 4px; } QFrame#signature_badge QLabel { color: #173617; }",
}


def signature_icon(widget: QWidget, signature: Signature) -> QIcon:
    """A warning sign for a signature nobody vouches for, a check mark otherwise."""
    pixmap = QStyle.StandardPixmap.SP_MessageBoxWarning if signature.state.warning else (
        QStyle.StandardPixmap.SP_DialogApplyButton
    )
    return widget.style().standardIcon(pixmap)


class SignatureBadge(QFrame):
    """Who signed a file: a warning or a check icon beside the words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signature_badge")
        self.icon = QLabel(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout(self)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        self.signature: Signature | None = None

    def show_signature(self, signature: Signature | None) -> None:
        self.signature = signature
        self.setVisible(signature is not None)
        if signature is None:
            return
        warning = signature.state.warning
        size = self.fontMetrics().height() * 3 // 2
        self.icon.setPixmap(signature_icon(self, signature).pixmap(size, size))
        self.setStyleSheet(_BADGE_STYLE[warning])
        words = describe(signature)
        self.text.setText(words)
        self.setAccessibleName(words)


def ask_passphrase(parent: QWidget | None) -> str | None:
    """The passphrase typed in a password field; None when the user cancels."""
    text, ok = QInputDialog.getText(
        parent,
        _("Signing key passphrase"),
        _("Your signing key is protected by a passphrase. Type it to sign the file:"),
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None


def signing_context(parent: QWidget | None, gui: GuiContext) -> AppContext | None:
    """The context to sign with off the GUI thread: the passphrase, when the key has one, is
    asked for here (on the GUI thread) and checked at once. None when the user cancels."""
    if not keys.key_protected():
        return gui.app
    while True:
        passphrase = ask_passphrase(parent)
        if passphrase is None:
            return None
        try:
            keys.check_passphrase(passphrase)
        except ServiceError as error:
            show_error(parent, error)
            continue
        return dataclasses.replace(gui.app, passphrase=_given(passphrase))


def _given(passphrase: str) -> keys.Ask:
    return lambda: passphrase


def _ask(parent: QWidget) -> keys.Ask:
    return lambda: ask_passphrase(parent)


class SigningKeyDialog(QDialog):
    """The user's key: its fingerprint to read over the phone, and what to do with it."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signing_key_dialog")
        self._gui = gui
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.fingerprint = QLabel(self)
        self.fingerprint.setObjectName("fingerprint")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.font().pointSizeF() * 1.6)
        font.setBold(True)
        self.fingerprint.setFont(font)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.identity = QLabel(self)
        self.identity.setWordWrap(True)
        self.protection = QLabel(self)
        self.export_button = QPushButton(self)
        self.backup_button = QPushButton(self)
        self.restore_button = QPushButton(self)
        self.passphrase_button = QPushButton(self)
        self.export_button.clicked.connect(self.export_public_key)
        self.backup_button.clicked.connect(self.back_up)
        self.restore_button.clicked.connect(self.restore)
        self.passphrase_button.clicked.connect(self.set_passphrase)
        buttons = QHBoxLayout()
        for button in (self.export_button, self.backup_button, self.restore_button,
                       self.passphrase_button):
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.fingerprint, self.identity, self.protection):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.retranslate()
        self.refresh()
        fit_to_screen(self, 720, 300)

    def retranslate(self) -> None:
        self.setWindowTitle(_("My signing key"))
        self.intro.setText(_(
            "The applicant and review files you export are signed with this key. Whoever "
            "receives them can check, by reading this fingerprint with you over the phone, "
            "that they come from you."
        ))
        self.export_button.setText(_("&Export public key…"))
        self.backup_button.setText(_("&Back up…"))
        self.restore_button.setText(_("&Restore…"))
        self.passphrase_button.setText(_("Set &passphrase…"))

    def refresh(self) -> None:
        try:
            info = keys.my_key(_ask(self))
        except ServiceError as error:
            self.fingerprint.setText("—")
            self.identity.setText(error_text(error))
            self.protection.setText("")
            return
        self.fingerprint.setText(info.fingerprint)
        self.fingerprint.setAccessibleName(_("Fingerprint {fingerprint}").format(
            fingerprint=info.fingerprint))
        self.identity.setText(_("Signs as: {name}, {organisation}").format(
            name=info.name or "?", organisation=info.organisation or "?"))
        self.protection.setText(
            _("Protected by a passphrase.") if info.protected
            else _("No passphrase: anyone who can open your user account can sign as you.")
        )

    def export_public_key(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export public key"), "my-key.aeok", _("Public key files (*.aeok)")
        )
        if path:
            try:
                keys.export_public_key(_ask(self), Path(path))
            except ServiceError as error:
                show_error(self, error)

    def back_up(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Back up signing key"), "signing-key-backup.pem", _("Key files (*.pem)")
        )
        if path:
            try:
                keys.backup_key(_ask(self), Path(path))
            except ServiceError as error:
                show_error(self, error)

    def restore(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Restore signing key"), "", _("Key files (*.pem)")
        )
        if not path:
            return
        answer = QMessageBox.question(
            self, _("Restore signing key"),
            _("Replace your signing key with the one in this backup? Files signed with the "
              "current key will no longer match your key."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            keys.restore_key(_ask(self), Path(path), replace=True)
        except ServiceError as error:
            show_error(self, error)
        self.refresh()

    def set_passphrase(self) -> None:
        first, ok = QInputDialog.getText(
            self, _("Set passphrase"),
            _("New passphrase (leave empty to remove the protection):"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        again, ok = QInputDialog.getText(
            self, _("Set passphrase"), _("The new passphrase again:"), QLineEdit.EchoMode.Password
        )
        if not ok:
            return
        if again != first:
            QMessageBox.warning(self, _("Set passphrase"),
                                _("The two passphrases differ; nothing changed."))
            return
        try:
            keys.set_passphrase(_ask(self), first or None)
        except ServiceError as error:
            show_error(self, error)
        self.refresh()


class TrustedKeysDialog(QDialog):
    """The customs officers' keys this user trusts, from administrations' trust files."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trusted_keys_dialog")
        self._gui = gui
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self)
        self.key_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.add_button.clicked.connect(self.add_trust_file)
        self.key_button.clicked.connect(self.import_key)
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.key_button, self.remove_button):
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.retranslate()
        self.refresh()
        fit_to_screen(self, 900, 420)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Trusted customs keys"))
        self.intro.setText(_(
            "Review files signed by these keys show as signed by a trusted key. Add the trust "
            "file your customs administration publishes, after checking its fingerprint with "
            "the administration."
        ))
        self.table.setHorizontalHeaderLabels(
            [_("Fingerprint"), _("Name"), _("Office"), _("Administration")]
        )
        self.table.setAccessibleName(_("Trusted keys"))
        self.add_button.setText(_("&Add trust file…"))
        self.key_button.setText(_("&Import a public key…"))
        self.remove_button.setText(_("&Remove"))

    def refresh(self) -> None:
        trusted = keys.trusted_keys()
        self.table.setRowCount(len(trusted))
        for row, key in enumerate(trusted):
            source = key.source or _("imported by you")
            for column, text in enumerate((key.fingerprint, key.name, key.office, source)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.remove_button.setEnabled(bool(trusted))

    def add_trust_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Add trust file"), "", _("Trust files (*.aeot)")
        )
        if not path:
            return
        try:
            trust = keys.add_trust_file(Path(path))
        except ServiceError as error:
            show_error(self, error)
            return
        QMessageBox.information(
            self, _("Trusted customs keys"),
            _("Trust file of {administration} added. Check with the administration that its "
              "key's fingerprint is {fingerprint}.").format(
                administration=trust.administration, fingerprint=trust.signer.fingerprint),
        )
        self.refresh()

    def import_key(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import a public key"), "", _("Public key files (*.aeok)")
        )
        if not path:
            return
        try:
            keys.import_public_key(Path(path))
        except ServiceError as error:
            show_error(self, error)
        self.refresh()

    def remove(self) -> None:
        row = self.table.currentRow()
        trusted = keys.trusted_keys()
        if not 0 <= row < len(trusted):
            return
        key = trusted[row]
        wanted = key.fingerprint
        if key.source:  # an administration's key comes with its whole list
            wanted = next(
                t.signer.fingerprint for t in keys.trust_lists() if t.administration == key.source
            )
        try:
            keys.remove_trust(wanted)
        except ServiceError as error:
            show_error(self, error)
        self.refresh()


class SettingsMenu(QMenu):
    """Settings: the signing key and the trusted customs keys."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gui = gui
        self.key_action = QAction(self)
        self.key_action.triggered.connect(self.show_key)
        self.trust_action = QAction(self)
        self.trust_action.triggered.connect(self.show_trust)
        self.addActions([self.key_action, self.trust_action])
        gui.signals.language_changed.connect(lambda _language: self.retranslate())
        self.retranslate()
        self.dialog: QDialog | None = None

    def retranslate(self) -> None:
        self.setTitle(_("&Settings"))
        self.key_action.setText(_("My signing &key…"))
        self.key_action.setToolTip(_("The key that signs the files you export"))
        self.trust_action.setText(_("&Trusted customs keys…"))
        self.trust_action.setToolTip(_("The customs officers' keys you trust"))

    def show_key(self) -> None:
        self.dialog = SigningKeyDialog(self._gui, self.parentWidget())
        self.dialog.exec()

    def show_trust(self) -> None:
        self.dialog = TrustedKeysDialog(self._gui, self.parentWidget())
        self.dialog.exec()
