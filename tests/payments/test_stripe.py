"""Stripe: Checkout through a loopback stand-in of its API, and its webhook with real
signatures (valid, tampered, replayed, stale). Stripe itself is never reached."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.urls import reverse

from bookings.models import Booking
from bookings.services import booking_create
from payments.models import Payment, PaymentStatus, ProviderEvent
from tests.payments.conftest import NY, checkout_completed, stripe_signature

TUESDAY_NOON = dt.datetime(2026, 12, 15, 12, 0, tzinfo=NY)
WEBHOOK = "/payments/webhooks/stripe/"


@pytest.fixture
def checked_out(paid_shelter, places, clock, client, stripe_api):
    made = booking_create(resource=paid_shelter, start=TUESDAY_NOON, resident=places.city.rita)
    payment = Payment.objects.get(object_id=made.booking.pk)
    response = client.post(reverse("payments:pay", args=[payment.token]))
    assert response.status_code == 302
    payment.refresh_from_db()
    return made.booking, payment, response


def _post(client, payload: bytes, signature: str):
    return client.post(
        WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
    )


def test_checkout_creates_a_stripe_session_with_our_amount_and_no_card_data(
    checked_out, stripe_api
):
    _booking, payment, response = checked_out
    assert response["Location"].startswith("https://checkout.stripe.com/c/pay/cs_test_")
    [(path, form)] = stripe_api.requests
    assert path == "/v1/checkout/sessions"
    assert form["mode"] == ["payment"]
    assert form["line_items[0][price_data][unit_amount]"] == ["7500"]
    assert form["line_items[0][price_data][currency]"] == ["usd"]
    assert form["client_reference_id"] == [payment.token]
    assert form["customer_email"] == ["rita@example.org"]
    assert form["success_url"][0].endswith(f"/payments/{payment.token}/done/")
    assert payment.provider == "stripe"
    assert payment.provider_session_id == "cs_test_1"


def test_a_signed_completed_event_marks_it_paid_once(checked_out, client):
    booking, payment, _ = checked_out
    payload = checkout_completed(payment.provider_session_id, amount=7500)
    response = _post(client, payload, stripe_signature(payload))
    assert response.status_code == 200
    assert response.content == b"paid"
    payment.refresh_from_db()
    assert (payment.status, payment.provider_payment_id) == (PaymentStatus.PAID, "pi_test_1")
    assert Booking.objects.get(pk=booking.pk).paid_at is not None
    # The same event again (Stripe retries; an attacker replays): nothing more happens.
    again = _post(client, payload, stripe_signature(payload))
    assert (again.status_code, again.content) == (200, b"replayed")
    assert ProviderEvent.objects.count() == 1
    assert booking.case.events.filter(kind="payment").count() == 1


def test_a_tampered_payload_is_refused(checked_out, client):
    _booking, payment, _ = checked_out
    payload = checkout_completed(payment.provider_session_id, amount=7500)
    signature = stripe_signature(payload)
    tampered = payload.replace(b'"amount_total": 7500', b'"amount_total": 1')
    assert _post(client, tampered, signature).status_code == 400
    assert (
        _post(client, payload, stripe_signature(payload, secret="whsec_wrong")).status_code == 400
    )
    assert _post(client, payload, "").status_code == 400
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_a_replay_of_an_old_signed_event_is_refused(checked_out, client):
    _booking, payment, _ = checked_out
    payload = checkout_completed(payment.provider_session_id, amount=7500, event_id="evt_old")
    stale = stripe_signature(payload, at=int(time.time()) - 3600)
    assert _post(client, payload, stale).status_code == 400
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_an_amount_that_does_not_match_is_not_accepted(checked_out, client):
    _booking, payment, _ = checked_out
    payload = checkout_completed(payment.provider_session_id, amount=100, event_id="evt_low")
    assert _post(client, payload, stripe_signature(payload)).status_code == 422
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_stripe_down_charges_nothing_and_says_so(paid_shelter, places, clock, client, stripe_api):
    stripe_api.fail = True
    made = booking_create(resource=paid_shelter, start=TUESDAY_NOON, resident=places.city.rita)
    payment = Payment.objects.get(object_id=made.booking.pk)
    response = client.post(reverse("payments:pay", args=[payment.token]))
    assert response.status_code == 502
    assert "nothing was charged" in response.content.decode()


def test_a_refund_goes_to_stripe_for_the_payment_intent(checked_out, client, stripe_api):
    _booking, payment, _ = checked_out
    payload = checkout_completed(payment.provider_session_id, amount=7500)
    _post(client, payload, stripe_signature(payload))
    from payments.services import payment_refund

    payment.refresh_from_db()
    assert payment_refund(payment=payment, amount_cents=7500, reason="Storm")
    path, form = stripe_api.requests[-1]
    assert path == "/v1/refunds"
    assert form["payment_intent"] == ["pi_test_1"]
    assert form["amount"] == ["7500"]


def test_an_oversized_webhook_body_is_refused(stripe_api, client, db):
    response = _post(client, b"{" + b" " * (600 * 1024) + b"}", "t=1,v1=x")
    assert response.status_code == 413


def test_the_webhook_is_not_there_without_stripe(client, db):
    assert client.post(WEBHOOK, b"{}", content_type="application/json").status_code == 404
