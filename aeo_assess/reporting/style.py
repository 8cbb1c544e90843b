"""The embedded font, the colours and the one named stylesheet every report uses."""

from __future__ import annotations

import threading
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from aeo_assess.resources import data_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}
_lock = threading.Lock()

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#5F6B7A")
RULE = colors.HexColor("#C9D1DA")
HEADER_FILL = colors.HexColor("#E8EEF4")
ZEBRA = colors.HexColor("#F6F8FA")
ACCENT = colors.HexColor("#0065A0")
WARNING = colors.HexColor("#B8470A")
WARNING_FILL = colors.HexColor("#FBEDE5")


def register_fonts() -> None:
    """Register DejaVu Sans (regular and bold) with ReportLab once per process."""
    with _lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        folder = data_path("resources") / "fonts"
        for name, file in _FILES.items():
            if name not in registered:
                pdfmetrics.registerFont(TTFont(name, str(folder / file)))
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
        )


def stylesheet() -> StyleSheet1:
    """Paragraph styles by name; every text in a report uses one of these."""
    sheet = StyleSheet1()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, textColor=INK)
    sheet.add(base)

    def add(name: str, parent: ParagraphStyle = base, **values: Any) -> None:
        sheet.add(ParagraphStyle(name, parent=parent, **values))

    add("kicker", fontSize=10, leading=14, textColor=MUTED)
    add("title", fontName=FONT_BOLD, fontSize=24, leading=30, textColor=ACCENT, spaceAfter=6)
    add("company", fontName=FONT_BOLD, fontSize=18, leading=23, spaceBefore=10, spaceAfter=14)
    add("banner", fontName=FONT_BOLD, fontSize=11, leading=15, textColor=colors.white)
    add("h1", fontName=FONT_BOLD, fontSize=15, leading=19, textColor=ACCENT, spaceBefore=16,
        spaceAfter=8)
    add("h2", fontName=FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=10, spaceAfter=5)
    add("h3", fontName=FONT_BOLD, fontSize=10, leading=13.5, spaceBefore=7, spaceAfter=2)
    add("muted", fontSize=8.5, leading=11.5, textColor=MUTED)
    add("note", fontSize=9, leading=12.5, textColor=MUTED, spaceBefore=4, spaceAfter=4)
    add("indent", leftIndent=14, spaceAfter=1)
    add("bullet", leftIndent=14, bulletIndent=4)
    add("numbered", leftIndent=20, bulletIndent=2)  # room for "10." beside its text
    add("cell", fontSize=8.5, leading=11)
    add("cell-bold", fontName=FONT_BOLD, fontSize=8.5, leading=11)
    add("cell-right", fontSize=8.5, leading=11, alignment=TA_RIGHT)
    add("cell-head", fontName=FONT_BOLD, fontSize=8, leading=10.5, textColor=INK)
    add("cell-head-right", fontName=FONT_BOLD, fontSize=8, leading=10.5, alignment=TA_RIGHT)
    add("cell-small", fontSize=7.5, leading=9.5, textColor=MUTED)
    add("hash", fontSize=6.5, leading=8.5, textColor=MUTED)
    add("figure", fontName=FONT_BOLD, fontSize=18, leading=22, alignment=TA_CENTER)
    add("figure-label", fontSize=8, leading=10, alignment=TA_CENTER, textColor=MUTED)
    add("badge", fontName=FONT_BOLD, fontSize=13, leading=17, textColor=colors.white)
    return sheet
