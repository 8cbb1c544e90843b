"""Every text a window shows, with the path of the widget that shows it: labels, buttons,
menus and their actions, tab titles, table headers and cells, tool tips, window titles, group
boxes, combo items, placeholders, wizard buttons, rich text as plain text."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
    QWizard,
)

Text = tuple[str, str]
"""Where a text shows (a widget path) and the text."""

ROWS = 40
_FLAT = (QAbstractListModel, QAbstractTableModel)
"""Table rows read per view: the texts repeat from row to row, and the check stays fast."""


def path_of(widget: QWidget) -> str:
    parts = []
    current: QWidget | None = widget
    while current is not None:
        parts.append(current.objectName() or type(current).__name__)
        current = current.parentWidget()
    return "/".join(reversed(parts))


def rich(text: str) -> str:
    """Rich text as read: tags dropped, entities decoded."""
    if "<" in text and ">" in text:
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def plain(text: str) -> str:
    """A button's or action's text as read: the mnemonics' ``&`` dropped."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def window_texts(top: QWidget) -> Iterator[Text]:
    """The texts of ``top`` and its visible children; every tab of a tab widget is shown in
    turn, so that the pages behind the first are read too."""
    seen: set[int] = set()
    for where, text in _all(top, seen):
        yield where, rich(text)


def _all(top: QWidget, seen: set[int]) -> Iterator[Text]:
    yield from _walk(top, seen)
    for bar in top.findChildren(QTabBar):
        if not bar.isVisibleTo(top):
            continue
        current = bar.currentIndex()
        for index in range(bar.count()):
            if bar.isTabEnabled(index) and bar.isTabVisible(index):
                bar.setCurrentIndex(index)
                QApplication.processEvents()
                yield from _walk(top, seen)
        bar.setCurrentIndex(current)
        QApplication.processEvents()


def _walk(top: QWidget, seen: set[int]) -> Iterator[Text]:
    for widget in [top, *top.findChildren(QWidget)]:
        if id(widget) in seen or not (widget is top or widget.isVisibleTo(top)):
            continue
        if isinstance(widget, QMenu):
            continue  # read through its action
        seen.add(id(widget))
        yield from _texts(widget)


def _texts(widget: QWidget) -> Iterator[Text]:
    where = path_of(widget)
    if widget.isWindow():
        yield where + ":title", widget.windowTitle()
    yield where + ":tooltip", widget.toolTip()
    yield where + ":accessible", widget.accessibleName()
    if isinstance(widget, QLabel):
        yield where, widget.text()
    elif isinstance(widget, QAbstractButton):
        yield where, plain(widget.text())
    elif isinstance(widget, QGroupBox):
        yield where, widget.title()
    elif isinstance(widget, QLineEdit):
        yield where + ":placeholder", widget.placeholderText()
        if widget.isReadOnly():
            yield where, widget.text()
    elif isinstance(widget, QTextEdit):
        yield where + ":placeholder", widget.placeholderText()
        if widget.isReadOnly():
            yield where, widget.toPlainText()
    elif isinstance(widget, QPlainTextEdit):
        yield where + ":placeholder", widget.placeholderText()
    elif isinstance(widget, QComboBox):
        for index in range(widget.count()):
            yield f"{where}[{index}]", widget.itemText(index)
    elif isinstance(widget, QAbstractSpinBox):
        yield where, widget.text()
    elif isinstance(widget, QTabBar):
        for index in range(widget.count()):
            yield f"{where}[{index}]", widget.tabText(index)
            yield f"{where}[{index}]:tooltip", widget.tabToolTip(index)
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from _model_texts(where, widget.model())
    if isinstance(widget, QWizard):
        for button in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                       QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton):
            yield f"{where}:button{int(button.value)}", widget.buttonText(button)
        page = widget.currentPage()
        if page is not None:
            yield where + ":page-title", page.title()
            yield where + ":page-subtitle", page.subTitle()
    if isinstance(widget, QMainWindow):
        bar = widget.menuBar()
        for action in bar.actions():
            yield from action_texts(f"{where}/menu", action)
        status = widget.statusBar()
        yield where + ":status", status.currentMessage()
    for action in widget.actions():
        if action.menu() is None or isinstance(widget, QMainWindow):
            yield from action_texts(f"{where}:action", action)


def action_texts(where: str, action: QAction) -> Iterator[Text]:
    """An action's text and tip, and those of its menu's actions, recursively."""
    if action.isSeparator() or not action.isVisible():
        return
    name = action.objectName() or plain(action.text())[:30]
    here = f"{where}/{name}"
    yield here, plain(action.text())
    tip = action.toolTip()
    if tip and plain(tip) != plain(action.text()):  # Qt's default tip is the text
        yield here + ":tooltip", tip
    menu = action.menu()
    if isinstance(menu, QMenu):
        yield here + ":title", menu.title()
        for child in menu.actions():
            yield from action_texts(here, child)


def _model_texts(where: str, model: QAbstractItemModel) -> Iterator[Text]:
    for orientation, count in ((Qt.Orientation.Horizontal, _columns(model, QModelIndex())),
                               (Qt.Orientation.Vertical, 0)):
        for section in range(count):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.headerData(section, orientation, role)
                if isinstance(value, str):
                    yield f"{where}:header{section}", value
    yield from _rows(where, model, QModelIndex(), 0)


def _rows(where: str, model: QAbstractItemModel, parent: QModelIndex, depth: int) -> Iterator[Text]:
    for row in range(min(model.rowCount(parent), ROWS)):
        for column in range(_columns(model, parent)):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield f"{where}[{depth}:{row},{column}]", value
        first = model.index(row, 0, parent)
        if depth < 3 and not isinstance(model, _FLAT) and model.hasChildren(first):
            yield from _rows(where, model, first, depth + 1)


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    """A list model has one column (and hides ``columnCount`` from Python)."""
    return 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
