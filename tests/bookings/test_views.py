"""The public booking pages: calendar, form, confirmation, cancellation; bad input never 500s."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bookings.models import Booking, BookingStatus
from bookings.services import booking_create
from cases.models import OutboxMessage
from residents.models import Resident

TAKEN = "That slot was just taken — choose another."


def slot_key(resource, days_ahead=1, hour=12):
    day = timezone.now().astimezone(resource.jurisdiction.zone).date()
    return f"{day + dt.timedelta(days=days_ahead):%Y-%m-%d}T{hour:02d}:00"


def slot_start(resource, days_ahead=1, hour=12):
    day = timezone.now().astimezone(resource.jurisdiction.zone).date()
    local = dt.datetime.combine(
        day + dt.timedelta(days=days_ahead), dt.time(hour), tzinfo=resource.jurisdiction.zone
    )
    return local.astimezone(dt.UTC)


def book_url(resource):
    return reverse("bookings:book", args=[resource.slug])


def contact(**overrides):
    data = {"full_name": "Ana Ruiz", "email": "ana@example.org", "phone": "+1 555 555 0199"}
    data.update(overrides)
    return data


def test_list_page_shows_bookable_resources_by_service(client, places):
    page = client.get(reverse("bookings:list")).content.decode()

    assert "Shelter reservation" in page
    assert "Riverside Park – Shelter 2" in page
    assert reverse("bookings:calendar", args=["inspection-north"]) in page


def test_list_page_query_count_does_not_grow_with_resources(
    client, places, django_assert_num_queries
):
    from tests.bookings.conftest import make_resource

    for n in range(5):
        make_resource(places.shelter_service, f"extra-{n}", f"Extra shelter {n}")

    # resources, their translations, their services' translations; chat presence (2)
    with django_assert_num_queries(5):
        page = client.get(reverse("bookings:list")).content.decode()

    assert page.count("Extra shelter") == 5


def test_calendar_links_each_free_slot_to_the_form(client, places):
    response = client.get(reverse("bookings:calendar", args=[places.shelter.slug]))

    page = response.content.decode()
    assert response.status_code == 200
    assert f"{book_url(places.shelter)}?start={slot_key(places.shelter)}" in page
    assert "Book 12:00 p.m.–4:00 p.m." in page


def test_calendar_marks_booked_slots(client, places):
    booking_create(
        resource=places.shelter, start=slot_start(places.shelter), resident=places.city.rita
    )

    page = client.get(reverse("bookings:calendar", args=[places.shelter.slug])).content.decode()

    assert "12:00 p.m.–4:00 p.m.: booked" in page
    assert f"?start={slot_key(places.shelter)}" not in page


def test_calendar_query_count_does_not_grow_with_bookings(
    client, places, django_assert_num_queries
):
    url = reverse("bookings:calendar", args=[places.inspection.slug])
    booking_create(
        resource=places.inspection,
        start=_next_inspection_slot(places.inspection, 0),
        resident=places.city.rita,
    )
    with CaptureQueriesContext(connection) as one_booking:
        client.get(url)
    for n in range(1, 6):
        booking_create(
            resource=places.inspection,
            start=_next_inspection_slot(places.inspection, n),
            resident=places.city.rita,
        )

    # resource, its translations, rules, blackouts, bookings, business calendar, closures;
    # chat presence (2)
    with django_assert_num_queries(9):
        response = client.get(url)

    assert response.content.decode().count(": booked") == 6
    assert len(one_booking.captured_queries) == 9


def _next_inspection_slot(resource, n):
    from bookings.selectors import free_slots

    today = timezone.now().astimezone(resource.jurisdiction.zone).date()
    return free_slots(resource, today, 14)[n].start


def test_calendar_ignores_a_malformed_from_date(client, places):
    response = client.get(
        reverse("bookings:calendar", args=[places.shelter.slug]), {"from": "not-a-date"}
    )

    assert response.status_code == 200


def test_unknown_resource_is_a_404(client, places):
    assert client.get(reverse("bookings:calendar", args=["no-such-place"])).status_code == 404
    assert client.get(book_url(places.shelter).replace("riverside", "nowhere")).status_code == 404


def test_form_shows_the_chosen_slot_with_labelled_fields(client, places):
    response = client.get(book_url(places.shelter), {"start": slot_key(places.shelter)})

    page = response.content.decode()
    assert response.status_code == 200
    assert "12:00 p.m.–4:00 p.m." in page
    assert '<label for="id_email">Email address</label>' in page
    assert f'value="{slot_key(places.shelter)}"' in page


def test_booking_redirects_to_a_confirmation_with_tracking_number_and_cancel_link(client, places):
    response = client.post(
        book_url(places.shelter), {"start": slot_key(places.shelter), **contact()}
    )

    assert response.status_code == 302
    booking = Booking.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert booking.case.tracking_number in page
    assert 'id="cancel-link"' in page
    assert booking.resident.email == "ana@example.org"


def test_booking_sends_the_confirmation_email_with_the_cancel_link(
    client, places, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends at commit
        response = client.post(
            book_url(places.shelter), {"start": slot_key(places.shelter), **contact()}
        )

    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    (message,) = mail.outbox
    assert message.to == ["Ana Ruiz <ana@example.org>"]
    assert Booking.objects.get().case.tracking_number in message.subject
    assert reverse("bookings:cancel", args=[token]) in message.body
    # The link is sent once and not kept: only its hash stays, on the booking
    assert not OutboxMessage.objects.filter(body__contains=token).exists()


def test_a_taken_slot_re_shows_the_form_with_the_message_and_other_times(client, places):
    booking_create(
        resource=places.shelter, start=slot_start(places.shelter), resident=places.city.rita
    )

    response = client.post(
        book_url(places.shelter), {"start": slot_key(places.shelter), **contact()}
    )

    page = response.content.decode()
    assert response.status_code == 409
    assert TAKEN in page
    assert 'value="Ana Ruiz"' in page  # what the resident typed is kept
    assert 'id="alternatives"' in page
    assert f'value="{slot_key(places.shelter, hour=16)}"' in page
    assert Booking.objects.count() == 1
    assert not Resident.objects.filter(email="ana@example.org").exists()


def test_choosing_another_time_from_the_alternatives_books_it(client, places):
    booking_create(
        resource=places.shelter, start=slot_start(places.shelter), resident=places.city.rita
    )

    response = client.post(
        book_url(places.shelter), {"start": slot_key(places.shelter, hour=16), **contact()}
    )

    assert response.status_code == 302
    assert Booking.objects.filter(start=slot_start(places.shelter, hour=16)).exists()


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("", "That is not a slot we offer"),
        ("2026-13-45T99:00", "That is not a slot we offer"),
        ("<script>alert(1)</script>", "That is not a slot we offer"),
        ("2020-01-01T08:00", "That time has already passed"),
        ("TOMORROW_09", "There is no slot starting at 09:00"),
        ("FAR_AHEAD", "Bookings open 60 days ahead"),
    ],
)
def test_bad_slots_are_refused_with_a_specific_message(client, places, start, message):
    if start == "TOMORROW_09":
        start = slot_key(places.shelter, hour=9)
    elif start == "FAR_AHEAD":
        start = slot_key(places.shelter, days_ahead=90, hour=8)

    response = client.post(book_url(places.shelter), {"start": start, **contact()})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not Booking.objects.exists()


def test_a_past_slot_in_the_link_is_explained_before_the_form_is_filled(client, places):
    response = client.get(book_url(places.shelter), {"start": "2020-01-01T08:00"})

    assert response.status_code == 400
    assert "That time has already passed" in response.content.decode()


def test_missing_contact_details_are_refused_field_by_field(client, places):
    response = client.post(
        book_url(places.shelter),
        {"start": slot_key(places.shelter), "full_name": " ", "email": "nope", "phone": "call me"},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#id_full_name">Enter your name.</a>' in page
    assert "Enter an email address like name@example.org." in page
    assert "Enter a phone number using digits" in page
    assert 'aria-invalid="true"' in page
    assert not Booking.objects.exists()


def test_posting_without_a_csrf_token_is_refused(places):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        book_url(places.shelter), {"start": slot_key(places.shelter), **contact()}
    )

    assert response.status_code == 403
    assert not Booking.objects.exists()


def test_bookings_are_rate_limited_per_address(client, places, settings):
    settings.PORTAL_SUBMISSIONS_PER_HOUR = 2
    for hour in (8, 12):
        client.post(
            book_url(places.shelter), {"start": slot_key(places.shelter, hour=hour), **contact()}
        )

    response = client.post(
        book_url(places.shelter), {"start": slot_key(places.shelter, hour=16), **contact()}
    )

    assert response.status_code == 429
    assert Booking.objects.count() == 2


def _book_via_page(client, places):
    response = client.post(
        book_url(places.shelter), {"start": slot_key(places.shelter), **contact()}
    )
    return response["Location"].rstrip("/").rsplit("/", 1)[-1]


def test_cancel_page_asks_then_cancels_and_frees_the_slot(client, places):
    token = _book_via_page(client, places)
    url = reverse("bookings:cancel", args=[token])

    assert "Yes, cancel this booking" in client.get(url).content.decode()
    response = client.post(url)

    assert response.status_code == 200
    assert "Booking cancelled" in response.content.decode()
    assert Booking.objects.get().status == BookingStatus.CANCELLED
    calendar = client.get(reverse("bookings:calendar", args=[places.shelter.slug]))
    assert f"?start={slot_key(places.shelter)}" in calendar.content.decode()


def test_cancelling_twice_shows_that_it_is_already_cancelled(client, places):
    token = _book_via_page(client, places)
    url = reverse("bookings:cancel", args=[token])
    client.post(url)

    response = client.post(url)

    assert response.status_code == 400
    assert "This booking was already cancelled." in response.content.decode()


def test_unknown_tokens_are_404s(client, places):
    assert client.get(reverse("bookings:confirmed", args=["x" * 43])).status_code == 404
    assert client.post(reverse("bookings:cancel", args=["x" * 300])).status_code == 404


def test_pages_are_translated_to_spanish(client, places):
    response = client.get(
        reverse("bookings:calendar", args=[places.shelter.slug]), HTTP_ACCEPT_LANGUAGE="es"
    )

    assert "Horarios libres" in response.content.decode()


def _inspection_key(places):
    places.inspection.asks_for_address = True
    places.inspection.save()
    return (
        _next_inspection_slot(places.inspection, 0)
        .astimezone(places.inspection.jurisdiction.zone)
        .strftime("%Y-%m-%dT%H:%M")
    )


def test_an_inspection_asks_for_the_address_to_visit(client, places):
    key = _inspection_key(places)

    response = client.post(book_url(places.inspection), {"start": key, **contact()})

    assert response.status_code == 400
    assert '<a href="#id_address">Enter the address we should visit.</a>' in (
        response.content.decode()
    )
    assert not Booking.objects.exists()


def test_the_inspection_case_carries_the_address_to_visit(client, places):
    key = _inspection_key(places)

    response = client.post(
        book_url(places.inspection), {"start": key, "address": "12 Elm St, Apt 3", **contact()}
    )

    assert response.status_code == 302
    assert Booking.objects.get().case.address == "12 Elm St, Apt 3"
    assert "12 Elm St, Apt 3" in client.get(response["Location"]).content.decode()


def test_the_taken_slot_message_is_translated_to_spanish(client, places):
    booking_create(
        resource=places.shelter, start=slot_start(places.shelter), resident=places.city.rita
    )

    response = client.post(
        book_url(places.shelter),
        {"start": slot_key(places.shelter), **contact()},
        HTTP_ACCEPT_LANGUAGE="es",
    )

    assert response.status_code == 409
    assert "Alguien acaba de reservar ese horario: elija otro." in response.content.decode()
