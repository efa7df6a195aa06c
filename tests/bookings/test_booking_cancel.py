"""booking_cancel: the token or a permitted staff member frees the slot and closes the case."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bookings.models import BookingStatus
from bookings.selectors import free_slots
from bookings.services import BookingError, booking_cancel, booking_create
from cases.models import EventKind, Status

NY = ZoneInfo("America/New_York")
NOW = dt.datetime(2026, 12, 21, 10, 0, tzinfo=NY)
TUESDAY_NOON = dt.datetime(2026, 12, 22, 12, 0, tzinfo=NY)


@pytest.fixture
def booked(places):
    return booking_create(
        resource=places.shelter, start=TUESDAY_NOON, resident=places.city.rita, now=NOW
    )


def test_resident_cancels_with_the_token_and_the_slot_is_free_again(places, booked):
    booking = booking_cancel(booking=booked.booking, token=booked.cancel_token, now=NOW)

    assert booking.status == BookingStatus.CANCELLED
    assert booking.cancelled_at == NOW
    free = [s.start for s in free_slots(places.shelter, dt.date(2026, 12, 22), 1, now=NOW)]
    assert TUESDAY_NOON in free


def test_cancellation_declines_the_case_with_a_public_note(booked):
    booking_cancel(booking=booked.booking, token=booked.cancel_token, now=NOW)

    case = booked.booking.case
    case.refresh_from_db()
    assert case.status == Status.DECLINED
    event = case.events.filter(kind=EventKind.STATUS_CHANGED).last()
    assert event.body == "Booking cancelled by the resident."
    assert event.is_public


def test_a_freed_slot_can_be_booked_by_someone_else(places, booked):
    booking_cancel(booking=booked.booking, token=booked.cancel_token, now=NOW)

    again = booking_create(
        resource=places.shelter, start=TUESDAY_NOON, resident=places.city.rosa, now=NOW
    )

    assert again.booking.resident == places.city.rosa


def test_a_wrong_token_is_refused(booked):
    with pytest.raises(BookingError) as refused:
        booking_cancel(booking=booked.booking, token="not-the-token", now=NOW)

    assert refused.value.code == "forbidden"
    booked.booking.refresh_from_db()
    assert booked.booking.status == BookingStatus.ACTIVE


def test_cancelling_twice_is_refused_with_a_message(booked):
    booking_cancel(booking=booked.booking, token=booked.cancel_token, now=NOW)

    with pytest.raises(BookingError) as refused:
        booking_cancel(booking=booked.booking, token=booked.cancel_token, now=NOW)

    assert refused.value.message == "This booking was already cancelled."


def test_resident_cannot_cancel_once_the_booking_has_started(booked):
    later = TUESDAY_NOON + dt.timedelta(minutes=5)

    with pytest.raises(BookingError) as refused:
        booking_cancel(booking=booked.booking, token=booked.cancel_token, now=later)

    assert refused.value.code == "started"


def test_staff_with_permission_can_cancel_and_is_named_on_the_case(places, booked):
    ada = places.city.ada
    ada.is_superuser = True
    ada.save()

    booking_cancel(booking=booked.booking, by=ada, reason="Storm damage.", now=NOW)

    case = booked.booking.case
    case.refresh_from_db()
    event = case.events.filter(kind=EventKind.STATUS_CHANGED).last()
    assert event.actor == ada
    assert event.body == "Booking cancelled by staff. Storm damage."


def test_staff_without_permission_cannot_cancel(places, booked):
    with pytest.raises(BookingError) as refused:
        booking_cancel(booking=booked.booking, by=places.city.bob, now=NOW)

    assert refused.value.message == "You are not allowed to cancel bookings."


def test_cancelling_a_booking_whose_case_was_resolved_closes_the_case(places, booked):
    from cases.services import case_change_status

    case_change_status(case=booked.booking.case, status=Status.RESOLVED, by=places.city.bob)

    booking_cancel(booking=booked.booking, token=booked.cancel_token, now=NOW)

    case = booked.booking.case
    case.refresh_from_db()
    assert case.status == Status.CLOSED
