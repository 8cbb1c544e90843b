"""Issue 6: a workshop's print-all and its summary.

1. Print every participant's readiness report (each with its peer comparison and country
   profile) for a workshop of 100 companies: all cores against one process (``workers=1``),
   the same call both times. Target: at least 1.6x faster on 2 cores.
2. The workshop summary of those 100 (loading every participant, the statistics and the PDF).
   Target: at most 5 s.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from aeo_assess.services import reports, workshop_reports, workshops
from aeo_assess.services.context import open_context
from aeo_assess.services.demo import create_demo_data
from benchmarks.timing import median_seconds, report

PARTICIPANTS = 100


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        ctx = open_context(f"sqlite:///{work / 'workshop.sqlite3'}")
        try:
            create_demo_data(ctx, count=PARTICIPANTS)
            workshop = max(w.id for w in workshops.list_workshops(ctx))
            options = reports.ReportOptions()

            def print_all(workers: int | None) -> float:
                out = work / f"reports-{workers}"
                shutil.rmtree(out, ignore_errors=True)
                start = time.perf_counter()
                result = workshop_reports.print_all(ctx, workshop, out, options, workers=workers)
                elapsed = time.perf_counter() - start
                assert not result.failed and len(result.outcomes) == PARTICIPANTS
                return elapsed

            serial = print_all(1)
            parallel = print_all(None)
            report(f"print-all {PARTICIPANTS} on {os.cpu_count()} cores vs serial", parallel,
                   serial, "≥ 1.6x faster on 2 cores")
            print(f"    speed-up {serial / parallel:.2f}x; per report "
                  f"{parallel / PARTICIPANTS * 1000:.0f} ms", flush=True)
            summary = median_seconds(
                lambda: workshop_reports.render_summary(ctx, workshop), repeat=3
            )
            report(f"workshop summary of {PARTICIPANTS} participants", summary, None, "≤ 5 s")
        finally:
            ctx.database.close()


if __name__ == "__main__":
    main()
