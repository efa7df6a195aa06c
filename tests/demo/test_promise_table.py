"""CalendarTable (bulk promised dates) gives exactly what WorkingCalendar and promise_for give."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calendars.arithmetic import BusinessDuration, WorkingCalendar, public_holidays
from cases.promises import promise_for
from catalogue.models import ServiceStandard, StandardStep
from demo.promise_table import CalendarTable, OutsideTable, Standard, fast_promise

CALENDARS = {
    "office": WorkingCalendar(zone=ZoneInfo("America/New_York"), is_holiday=public_holidays("US")),
    "four-day week": WorkingCalendar(
        zone=ZoneInfo("America/Chicago"),
        working_weekdays=frozenset({1, 2, 3, 4}),
        opens_at=dt.time(7),
        closes_at=dt.time(17, 30),
        is_holiday=public_holidays("US", "IL"),
    ),
    "round the clock": WorkingCalendar(
        zone=ZoneInfo("Europe/London"),
        working_weekdays=frozenset(range(1, 8)),
        opens_at=dt.time(0),
        closes_at=dt.time(0),
    ),
}
# Far enough past the last instant drawn for four 40-day durations one after another.
FIRST, LAST = dt.date(2025, 12, 20), dt.date(2028, 6, 1)
TABLES = {name: CalendarTable(calendar, FIRST, LAST) for name, calendar in CALENDARS.items()}
START = int(dt.datetime(2026, 1, 1, tzinfo=dt.UTC).timestamp())

instants = st.integers(min_value=START, max_value=START + 500 * 86400)
durations = st.builds(
    BusinessDuration,
    st.integers(min_value=0, max_value=40),
    st.sampled_from(["business_hours", "business_days"]),
)


def utc(epoch: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(epoch, dt.UTC)


@pytest.mark.parametrize("name", CALENDARS)
@settings(max_examples=150, deadline=None)
@given(at=instants, duration=durations)
def test_adding_business_time_matches_the_calendar(
    name: str, at: int, duration: BusinessDuration
) -> None:
    expected = CALENDARS[name].add(utc(at), duration)
    assert TABLES[name].add(at, duration) == int(expected.timestamp())


@pytest.mark.parametrize("name", CALENDARS)
def test_opening_and_closing_instants_match_the_calendar(name: str) -> None:
    table, calendar = TABLES[name], CALENDARS[name]
    for index in range(0, 300, 7):
        for at in (table.opens[index], table.closes[index]):
            for duration in (
                BusinessDuration(1, "business_days"),
                BusinessDuration(9, "business_hours"),
            ):
                assert table.add(at, duration) == int(calendar.add(utc(at), duration).timestamp())


@pytest.mark.parametrize("name", CALENDARS)
@settings(max_examples=150, deadline=None)
@given(at=instants, span=st.integers(min_value=0, max_value=30 * 86400))
def test_business_time_between_matches_the_calendar(name: str, at: int, span: int) -> None:
    expected = CALENDARS[name].business_minutes_between(utc(at), utc(at + span))
    assert TABLES[name].between(at, at + span) // 60 == expected


@settings(max_examples=100, deadline=None)
@given(
    at=instants,
    first=durations,
    resolution=durations,
    steps=st.lists(durations, max_size=3),
)
def test_fast_promise_is_promise_for(
    at: int, first: BusinessDuration, resolution: BusinessDuration, steps: list[BusinessDuration]
) -> None:
    standard = ServiceStandard(
        first_response_amount=first.amount,
        first_response_unit=first.unit,
        resolution_amount=resolution.amount,
        resolution_unit=resolution.unit,
    )
    documented = [
        StandardStep(order=n, name="step", duration_amount=d.amount, duration_unit=d.unit)
        for n, d in enumerate(steps, start=1)
    ]
    expected = promise_for(
        standard=standard, steps=documented, calendar=CALENDARS["office"], received_at=utc(at)
    )
    got = fast_promise(TABLES["office"], Standard(first, resolution, tuple(steps)), at)
    assert got.first_response_due == int(expected.first_response_due.timestamp())
    assert got.resolution_due == int(expected.resolution_due.timestamp())
    assert list(got.steps) == [int(s.due_at.timestamp()) for s in expected.steps]


def test_refuses_instants_outside_the_table() -> None:
    after = dt.datetime.combine(LAST + dt.timedelta(days=30), dt.time(12), tzinfo=dt.UTC)
    with pytest.raises(OutsideTable):
        TABLES["office"].add(int(after.timestamp()), BusinessDuration(1, "business_days"))
