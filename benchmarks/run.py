"""``make bench``: every benchmark scenario, medians and ratios against same-run baselines."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks import (
    bench_editor,
    bench_hostile,
    bench_office,
    bench_peers,
    bench_questionnaires,
    bench_reports,
    bench_scale,
    bench_shared,
    bench_startup,
    bench_storage,
    bench_workshop,
)

SCENARIOS = [
    ("questionnaires and scoring (issue 2)", bench_questionnaires.main),
    ("storage, autosave, listing and applicant files (issue 3)", bench_storage.main),
    ("hostile files refused (issue 3)", bench_hostile.main),
    ("desktop start-up (issue 4)", bench_startup.main),
    ("assessment editor responsiveness (issue 4)", bench_editor.main),
    ("PDF reports (issue 5)", bench_reports.main),
    ("peer statistics (issue 6)", bench_peers.main),
    ("workshop print-all and summary (issue 6)", bench_workshop.main),
    ("office formats: blank questionnaire, DOCX, XLSX (issue 18)", bench_office.main),
    ("national scale: 100,000 assessments, list, search, queue (issue 19)", bench_scale.main),
    ("shared PostgreSQL: concurrent officers (issue 19)", bench_shared.main),
]


def main() -> None:
    """Run every scenario, or those whose title contains one of the words given."""
    wanted = [word.lower() for word in sys.argv[1:]]
    for title, run in SCENARIOS:
        if not wanted or any(word in title.lower() for word in wanted):
            print(f"== {title}", flush=True)
            run()


if __name__ == "__main__":
    main()
