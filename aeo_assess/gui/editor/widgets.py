"""Small widgets the editor (and the review, which reads like it) needs and Qt lacks: a radio
button whose text wraps, a label that shortens itself with "…" instead of cutting letters off,
a text box that saves itself while the user types, a scroll-area page as tall as its wrapped
text needs, the previous/next bar under a question, and shortcuts local to one view."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.i18n import _, ngettext

AUTOSAVE_DELAY_MS = 800
"""Pause in typing after which a text box saves; long enough not to save every keystroke."""


class WrapRadio(QRadioButton):
    """A radio button with a bold title and an explanation below, both wrapping to the width.

    QRadioButton draws its text on one line, so long option labels (and every label at 200 %
    font scaling) would be cut off. The whole area is clickable and shows focus clearly.
    """

    _MARGIN = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = ""
        self._detail = ""
        self._heights: dict[tuple[int, str], int] = {}
        """heightForWidth by width and font: layouts ask many times per change, and measuring
        wrapped text is slow."""
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)

    def set_texts(self, title: str, detail: str = "") -> None:
        if (title, detail) == (self._title, self._detail):
            return
        self._title, self._detail = title, detail
        self._heights.clear()
        self.setText(title)
        self.setAccessibleName(title)
        self.setAccessibleDescription(detail)
        self.setToolTip(detail)
        self.updateGeometry()
        self.update()

    def _bold(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _indicator(self) -> QSize:
        style = self.style()
        return QSize(
            style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, None, self),
            style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorHeight, None, self),
        )

    def _text_left(self) -> int:
        spacing = self.style().pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing, None, self)
        return self._MARGIN + self._indicator().width() + spacing

    def _text_rects(self, width: int) -> tuple[QRect, QRect]:
        left = self._text_left()
        available = max(1, width - left - self._MARGIN)
        flags = int(Qt.TextFlag.TextWordWrap)
        title = QFontMetrics(self._bold()).boundingRect(
            QRect(left, self._MARGIN, available, 100_000), flags, self._title
        )
        title = QRect(left, self._MARGIN, available, title.height())
        if not self._detail:
            return title, QRect(left, title.bottom() + 1, available, 0)
        detail = self.fontMetrics().boundingRect(
            QRect(0, 0, available, 100_000), flags, self._detail
        )
        return title, QRect(left, title.bottom() + 3, available, detail.height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        key = (width, self.font().key())
        height = self._heights.get(key)
        if height is None:
            title, detail = self._text_rects(width)
            text_bottom = (detail if self._detail else title).bottom()
            height = max(text_bottom, self._MARGIN + self._indicator().height()) + self._MARGIN + 1
            self._heights[key] = height
        return height

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._heights.clear()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        natural = QFontMetrics(self._bold()).horizontalAdvance(self._title)
        width = min(self._text_left() + natural + self._MARGIN, 40 * self.fontMetrics().averageCharWidth())
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        # Layouts ask heightForWidth() for the real height; this is only the floor.
        width = self._text_left() + 8 * self.fontMetrics().averageCharWidth()
        return QSize(width, 2 * self._MARGIN + self._indicator().height())

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        frame = self.rect().adjusted(1, 1, -1, -1)
        if self.isChecked():
            fill = QColor(palette.highlight().color())
            fill.setAlpha(40)
            painter.setPen(QPen(palette.highlight().color(), 1))
            painter.setBrush(fill)
            painter.drawRoundedRect(frame, 4, 4)
        elif self.underMouse() and self.isEnabled():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.alternateBase())
            painter.drawRoundedRect(frame, 4, 4)
        if self.hasFocus():
            painter.setPen(QPen(palette.highlight().color(), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(frame, 4, 4)

        option = QStyleOptionButton()
        self.initStyleOption(option)
        title, detail = self._text_rects(self.width())
        indicator = self._indicator()
        first_line = QFontMetrics(self._bold()).height()
        option.rect = QRect(
            self._MARGIN,
            self._MARGIN + max(0, (first_line - indicator.height()) // 2),
            indicator.width(),
            indicator.height(),
        )
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorRadioButton, option, painter, self)

        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        painter.setPen(palette.color(palette.currentColorGroup(), palette.ColorRole.WindowText))
        painter.setFont(self._bold())
        painter.drawText(title, flags, self._title)
        if self._detail:
            painter.setFont(self.font())
            painter.drawText(detail, flags, self._detail)


class AutosaveText(QPlainTextEdit):
    """A text box that emits ``committed`` after a pause in typing and when it loses focus,
    so nothing typed is lost and the database is not written on every keystroke."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._saved = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.commit)
        self.textChanged.connect(self._timer.start)

    def set_saved_text(self, text: str) -> None:
        """Show stored text without treating it as an edit."""
        self._timer.stop()
        self._saved = text
        if self.toPlainText() != text:
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)

    def commit(self) -> None:
        self._timer.stop()
        text = self.toPlainText()
        if text != self._saved:
            self._saved = text
            self.committed.emit(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)


class ElidedLabel(QLabel):
    """One line that ends in "…" when too narrow (with the whole text as tooltip), so that
    it gives way to its neighbours at large font sizes instead of pushing them off screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width()))


class ScrollPage(QWidget):
    """The content of a resizable QScrollArea whose height follows its width.

    A layout full of word-wrapped labels reports as its minimum the height those labels
    would need at their narrowest, and the scroll area never makes the page shorter than
    that: the page then ends in a tall empty band. Reporting no minimum height lets the
    scroll area use ``heightForWidth`` alone.
    """

    def __init__(self) -> None:
        super().__init__()
        self.column = QVBoxLayout(self)
        self.column.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), 0)


class QuestionNavigation(QWidget):
    """Previous, "Question X of Y" and Next under a question page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.previous_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.position = QLabel(self)
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 4, 12, 4)
        row.addWidget(self.previous_button)
        row.addWidget(self.position, 1)
        row.addWidget(self.next_button)

    def retranslate(self) -> None:
        self.previous_button.setText(_("← &Previous"))
        self.previous_button.setToolTip(_("Previous question (Ctrl+Left)"))
        self.previous_button.setAccessibleName(_("Previous question"))
        self.next_button.setText(_("&Next →"))
        self.next_button.setToolTip(_("Next question (Ctrl+Right)"))
        self.next_button.setAccessibleName(_("Next question"))

    def set_position(self, index: int, total: int) -> None:
        """``index`` is 0-based among the questions shown; -1 when a filter hides the current
        one, and both buttons then lead back into the questions shown."""
        self.position.setText(
            _("Question {index} of {total}").format(index=index + 1, total=total)
            if index >= 0
            else ngettext("{total} question shown", "{total} questions shown", total).format(
                total=total)
        )
        self.previous_button.setEnabled(index != 0 and total > 0)
        self.next_button.setEnabled(index < total - 1)


def local_shortcut(parent: QWidget, keys: str, slot: Callable[[], None]) -> QShortcut:
    """A shortcut that works while focus is anywhere inside ``parent``, and only there."""
    shortcut = QShortcut(QKeySequence(keys), parent)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(slot)
    return shortcut
