"""The dashboard's peer comparison: which peers (country, region, everyone), how many, from
where, or why none are shown. The chart draws the figures (``scoring.chart``).

Peer statistics are computed in SQL over every completed assessment: on a shared server that
can take far more than a click, so they are fetched in the background while the note says
they are loading, and ``changed`` tells the dashboard when they arrive."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from aeo_assess.benchmarks.regions import shipped_regions
from aeo_assess.domain.benchmark import PeerGroup, PeerScope
from aeo_assess.gui.background import Progress, error_text, run_in_background
from aeo_assess.gui.editor.state import EditorState
from aeo_assess.i18n import _, country_name, language, ngettext
from aeo_assess.profile_text import ProfileText
from aeo_assess.scoring import chart
from aeo_assess.services import benchmarks
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage.errors import StorageError

log = logging.getLogger(__name__)


def group_name(peers: PeerGroup) -> str:
    if peers.scope is PeerScope.COUNTRY:
        return _("operators in {country}").format(country=country_name(peers.key))
    if peers.scope is PeerScope.REGION:
        return _("operators in {region}").format(region=ProfileText(language()).region(peers.key))
    return _("operators in every country")


def source_text(source: str) -> str:
    """Where the figures come from, as ``services.benchmarks`` says it, in the user's words."""
    return ProfileText(language()).peer_source(source)


class ComparisonPanel(QWidget):
    """A reference selector and one sentence; ``changed`` when the user chose other peers."""

    changed = Signal()
    last_scope = PeerScope.COUNTRY
    """The reference chosen last, offered again in the next assessment opened."""

    def __init__(self, state: EditorState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.peers: PeerGroup | None = None
        self.k = 0
        self.error = ""
        self.loading = False
        self._loaded = False
        self._request = 0
        """Numbers the fetches: the answer to one the user has since replaced is dropped."""
        self.caption = QLabel()
        self.scope = QComboBox()
        self.caption.setBuddy(self.scope)
        for scope in PeerScope:
            self.scope.addItem("", scope)
        self.scope.setCurrentIndex(self.scope.findData(ComparisonPanel.last_scope))
        self.scope.currentIndexChanged.connect(self._on_scope)
        self.note = QLabel()
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.caption)
        row.addWidget(self.scope, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.note)

    @property
    def current_scope(self) -> PeerScope:
        return PeerScope(self.scope.currentData())

    def retranslate(self) -> None:
        self.caption.setText(_("&Compare with:"))
        names = {
            PeerScope.COUNTRY: _("Peers in the same country"),
            PeerScope.REGION: _("Peers in the same region"),
            PeerScope.ALL: _("Peers in every country"),
        }
        for index in range(self.scope.count()):
            self.scope.setItemText(index, names[PeerScope(self.scope.itemData(index))])
        self.scope.setAccessibleName(_("Compare with"))
        self._describe()

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self.load()

    def load(self) -> None:
        """Ask the services, in the background, for the chosen peers (the current assessment
        left out); ``changed`` when they are here."""
        self._loaded, self.loading, self.error, self.peers = True, True, "", None
        self._request += 1
        request = self._request
        ctx, assessment_id, scope = self._state.gui.app, self._state.assessment_id, self.current_scope
        self.k = k = benchmarks.configured_k()

        def work(_progress: Progress) -> PeerGroup | None:
            return benchmarks.compare(ctx, assessment_id, scope, k=k)

        run_in_background(self, work, dialog=False).success(
            lambda peers: self._arrived(request, peers, "")
        ).failure(lambda error: self._arrived(request, None, self._message(error)))
        self._describe()

    @staticmethod
    def _message(error: BaseException) -> str:
        if not isinstance(error, ServiceError | StorageError):
            log.error("peer comparison failed", exc_info=error)
        return error_text(error)

    def _arrived(self, request: int, peers: PeerGroup | None, error: str) -> None:
        if request != self._request:
            return
        self.loading, self.peers, self.error = False, peers, error
        self._describe()
        self.changed.emit()

    def chart_peers(self) -> dict[str, chart.PeerStats]:
        if self.peers is None:
            return {}
        return {
            key: chart.PeerStats(median=s.median, q1=s.q1, q3=s.q3, n=s.n)
            for key, s in self.peers.criteria.items()
        }

    def _on_scope(self) -> None:
        ComparisonPanel.last_scope = self.current_scope
        self.load()
        self.changed.emit()  # the chart drops the other scope's peers at once

    def _describe(self) -> None:
        self.note.setText(self.describe())
        self.note.setAccessibleName(self.note.text())

    def describe(self) -> str:
        """One sentence: whom the chart compares with, or why it compares with no one."""
        if not self._loaded:
            return ""
        if self.loading:
            return _("Loading the peer comparison…")
        if self.error:
            return _("No comparison: {error}").format(error=self.error)
        assessment = self._state.assessment
        peers = self.peers
        if peers is not None:
            text = ngettext(
                "The ticks and lines show the median and middle half of {n} completed "
                "assessment by {group} (source: {source}).",
                "The ticks and lines show the median and middle half of {n} completed "
                "assessments by {group} (source: {source}).",
                peers.n,
            ).format(n=peers.n, group=group_name(peers), source=source_text(peers.source))
            text += " " + _(
                "{local} from this database, {packs} from imported benchmark packs."
            ).format(local=peers.local_n, packs=peers.pack_n)
            if peers.demo:
                text += " " + _("Demonstration data: these peers are synthetic companies.")
            return text
        scope = self.current_scope
        country = country_name(assessment.country)
        if scope is PeerScope.REGION and shipped_regions().region_of(assessment.country) is None:
            return _("No comparison: {country} belongs to no region of the benchmark.").format(
                country=country
            )
        where = {
            PeerScope.COUNTRY: _("from {country}").format(country=country),
            PeerScope.REGION: _("from the region of {country}").format(country=country),
            PeerScope.ALL: _("from any country"),
        }[scope]
        kind = _("demonstration") if assessment.demo else _("real")
        return _(
            "No comparison: fewer than {k} other completed {kind} assessments of this "
            "questionnaire version {where} are available. Peers are shown from {k} on, so that "
            "no company can be recognised."
        ).format(k=self.k, kind=kind, where=where)
