"""Switching the interface language while the program runs, remembered in the settings.

Our own strings come from the gettext catalogs (i18n); Qt's standard texts (dialog buttons,
file dialogs, context menus) from the ``qtbase`` translations that ship with PySide6.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QComboBox, QMenu, QWidget

from aeo_assess import i18n
from aeo_assess.gui.context import GuiContext
from aeo_assess.i18n import _

LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français"}
"""Each language in its own words, never translated: a reader of that language finds it."""

_qt_translators: list[QTranslator] = []


class _QtTranslator(QTranslator):
    """Qt's catalog, also for the labels that Qt 6 gave a mnemonic its catalogs do not know yet
    ("&Look in:", "Files of &type:" in the file dialog): those take the translation of the text
    without the ``&``, with the mnemonic on its first letter."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        found = super().translate(context, source, disambiguation, n) or ""
        if found or "&" not in source.replace("&&", ""):
            return found
        plain = super().translate(context, source.replace("&", "", 1), disambiguation, n)
        return "&" + plain if plain else ""


def available_languages() -> tuple[str, ...]:
    """English plus every language that has a catalog for this window's texts."""
    return tuple(
        lang
        for lang in i18n.LANGUAGES
        if lang == "en" or (i18n.catalog_dir(lang) / "gui.po").is_file()
    )


def system_language() -> str:
    """The desktop's language when aeo-assess has it, else English."""
    code = QLocale.system().name().split("_")[0]
    return code if code in available_languages() else "en"


def install_qt_translations(language: str) -> None:
    """Qt's own texts and number/date widgets in ``language``; English needs no catalog."""
    app = QCoreApplication.instance()
    for translator in _qt_translators:
        QCoreApplication.removeTranslator(translator)
    _qt_translators.clear()
    QLocale.setDefault(QLocale(language))
    if app is None or language == "en":
        return
    translator = _QtTranslator(app)
    directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", directory):
        QCoreApplication.installTranslator(translator)
        _qt_translators.append(translator)


def qt_date_format() -> str:
    """The interface language's medium date format ("3 mar 2027", never "3/3/27") as a Qt
    display format, from the CLDR pattern that ``i18n.format_date`` uses."""
    pattern = i18n.medium_date_pattern()
    # CLDR and Qt agree on d, M and quoted literals; CLDR's "y" is the whole year, Qt's "yyyy".
    pattern = re.sub(r"(?<!y)y(?!y)|y{3,}", "yyyy", pattern)
    return re.sub(r"E+", "ddd", pattern.replace("L", "M"))


def apply_language(gui: GuiContext, language: str) -> None:
    """Switch now, remember it, and tell every view to ``retranslate()``."""
    i18n.set_language(language)
    language = i18n.language()
    gui.app.language = language
    install_qt_translations(language)
    if gui.settings.language != language:
        gui.settings.language = language
        gui.save_settings()
    gui.signals.language_changed.emit(language)


class LanguageChooser(QComboBox):
    """The languages by name, switching the interface at once: on a window shown before the
    menu bar can be reached (the first-start welcome)."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gui = gui
        for lang in available_languages():
            self.addItem(LANGUAGE_NAMES.get(lang, lang), lang)
        self.setCurrentIndex(max(self.findData(i18n.language()), 0))
        self.activated.connect(self._on_activated)
        gui.signals.language_changed.connect(self._on_language_changed)

    def _on_activated(self, index: int) -> None:
        apply_language(self._gui, str(self.itemData(index)))

    def _on_language_changed(self, language: str) -> None:
        self.setCurrentIndex(max(self.findData(language), 0))


class LanguageMenu(QMenu):
    """One checkable entry per language, named in that language."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gui = gui
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self.actions_by_language: dict[str, QAction] = {}
        for lang in available_languages():
            action = QAction(LANGUAGE_NAMES.get(lang, lang), self, checkable=True)
            action.setData(lang)
            action.setChecked(lang == i18n.language())
            self._group.addAction(action)
            self.addAction(action)
            self.actions_by_language[lang] = action
        self._group.triggered.connect(self._on_triggered)
        gui.signals.language_changed.connect(self.retranslate)
        self.retranslate()

    def _on_triggered(self, action: QAction) -> None:
        apply_language(self._gui, str(action.data()))

    def retranslate(self) -> None:
        self.setTitle(_("&Language"))
        self.menuAction().setToolTip(_("Language of the interface"))
        current = self.actions_by_language.get(i18n.language())
        if current is not None:
            current.setChecked(True)
