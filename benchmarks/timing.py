"""Measure medians and print them beside a baseline measured in the same run."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    action()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def report(name: str, seconds: float, baseline: float | None = None, target: str = "") -> None:
    line = f"{name:<52} median {seconds * 1000:10.2f} ms"
    if baseline:
        line += f"   baseline {baseline * 1000:9.2f} ms   ratio {seconds / baseline:6.2f}x"
    if target:
        line += f"   (target {target})"
    print(line, flush=True)
