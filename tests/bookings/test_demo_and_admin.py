"""The demo loader's entry point, and the admin's cancel action."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.urls import reverse

from bookings.demo import create_demo_resources
from bookings.models import BookableResource, BookingStatus, OpeningRule
from bookings.selectors import calendar_days
from bookings.services import booking_create
from cases.models import Status

NY = ZoneInfo("America/New_York")
NOW = dt.datetime(2026, 12, 21, 10, 0, tzinfo=NY)
SATURDAY = dt.date(2026, 12, 26)


def test_demo_resources_are_created_once_with_their_rules(places):
    city = places.city

    first = create_demo_resources(
        city.jurisdiction, places.shelter_service, places.inspection_service
    )
    again = create_demo_resources(
        city.jurisdiction, places.shelter_service, places.inspection_service
    )

    assert [r.pk for r in first] == [r.pk for r in again]
    assert BookableResource.objects.filter(slug__startswith="riverside-park-shelter").count() == 2
    assert {r.name for r in first} >= {"Riverside Park – Shelter A", "Hillcrest Park – Pavilion"}
    assert OpeningRule.objects.filter(resource=first[0]).count() == 7


def test_demo_shelters_open_at_weekends_and_inspections_do_not(places):
    city = places.city
    resources = create_demo_resources(
        city.jurisdiction, places.shelter_service, places.inspection_service
    )
    shelter = next(r for r in resources if r.slug == "riverside-park-shelter-b")
    inspection = next(r for r in resources if r.slug == "building-inspection-north")

    assert len(calendar_days(shelter, SATURDAY, 1, now=NOW)[0].slots) == 3
    assert calendar_days(inspection, SATURDAY, 1, now=NOW)[0].slots == []


def test_admin_cancel_action_cancels_and_closes_the_case(client, places):
    ada = places.city.ada
    ada.is_superuser = ada.is_staff = True
    ada.save()
    client.force_login(ada)
    booking = booking_create(
        resource=places.shelter,
        start=dt.datetime(2026, 12, 22, 12, tzinfo=NY),
        resident=places.city.rita,
        now=NOW,
    ).booking

    response = client.post(
        reverse("admin:bookings_booking_changelist"),
        {"action": "cancel_bookings", "_selected_action": [booking.pk]},
    )

    assert response.status_code == 302
    booking.refresh_from_db()
    booking.case.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.case.status == Status.DECLINED


def test_a_service_with_required_questions_cannot_be_made_bookable(places):
    import pytest
    from django.core.exceptions import ValidationError

    resource = BookableResource(
        service=places.city.shelter,  # asks a required "size" question
        jurisdiction=places.city.jurisdiction,
        name="Shelter 9",
        slug="shelter-9",
    )

    with pytest.raises(ValidationError) as refused:
        resource.full_clean()

    assert "required questions" in str(refused.value)
