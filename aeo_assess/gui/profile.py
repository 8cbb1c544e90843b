"""Who I am: trader, customs officer or workshop facilitator, remembered in the settings.

The profile only arranges the interface (which list comes first, which actions the toolbar
offers). It is a convenience, not security: a single-user desktop has no passwords, and a
shared PostgreSQL database is protected by the database's own roles and grants.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.editor.widgets import WrapRadio
from aeo_assess.i18n import _

WIDTH_CHARS = 80
"""The profile dialog's width in characters, so that it grows with the user's font."""
_NOTE_STYLE = (
    "QFrame#profile_note { background: #EEF4FB; border: 1px solid #9DB7D5; border-radius: 4px; }"
    " QFrame#profile_note QLabel { color: #1B2B3D; }"
)


class Profile(StrEnum):
    TRADER = "trader"
    OFFICER = "officer"
    FACILITATOR = "facilitator"


def current_profile(gui: GuiContext) -> Profile:
    """The saved profile; anything unknown reads as trader."""
    try:
        return Profile(gui.settings.profile)
    except ValueError:
        return Profile.TRADER


def profile_label(profile: Profile) -> str:
    return {
        Profile.TRADER: _("Trader"),
        Profile.OFFICER: _("Customs officer"),
        Profile.FACILITATOR: _("Workshop facilitator"),
    }[profile]


def profile_description(profile: Profile) -> str:
    return {
        Profile.TRADER: _(
            "Assess my own company, export the applicant file for customs and read the "
            "customs remarks that come back."
        ),
        Profile.OFFICER: _(
            "Import applicants' files first, review every answer, record findings and send a "
            "review file back."
        ),
        Profile.FACILITATOR: _(
            "Run workshops: import many participants' files and print their reports."
        ),
    }[profile]


def convenience_note() -> str:
    return _(
        "The profile only arranges the screens for your work; it is a convenience, not "
        "security. This desktop program has no passwords: whoever uses this computer account "
        "can open every assessment in its database."
    )


def shared_database_advice() -> str:
    """How an office sharing one PostgreSQL database should restrict access (plain text)."""
    return _(
        "Shared PostgreSQL database: protect it in the database, not in this program. Give "
        "each office its own database role and each person a login of that role; grant "
        "officers read and write on the assessments and reviews they handle and read-only "
        "to supervisors; require TLS (hostssl in pg_hba.conf, sslmode=verify-full in the "
        "connection URL); never share a superuser or the database owner's password; keep "
        "backups and the database server's logs."
    )


class ProfileDialog(QDialog):
    """Three choices, each with what it arranges, and what a profile is not."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gui = gui
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.choices: dict[Profile, WrapRadio] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        for profile in Profile:
            radio = WrapRadio(self)
            self.group.addButton(radio)
            self.choices[profile] = radio
            layout.addWidget(radio)
        self.choices[current_profile(gui)].setChecked(True)
        self.note_frame = QFrame(self)
        self.note_frame.setObjectName("profile_note")
        self.note_frame.setStyleSheet(_NOTE_STYLE)
        note_layout = QVBoxLayout(self.note_frame)
        self.note = QLabel(self.note_frame)
        self.advice = QLabel(self.note_frame)
        for label in (self.note, self.advice):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            note_layout.addWidget(label)
        layout.addWidget(self.note_frame)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.retranslate()
        width = self.fontMetrics().horizontalAdvance("n" * WIDTH_CHARS)
        self.setMinimumWidth(width)
        self.resize(width, layout.totalHeightForWidth(width))
        self.choices[current_profile(gui)].setFocus()

    def chosen(self) -> Profile:
        return next(p for p, radio in self.choices.items() if radio.isChecked())

    def retranslate(self) -> None:
        self.setWindowTitle(_("Who I am"))
        self.heading.setText(_("Who uses aeo-assess on this computer?"))
        for profile, radio in self.choices.items():
            radio.set_texts(profile_label(profile), profile_description(profile))
        self.note.setText(convenience_note())
        self.advice.setText(shared_database_advice())
        self.note_frame.setAccessibleName(_("What a profile is not"))


def reviewer_identity(gui: GuiContext) -> str:
    """How reviews name their officer: "name, position, office" as given; "" before."""
    settings = gui.settings
    parts = (settings.reviewer_name, settings.reviewer_position, settings.reviewer_office)
    return ", ".join(part for part in parts if part) if settings.reviewer_name else ""


def apply_reviewer_identity(gui: GuiContext) -> None:
    """Record what this user does under the identity they gave (the login name before)."""
    identity = reviewer_identity(gui)
    if identity:
        gui.app.user = identity


class ReviewerDialog(QDialog):
    """Who signs the reviews: asked before the first review, changed from View › Profile."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gui = gui
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        settings = gui.settings
        self.name = QLineEdit(settings.reviewer_name, self)
        self.position = QLineEdit(settings.reviewer_position, self)
        self.office = QLineEdit(settings.reviewer_office, self)
        self.form = QFormLayout()
        self.labels: list[QLabel] = []
        for field in (self.name, self.position, self.office):
            field.setMaxLength(100)
            field.textChanged.connect(self._update_ok)
            label = QLabel(self)
            label.setBuddy(field)
            self.labels.append(label)
            self.form.addRow(label, field)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._update_ok()
        width = self.fontMetrics().horizontalAdvance("n" * 60)
        self.setMinimumWidth(width)
        self.name.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Reviewing officer"))
        self.intro.setText(_(
            "Reviews, review reports and review files name the officer who wrote them. "
            "Who are you? (Only the name is required.)"
        ))
        for label, text in zip(
            self.labels, (_("&Name:"), _("&Position:"), _("&Office:")), strict=True
        ):
            label.setText(text)

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()))

    def _on_accepted(self) -> None:
        settings = self._gui.settings
        settings.reviewer_name = self.name.text().strip()
        settings.reviewer_position = self.position.text().strip()
        settings.reviewer_office = self.office.text().strip()
        self._gui.save_settings()
        apply_reviewer_identity(self._gui)
        self.accept()


class ProfileBanner(QFrame):
    """Shown on first use above the list until a profile is chosen; never blocks the window."""

    chosen = Signal(str)
    more_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profile_note")
        self.setStyleSheet(_NOTE_STYLE)
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.buttons: dict[Profile, QPushButton] = {}
        row = QHBoxLayout(self)
        row.addWidget(self.question, 1)
        for profile in Profile:
            button = QPushButton(self)
            button.clicked.connect(lambda _checked=False, p=profile: self.chosen.emit(p.value))
            self.buttons[profile] = button
            row.addWidget(button)
        self.more = QPushButton(self)
        self.more.clicked.connect(self.more_requested)
        row.addWidget(self.more)
        self.retranslate()

    def retranslate(self) -> None:
        self.question.setText(
            _("Who I am: choose the work this computer is for. It arranges the screens; it is "
              "not a password.")
        )
        self.setAccessibleName(_("Choose a profile"))
        for profile, button in self.buttons.items():
            button.setText(profile_label(profile))
            button.setAccessibleName(profile_label(profile))
            button.setToolTip(profile_description(profile))
        self.more.setText(_("More…"))
        self.more.setAccessibleName(_("More about profiles"))


class ProfileMenu(QMenu):
    """View › Profile: one checkable entry per profile, and the explaining dialog."""

    chosen = Signal(str)
    explain_requested = Signal()
    identity_requested = Signal()

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gui = gui
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self.actions_by_profile: dict[Profile, QAction] = {}
        for profile in Profile:
            action = QAction(self, checkable=True)
            action.setData(profile.value)
            self._group.addAction(action)
            self.addAction(action)
            self.actions_by_profile[profile] = action
        self.addSeparator()
        self.explain_action = QAction(self)
        self.explain_action.triggered.connect(self.explain_requested)
        self.addAction(self.explain_action)
        self.identity_action = QAction(self)
        self.identity_action.triggered.connect(self.identity_requested)
        self.addAction(self.identity_action)
        self._group.triggered.connect(lambda action: self.chosen.emit(str(action.data())))
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("&Profile"))
        self.menuAction().setToolTip(_("Arrange the screens for your work"))
        labels = {
            Profile.TRADER: _("&Trader"),
            Profile.OFFICER: _("&Customs officer"),
            Profile.FACILITATOR: _("&Workshop facilitator"),
        }
        for profile, action in self.actions_by_profile.items():
            action.setText(labels[profile])
            action.setToolTip(profile_description(profile))
        self.explain_action.setText(_("&Who I am…"))
        self.identity_action.setText(_("Reviewing &officer…"))
        self.identity_action.setToolTip(_("Your name, position and office, written on reviews"))
        self.show_profile(current_profile(self._gui))

    def show_profile(self, profile: Profile) -> None:
        self.actions_by_profile[profile].setChecked(True)
