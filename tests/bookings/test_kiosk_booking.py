"""Booking at the walk-in kiosk: reachable from the kiosk, under the kiosk's rules."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from bookings.models import Booking

NOW = dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.UTC)
START = "2026-12-01T12:00"
CONTACT = {"full_name": "Ana Ruiz", "email": "ana@example.org", "phone": "+1 555 555 0199"}


@pytest.fixture(autouse=True)
def _pinned_clock():  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_kiosk_menu_links_to_booking(client, places):
    page = client.get(reverse("portal:kiosk:home")).content.decode()
    assert reverse("portal:kiosk:bookings:list") in page


def test_kiosk_booking_pages_keep_the_kiosk_rules_and_links(client, places):
    response = client.get(reverse("portal:kiosk:bookings:calendar", args=[places.shelter.slug]))
    page = response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert "Start over" in page
    assert reverse("portal:kiosk:bookings:book", args=[places.shelter.slug]) in page
    assert 'href="/bookings/' not in page


def test_a_kiosk_booking_confirms_on_screen_without_the_cancel_link(client, places):
    response = client.post(
        reverse("portal:kiosk:bookings:book", args=[places.shelter.slug]),
        {"start": START, **CONTACT},
    )
    page = response.content.decode()
    assert response.status_code == 200  # no redirect to an address holding the cancel token
    assert Booking.objects.count() == 1
    assert "Booking confirmed" in page
    assert "/cancel/" not in page
    assert "calendar.ics" not in page
    assert "Finish and clear the screen" in page


def test_the_kiosk_booking_pages_follow_the_kiosk_language(client, places):
    client.post(reverse("portal:kiosk:language"), {"language": "es", "next": "/kiosk/"})
    page = client.get(reverse("portal:kiosk:bookings:list")).content.decode()
    assert '<html lang="es">' in page
    assert "Empezar de nuevo" in page
