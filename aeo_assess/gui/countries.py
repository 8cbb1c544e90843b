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
from aeo_assess.domain.benchmark import Figure, MutualRecognition, Source
from aeo_assess.gui.context import GuiContext
from aeo_assess.gui.screen_fit import fit_to_screen
from aeo_assess.i18n import _, language
from aeo_assess.profile_text import ProfileText

_CODE = Qt.ItemDataRole.UserRole
_STYLE = (
    "h2 { margin-bottom: 2px; } td { padding: 3px 8px 3px 0; vertical-align: top; }"
    " th { text-align: left; padding: 3px 8px 3px 0; vertical-align: top; white-space: nowrap; }"
    " .source { color: palette(mid); } .unknown { font-style: italic; }"
    " .unverified { color: #8a5a00; font-style: italic; }"
)


def _unknown(words: ProfileText) -> str:
    return f"<span class='unknown'>{escape(words('unknown'))}</span>"


def _unverified(words: ProfileText, verified: bool) -> str:
    """After a figure no official source confirmed: say it is indicative only."""
    mark = words.unverified(verified)
    return f" <span class='unverified'>· {escape(mark)}</span>" if mark else ""


def _source(source: Source) -> str:
    """A source's words, and its address as a link to check it."""
    if not source.address:
        return escape(source.text)
    link = f"<a href='https://{escape(source.address)}'>{escape(source.address)}</a>"
    return link if source.text == source.address else f"{escape(source.text)} · {link}"


def _sources(sources: tuple[Source, ...]) -> str:
    """A figure's sources as the user reads them, under the figure."""
    if not sources:
        return f"<br/><small>{escape(_('Source: not stated'))}</small>"
    return "".join(
        f"<br/><small>{escape(_('Source: {source}')).format(source=_source(s))}</small>"
        for s in sources
    )


def _figure(words: ProfileText, figure: Figure) -> str:
    """A count with its date and verified mark, or "unknown"."""
    if figure.count is None:
        return _unknown(words)
    return escape(words.figure(figure)) + _unverified(words, figure.verified)


def _mra(words: ProfileText, mra: MutualRecognition) -> str:
    partner = escape(words.partner(mra.partner))
    when = escape(words.year(mra.signed))
    return (f"<li><b>{partner}</b> ({when}){_unverified(words, mra.verified)}"
            f"{_sources(mra.sources)}</li>")


def _arrangement(words: ProfileText, item: RegionalArrangement) -> str:
    parties = ", ".join(words.country(p) for p in item.parties) or _("not listed by the sources")
    signed = escape(words.date(item.signed)) if item.signed else _unknown(words)
    lines = [
        f"<li><b>{escape(words(item.name))}</b>{_unverified(words, item.verified)}<br/>",
        escape(_("Signed: {date}")).format(date=signed),
    ]
    if item.place:
        lines.append(" · " + escape(words(item.place)))
    lines.append("<br/>" + escape(_("Parties: {parties}").format(parties=parties)))
    if item.notes:
        lines.append("<br/>" + escape(words.text(item.notes)))
    if item.conflict:
        lines.append("<br/>" + escape(_("Where sources disagree: {note}").format(
            note=words.text(item.conflict))))
    lines.append(_sources(item.sources) + "</li>")
    return "".join(lines)


def profile_html(profile: CountryProfile) -> str:
    """The profile as rich text: every figure with its source underneath."""
    words = ProfileText(language())
    p = profile.programme
    launched = str(p.launch_year) if p.launch_year else _unknown(words)
    if p.launch_year:
        launched += _unverified(words, p.launch_verified)
    if p.launch_note:
        launched += f"<br/><small>{escape(words.text(p.launch_note))}</small>"
    rows = [
        (_("Programme"), escape(p.name_original), ""),
        (_("Programme (English)"), escape(p.name_english), ""),
        (_("Customs authority"), escape(p.authority) if p.authority else _unknown(words), ""),
        (_("Launched"), launched, ""),
        (_("Certified operators"), _figure(words, p.operators),
         _sources(p.operators.sources) if p.operators.count is not None else ""),
    ]
    if profile.scope:
        rows.append((_("Scope"), escape(words.text(profile.scope)), ""))
    table = "".join(
        f"<tr><th>{escape(label)}</th><td>{value}{source}</td></tr>" for label, value, source in rows
    )
    name = words.country(profile.country, profile.name)
    parts = [f"<h2>{escape(name)} ({escape(profile.country)})</h2>", f"<table>{table}</table>"]
    if profile.operators_history:
        parts.append(f"<h3>{escape(_('Earlier counts of certified operators'))}</h3><ul>")
        parts += [f"<li>{_figure(words, h)}{_sources(h.sources)}</li>"
                  for h in profile.operators_history]
        parts.append("</ul>")
    parts.append(f"<h3>{escape(_('Mutual recognition arrangements'))}</h3>")
    if p.mras:
        parts.append("<ul>" + "".join(_mra(words, m) for m in p.mras) + "</ul>")
    else:
        parts.append(f"<p>{escape(_('None known to the sources.'))}</p>")
    if profile.arrangements:
        parts.append(f"<h3>{escape(_('Regional arrangements'))}</h3><ul>")
        parts += [_arrangement(words, a) for a in profile.arrangements]
        parts.append("</ul>")
    if p.notes:
        parts.append(f"<h3>{escape(_('Notes'))}</h3><p>{escape(words.text(p.notes))}</p>")
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
        self.details.setOpenExternalLinks(True)
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
            "its source. What no source states is shown as unknown; a figure no official source "
            "confirms is marked “not verified”. Verify a figure with the customs authority before "
            "relying on it."
        ))
        self.filter.setPlaceholderText(_("Filter countries"))
        self.filter.setAccessibleName(_("Filter countries"))
        self.list.setAccessibleName(_("Countries"))
        self.details.setAccessibleName(_("Country profile"))
        current = self.current_code()
        self.list.clear()
        entries = sorted(
            (
                (ProfileText(language()).country(code, profile.name), code)
                for code, profile in self.profiles.profiles.items()
            ),
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
