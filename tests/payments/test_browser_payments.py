"""A paid booking through the demo provider and a bill, in a real browser: axe-core finds
nothing on any page, in English and Spanish."""

from __future__ import annotations

import re

import pytest

from bookings.models import Booking
from payments.models import Bill, Payment, PaymentStatus
from tests.bookings.test_views import slot_key
from tests.browser import axe_violations, save_screenshot

pytestmark = pytest.mark.browser


def _accessible(page, name: str) -> None:  # type: ignore[no-untyped-def]
    save_screenshot(page, name)
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


@pytest.fixture
def live_paid(transactional_db, places, paid_shelter):  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    return paid_shelter


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_resident_books_and_pays_through_the_demo_provider(
    live_server, page, live_paid, language
):
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda r: r.abort())
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    key = slot_key(live_paid, days_ahead=3, hour=12)
    page.goto(f"{live_server.url}/bookings/{live_paid.slug}/book/?start={key}")
    page.wait_for_load_state("load")
    _accessible(page, f"payments-book-{language}")
    page.locator("#id_full_name").fill("Rita Moreno")
    page.locator("#id_email").fill("rita@example.org")
    page.locator("#id_non_resident").check()
    page.locator("form button[type=submit]").last.click()
    page.locator("#pay-link").wait_for()
    _accessible(page, f"payments-held-{language}")
    booking = Booking.objects.get()
    assert booking.fee_cents == 12000
    assert booking.non_resident
    page.locator("#pay-link").click()
    page.locator("#pay-button").wait_for()
    _accessible(page, f"payments-pay-{language}")
    page.locator("#pay-button").click()
    page.locator("#demo-pay").wait_for()
    _accessible(page, f"payments-demo-{language}")
    page.locator("#demo-pay").click()
    page.wait_for_url("**/done/")
    _accessible(page, f"payments-done-{language}")
    assert Payment.objects.get().status == PaymentStatus.PAID
    booking.refresh_from_db()
    assert booking.paid_at is not None


def test_a_bill_page_in_spanish_is_accessible_and_has_no_english(
    live_server, page, transactional_db, city
):
    Bill.objects.create(
        jurisdiction=city.jurisdiction,
        reference="TAX-2026-000123",
        description="Impuesto predial",
        amount_cents=43210,
        created_at="2026-12-01T00:00Z",
    )
    page.context.add_cookies([{"name": "django_language", "value": "es", "url": live_server.url}])
    page.goto(f"{live_server.url}/pay-a-bill/")
    page.wait_for_load_state("load")
    _accessible(page, "payments-bill-es")
    text = page.locator("main").inner_text()
    for english in ("Pay a bill", "Bill reference", "Find my bill", "Email address"):
        assert english not in text
