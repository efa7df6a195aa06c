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
_UNIX = dt.datetime(1970, 1, 1, tzinfo=UTC)
_MICRO = dt.timedelta(microseconds=1)
_MINUTE = 60_000_000  # in microseconds
_GROW = 400  # days added to the prefix sum at a time


def micros(instant: dt.datetime) -> int:
    """An aware instant as whole microseconds since 1970 (UTC): exact integer arithmetic."""
    return (instant - _UNIX) // _MICRO


class BusinessClock:
    """Business time elapsed since a first day, so a duration is one subtraction.

    ``WorkingCalendar.business_minutes_between`` walks every day between two
    instants; the refresh measures millions of cases, so the calendar is read once:
    for each local day from `first` on, its midnight, opening and open length (in
    microseconds since 1970, from the jurisdiction's hours, weekdays, holidays and
    closures) and the open time of all the days before it (a prefix sum). An
    instant's day is a binary search over the midnights; its business time since
    `first` is the prefix sum plus the part of its own day that was open. The table
    grows forward as later instants are asked about; an instant before `first` is
    measured by walking the calendar, as before.
    """

    def __init__(self, calendar: WorkingCalendar, first: dt.date = _EPOCH) -> None:
        self.calendar = calendar
        self.first = first
        self._days: list[dt.date] = []
        self._midnights: list[int] = []
        self._opens: list[int] = []
        self._lengths: list[int] = []
        self._before: list[int] = []
        self._extend(first + dt.timedelta(days=_GROW))

    def _extend(self, through: dt.date) -> None:
        calendar = self.calendar
        while not self._days or self._days[-1] < through:
            day = self.first + dt.timedelta(days=len(self._days))
            midnight = micros(dt.datetime.combine(day, dt.time(), tzinfo=calendar.zone))
            before = self._before[-1] + self._lengths[-1] if self._days else 0
            if calendar.is_working_day(day):
                opens, closes = calendar.working_hours(day)
                start, length = micros(opens), micros(closes) - micros(opens)
            else:
                start, length = midnight, 0
            self._days.append(day)
            self._midnights.append(midnight)
            self._opens.append(start)
            self._lengths.append(length)
            self._before.append(before)

    def _index(self, at: int) -> int:
        """The index of the local day holding `at` (µs), -1 before `first`."""
        while at >= self._midnights[-1]:  # the last day's end is not known: grow past it
            self._extend(self._days[-1] + dt.timedelta(days=_GROW))
        return bisect.bisect_right(self._midnights, at) - 1

    def position(self, instant: dt.datetime) -> tuple[dt.date, int] | None:
        """The instant's local day and its business time since `first` (µs);
        None before `first`."""
        at = micros(instant)
        index = self._index(at)
        if index < 0:
            return None
        return self._days[index], self._before[index] + min(
            max(at - self._opens[index], 0), self._lengths[index]
        )

    def elapsed(self, instant: dt.datetime) -> dt.timedelta:
        """Open-office time from the first day to `instant` (an instant at or after it)."""
        found = self.position(instant)
        if found is None:
            raise ValueError("the instant is before the clock's first day")
        return dt.timedelta(microseconds=found[1])

    def minutes_between(self, start: dt.datetime, end: dt.datetime) -> int:
        """Whole business minutes from start to end (0 if end is not after start)."""
        if end <= start:
            return 0
        began = self.position(start)
        if began is None:
            return self.calendar.business_minutes_between(start, end)
        ended = self.position(end)
        if ended is None:  # pragma: no cover - end > start, and start is on the clock
            return self.calendar.business_minutes_between(start, end)
        return (ended[1] - began[1]) // _MINUTE

    @staticmethod
    def minutes(start: int, end: int) -> int:
        """Whole business minutes between two business times of `position` (0 if not after)."""
        return (end - start) // _MINUTE if end > start else 0


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
