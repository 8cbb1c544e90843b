"""One answer widget per question type. Each shows a stored value quietly and emits
``chosen`` only when the user picks or finishes typing a value (None: back to unanswered)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.domain.assessment import AnswerValue
from aeo_assess.gui.editor.widgets import AutosaveText, WrapRadio
from aeo_assess.i18n import _, language

NO_DATE = QDate(1900, 1, 1)
"""QDateEdit cannot be empty: its minimum date stands for "no date" and shows as such."""


def qt_locale() -> QLocale:
    locale = QLocale(language())
    # Rejecting group separators keeps "1.5" from reading as 15 in Spanish.
    locale.setNumberOptions(
        QLocale.NumberOption.OmitGroupSeparator | QLocale.NumberOption.RejectGroupSeparator
    )
    return locale


def date_format(locale: QLocale) -> str:
    """The language's short date format with a four-digit year, so that dates never read
    ambiguously (01/02/03)."""
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


class AnswerInput(QWidget):
    chosen = Signal(object)

    def show_value(self, value: AnswerValue | None) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        """Emit what is being typed, before the editor moves to another question."""

    def retranslate(self) -> None:
        """Refresh texts that do not come from the questionnaire."""


class OptionsInput(AnswerInput):
    """Maturity levels, yes/no and choices: one wrapping radio button per value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._group = QButtonGroup(self)
        self._group.idClicked.connect(self._on_clicked)
        self._values: list[AnswerValue] = []
        self._buttons: list[WrapRadio] = []

    @property
    def buttons(self) -> Sequence[WrapRadio]:
        return self._buttons[: len(self._values)]

    def set_options(self, options: Sequence[tuple[AnswerValue, str, str]]) -> None:
        """``(value, title, explanation)`` per option; buttons are reused between questions."""
        while len(self._buttons) < len(options):
            button = WrapRadio(self)
            self._group.addButton(button, len(self._buttons))
            self._layout.addWidget(button)
            self._buttons.append(button)
        self._values = [value for value, _title, _detail in options]
        for index, button in enumerate(self._buttons):
            button.setVisible(index < len(options))
            if index < len(options):
                _value, title, detail = options[index]
                button.set_texts(title, detail)
        self.updateGeometry()

    def show_value(self, value: AnswerValue | None) -> None:
        self._group.setExclusive(False)
        for index, button in enumerate(self.buttons):
            current = self._values[index]
            button.setChecked(value is not None and type(current) is type(value) and current == value)
        self._group.setExclusive(True)

    def _on_clicked(self, index: int) -> None:
        self.chosen.emit(self._values[index])


class NumberInput(AnswerInput):
    """A number typed in the language's own notation (1234,5 in Spanish, 1234.5 in English);
    the plain 1234.5 is understood in every language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #B00020;")
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.problem)
        self.setFocusProxy(self.edit)
        self.edit.editingFinished.connect(self.commit)
        self._shown: AnswerValue | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(_("Type a number"))
        self.edit.setAccessibleName(_("Number answer"))
        self.show_value(self._shown)

    def show_value(self, value: AnswerValue | None) -> None:
        self._shown = value
        self.problem.hide()
        if isinstance(value, int | float) and not isinstance(value, bool):
            self.edit.setText(qt_locale().toString(float(value), "g", 15))
        else:
            self.edit.clear()

    def commit(self) -> None:
        text = self.edit.text().strip()
        value: AnswerValue | None = None
        if text:
            number, ok = qt_locale().toDouble(text)
            if not ok:
                number, ok = QLocale.c().toDouble(text)
            if not ok or not math.isfinite(number):
                self.problem.setText(_("“{text}” is not a number.").format(text=text))
                self.problem.show()
                return
            value = int(number) if number.is_integer() and abs(number) < 2**53 else number
        self.problem.hide()
        if value != self._shown:
            self._shown = value
            self.chosen.emit(value)


class TextInput(AnswerInput):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = AutosaveText(self)
        self.edit.setMinimumHeight(4 * self.fontMetrics().lineSpacing())
        self.edit.committed.connect(lambda text: self.chosen.emit(text.strip() or None))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        self.retranslate()

    def retranslate(self) -> None:
        self.edit.setAccessibleName(_("Text answer"))
        self.edit.setPlaceholderText(_("Type the answer; it is saved as you type."))

    def show_value(self, value: AnswerValue | None) -> None:
        self.edit.set_saved_text(value if isinstance(value, str) else "")

    def commit(self) -> None:
        self.edit.commit()


class DateInput(AnswerInput):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDate(NO_DATE)
        self.edit.setKeyboardTracking(False)  # dateChanged once typing is finished
        self.clear_button = QPushButton(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self.edit.dateChanged.connect(self._on_date)
        self.clear_button.clicked.connect(lambda: self.edit.setDate(NO_DATE))
        self.retranslate()

    def retranslate(self) -> None:
        locale = qt_locale()
        self.edit.setLocale(locale)
        self.edit.setDisplayFormat(date_format(locale))
        self.edit.setSpecialValueText(_("No date"))
        self.edit.setAccessibleName(_("Date answer"))
        self.clear_button.setText(_("No date"))
        self.clear_button.setAccessibleName(_("Clear the date"))

    def show_value(self, value: AnswerValue | None) -> None:
        self.edit.blockSignals(True)
        if isinstance(value, dt.date):
            self.edit.setDate(QDate(value.year, value.month, value.day))
        else:
            self.edit.setDate(NO_DATE)
        self.edit.blockSignals(False)

    def _on_date(self, date: QDate) -> None:
        self.chosen.emit(None if date == NO_DATE else dt.date(date.year(), date.month(), date.day()))
