"""Always in view above both tabs: where the assessment stands and whether it is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from aeo_assess.domain.text import localized
from aeo_assess.domain.vocabulary import Subject
from aeo_assess.gui import administration
from aeo_assess.gui.editor.state import EditorState, SaveStatus
from aeo_assess.gui.editor.verdict_view import level_words
from aeo_assess.gui.editor.widgets import ElidedLabel
from aeo_assess.i18n import _, format_percent, language, ngettext
from aeo_assess.scoring.chart import level_colour

_BANNER_STYLE = (
    "background: #FFF1B8; color: #3A2E00; border: 1px solid #D9B300; border-radius: 3px;"
    " padding: 4px 8px;"
)


def text_colour_on(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (WCAG relative luminance)."""
    colour = QColor(background)

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    luminance = (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )
    return "#000000" if luminance > 0.179 else "#FFFFFF"


def _restyle(widget: QWidget, style: str) -> None:
    """Setting a style sheet re-polishes the widget (milliseconds): only when it changes."""
    if widget.styleSheet() != style:
        widget.setStyleSheet(style)


def level_label(state: EditorState) -> tuple[str, str]:
    """The current readiness level's label (marked provisional) and description."""
    return level_words(state.questionnaire, state.card)


class EditorHeader(QWidget):
    def __init__(self, state: EditorState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.title = ElidedLabel(self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.badge = QLabel(self)
        self.badge.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.saved = QLabel(self)
        self.saved.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.saved.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #B00020;")
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.connection = QLabel(self)
        self.connection.setWordWrap(True)
        self.connection.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(_BANNER_STYLE)

        row = QHBoxLayout()
        row.addWidget(self.title, 1)
        a = state.assessment
        self.consent = (
            administration.ConsentBox(state.gui, a.id, a.consent,
                                      editable=a.submission_sha256 is None, parent=self)
            if state.questionnaire.subject is Subject.ADMINISTRATION else None
        )
        if self.consent is not None:
            row.addWidget(self.consent)
        row.addWidget(self.badge)
        row.addWidget(self.saved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 2)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(self.connection)
        layout.addWidget(self.banner)
        state.scores_changed.connect(self.refresh_badge)
        state.reloaded.connect(self.refresh_badge)
        state.save_status_changed.connect(self.refresh_saved)
        self.retranslate()

    def retranslate(self) -> None:
        state = self._state
        title = localized(state.questionnaire.title, language())
        a, admin = state.assessment, state.questionnaire.subject is Subject.ADMINISTRATION
        name = a.company + (administration.unit_suffix(a.unit) if admin else "")
        self.title.set_full_text(f"{name} — {title} {state.questionnaire.version}")
        self.banner.setText(
            administration.demo_banner() if admin else
            _("Demonstration data: this company and its answers are made up to show how the "
              "program works.")
        )
        self.banner.setVisible(state.assessment.demo)
        self.refresh_badge()
        self.refresh_saved()

    def refresh_badge(self) -> None:
        state = self._state
        label, description = level_label(state)
        self.badge.setText(
            _("{level} · {overall} overall · {complete} answered").format(
                level=label,
                overall=format_percent(state.card.overall),
                complete=format_percent(state.card.completeness),
            )
        )
        self.badge.setToolTip(description)
        self.badge.setAccessibleName(_("Readiness: {text}").format(text=self.badge.text()))
        self.badge.setAccessibleDescription(description)
        background = level_colour(state.questionnaire, state.card.level)
        _restyle(
            self.badge,
            f"QLabel {{ background: {background}; color: {text_colour_on(background)};"
            " border-radius: 4px; padding: 3px 8px; font-weight: bold; }"
            " QLabel:focus { border: 2px solid palette(highlight); }",
        )

    def refresh_saved(self) -> None:
        status = self._state.status
        if status is SaveStatus.OFFLINE:
            text, colour = _("Not connected"), "#8A5300"
        elif status is SaveStatus.SAVING:
            text, colour = _("Saving…"), "palette(window-text)"
        elif status is SaveStatus.FAILED:
            text, colour = _("Not saved"), "#B00020"
        else:
            text, colour = _("All changes saved"), "#007A5A"
        failed = status is SaveStatus.FAILED
        self.problem.setVisible(failed)
        self.problem.setText(
            _("The last change could not be saved and was undone: {reason}").format(
                reason=self._state.error
            )
            if failed
            else ""
        )
        self._refresh_connection(status)
        self.saved.setText(text)
        self.saved.setAccessibleName(text)
        self.saved.setAccessibleDescription(self.problem.text())
        _restyle(
            self.saved,
            f"QLabel {{ color: {colour}; padding: 3px; }}"
            " QLabel:focus { border: 1px solid palette(highlight); }",
        )

    def _refresh_connection(self, status: SaveStatus) -> None:
        """What the user needs to know about the shared database server, in a sentence."""
        state, pending = self._state, self._state.saver.pending
        if status is SaveStatus.OFFLINE:
            text = ngettext(
                "No connection to the shared database; {count} answer pending, it will be "
                "saved when the connection is back.",
                "No connection to the shared database; {count} answers pending, they will be "
                "saved when the connection is back.",
                pending,
            ).format(count=pending)
            colour = "#8A5300"
        elif state.recovered and pending:
            text = ngettext(
                "Saving {count} answer that an earlier session could not save.",
                "Saving {count} answers that an earlier session could not save.",
                state.recovered,
            ).format(count=state.recovered)
            colour = "palette(window-text)"
        elif state.restored:
            text = ngettext(
                "Connection back: the {count} pending change is saved.",
                "Connection back: the {count} pending changes are saved.",
                state.restored,
            ).format(count=state.restored)
            colour = "#007A5A"
        else:
            text, colour = "", ""
        self.connection.setText(text)
        self.connection.setVisible(bool(text))
        self.connection.setAccessibleName(text)
        _restyle(self.connection, f"QLabel {{ color: {colour}; }}" if colour else "")
