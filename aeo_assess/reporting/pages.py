"""Page furniture: running header and "Page X of Y" footer, drawn once the page count is known."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from aeo_assess.reporting.charts import fit
from aeo_assess.reporting.style import FONT, FONT_BOLD, MUTED, RULE, WARNING
from aeo_assess.reporting.text import draw_string


@dataclass(frozen=True)
class Furniture:
    """What every page carries; ``page`` text holds ``{page}`` and ``{pages}``."""

    header_left: str
    header_right: str
    footer_left: str
    page: str
    warning: str = ""
    """Printed in the header of every page in the warning colour (demonstration data)."""
    page_width: float = 0.0
    margin_left: float = 0.0
    margin_right: float = 0.0
    header_y: float = 0.0
    footer_y: float = 0.0


class NumberedCanvas(Canvas):
    """Keeps each finished page until ``save`` so the footer can say "Page X of Y"."""

    def __init__(self, *args: Any, furniture: Furniture, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # ReportLab's own page reset

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(total)
            super().showPage()
        super().save()

    def _decorate(self, total: int) -> None:
        f = self._furniture
        right = f.page_width - f.margin_right
        number = self.getPageNumber()
        self.saveState()
        self.setFillColor(MUTED)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        if number > 1:
            half = (right - f.margin_left) / 2 - 6
            draw_string(
                self, f.margin_left, f.header_y, fit(f.header_left, half, FONT_BOLD, 8), FONT_BOLD, 8
            )
            self.setFont(FONT, 8)
            header_right = f.header_right
            if f.warning:
                self.setFillColor(WARNING)
                self.setFont(FONT_BOLD, 8)
                header_right = f"{f.warning} · {header_right}"
            self.drawRightString(right, f.header_y, fit(header_right, half, FONT_BOLD, 8))
            self.line(f.margin_left, f.header_y - 4, right, f.header_y - 4)
        self.setFillColor(MUTED)
        self.setFont(FONT, 7.5)
        self.line(f.margin_left, f.footer_y + 10, right, f.footer_y + 10)
        page = f.page.format(page=number, pages=total)
        self.drawRightString(right, f.footer_y, page)
        room = right - f.margin_left - self.stringWidth(page, FONT, 7.5) - 12
        draw_string(self, f.margin_left, f.footer_y, fit(f.footer_left, room, FONT, 7.5), FONT, 7.5)
        self.restoreState()
