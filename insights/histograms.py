"""Business time and histograms: how the summaries store durations and read percentiles.

Durations are counted in business minutes of the jurisdiction's calendar (the same
definition as the promised dates, calendars/arithmetic.py). The refresh puts each
case's duration in a bucket (insights.models.TIME_EDGES); a percentile over any range
is read from the summed buckets, interpolating linearly inside the bucket that holds
the nearest rank (as Prometheus' histogram_quantile does). tests/insights compare it
with the same rule applied to the cases' own durations.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Sequence

from calendars.arithmetic import UTC, WorkingCalendar

_EPOCH = dt.date(2000, 1, 1)
_ZERO = dt.timedelta()


class BusinessClock:
    """Business time elapsed since a fixed epoch, so a duration is one subtraction.

    ``WorkingCalendar.business_minutes_between`` walks every day between two
    instants; the refresh measures millions of cases, so the open time of each day
    is summed once (lazily, from 2000-01-01) and reused.
    """

    def __init__(self, calendar: WorkingCalendar) -> None:
        self.calendar = calendar
        self._cumulative: list[dt.timedelta] = [_ZERO]  # open time before _EPOCH + i days
        self._hours: dict[dt.date, tuple[dt.datetime, dt.datetime] | None] = {}

    def _open(self, day: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
        """The day's open interval in UTC, None when closed (cached: holidays, zones)."""
        if day not in self._hours:
            self._hours[day] = (
                self.calendar.working_hours(day) if self.calendar.is_working_day(day) else None
            )
        return self._hours[day]

    def _before(self, day: dt.date) -> dt.timedelta:
        index = (day - _EPOCH).days
        while len(self._cumulative) <= index:
            current = _EPOCH + dt.timedelta(days=len(self._cumulative) - 1)
            hours = self._open(current)
            open_time = hours[1] - hours[0] if hours else _ZERO
            self._cumulative.append(self._cumulative[-1] + open_time)
        return self._cumulative[index]

    def elapsed(self, instant: dt.datetime) -> dt.timedelta:
        """Open-office time from the epoch to `instant`."""
        day = instant.astimezone(self.calendar.zone).date()
        total = self._before(day)
        hours = self._open(day)
        if hours is not None:
            opens, closes = hours
            total += min(max(instant - opens, _ZERO), closes - opens)
        return total

    def minutes_between(self, start: dt.datetime, end: dt.datetime) -> int:
        """Whole business minutes from start to end (0 if end is not after start)."""
        if end <= start:
            return 0
        if start.astimezone(UTC).date() <= _EPOCH:
            return self.calendar.business_minutes_between(start, end)
        return int((self.elapsed(end) - self.elapsed(start)).total_seconds() // 60)


def bucket_of(value: float, edges: Sequence[int]) -> int:
    """The bucket holding `value`: (edges[i-1], edges[i]], the first from 0, the last open."""
    return bisect.bisect_left(edges, value)


def percentile(counts: Sequence[int], edges: Sequence[int], q: float) -> float | None:
    """The q-quantile (0 < q <= 1) of a histogram, None when it is empty.

    The nearest rank ceil(q·n) picks the bucket; inside it the value is interpolated
    between the bucket's edges. The last bucket has no upper edge: its lower edge.
    """
    total = sum(counts)
    if total == 0:
        return None
    rank = max(1, math.ceil(q * total))
    seen = 0
    for index, count in enumerate(counts):
        if count and seen + count >= rank:
            lower = edges[index - 1] if index > 0 else 0
            if index >= len(edges):
                return float(lower)
            return lower + (edges[index] - lower) * (rank - seen) / count
        seen += count
    return float(edges[-1])  # pragma: no cover - rank <= total


def histogram(values: Sequence[float], edges: Sequence[int]) -> list[int]:
    counts = [0] * (len(edges) + 1)
    for value in values:
        counts[bucket_of(value, edges)] += 1
    return counts
