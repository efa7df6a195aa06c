"""booking_create: a booking opens a case; taken, past and off-rule slots are refused."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction

from bookings.models import Booking, BookingStatus
from bookings.selectors import hash_token
from bookings.services import (
    BookingError,
    SlotTaken,
    booking_create,
    booking_create_for_contact,
    resident_for_contact,
)
from cases.models import Case, Channel, Status
from residents.models import Resident
from tests.factories import make_case

NY = ZoneInfo("America/New_York")
NOW = dt.datetime(2026, 12, 21, 10, 0, tzinfo=NY)  # Monday
TUESDAY_NOON = dt.datetime(2026, 12, 22, 12, 0, tzinfo=NY)
TAKEN = "That slot was just taken — choose another."


def test_booking_opens_a_web_case_for_the_resident(places):
    new = booking_create(
        resource=places.shelter, start=TUESDAY_NOON, resident=places.city.rita, now=NOW
    )

    booking = new.booking
    assert booking.status == BookingStatus.ACTIVE
    assert (booking.start, booking.end) == (TUESDAY_NOON, TUESDAY_NOON + dt.timedelta(hours=4))
    case = booking.case
    assert case.service == places.shelter_service
    assert case.channel == Channel.WEB
    assert case.resident == places.city.rita
    assert case.status == Status.NEW
    assert "Riverside Park – Shelter 2" in case.description
    assert "12:00–16:00" in case.description
    assert case.address == "200 River Road"


def test_only_the_hash_of_the_cancel_token_is_stored(places):
    new = booking_create(
        resource=places.shelter, start=TUESDAY_NOON, resident=places.city.rita, now=NOW
    )

    stored = Booking.objects.get(pk=new.booking.pk).cancel_token_hash
    assert len(new.cancel_token) >= 40
    assert stored == hash_token(new.cancel_token)
    assert new.cancel_token not in stored


def test_a_taken_slot_is_refused_with_a_clear_message_and_nothing_saved(places):
    booking_create(resource=places.shelter, start=TUESDAY_NOON, resident=places.city.rita, now=NOW)
    cases_before = Case.objects.count()

    with pytest.raises(SlotTaken) as refused:
        booking_create(
            resource=places.shelter, start=TUESDAY_NOON, resident=places.city.rosa, now=NOW
        )

    assert refused.value.message == TAKEN
    assert Case.objects.count() == cases_before
    assert Booking.objects.filter(status=BookingStatus.ACTIVE).count() == 1


def test_a_booking_overlapping_under_older_rules_also_blocks_the_slot(places):
    # A 10:00–14:00 booking made before the shelter switched to 08/12/16 blocks.
    first = booking_create(
        resource=places.shelter, start=TUESDAY_NOON, resident=places.city.rita, now=NOW
    ).booking
    Booking.objects.filter(pk=first.pk).update(
        start=TUESDAY_NOON - dt.timedelta(hours=2), end=TUESDAY_NOON + dt.timedelta(hours=2)
    )

    with pytest.raises(SlotTaken):
        booking_create(
            resource=places.shelter,
            start=TUESDAY_NOON - dt.timedelta(hours=4),
            resident=places.city.rosa,
            now=NOW,
        )


@pytest.mark.parametrize(
    ("start", "code", "message"),
    [
        (dt.datetime(2026, 12, 21, 8, tzinfo=NY), "past", "That time has already passed"),
        (dt.datetime(2026, 12, 22, 9, tzinfo=NY), "not_a_slot", "no slot starting at 09:00"),
        (dt.datetime(2027, 3, 1, 8, tzinfo=NY), "too_far", "Bookings open 60 days ahead"),
    ],
)
def test_slots_the_rules_do_not_offer_are_refused(places, start, code, message):
    with pytest.raises(BookingError) as refused:
        booking_create(resource=places.shelter, start=start, resident=places.city.rita, now=NOW)

    assert refused.value.code == code
    assert message in refused.value.message
    assert not Booking.objects.exists()


def test_a_slot_inside_the_lead_time_is_refused(places):
    with pytest.raises(BookingError) as refused:
        booking_create(
            resource=places.inspection,
            start=dt.datetime(2026, 12, 22, 9, tzinfo=NY),
            resident=places.city.rita,
            now=NOW,
        )

    assert refused.value.code == "lead_time"
    assert "at least 48 hours' notice" in refused.value.message


def test_a_slot_on_a_holiday_is_refused(places):
    with pytest.raises(BookingError) as refused:
        booking_create(
            resource=places.inspection,
            start=dt.datetime(2026, 12, 25, 9, tzinfo=NY),
            resident=places.city.rita,
            now=NOW,
        )

    assert refused.value.code == "closed"
    assert "cannot be booked on" in refused.value.message


def test_an_inactive_resource_takes_no_bookings(places):
    places.shelter.is_active = False
    places.shelter.save()

    with pytest.raises(BookingError) as refused:
        booking_create(
            resource=places.shelter, start=TUESDAY_NOON, resident=places.city.rita, now=NOW
        )

    assert refused.value.code == "inactive"


def test_the_database_refuses_a_second_active_booking_of_a_slot(places):
    # Bypass the service entirely: the partial unique index still holds.
    first = booking_create(
        resource=places.shelter, start=TUESDAY_NOON, resident=places.city.rita, now=NOW
    ).booking
    other_case = make_case(places.shelter_service)

    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            resource=places.shelter,
            start=first.start,
            end=first.end,
            resident=places.city.rosa,
            case=other_case,
            cancel_token_hash="x" * 64,
            created_at=NOW,
        )


def test_the_database_allows_rebooking_a_cancelled_slot(places):
    first = booking_create(
        resource=places.shelter, start=TUESDAY_NOON, resident=places.city.rita, now=NOW
    ).booking
    Booking.objects.filter(pk=first.pk).update(status=BookingStatus.CANCELLED)

    again = booking_create(
        resource=places.shelter, start=TUESDAY_NOON, resident=places.city.rosa, now=NOW
    )

    assert again.booking.start == first.start


def test_resident_is_found_by_email_in_any_case_and_not_overwritten(places):
    rita = places.city.rita

    found = resident_for_contact(full_name="Someone Else", email="RITA@example.org", phone="+1555")

    assert found == rita
    found.refresh_from_db()
    assert found.full_name == "Rita Moreno"
    assert found.phone == ""  # a public form writes nothing onto an existing record


def test_new_resident_is_recorded_in_the_page_language(places):
    resident = resident_for_contact(full_name="Ana Ruiz", email="ana@example.org", language="es")

    assert resident.preferred_language == "es"
    assert resident.email == "ana@example.org"


def test_a_refused_booking_does_not_leave_a_new_resident_behind(places):
    booking_create(resource=places.shelter, start=TUESDAY_NOON, resident=places.city.rita, now=NOW)

    with pytest.raises(SlotTaken):
        booking_create_for_contact(
            resource=places.shelter,
            start=TUESDAY_NOON,
            full_name="Late Larry",
            email="larry@example.org",
            now=NOW,
        )

    assert not Resident.objects.filter(email="larry@example.org").exists()


@pytest.mark.postgres_only
def test_postgresql_refuses_overlapping_active_bookings_with_different_starts(places):
    # Bypass the service: a 10:00–14:00 booking against an active 12:00–16:00 one.
    first = booking_create(
        resource=places.shelter, start=TUESDAY_NOON, resident=places.city.rita, now=NOW
    ).booking

    with pytest.raises(IntegrityError, match="booking_no_overlap_active"), transaction.atomic():
        Booking.objects.create(
            resource=places.shelter,
            start=first.start - dt.timedelta(hours=2),
            end=first.end - dt.timedelta(hours=2),
            resident=places.city.rosa,
            case=make_case(places.shelter_service),
            cancel_token_hash="y" * 64,
            created_at=NOW,
        )


@pytest.mark.postgres_only
def test_postgresql_allows_back_to_back_and_cancelled_overlaps(places):
    first = booking_create(
        resource=places.shelter, start=TUESDAY_NOON, resident=places.city.rita, now=NOW
    ).booking
    booking_create(
        resource=places.shelter,
        start=TUESDAY_NOON + dt.timedelta(hours=4),
        resident=places.city.rosa,
        now=NOW,
    )
    Booking.objects.filter(pk=first.pk).update(status=BookingStatus.CANCELLED)

    Booking.objects.create(
        resource=places.shelter,
        start=first.start - dt.timedelta(hours=2),
        end=first.end - dt.timedelta(hours=2),
        resident=places.city.rosa,
        case=make_case(places.shelter_service),
        cancel_token_hash="z" * 64,
        created_at=NOW,
    )
