"""Promised dates in bulk: a business calendar unrolled into a table searched with bisect.

calendars.arithmetic.WorkingCalendar walks day by day from each instant, which
is right for one case and too slow for ten million. CalendarTable lists the
calendar's open intervals once (epoch seconds, one per working day) with the
running total of open time before each, so "N business hours/days after T" is
two binary searches. The definitions are exactly the calendar's (see the
docstring of calendars/arithmetic.py); tests/demo/test_promise_table.py checks
the table against WorkingCalendar and cases.promises.promise_for.

All instants here are integer seconds since the epoch (UTC).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from calendars.arithmetic import BusinessDuration, WorkingCalendar


class OutsideTable(ValueError):
    """The instant is outside the range the table was built for."""


class CalendarTable:
    def __init__(self, calendar: WorkingCalendar, first: dt.date, last: dt.date) -> None:
        """Open intervals of the working days from `first` to `last` (local dates)."""
        opens: list[int] = []
        closes: list[int] = []
        before: list[int] = []
        total = 0
        day = first
        while day <= last:
            if calendar.is_working_day(day):
                start, end = calendar.working_hours(day)
                opens.append(int(start.timestamp()))
                closes.append(int(end.timestamp()))
                before.append(total)
                total += closes[-1] - opens[-1]
            day += dt.timedelta(days=1)
        if not opens:
            raise OutsideTable("No working day in the table's range")
        self.opens, self.closes, self.before = opens, closes, before
        self.upto = [b + (c - o) for b, o, c in zip(before, opens, closes, strict=True)]
        self.first = opens[0]
        self.last = closes[-1]

    def _interval(self, t: int) -> int:
        """Index of the first open interval that ends after t."""
        i = bisect_right(self.closes, t)
        if i == len(self.closes) or t < self.first - 86400:
            raise OutsideTable(f"{t} is outside the calendar table")
        return i

    def clock_start(self, t: int) -> int:
        i = self._interval(t)
        return max(self.opens[i], t)

    def position(self, t: int) -> int:
        """Business seconds from the table's start to t (t's clock start if closed)."""
        i = self._interval(t)
        return self.before[i] + max(0, t - self.opens[i])

    def between(self, start: int, end: int) -> int:
        """Business seconds from start to end (0 if end is not after start)."""
        if end <= start:
            return 0
        return max(0, self.position(end) - self.position(start))

    def add_seconds(self, t: int, seconds: int) -> int:
        if seconds <= 0:
            return self.clock_start(t)
        target = self.position(t) + seconds
        j = bisect_left(self.upto, target)
        if j == len(self.upto):
            raise OutsideTable("The result is past the end of the calendar table")
        return self.opens[j] + (target - self.before[j])

    def add_days(self, t: int, days: int) -> int:
        i = self._interval(t)
        begin = max(self.opens[i], t)
        if days == 0:
            return begin
        # A start exactly at opening counts that day as the first full day.
        j = i + (days if begin > self.opens[i] else days - 1)
        if j >= len(self.closes):
            raise OutsideTable("The result is past the end of the calendar table")
        return self.closes[j]

    def add(self, t: int, duration: BusinessDuration) -> int:
        if duration.unit == "business_hours":
            return self.add_seconds(t, duration.amount * 3600)
        return self.add_days(t, duration.amount)


@dataclass(frozen=True)
class Standard:
    """What promise_for needs from a service standard, as plain values."""

    first_response: BusinessDuration
    resolution: BusinessDuration
    steps: tuple[BusinessDuration, ...]


@dataclass(frozen=True)
class FastPromise:
    first_response_due: int
    resolution_due: int
    steps: tuple[int, ...]


def fast_promise(table: CalendarTable, standard: Standard, received_at: int) -> FastPromise:
    """cases.promises.promise_for, on a CalendarTable (same rules, same results)."""
    first_response_due = table.add(received_at, standard.first_response)
    resolution_due = table.add(received_at, standard.resolution)
    steps: list[int] = []
    cursor = received_at
    for duration in standard.steps:
        cursor = table.add(cursor, duration)
        steps.append(cursor)
    if steps and steps[-1] > resolution_due:
        resolution_due = steps[-1]
    return FastPromise(min(first_response_due, resolution_due), resolution_due, tuple(steps))
