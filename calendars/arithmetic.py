"""Business-time arithmetic: turn "N business days/hours after T" into a real instant.

Pure Python, no database, so it is cheap to call in bulk and easy to test with
hypothesis. All instants are timezone-aware; working hours are local wall-clock
times in the calendar's zone, converted per day, so DST changes are exact: a
9:00–17:00 day is eight real hours on either side of a change, and an
around-the-clock day is 23 or 25 hours on the days the clocks move.

Definitions (also in docs/architecture.md):
- The clock starts when the request reaches an open office: a request made at
  night, on a weekend or on a holiday starts at the next opening.
- "N business hours" is N hours of open-office time after that start. A promise
  that uses up a day exactly ends at that day's close, not the next opening.
- "N business days" is N full working days of office time, rounded up to the
  close of the day it ends on ("by end of day Tuesday"). A request that arrives
  mid-morning Monday with 2 business days is due at close on Wednesday.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

UTC = dt.UTC
_MIDNIGHT = dt.time(0)
_MAX_SEARCH_DAYS = 3660  # ten years without a working day means a misconfigured calendar


class CalendarError(ValueError):
    pass


@dataclass(frozen=True)
class BusinessDuration:
    amount: int
    unit: str  # "business_hours" | "business_days"

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise CalendarError("A business duration cannot be negative")
        if self.unit not in ("business_hours", "business_days"):
            raise CalendarError(f"Unknown duration unit {self.unit!r}")


@dataclass(frozen=True)
class WorkingCalendar:
    zone: ZoneInfo
    working_weekdays: frozenset[int] = frozenset({1, 2, 3, 4, 5})  # ISO: 1=Monday
    opens_at: dt.time = dt.time(8, 0)
    closes_at: dt.time = dt.time(17, 0)
    is_holiday: Callable[[dt.date], bool] = field(default=lambda _d: False, compare=False)

    def __post_init__(self) -> None:
        if not self.working_weekdays:
            raise CalendarError("A calendar needs at least one working weekday")
        if not self.around_the_clock and self.opens_at >= self.closes_at:
            raise CalendarError("Closing time must be after opening time")
        if self.opens_at.tzinfo or self.closes_at.tzinfo:
            raise CalendarError("Opening hours are local wall-clock times, without tzinfo")

    @property
    def around_the_clock(self) -> bool:
        return self.opens_at == _MIDNIGHT and self.closes_at == _MIDNIGHT

    # --- days ----------------------------------------------------------------
    def is_working_day(self, day: dt.date) -> bool:
        return day.isoweekday() in self.working_weekdays and not self.is_holiday(day)

    def working_hours(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        """The open interval of a day as aware UTC instants (real, DST-correct length)."""
        opens = dt.datetime.combine(day, self.opens_at, tzinfo=self.zone)
        if self.around_the_clock:
            closes = dt.datetime.combine(day + dt.timedelta(days=1), _MIDNIGHT, tzinfo=self.zone)
        else:
            closes = dt.datetime.combine(day, self.closes_at, tzinfo=self.zone)
        return opens.astimezone(UTC), closes.astimezone(UTC)

    def working_days_from(self, day: dt.date) -> Iterator[dt.date]:
        """Working days on or after `day`, in order."""
        for offset in range(_MAX_SEARCH_DAYS):
            candidate = day + dt.timedelta(days=offset)
            if self.is_working_day(candidate):
                yield candidate
        raise CalendarError("No working day within ten years; check the calendar")

    def local_date(self, instant: dt.datetime) -> dt.date:
        return _require_aware(instant).astimezone(self.zone).date()

    # --- instants --------------------------------------------------------------
    def _open_intervals(self, start: dt.datetime) -> Iterator[tuple[dt.datetime, dt.datetime]]:
        """Open intervals that end after `start`, with the first clipped to begin at `start`."""
        # The previous day is included for around-the-clock calendars whose local
        # day may still be open at `start` in UTC terms; harmless otherwise.
        first_day = self.local_date(start) - dt.timedelta(days=1)
        for day in self.working_days_from(first_day):
            opens, closes = self.working_hours(day)
            if closes <= start:
                continue
            yield max(opens, start), closes

    def clock_start(self, instant: dt.datetime) -> dt.datetime:
        """When the business clock starts for something that arrives at `instant`."""
        instant = _require_aware(instant).astimezone(UTC)
        opens, _closes = next(self._open_intervals(instant))
        return opens

    def add_business_minutes(self, start: dt.datetime, minutes: int) -> dt.datetime:
        if minutes < 0:
            raise CalendarError("Cannot add negative business time")
        start = _require_aware(start).astimezone(UTC)
        remaining = dt.timedelta(minutes=minutes)
        if not remaining:
            return self.clock_start(start)
        for opens, closes in self._open_intervals(start):
            available = closes - opens
            if remaining <= available:
                return opens + remaining
            remaining -= available
        raise AssertionError("unreachable: _open_intervals is unbounded")  # pragma: no cover

    def add_business_hours(self, start: dt.datetime, hours: int) -> dt.datetime:
        return self.add_business_minutes(start, hours * 60)

    def add_business_days(self, start: dt.datetime, days: int) -> dt.datetime:
        if days < 0:
            raise CalendarError("Cannot add negative business time")
        start = _require_aware(start).astimezone(UTC)
        if days == 0:
            return self.clock_start(start)
        begin = self.clock_start(start)
        begin_day = self.local_date(begin)
        opens, _closes = self.working_hours(begin_day)
        # A start exactly at opening counts that day as the first full day.
        full_days_needed = days if begin > opens else days - 1
        days_iter = self.working_days_from(begin_day)
        due_day = next(days_iter)
        for _ in range(full_days_needed):
            due_day = next(days_iter)
        return self.working_hours(due_day)[1]

    def add(self, start: dt.datetime, duration: BusinessDuration) -> dt.datetime:
        if duration.unit == "business_hours":
            return self.add_business_hours(start, duration.amount)
        return self.add_business_days(start, duration.amount)

    def business_minutes_between(self, start: dt.datetime, end: dt.datetime) -> int:
        """Whole business minutes from start to end (0 if end is not after start)."""
        start = _require_aware(start).astimezone(UTC)
        end = _require_aware(end).astimezone(UTC)
        total = dt.timedelta()
        if end <= start:
            return 0
        for opens, closes in self._open_intervals(start):
            if opens >= end:
                break
            total += min(closes, end) - opens
        return int(total.total_seconds() // 60)


def _require_aware(instant: dt.datetime) -> dt.datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise CalendarError("Business-time arithmetic needs timezone-aware datetimes")
    return instant


@lru_cache(maxsize=64)
def public_holidays(country: str, subdivision: str = "") -> Callable[[dt.date], bool]:
    """A membership test over the `holidays` package's calendar, shared per process.

    The holidays object fills in years lazily as dates are asked about.
    """
    if not country:
        return lambda _day: False
    import holidays

    calendar = holidays.country_holidays(country, subdiv=subdivision or None)
    return calendar.__contains__
