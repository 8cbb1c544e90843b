"""Issue 5: PDF readiness reports.

1. One full safe-aeo report (every question answered with a comment, 20 evidence files) as the
   whole ``aeo-assess report`` process, from the database and from an applicant file, against
   LibreOffice converting an equivalent document (``office_document.same_structure``: the
   report's headings, paragraphs, tables and charts) in the same run; LibreOffice on the text
   alone is shown as well.
   Targets (issue 19): from a file at most 0.5x LibreOffice's time, from the database at most
   0.6x (Python's start and ReportLab's import alone are about half of LibreOffice's), at
   most 80 MiB peak memory.
   The same report inside a running program, as the GUI makes it (``reports.render`` on a
   warm context, off the GUI thread): at most 0.2 s.
2. A batch of 100 reports: all cores against a serial loop in one process (``--jobs 1``).
   Target: at least 1.6x faster on 2 cores.

LibreOffice is a baseline only (Debian's libreoffice-writer-nogui), installed here if missing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from pypdf import PdfReader

from aeo_assess.benchmarks.countries import country_programme
from aeo_assess.files.applicant import write_applicant_file
from aeo_assess.questionnaires.registry import shipped_raw
from aeo_assess.reporting import render_readiness_report
from aeo_assess.reporting.readiness import ReadinessReport
from aeo_assess.scoring import score
from aeo_assess.services import reports, transfer
from aeo_assess.services.context import open_context
from aeo_assess.services.demo import create_demo_data
from benchmarks.office_document import same_structure, same_text
from benchmarks.timing import report
from tests.reporting.samples import evidence_file, full_assessment, safe_aeo

REPEAT = 5
BATCH = 100
MIB = 1024 * 1024
PAGE = os.sysconf("SC_PAGE_SIZE")
CLI = [sys.executable, "-m", "aeo_assess"]


RUNNER = (
    "import os, sys, time\n"
    "start = time.perf_counter()\n"
    "pid = os.spawnv(os.P_NOWAIT, sys.argv[2], sys.argv[2:])\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "with open(sys.argv[1], 'w') as out:\n"
    "    out.write(f'{time.perf_counter() - start} {usage.ru_utime + usage.ru_stime} '\n"
    "              f'{usage.ru_maxrss * 1024} {status}')\n"
)
"""Runs the measured command from a small fresh process: a child's peak memory includes the
memory of the process that forked it, so the benchmark's own (large) process must not."""


@dataclass(frozen=True)
class Sample:
    wall: float
    cpu: float
    """User + system seconds of the process and the children it waited for (a forkserver's
    workers are not among them): less sensitive than wall time to other load."""
    peak: int
    """Peak resident bytes of the largest single process."""
    total: int = 0
    """Peak resident bytes of the whole process tree together, sampled every 50 ms."""


def tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants, from /proc (Linux)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, added = {root}, True
    while added:
        grown = tree | {pid for pid, parent in parents.items() if parent in tree}
        added, tree = grown != tree, grown
    total = 0
    for pid in tree:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


def run(command: list[str]) -> Sample:
    with tempfile.NamedTemporaryFile("r") as result:
        runner = subprocess.Popen(
            [sys.executable, "-S", "-c", RUNNER, result.name,
             shutil.which(command[0]) or command[0], *command[1:]],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        total = 0
        while runner.poll() is None:
            total = max(total, tree_rss(runner.pid))
            time.sleep(0.05)
        wall, cpu, peak, status = result.read().split()
    if runner.returncode or status != "0":
        raise RuntimeError(f"{' '.join(command[:4])}... failed with status {status}")
    return Sample(float(wall), float(cpu), int(peak), total)


def medians(command: list[str], repeat: int = REPEAT) -> Sample:
    run(command)
    samples = [run(command) for _ in range(repeat)]
    return Sample(
        statistics.median(s.wall for s in samples),
        statistics.median(s.cpu for s in samples),
        max(s.peak for s in samples),
        max(s.total for s in samples),
    )


def median_cpu(action: Callable[[], object], repeat: int = REPEAT) -> float:
    """Median CPU seconds of ``action`` in this process, after one run to warm up."""
    action()
    samples = []
    for _ in range(repeat):
        start = time.process_time()
        action()
        samples.append(time.process_time() - start)
    return statistics.median(samples)


def describe(name: str, sample: Sample, baseline: Sample | None = None, target: str = "") -> None:
    report(name, sample.wall, baseline.wall if baseline else None, target)
    line = f"  cpu {sample.cpu * 1000:.0f} ms"
    if baseline:
        line += f" vs {baseline.cpu * 1000:.0f} ms (ratio {sample.cpu / baseline.cpu:.2f}x)"
    print(f"{line}; peak memory {sample.peak / MIB:.1f} MiB", flush=True)


def soffice() -> str | None:
    """LibreOffice's command, installing Debian's package once when it is missing."""
    found = shutil.which("soffice")
    if found is None and shutil.which("apt-get") and os.geteuid() == 0:
        print("installing libreoffice-writer-nogui for the baseline (once)", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "libreoffice-writer-nogui"],
                       check=False, env=env, stdout=subprocess.DEVNULL)
        found = shutil.which("soffice")
    return found


def main() -> None:
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores "
          "(other work on the machine slows both sides)", flush=True)
    work = Path(tempfile.mkdtemp(prefix="aeo-bench-reports-"))
    try:
        _single(work)
        _batch(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _single(work: Path) -> None:
    questionnaire = safe_aeo()
    assessment = full_assessment(questionnaire, evidence=20)
    evidence = {hashlib.sha256(evidence_file(n)).hexdigest(): evidence_file(n) for n in range(20)}
    applicant = work / "full.aeoa"
    applicant.write_bytes(write_applicant_file(assessment, shipped_raw(questionnaire), evidence))
    url = f"sqlite:///{work / 'single.sqlite3'}"
    ctx = open_context(url)
    assessment_id = transfer.import_applicant_file(ctx, applicant).assessment_id
    ctx.database.close()

    from_db = [*CLI, "--db", url, "report", assessment_id, "-o", str(work / "db.pdf")]
    from_file = [*CLI, "report", str(applicant), "-o", str(work / "file.pdf")]
    database, file = medians(from_db), medians(from_file)
    startup = medians([*CLI, "--help"])
    pdf = (work / "db.pdf").read_bytes()
    card = score(questionnaire, assessment)
    render = median_cpu(lambda: render_readiness_report(
        questionnaire, assessment, card, language="en", page_size="A4",
        generated_at=dt.datetime.now(dt.UTC)))
    print(f"full safe-aeo report: {len(PdfReader(io.BytesIO(pdf)).pages)} pages, "
          f"{len(pdf) / 1024:.0f} KiB; rendering alone, in process: cpu {render * 1000:.0f} ms")

    office = soffice()
    baseline = None
    if office:
        report_story = ReadinessReport(
            questionnaire, assessment, card, language="en", page_size="A4", peers=None, k=5,
            country=country_programme(assessment.country), generated_at=dt.datetime.now(dt.UTC))
        documents = {
            "same structure": same_structure(report_story),
            "same text only": same_text(pdf, report_story.pagesize),
        }
        for name, xml in documents.items():
            document = work / f"{name.replace(' ', '-')}.fodt"
            ElementTree.fromstring(xml)  # well-formed, or LibreOffice would time an error page
            document.write_text(xml, "utf-8")
            profile = (work / "lo-profile").as_uri()
            sample = medians([office, f"-env:UserInstallation={profile}", "--headless",
                              "--convert-to", "pdf", "--outdir", str(work / "lo"), str(document)])
            pages = len(PdfReader(work / "lo" / f"{document.stem}.pdf").pages)
            describe(f"LibreOffice, {name} ({pages} pages)", sample)
            baseline = baseline or sample
    else:
        print("LibreOffice is not installed: no baseline ratio")
    describe("aeo-assess report (database) vs LibreOffice", database, baseline, "<= 0.6x")
    describe("aeo-assess report (.aeoa file) vs LibreOffice", file, baseline, "<= 0.5x")
    describe("  of which the command line alone: aeo-assess --help", startup)
    print("  target: peak memory <= 80 MiB", flush=True)
    _in_process(url, assessment_id)


def _in_process(url: str, assessment_id: str) -> None:
    """The report as the running GUI makes it: a warm process, the database already open."""
    ctx = open_context(url)
    options = reports.ReportOptions()
    walls, cpus = [], []
    for _ in range(REPEAT + 1):
        wall, cpu = time.perf_counter(), time.process_time()
        reports.render(ctx, assessment_id, options)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    ctx.database.close()
    report("readiness report inside the running program (GUI)", statistics.median(walls[1:]),
           target="<= 0.2 s")
    print(f"  cpu {statistics.median(cpus[1:]) * 1000:.0f} ms", flush=True)


def _batch(work: Path) -> None:
    url = f"sqlite:///{work / 'batch.sqlite3'}"
    ctx = open_context(url)
    ids = create_demo_data(ctx, count=BATCH)
    ctx.database.close()
    base = [*CLI, "--db", url, "report", *ids]
    serial = run([*base, "-o", str(work / "serial"), "--jobs", "1"])
    parallel = run([*base, "-o", str(work / "parallel")])
    written = len(list((work / "parallel").glob("*.pdf")))
    assert written == BATCH, f"{written} of {BATCH} reports written"
    report(f"{BATCH} reports on {os.cpu_count()} cores vs a serial loop", parallel.wall,
           serial.wall, "<= 0.625x")
    print(f"  speed-up {serial.wall / parallel.wall:.2f}x (target >= 1.6x on 2 cores); "
          f"per report {parallel.wall / BATCH * 1000:.0f} ms; all processes together at most "
          f"{parallel.total / MIB:.0f} MiB (serial {serial.total / MIB:.0f} MiB)", flush=True)


if __name__ == "__main__":
    main()
