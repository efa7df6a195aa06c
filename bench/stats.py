"""Timing and the summary figures the bench prints: median and 95th percentile."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


def p95(samples: list[float]) -> float:
    """The nearest-rank 95th percentile (the largest sample below 20 samples)."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(0.95 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Result:
    name: str
    unit: str  # "ms" for latencies, "req/s" for throughput
    samples: list[float] = field(default_factory=list)
    queries: int | None = None  # SQL statements one run issues
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else math.nan

    @property
    def p95(self) -> float:
        return p95(self.samples) if self.samples else math.nan

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "unit": self.unit,
            "median": round(self.median, 2),
            "p95": round(self.p95, 2),
            "runs": len(self.samples),
            "queries": self.queries,
            "note": self.note,
        }


def time_ms(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def format_table(results: list[Result]) -> str:
    header = (
        f"{'measurement':<34} {'unit':>6} {'median':>10} {'p95':>10} {'runs':>5} {'SQL':>4}  note"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        queries = "" if r.queries is None else str(r.queries)
        lines.append(
            f"{r.name:<34} {r.unit:>6} {r.median:>10.1f} {r.p95:>10.1f} "
            f"{len(r.samples):>5} {queries:>4}  {r.note}"
        )
    return "\n".join(lines)
