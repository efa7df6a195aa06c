"""Bookings after the walkthrough (issue 11): the fee, a permit reference, an .ics file,
the time zone by name and Spanish dates with "de"."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from bookings.models import Booking

# Monday 30 November 2026, 10:00 in Riverton: tomorrow is Tuesday 1 December.
NOW = dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.UTC)
START = "2026-12-01T12:00"
CONTACT = {"full_name": "Ana Ruiz", "email": "ana@example.org", "phone": "+1 555 555 0199"}


@pytest.fixture(autouse=True)
def _pinned_clock():  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def paid_shelter(places):  # type: ignore[no-untyped-def]
    places.shelter.fee_cents = 7500
    places.shelter.save()
    return places.shelter


def _book(client, resource):  # type: ignore[no-untyped-def]
    response = client.post(
        reverse("bookings:book", args=[resource.slug]), {"start": START, **CONTACT}
    )
    assert response.status_code == 302
    return response["Location"]


def test_the_fee_shows_before_booking(client, paid_shelter):
    listing = client.get(reverse("bookings:list")).content.decode()
    calendar = client.get(reverse("bookings:calendar", args=[paid_shelter.slug])).content.decode()
    form = client.get(
        reverse("bookings:book", args=[paid_shelter.slug]), {"start": START}
    ).content.decode()
    assert "Fee: $75.00" in listing
    assert "Fee: $75.00 per booking" in calendar
    assert "Fee: $75.00 per booking" in form


def test_a_free_resource_says_so(client, places):
    calendar = client.get(reverse("bookings:calendar", args=[places.shelter.slug])).content.decode()
    assert "There is no fee." in calendar


def test_the_confirmation_has_the_permit_reference_fee_and_zone(client, paid_shelter):
    page = client.get(_book(client, paid_shelter)).content.decode()
    booking = Booking.objects.get()
    assert booking.permit_reference == f"P-2026-{booking.pk:06d}"
    assert booking.permit_reference in page
    assert "$75.00" in page
    assert "Tuesday 1 December 2026, 12:00 p.m.–4:00 p.m. (Eastern Time)" in page
    assert "America/New_York" not in page


def test_the_calendar_names_the_time_zone(client, places):
    page = client.get(reverse("bookings:calendar", args=[places.shelter.slug])).content.decode()
    assert "Times are local (Eastern Time)." in page
    assert "America/New_York" not in page


def test_spanish_dates_read_with_de_and_a_spanish_zone(client, places):
    client.post(reverse("set_language"), {"language": "es"})
    page = client.get(reverse("bookings:calendar", args=[places.shelter.slug])).content.decode()
    assert "martes 1 de diciembre de 2026" in page
    assert "martes 1 diciembre 2026" not in page
    assert "hora del Este" in page


def test_the_ics_file_adds_the_booking_to_a_calendar(client, paid_shelter):
    confirmation = client.get(_book(client, paid_shelter))
    page = confirmation.content.decode()
    booking = Booking.objects.get()
    token = confirmation.wsgi_request.path.rstrip("/").rsplit("/", 1)[-1]
    ics_url = reverse("bookings:ics", args=[token])
    assert ics_url in page

    response = client.get(ics_url)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("dtstart") == booking.start
    assert event.decoded("dtend") == booking.end
    assert str(event["summary"]) == paid_shelter.name
    assert booking.case.tracking_number in str(event["description"])
    assert booking.permit_reference in str(event["description"])
    assert "Ana" not in response.content.decode()


def test_an_unknown_token_has_no_ics(client, places):
    assert client.get(reverse("bookings:ics", args=["x" * 43])).status_code == 404


def test_the_confirmation_email_has_the_fee_permit_and_calendar_link(
    client, paid_shelter, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends on commit
        _book(client, paid_shelter)
    [message] = mail.outbox
    booking = Booking.objects.get()
    assert booking.permit_reference in message.body
    assert "$75.00" in message.body
    assert "/calendar.ics" in message.body
    assert "(Eastern Time)" in message.body


def test_the_service_page_shows_each_place_with_its_fee_also_on_the_kiosk(client, paid_shelter):
    code = paid_shelter.service.service_code
    web = client.get(reverse("portal:service", args=[code])).content.decode()
    kiosk = client.get(reverse("portal:kiosk:service", args=[code])).content.decode()
    assert "Fee: $75.00" in web
    assert reverse("bookings:calendar", args=[paid_shelter.slug]) in web
    assert reverse("portal:kiosk:bookings:calendar", args=[paid_shelter.slug]) in kiosk
