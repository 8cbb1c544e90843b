"""Windows and dialogs sized from the screen they open on, never from fixed pixels: a
dialog taller than a 1280×720 laptop screen hides its buttons below the bottom edge."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

SCREEN_SHARE = 0.9
"""At most this share of the available width and height, leaving room for the window frame."""


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` × ``height`` or less, so that it fits on its screen
    (the parent's screen before it is shown), and centre it on its parent if it has one."""
    parent = widget.parentWidget()
    screen = (parent or widget).screen() or QApplication.primaryScreen()
    available = screen.availableGeometry()
    w = min(width, int(available.width() * SCREEN_SHARE))
    h = min(height, int(available.height() * SCREEN_SHARE))
    widget.resize(w, h)
    centre = parent.window().frameGeometry().center() if parent else available.center()
    left = max(available.left(), min(centre.x() - w // 2, available.right() - w))
    top = max(available.top(), min(centre.y() - h // 2, available.bottom() - h))
    widget.move(left, top)
