"""Benchmarks: `make bench` runs every bench_*.py module's run() and prints JSON lines."""

import statistics
import time
from typing import Callable


def median_time(fn: Callable[[], object], runs: int = 3) -> float:
    """Median wall time of ``runs`` calls of ``fn``, in seconds."""
    values = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        values.append(time.perf_counter() - start)
    return statistics.median(values)
