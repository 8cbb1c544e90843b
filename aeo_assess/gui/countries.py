"""View › Countries: every country's AEO programme, each figure beside its source.

What the research does not know is shown as "unknown", never guessed (DESIGN §7).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from aeo_assess.benchmarks.countries import CountryProfile, RegionalArrangement, shipped_profiles
from aeo_assess.domain.benchmark import MutualRecognition
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.screen_fit import fit_to_screen
from aeo_assess.i18n import _, country_name, format_decimal

_CODE = Qt.ItemDataRole.UserRole
_STYLE = (
    "h2 { margin-bottom: 2px; } td { padding: 3px 8px 3px 0; vertical-align: top; }"
    " th { text-align: left; padding: 3px 8px 3px 0; vertical-align: top; white-space: nowrap; }"
    " .source { color: palette(mid); } .unknown { font-style: italic; }"
)


def _unknown() -> str:
    return f"<span class='unknown'>{escape(_('unknown'))}</span>"


def _source(text: str) -> str:
    """A figure's source as the user reads it, beside the figure."""
    if not text:
        return f"<br/><small>{escape(_('Source: not stated'))}</small>"
    return f"<br/><small>{escape(_('Source: {source}').format(source=text))}</small>"


def _name(code: str, profile: CountryProfile | None = None) -> str:
    """The country's name in the interface language; the research's name where there is no
    ISO country (the European Union)."""
    if code == "EU":
        return _("European Union")
    name = country_name(code)
    return profile.name if name == code and profile is not None else name


def _partner(partner: str) -> str:
    return _name(partner) if len(partner) == 2 and partner.isupper() else partner


def _count(count: int | str | None) -> str:
    if count is None:
        return _unknown()
    return escape(format_decimal(count, digits=0) if isinstance(count, int) else count)


def _mra(mra: MutualRecognition) -> str:
    year = str(mra.year) if mra.year else mra.year_text
    when = escape(year) if year else escape(_("year unknown"))
    return f"<li><b>{escape(_partner(mra.partner))}</b> ({when}){_source(mra.source)}</li>"


def _arrangement(item: RegionalArrangement) -> str:
    parties = ", ".join(_name(p) for p in item.parties) or _("not listed by the sources")
    signed = escape(item.signed) if item.signed else _unknown()
    lines = [
        f"<li><b>{escape(item.name)}</b><br/>",
        escape(_("Signed: {date}")).format(date=signed),
    ]
    if item.place:
        lines.append(" · " + escape(item.place))
    lines.append("<br/>" + escape(_("Parties: {parties}").format(parties=parties)))
    if item.notes:
        lines.append("<br/>" + escape(item.notes))
    if item.conflict:
        lines.append("<br/>" + escape(_("Where sources disagree: {note}").format(note=item.conflict)))
    sources = "; ".join(item.sources)
    lines.append(_source(sources) + "</li>")
    return "".join(lines)


def profile_html(profile: CountryProfile) -> str:
    """The profile as rich text: every figure with its source underneath."""
    p = profile.programme
    history_sources = {h.source for h in profile.operators_history}
    launch_sources = [s for s in p.sources if s not in history_sources]
    operators = _count(p.operators)
    if p.operators is not None:
        as_of = escape(p.operators_as_of) if p.operators_as_of else _unknown()
        operators += " " + escape(_("as of {date}")).format(date=as_of)
    rows = [
        (_("Programme"), escape(p.name_original), ""),
        (_("Programme (English)"), escape(p.name_english), ""),
        (_("Customs authority"), escape(p.authority) if p.authority else _unknown(), ""),
        (_("Launched"), str(p.launch_year) if p.launch_year else _unknown(),
         _source("; ".join(launch_sources))),
        (_("Certified operators"), operators,
         _source(p.operators_source) if p.operators is not None else ""),
    ]
    if profile.scope:
        rows.append((_("Scope"), escape(profile.scope), ""))
    table = "".join(
        f"<tr><th>{escape(label)}</th><td>{value}{source}</td></tr>" for label, value, source in rows
    )
    parts = [f"<h2>{escape(_name(profile.country, profile))} ({escape(profile.country)})</h2>",
             f"<table>{table}</table>"]
    if profile.operators_history:
        parts.append(f"<h3>{escape(_('Earlier counts of certified operators'))}</h3><ul>")
        for h in profile.operators_history:
            when = escape(h.as_of) if h.as_of else _unknown()
            parts.append(f"<li>{_count(h.count)} · {when}{_source(h.source)}</li>")
        parts.append("</ul>")
    parts.append(f"<h3>{escape(_('Mutual recognition arrangements'))}</h3>")
    if p.mras:
        parts.append("<ul>" + "".join(_mra(m) for m in p.mras) + "</ul>")
    else:
        parts.append(f"<p>{escape(_('None known to the sources.'))}</p>")
    if profile.arrangements:
        parts.append(f"<h3>{escape(_('Regional arrangements'))}</h3><ul>")
        parts += [_arrangement(a) for a in profile.arrangements]
        parts.append("</ul>")
    if p.notes:
        parts.append(f"<h3>{escape(_('Notes'))}</h3><p>{escape(p.notes)}</p>")
    return "".join(parts)


class CountriesPage(QWidget):
    """A list of the researched countries and, beside it, the selected country's profile."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("countries_page")
        self.profiles = shipped_profiles()
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.list = QListWidget()
        self.list.currentItemChanged.connect(self._show_current)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.document().setDefaultStyleSheet(_STYLE)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.list, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 1000])
        # A window of its own, closed as a dialog is: a button, Esc or Ctrl+W.
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        for key in ("Esc", "Ctrl+W"):
            QShortcut(QKeySequence(key), self, self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 1100, 720)
        gui.signals.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Countries: AEO programmes"))
        self.about.setText(_(
            "The AEO programme of each country as public sources describe it, each figure with "
            "its source. What no source states is shown as unknown. Verify a figure with the "
            "customs authority before relying on it."
        ))
        self.about.setToolTip("\n".join(self.profiles.about))
        self.filter.setPlaceholderText(_("Filter countries"))
        self.filter.setAccessibleName(_("Filter countries"))
        self.list.setAccessibleName(_("Countries"))
        self.details.setAccessibleName(_("Country profile"))
        current = self.current_code()
        self.list.clear()
        entries = sorted(
            ((_name(code, profile), code) for code, profile in self.profiles.profiles.items()),
            key=lambda entry: entry[0].casefold(),
        )
        for name, code in entries:
            item = QListWidgetItem(f"{name} ({code})")
            item.setData(_CODE, code)
            self.list.addItem(item)
        self.select(current or entries[0][1])
        self._apply_filter(self.filter.text())

    def current_code(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(_CODE))

    def select(self, code: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(_CODE) == code:
                self.list.setCurrentRow(row)
                return

    def _apply_filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(wanted) and wanted not in item.text().casefold())

    def _show_current(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        profile = self.profiles.profiles[str(item.data(_CODE))]
        self.details.setHtml(profile_html(profile))
