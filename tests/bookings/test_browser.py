"""A resident books a shelter in a real browser; a second resident racing for the slot is refused.

Every booking page is checked with axe-core; the calendar, confirmation and
refusal are kept as screenshots in artifacts/screenshots/.
"""

from __future__ import annotations

import re

import pytest

from bookings.models import Booking, BookingStatus
from tests.bookings.test_views import slot_key
from tests.browser import axe_violations, save_screenshot

pytestmark = pytest.mark.browser


def offline(page):
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda route: route.abort())
    return page


def assert_accessible(page, name: str | None = None) -> None:
    if name:
        save_screenshot(page, name)
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


@pytest.fixture
def live_places(transactional_db, places):
    from django.core.cache import cache

    cache.clear()
    return places


def test_resident_books_a_shelter_and_a_second_resident_is_refused(
    live_server, page, chromium, live_places
):
    shelter = live_places.shelter
    key = slot_key(shelter, days_ahead=1, hour=12)
    offline(page)

    # Rita finds the shelter and its free times.
    page.goto(live_server.url + "/bookings/")
    assert_accessible(page, "bookings-list")
    page.get_by_role("link", name="Riverside Park – Shelter 2").click()
    page.get_by_role("heading", name="Free times").wait_for()
    assert_accessible(page, "bookings-calendar")
    page.locator(f'a[href$="?start={key}"]').click()
    page.get_by_role("heading", name="Your contact details").wait_for()
    assert_accessible(page, "bookings-form")

    # Meanwhile Ana opens the same slot in another browser.
    other_context = chromium.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    try:
        other = offline(other_context.new_page())
        other.goto(f"{live_server.url}/bookings/{shelter.slug}/book/?start={key}")
        other.get_by_label("Your name").fill("Ana Ruiz")
        other.get_by_label("Email address").fill("ana@example.org")

        # Rita books first and gets her tracking number.
        page.get_by_label("Your name").fill("Rita Moreno")
        page.get_by_label("Email address").fill("rita@example.org")
        page.get_by_role("button", name="Book this time").click()
        page.get_by_role("heading", name="Booking confirmed").wait_for()
        booking = Booking.objects.get()
        assert page.locator("#tracking-number").inner_text() == booking.case.tracking_number
        assert_accessible(page, "bookings-confirmation")

        # Ana submits a moment later and is told, with other times to pick from.
        other.get_by_role("button", name="Book this time").click()
        other.get_by_role("heading", name="There is a problem").wait_for()
        assert (
            "That slot was just taken — choose another."
            in other.locator("#error-summary").inner_text()
        )
        assert other.get_by_label("Your name").input_value() == "Ana Ruiz"
        assert_accessible(other, "bookings-slot-taken")
    finally:
        other_context.close()

    assert Booking.objects.filter(status=BookingStatus.ACTIVE).count() == 1

    # Rita changes her mind and cancels with her link; the slot is free again.
    page.locator("#cancel-link").click()
    page.get_by_role("heading", name="Cancel your booking").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, cancel this booking").click()
    page.get_by_role("heading", name="Booking cancelled").wait_for()
    assert_accessible(page)
    assert Booking.objects.get().status == BookingStatus.CANCELLED
    page.get_by_role("link", name="Book another time").click()
    assert page.locator(f'a[href$="?start={key}"]').count() == 1


def test_form_errors_are_announced_and_accessible(live_server, page, live_places):
    shelter = live_places.shelter
    offline(page)
    page.goto(f"{live_server.url}/bookings/{shelter.slug}/book/?start={slot_key(shelter, hour=16)}")

    page.get_by_label("Email address").fill("not-an-email")
    page.get_by_role("button", name="Book this time").click()

    page.get_by_role("heading", name="There is a problem").wait_for()
    summary = page.locator("#error-summary").inner_text()
    assert "Enter your name." in summary
    assert "Enter an email address like name@example.org." in summary
    assert_accessible(page, "bookings-form-errors")
    assert not Booking.objects.exists()
