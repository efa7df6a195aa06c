"""The statistics behind root causes, pure and small so that each rule is testable alone.

Spikes (docs/root-causes.md): a period is a spike when

    observed >= MIN_SPIKE_CASES  and  observed >= mean + Z * max(sd, sqrt(max(mean, 1)))

where mean and sd are over the same period in the BASELINE_PERIODS before it (the same
weekday in each of the previous weeks for a day, the previous weeks for a week). The
floor sqrt(max(mean, 1)) is the Poisson spread of a count with that mean: a baseline
that happens to be perfectly flat does not make every small bump a spike.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

BASELINE_PERIODS = 8
Z = 3.0
MIN_SPIKE_CASES = 5


@dataclass(frozen=True)
class SpikeTest:
    observed: int
    expected: float
    spread: float
    threshold: float

    @property
    def is_spike(self) -> bool:
        return self.observed >= MIN_SPIKE_CASES and self.observed >= self.threshold


def spike_test(observed: int, baseline: Sequence[int]) -> SpikeTest:
    mean = sum(baseline) / len(baseline) if baseline else 0.0
    variance = sum((x - mean) ** 2 for x in baseline) / len(baseline) if baseline else 0.0
    spread = max(math.sqrt(variance), math.sqrt(max(mean, 1.0)))
    return SpikeTest(observed, mean, spread, mean + Z * spread)


def median(values: Sequence[int]) -> int:
    ordered = sorted(values)
    n = len(ordered)
    if not n:
        raise ValueError("median of nothing")
    middle = n // 2
    if n % 2:
        return ordered[middle]
    return round((ordered[middle - 1] + ordered[middle]) / 2)


def percentile(values: Sequence[int], share: float) -> int:
    """Nearest-rank percentile: the smallest value with at least `share` of values at or below."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("percentile of nothing")
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]
