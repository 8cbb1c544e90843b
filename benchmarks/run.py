"""``make bench``: every benchmark scenario, medians and ratios against same-run baselines."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import bench_questionnaires, bench_storage


def main() -> None:
    print("== questionnaires and scoring (issue 2)")
    bench_questionnaires.main()
    print("== storage, autosave, listing and applicant files (issue 3)")
    bench_storage.main()


if __name__ == "__main__":
    main()
