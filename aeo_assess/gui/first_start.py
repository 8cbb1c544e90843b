"""First start on an empty database: explore with demonstration data, or start for real."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.gui import administration
from aeo_assess.gui.background import Progress, run_in_background
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.icons import APP_ICON, icon
from aeo_assess.gui.language import LanguageChooser
from aeo_assess.i18n import _
from aeo_assess.services import demo

WIDTH_CHARS = 72
"""The dialog's width in characters, so that it grows with the user's font size."""


class ChoiceButton(QPushButton):
    """A large button with an icon, a bold title and a wrapped description.

    Not QCommandLinkButton: it draws both texts at a fixed 9 pt whatever font size the user
    chose, which defeats large-font accessibility settings.
    """

    def __init__(self, icon_name: str) -> None:
        super().__init__()
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.description = QLabel()
        self.description.setWordWrap(True)
        picture = QLabel()
        side = 2 * self.fontMetrics().height()
        picture.setPixmap(icon(icon_name).pixmap(QSize(side, side)))
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(12, 10, 12, 10)
        self._grid.addWidget(picture, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        self._grid.addWidget(self.title, 0, 1)
        self._grid.addWidget(self.description, 1, 1)
        self._grid.setColumnStretch(1, 1)
        for label in (picture, self.title, self.description):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_texts(self, title: str, description: str) -> None:
        self.title.setText(title)
        self.description.setText(description)
        self.setAccessibleName(title)
        self.setAccessibleDescription(description)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return self._grid.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self._grid.minimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._grid.totalHeightForWidth(width)


def needs_first_start(gui: GuiContext, assessment_count: int) -> bool:
    return assessment_count == 0 and not gui.settings.first_start_done


class FirstStartDialog(QDialog):
    """Two big choices; closing it means "later" and it is not offered again."""

    demo_chosen = Signal()
    own_chosen = Signal()
    administration_chosen = Signal()
    """A customs officer's own administration: offered to the officer profile only."""
    import_chosen = Signal()
    """An applicant file to import: the officer's first step (the trader's on a new computer)."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gui = gui
        self.setWindowIcon(icon(APP_ICON))
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.language_label = QLabel()
        self.language = LanguageChooser(gui)
        self.language_label.setBuddy(self.language)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.language_label)
        top.addWidget(self.language)
        self.demo_button = ChoiceButton("demo")
        self.own_button = ChoiceButton("new")
        self.administration_button = ChoiceButton("new")
        self.administration_button.clicked.connect(self._choose_administration)
        self.import_button = ChoiceButton("import")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.demo_button.clicked.connect(self._choose_demo)
        self.own_button.clicked.connect(self._choose_own)
        self.import_button.clicked.connect(self._choose_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        # The officer's work starts from a trader's file; everyone else's from their own.
        officer = gui.settings.profile == "officer"
        choices = [self.own_button, self.import_button, self.demo_button]
        if officer:
            choices.insert(0, choices.pop(1))
            choices.insert(2, self.administration_button)
        for choice in choices:
            layout.addWidget(choice)
        layout.addSpacing(8)
        layout.addWidget(self.buttons)
        self.finished.connect(self._remember)
        width = self.fontMetrics().horizontalAdvance("n" * WIDTH_CHARS)
        self.setMinimumWidth(width)
        gui.signals.language_changed.connect(self.retranslate)
        self.retranslate()
        # Wrapped labels ask for the height they need at the narrowest width: size for ours.
        self.resize(width, layout.totalHeightForWidth(width))
        choices[0].setFocus()

    def _remember(self, _result: int) -> None:
        self._gui.settings.first_start_done = True
        self._gui.save_settings()

    def _choose_demo(self) -> None:
        self.accept()
        self.demo_chosen.emit()

    def _choose_administration(self) -> None:
        self.accept()
        self.administration_chosen.emit()

    def _choose_own(self) -> None:
        self.accept()
        self.own_chosen.emit()

    def _choose_import(self) -> None:
        self.accept()
        self.import_chosen.emit()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Welcome to aeo-assess"))
        self.heading.setText(_("Welcome to aeo-assess"))
        self.intro.setText(
            _(
                "This database has no assessments yet. You can explore the program with "
                "demonstration data first, or start assessing your own company right away."
            )
        )
        self.own_button.set_texts(
            _("Start my own assessment"),
            _("Enter your company, its supply-chain roles and choose a questionnaire."),
        )
        self.administration_button.set_texts(*administration.first_start_texts())
        self.demo_button.set_texts(
            _("Create demonstration assessments"),
            _(
                "{count} made-up companies from nine Latin American countries, marked "
                "“Demonstration data” everywhere they appear. You can delete them later."
            ).format(count=demo.DEFAULT_COUNT),
        )
        self.import_button.set_texts(
            _("Import an applicant file"),
            _("Open an applicant file (.aeoa) a company sent you, to review it; or your own "
              "assessment exported on another computer."),
        )
        self.language_label.setText(_("&Language:"))
        self.language.setAccessibleName(_("Language of the interface"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Not now"))
        close.setAccessibleName(_("Not now"))


def create_demo_in_background(
    parent: QWidget, gui: GuiContext, on_done: Callable[[list[str]], None]
) -> None:
    """Write the demonstration assessments off the GUI thread, with progress and cancel."""
    ctx = gui.app

    def work(progress: Progress) -> list[str]:
        def report(done: int, total: int) -> None:
            progress.report(done, total)
            progress.check()

        ids = demo.create_demo_data(ctx, report)
        return ids + demo.create_demo_administrations(ctx)

    def finished(ids: list[str]) -> None:
        gui.signals.assessments_changed.emit()
        on_done(ids)

    run_in_background(parent, work, label=_("Creating demonstration assessments…")).success(
        finished
    ).cancelled(gui.signals.assessments_changed.emit)

