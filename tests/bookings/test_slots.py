"""Slot computation: rules, weekends, holidays, closures, blackouts, lead time, bookings."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bookings.models import Blackout
from bookings.selectors import SlotState, calendar_days, free_slots
from bookings.services import booking_create
from calendars.models import Closure

NY = ZoneInfo("America/New_York")
# Monday 21 December 2026, 10:00 in Riverton; Christmas (Friday 25th) is a US holiday.
NOW = dt.datetime(2026, 12, 21, 10, 0, tzinfo=NY)
MONDAY = dt.date(2026, 12, 21)


def _day(days, date):
    return next(d for d in days if d.date == date)


def _local_hours(day):
    return [s.local_start.hour for s in day.slots]


def test_shelter_is_bookable_at_weekends_in_four_hour_blocks(places):
    days = calendar_days(places.shelter, dt.date(2026, 12, 26), 2, now=NOW)

    saturday, sunday = days
    assert _local_hours(saturday) == [8, 12, 16]
    assert _local_hours(sunday) == [8, 12, 16]
    assert [s.local_end.hour for s in saturday.slots] == [12, 16, 20]
    assert all(s.state == SlotState.FREE for s in saturday.slots)


def test_office_calendar_resource_has_no_weekend_slots(places):
    days = calendar_days(places.inspection, dt.date(2026, 12, 26), 2, now=NOW)

    assert [d.slots for d in days] == [[], []]
    assert all(d.closed_reason == "Offices closed" for d in days)


def test_public_holiday_closes_office_calendar_resource_but_not_the_shelter(places):
    christmas = dt.date(2026, 12, 25)

    inspection_day = _day(calendar_days(places.inspection, christmas, 1, now=NOW), christmas)
    shelter_day = _day(calendar_days(places.shelter, christmas, 1, now=NOW), christmas)

    assert inspection_day.slots == []
    assert inspection_day.closed_reason == "Offices closed"
    assert _local_hours(shelter_day) == [8, 12, 16]


def test_local_office_closure_removes_that_day(places):
    calendar = places.city.jurisdiction.calendar
    Closure.objects.create(calendar=calendar, date=dt.date(2026, 12, 24), name="Snow day")

    days = calendar_days(places.inspection, dt.date(2026, 12, 23), 2, now=NOW)

    assert _local_hours(days[0]) == [9, 10, 11]
    assert days[1].slots == []


def test_blackout_removes_its_days_and_says_why(places):
    Blackout.objects.create(
        resource=places.shelter,
        starts_on=dt.date(2026, 12, 26),
        ends_on=dt.date(2026, 12, 27),
        reason="Roof repairs",
    )

    days = calendar_days(places.shelter, dt.date(2026, 12, 25), 4, now=NOW)

    assert [len(d.slots) for d in days] == [3, 0, 0, 3]
    assert days[1].closed_reason == "Roof repairs"


def test_slots_inside_the_lead_time_are_unavailable(places):
    # 48 hours' notice from Monday 10:00 means Wednesday 10:00 at the earliest.
    days = calendar_days(places.inspection, MONDAY, 3, now=NOW)

    states = {(d.date.day, s.local_start.hour): s.state for d in days for s in d.slots}
    assert states[(22, 11)] == SlotState.UNAVAILABLE
    assert states[(23, 9)] == SlotState.UNAVAILABLE
    assert states[(23, 10)] == SlotState.FREE
    assert free_slots(places.inspection, MONDAY, 3, now=NOW)[0].local_start == dt.datetime(
        2026, 12, 23, 10, tzinfo=NY
    )


def test_slots_already_started_are_unavailable(places):
    today = calendar_days(places.shelter, MONDAY, 1, now=NOW)[0]

    assert [s.state for s in today.slots] == [
        SlotState.UNAVAILABLE,
        SlotState.FREE,
        SlotState.FREE,
    ]


def test_booked_slot_is_shown_booked_and_not_free(places):
    start = dt.datetime(2026, 12, 22, 12, tzinfo=NY)
    booking_create(resource=places.shelter, start=start, resident=places.city.rita, now=NOW)

    tuesday = calendar_days(places.shelter, dt.date(2026, 12, 22), 1, now=NOW)[0]

    assert [s.state for s in tuesday.slots] == [SlotState.FREE, SlotState.BOOKED, SlotState.FREE]
    assert start not in [s.start for s in free_slots(places.shelter, MONDAY, 3, now=NOW)]


def test_days_beyond_the_booking_horizon_are_left_out(places):
    days = calendar_days(places.inspection, dt.date(2027, 1, 15), 14, now=NOW)

    # Horizon is 30 days from Monday 21 December: Wednesday 20 January is the last day.
    assert days[-1].date == dt.date(2027, 1, 20)
    assert calendar_days(places.inspection, dt.date(2027, 2, 1), 7, now=NOW) == []


def test_slots_keep_local_wall_clock_times_across_a_dst_change(places):
    # Clocks go forward on Sunday 14 March 2027 in New York.
    now = dt.datetime(2027, 3, 10, 9, tzinfo=NY)

    before, after = calendar_days(places.shelter, dt.date(2027, 3, 13), 2, now=now)

    assert before.slots[0].start.astimezone(dt.UTC).hour == 13  # 08:00 EST
    assert after.slots[0].start.astimezone(dt.UTC).hour == 12  # 08:00 EDT
    assert _local_hours(before) == _local_hours(after) == [8, 12, 16]
