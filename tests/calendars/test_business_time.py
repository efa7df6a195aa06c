"""Promised-date arithmetic: weekends, holidays, closures, business hours and DST."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calendars.arithmetic import (
    BusinessDuration,
    CalendarError,
    WorkingCalendar,
    public_holidays,
)

NY = ZoneInfo("America/New_York")
US_HOLIDAYS = public_holidays("US")
OFFICE = WorkingCalendar(zone=NY, is_holiday=US_HOLIDAYS)
ROUND_THE_CLOCK = WorkingCalendar(
    zone=NY,
    working_weekdays=frozenset(range(1, 8)),
    opens_at=dt.time(0),
    closes_at=dt.time(0),
)


def ny(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=NY)


# --- Business days -----------------------------------------------------------------


def test_days_count_from_arrival_and_end_at_close():
    assert OFFICE.add_business_days(ny(2026, 3, 2, 10, 0), 2) == ny(2026, 3, 4, 17, 0)


def test_request_at_opening_counts_that_day_as_the_first():
    assert OFFICE.add_business_days(ny(2026, 3, 2, 8, 0), 1) == ny(2026, 3, 2, 17, 0)


def test_friday_evening_request_starts_monday():
    assert OFFICE.add_business_days(ny(2026, 3, 6, 18, 30), 1) == ny(2026, 3, 9, 17, 0)


def test_weekend_request_starts_at_next_opening():
    assert OFFICE.add_business_days(ny(2026, 3, 7, 12, 0), 1) == ny(2026, 3, 9, 17, 0)
    assert OFFICE.add_business_hours(ny(2026, 3, 7, 12, 0), 2) == ny(2026, 3, 9, 10, 0)


def test_public_holidays_are_skipped():
    # Thanksgiving 2026 is Thursday 26 November; Friday 27th is a working day.
    assert OFFICE.add_business_days(ny(2026, 11, 25, 9, 0), 2) == ny(2026, 11, 30, 17, 0)
    # Independence Day 2026 falls on Saturday, observed Friday 3 July.
    assert OFFICE.add_business_days(ny(2026, 7, 2, 9, 0), 1) == ny(2026, 7, 6, 17, 0)


def test_local_closures_are_skipped():
    snow_day = dt.date(2026, 2, 3)
    calendar = WorkingCalendar(zone=NY, is_holiday=lambda d: d == snow_day or US_HOLIDAYS(d))
    assert calendar.add_business_days(ny(2026, 2, 2, 9, 0), 1) == ny(2026, 2, 4, 17, 0)


def test_zero_days_is_the_clock_start():
    assert OFFICE.add_business_days(ny(2026, 3, 7, 12, 0), 0) == ny(2026, 3, 9, 8, 0)


# --- Business hours ------------------------------------------------------------------


def test_hours_roll_over_to_the_next_working_day():
    # 16:00 Friday + 3h: one hour on Friday, two on Monday morning.
    assert OFFICE.add_business_hours(ny(2026, 3, 6, 16, 0), 3) == ny(2026, 3, 9, 10, 0)


def test_hours_that_use_up_the_day_end_at_close_not_next_opening():
    assert OFFICE.add_business_hours(ny(2026, 3, 2, 8, 0), 9) == ny(2026, 3, 2, 17, 0)


def test_office_hours_are_local_wall_clock_across_dst():
    # US clocks spring forward on Sunday 8 March 2026 and fall back on 1 November.
    before = ny(2026, 3, 6, 16, 0)
    after = OFFICE.add_business_hours(before, 2)
    assert after == ny(2026, 3, 9, 9, 0)
    assert after.astimezone(NY).utcoffset() == dt.timedelta(hours=-4)
    assert OFFICE.add_business_hours(ny(2026, 10, 30, 16, 0), 2) == ny(2026, 11, 2, 9, 0)


def test_around_the_clock_services_count_real_hours_over_dst():
    # From midnight on the spring-forward day, 24 real hours end at 01:00 the next day.
    start = ny(2026, 3, 8, 0, 0)
    assert ROUND_THE_CLOCK.add_business_hours(start, 24) == ny(2026, 3, 9, 1, 0)
    # And on the fall-back day 24 real hours end at 23:00 the same day.
    assert ROUND_THE_CLOCK.add_business_hours(ny(2026, 11, 1, 0, 0), 24) == ny(2026, 11, 1, 23, 0)


def test_naive_datetimes_and_negative_durations_are_refused():
    with pytest.raises(CalendarError):
        OFFICE.add_business_hours(dt.datetime(2026, 3, 2, 9, 0), 1)  # noqa: DTZ001
    with pytest.raises(CalendarError):
        BusinessDuration(-1, "business_days")
    with pytest.raises(CalendarError):
        WorkingCalendar(zone=NY, working_weekdays=frozenset())


# --- Properties --------------------------------------------------------------------------

ZONES = st.sampled_from(
    [
        ZoneInfo("America/New_York"),
        ZoneInfo("America/Los_Angeles"),
        ZoneInfo("Europe/Madrid"),
        ZoneInfo("Australia/Sydney"),
        ZoneInfo("UTC"),
    ]
)
INSTANTS = st.datetimes(
    min_value=dt.datetime(2024, 1, 1),  # noqa: DTZ001
    max_value=dt.datetime(2030, 12, 31),  # noqa: DTZ001
    timezones=st.just(dt.UTC),
)


@st.composite
def calendars(draw: st.DrawFn) -> WorkingCalendar:
    zone = draw(ZONES)
    weekdays = frozenset(draw(st.sets(st.integers(1, 7), min_size=1)))
    if draw(st.booleans()):
        opens, closes = dt.time(0), dt.time(0)
    else:
        open_hour = draw(st.integers(0, 22))
        close_hour = draw(st.integers(open_hour + 1, 23))
        opens, closes = dt.time(open_hour, draw(st.sampled_from([0, 30]))), dt.time(close_hour, 59)
    closed = frozenset(
        draw(st.sets(st.dates(dt.date(2024, 1, 1), dt.date(2031, 12, 31)), max_size=40))
    )
    country = draw(st.sampled_from(["", "US", "ES"]))
    holidays = public_holidays(country)
    return WorkingCalendar(
        zone=zone,
        working_weekdays=weekdays,
        opens_at=opens,
        closes_at=closes,
        is_holiday=lambda d: d in closed or holidays(d),
    )


def _inside_working_hours(calendar: WorkingCalendar, instant: dt.datetime) -> bool:
    day = calendar.local_date(instant)
    for candidate in (day - dt.timedelta(days=1), day):
        if calendar.is_working_day(candidate):
            opens, closes = calendar.working_hours(candidate)
            if opens <= instant <= closes:
                return True
    return False


@settings(max_examples=300, deadline=None)
@given(calendar=calendars(), start=INSTANTS, hours=st.integers(0, 200))
def test_hours_result_is_after_start_inside_hours_and_exactly_that_much_work(
    calendar, start, hours
):
    due = calendar.add_business_hours(start, hours)
    assert due >= start
    assert _inside_working_hours(calendar, due)
    assert calendar.business_minutes_between(start, due) == hours * 60


@settings(max_examples=200, deadline=None)
@given(calendar=calendars(), start=INSTANTS, a=st.integers(0, 100), b=st.integers(0, 100))
def test_adding_hours_in_two_goes_equals_adding_them_at_once(calendar, start, a, b):
    assert calendar.add_business_hours(calendar.add_business_hours(start, a), b) == (
        calendar.add_business_hours(start, a + b)
    )


@settings(max_examples=200, deadline=None)
@given(calendar=calendars(), start=INSTANTS, a=st.integers(0, 60), b=st.integers(0, 60))
def test_more_business_time_never_gives_an_earlier_date(calendar, start, a, b):
    low, high = sorted((a, b))
    assert calendar.add_business_days(start, low) <= calendar.add_business_days(start, high)
    assert calendar.add_business_hours(start, low) <= calendar.add_business_hours(start, high)


@settings(max_examples=300, deadline=None)
@given(calendar=calendars(), start=INSTANTS, days=st.integers(1, 60))
def test_days_end_at_close_of_a_working_day_with_the_right_number_of_days(calendar, start, days):
    due = calendar.add_business_days(start, days)
    due_day = calendar.local_date(due - dt.timedelta(microseconds=1))
    assert calendar.is_working_day(due_day)
    assert due == calendar.working_hours(due_day)[1]
    begin = calendar.clock_start(start)
    begin_day = calendar.local_date(begin)
    working_days = [
        d
        for d in (begin_day + dt.timedelta(days=i) for i in range((due_day - begin_day).days + 1))
        if calendar.is_working_day(d)
    ]
    starts_at_opening = begin == calendar.working_hours(begin_day)[0]
    assert len(working_days) == (days if starts_at_opening else days + 1)
