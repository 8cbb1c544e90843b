"""Readiness reports as use cases: render one, write one atomically, or write many at once
spread across processes (each worker opens its own database context from the URL).

The storage and file-format modules, and multiprocessing, are imported where they are used:
a report of an applicant file should not pay for the database layer or for a process pool.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aeo_assess.domain.assessment import Assessment
from aeo_assess.domain.benchmark import CountryProgramme, PeerGroup, PeerScope
from aeo_assess.domain.signatures import UNSIGNED, Signature, SignatureState
from aeo_assess.domain.vocabulary import Subject
from aeo_assess.messages import Message, UserError
from aeo_assess.reporting import PAGE_SIZES, render_readiness_report
from aeo_assess.services.errors import ServiceError
from aeo_assess.storage.errors import StorageError

if TYPE_CHECKING:
    import multiprocessing.context

    from aeo_assess.files.signing import SignerInfo
    from aeo_assess.services.context import AppContext

APPLICANT_SUFFIX = ".aeoa"
DOCX_SUFFIX = ".docx"
Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, target)`` after each report of a batch."""


@dataclass(frozen=True)
class ReportOptions:
    language: str = "en"
    page_size: str = "A4"
    k: int = 5
    """Fewest peers a comparison may show (DESIGN §6)."""
    scope: PeerScope | None = None
    """The peers compared with; None: the narrowest of country, region and all with k."""
    since: str | None = None
    """The baseline (an earlier assessment's id) of the changes section; None: the company's
    previous cycle, if it has one."""


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    assessment: Assessment

    @property
    def file_name(self) -> str:
        """A portable file name from the company and the assessment's id."""
        return report_file_name(self.assessment)


@dataclass(frozen=True)
class Outcome:
    """One report of a batch: where it was written, or why it was not."""

    target: str
    path: Path | None = None
    error: UserError | None = None


@dataclass(frozen=True)
class BatchResult:
    outcomes: tuple[Outcome, ...]
    cancelled: bool = False

    @property
    def failed(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.error is not None)


def report_file_name(assessment: Assessment) -> str:
    ascii_name = unicodedata.normalize("NFKD", assessment.company).encode("ascii", "ignore")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name.decode()).strip("-").lower()[:60] or "report"
    suffix = (assessment.id or assessment.submission_sha256 or "")[:8]
    return f"{slug}-{suffix}.pdf" if suffix else f"{slug}.pdf"


def is_applicant_file(target: str) -> bool:
    return target.lower().endswith(APPLICANT_SUFFIX)


def _inputs(
    ctx: AppContext | None,
    target: str,
    options: ReportOptions,
    peers: PeerGroup | None,
    country: CountryProgramme | None,
) -> dict[str, Any]:
    """What a readiness report is made of, for ``render_readiness_report`` and its DOCX twin.

    ``ctx`` may be None when the target is a file. Peers (of an assessment in the database)
    and the country profile are looked up unless the caller gives them."""
    if options.page_size not in PAGE_SIZES:
        raise ServiceError(Message(
            "reports.page_size_not_one",
            "page size '{page_size}' is not one of {page_sizes}",
            page_size=options.page_size, page_sizes=', '.join(PAGE_SIZES),
        ))
    signature: Signature | None = None
    cycle_inputs: dict[str, Any] = {}
    if is_applicant_file(target):
        from aeo_assess.services import transfer

        applicant, card = transfer.score_file(Path(target))
        questionnaire, assessment = applicant.questionnaire, applicant.assessment
        signature = file_signature(applicant.signer)
    else:
        if ctx is None:
            raise ServiceError(Message(
                "reports.not_applicant_file_and",
                "'{target}' is not an applicant file and no database is open",
                target=target,
            ))
        from aeo_assess.services import reading

        assessment_id = reading.resolve(ctx, target)
        questionnaire, assessment, card = reading.load(ctx, assessment_id)
        if assessment.submission_sha256 is not None:  # an imported file: who signed it
            from aeo_assess.services import signatures

            signature = signatures.submission_signature(ctx, assessment_id)
        if peers is None and questionnaire.subject is Subject.COMPANY:  # no peers for customs
            peers = _peers(ctx, assessment_id, options)
        cycle_inputs = _cycle_inputs(ctx, assessment, options)
    if country is None:
        from aeo_assess.benchmarks.countries import country_programme

        country = country_programme(assessment.country)
    return {
        "questionnaire": questionnaire,
        "assessment": assessment,
        "card": card,
        "language": options.language,
        "page_size": options.page_size,
        "peers": peers,
        "k": options.k,
        "country": country,
        "generated_at": dt.datetime.now().astimezone(),
        "signature": None if signature is None else signature_row(signature, options.language),
        **cycle_inputs,
    }


def _cycle_inputs(ctx: AppContext, assessment: Assessment, options: ReportOptions) -> dict[str, Any]:
    """The trend across the company's cycles and the changes since the baseline (issue 17),
    for an assessment with earlier cycles or a baseline named; nothing otherwise."""
    from aeo_assess.services import reading

    baseline_id = (
        reading.resolve(ctx, options.since) if options.since else assessment.previous_cycle_id
    )
    if baseline_id is None:
        return {}
    from aeo_assess.scoring.cycles import build_trend
    from aeo_assess.services import cycles

    history = cycles.history(ctx, assessment.id)
    baseline, _current, changes = cycles.changes_since(ctx, baseline_id, assessment.id)
    return {
        "trend": build_trend(history, options.language),
        "changes": (baseline.date, changes),
    }


def file_signature(signer: SignerInfo | None) -> Signature:
    """An applicant file read without importing it: signed or not, and by which key; nothing
    here remembers the applicant's key, so the fingerprint is to be checked with them."""
    if signer is None:
        return UNSIGNED
    return Signature(SignatureState.FIRST_KEY, signer.fingerprint, signer.name, signer.organisation)


def signature_row(signature: Signature, language: str) -> tuple[str, str]:
    """The report's line on who signed the file it is made from."""
    from aeo_assess.i18n import translator
    from aeo_assess.services.signatures import APPLICANT_SIGNATURE, describe, symbol

    words = f"{symbol(signature)} {describe(signature, language)}"
    return translator(language)(APPLICANT_SIGNATURE), words


def render(
    ctx: AppContext | None,
    target: str,
    options: ReportOptions,
    *,
    peers: PeerGroup | None = None,
    country: CountryProgramme | None = None,
) -> Rendered:
    """The report of an assessment (id or id prefix) or of an applicant file (``.aeoa``): the
    readiness report, or for a customs administration's assessment the administration report."""
    inputs = _inputs(ctx, target, options, peers, country)
    questionnaire, assessment = inputs["questionnaire"], inputs["assessment"]
    if questionnaire.subject is Subject.ADMINISTRATION:
        from aeo_assess.services import administrations

        pdf = administrations.render_report(
            ctx, questionnaire, assessment, inputs["card"], language=options.language,
            page_size=options.page_size, country=inputs["country"],
        )
        return Rendered(pdf, assessment)
    return Rendered(render_readiness_report(**inputs), assessment)


def render_docx(ctx: AppContext | None, target: str, options: ReportOptions) -> bytes:
    """The readiness report as an editable Word document (``reporting.word``); the
    administration report is made as PDF only."""
    from aeo_assess.reporting.word import render_readiness_docx

    inputs = _inputs(ctx, target, options, None, None)
    if inputs["questionnaire"].subject is Subject.ADMINISTRATION:
        raise ServiceError(Message(
            "reports.administration_report_made_as",
            "the administration report is made as PDF only: -o OUT.pdf",
        ))
    inputs.pop("trend", None)  # the Word document has no cycle sections yet
    inputs.pop("changes", None)
    return render_readiness_docx(**inputs)


def _peers(ctx: AppContext, assessment_id: str, options: ReportOptions) -> PeerGroup | None:
    """The chosen scope's peers, or the narrowest group of at least k."""
    from aeo_assess.services import peers

    scopes = [options.scope] if options.scope is not None else list(PeerScope)
    return peers.narrowest(ctx, assessment_id, scopes, k=options.k)


def write(path: Path, pdf: bytes) -> Path:
    """Write atomically: a reader never sees half a report, a failure leaves no file."""
    from aeo_assess.files.atomic import write_atomically

    try:
        write_atomically(path, pdf)
    except OSError as error:
        raise ServiceError(Message(
            "reports.cannot_write",
            "cannot write {path}: {reason}",
            path=path, reason=error.strerror or error,
        )) from None
    return path


def write_report(
    ctx: AppContext | None, target: str, out: Path, options: ReportOptions
) -> Path:
    """Render one report to ``out``; a directory receives a file named after the company.
    An ``out`` ending in ``.docx`` receives the Word document."""
    if out.suffix.lower() == DOCX_SUFFIX:
        return write(out, render_docx(ctx, target, options))
    rendered = render(ctx, target, options)
    return write(out / rendered.file_name if out.is_dir() else out, rendered.pdf)


# -- batches --------------------------------------------------------------------------------

_worker_url: str | None = None
_worker_ctx: AppContext | None = None


def _start_worker(url: str | None) -> None:
    global _worker_url
    _worker_url = url


def _open(url: str | None) -> AppContext:
    from aeo_assess.services.context import open_context

    return open_context(url)


def _worker_context(target: str) -> AppContext | None:
    """The worker's own database context, opened on the first target that needs one."""
    global _worker_ctx
    if _worker_ctx is None and not is_applicant_file(target):
        _worker_ctx = _open(_worker_url)
    return _worker_ctx


def _write_one(
    ctx: AppContext | None, target: str, out_dir: Path, options: ReportOptions
) -> Outcome:
    try:
        return Outcome(target, path=write_report(ctx, target, out_dir, options))
    except (ServiceError, StorageError) as error:
        return Outcome(target, error=error)
    except Exception as error:  # one broken assessment must not stop the batch
        return Outcome(target, error=ServiceError(Message(
            "reports.failed", "could not produce the report: {error}", error=repr(error))))


def _write_in_worker(target: str, out_dir: Path, options: ReportOptions) -> Outcome:
    try:
        ctx = _worker_context(target)
    except (ServiceError, StorageError) as error:
        return Outcome(target, error=error)
    return _write_one(ctx, target, out_dir, options)


_DATABASE_MODULES = [
    "aeo_assess.services.context",
    "aeo_assess.services.reading",
    "aeo_assess.services.peers",
]
"""What a worker needs for a report from the database: imported once in the fork server,
not once per worker (SQLAlchemy alone is a third of a second)."""


def _pool_context(database: bool) -> multiprocessing.context.BaseContext:
    """Fresh processes that inherit no threads (a GUI has many): forkserver where it exists,
    with the modules the workers need already imported."""
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        preload = ["aeo_assess.services.reports", *(_DATABASE_MODULES if database else [])]
        context.set_forkserver_preload(preload)
        return context
    return multiprocessing.get_context("spawn")


def database_url(ctx: AppContext) -> str:
    """The URL that lets a worker process open the same database as ``ctx``."""
    return ctx.database.engine.url.render_as_string(hide_password=False)


def write_reports(
    url: str | None,
    targets: Sequence[str],
    out_dir: Path,
    options: ReportOptions,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> BatchResult:
    """Write one report per target into ``out_dir`` on ``workers`` processes (all cores by
    default; 1 works in this process). A target that fails becomes an error in its outcome and
    the others go on; ``cancelled()`` is checked after each report."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ServiceError(Message(
            "reports.cannot_create",
            "cannot create {out_dir}: {reason}",
            out_dir=out_dir, reason=error.strerror or error,
        )) from None
    total = len(targets)
    count = min(workers or os.cpu_count() or 1, total)
    outcomes: dict[int, Outcome] = {}

    def done(index: int, outcome: Outcome) -> None:
        outcomes[index] = outcome
        if progress is not None:
            progress(len(outcomes), total, outcome.target)

    if count <= 1:
        ctx = None
        for index, target in enumerate(targets):
            if cancelled():
                break
            try:
                if ctx is None and not is_applicant_file(target):
                    ctx = _open(url)
            except (ServiceError, StorageError) as error:
                done(index, Outcome(target, error=error))
                continue
            done(index, _write_one(ctx, target, out_dir, options))
    else:
        from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

        with ProcessPoolExecutor(
            max_workers=count,
            mp_context=_pool_context(not all(map(is_applicant_file, targets))),
            initializer=_start_worker,
            initargs=(url,),
        ) as pool:
            pending: dict[Future[Outcome], int] = {
                pool.submit(_write_in_worker, target, out_dir, options): index
                for index, target in enumerate(targets)
            }
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    index = pending.pop(future)
                    try:
                        done(index, future.result())
                    except Exception as error:  # the worker process itself died
                        done(index, Outcome(targets[index], error=ServiceError(Message(
                            "reports.worker_stopped", "the worker stopped: {error}",
                            error=str(error)))))
                if cancelled():
                    for future in pending:
                        future.cancel()
                    break
    stopped = len(outcomes) < total
    return BatchResult(tuple(outcomes[i] for i in sorted(outcomes)), cancelled=stopped)


def write_review_report(
    ctx: AppContext, assessment_id: str, out: Path, language: str = "en", page_size: str = "A4"
) -> Path:
    """Write the review report of an assessment (``reviews.review_report_pdf``) atomically;
    as a Word document when ``out`` ends in ``.docx``."""
    from aeo_assess.services import reviews

    docx = out.suffix.lower() == DOCX_SUFFIX
    return write(out, reviews.review_report_pdf(ctx, assessment_id, language, page_size,
                                                docx=docx))
