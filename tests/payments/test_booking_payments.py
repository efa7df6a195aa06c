"""A booking with a fee: held until paid (demo provider), released when not, refunded by policy."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from bookings.models import Booking, BookingStatus, FeeUnit
from bookings.selectors import free_slots
from bookings.services import booking_cancel, booking_create, booking_fee
from cases.models import EventKind, OutboxMessage, Status
from payments.models import Payment, PaymentStatus
from payments.services import expire_unpaid
from tests import factories
from tests.payments.conftest import NOW, NY

TUESDAY_NOON = dt.datetime(2026, 12, 15, 12, 0, tzinfo=NY)


@pytest.fixture
def held(paid_shelter, places, clock):
    return booking_create(resource=paid_shelter, start=TUESDAY_NOON, resident=places.city.rita)


def test_the_fee_is_the_resident_or_non_resident_rate_per_booking_or_hour(paid_shelter):
    end = TUESDAY_NOON + dt.timedelta(hours=4)
    assert booking_fee(paid_shelter, TUESDAY_NOON, end, non_resident=False) == 7500
    assert booking_fee(paid_shelter, TUESDAY_NOON, end, non_resident=True) == 12000
    paid_shelter.fee_unit = FeeUnit.HOUR
    assert booking_fee(paid_shelter, TUESDAY_NOON, end, non_resident=False) == 4 * 7500
    # A started hour counts as an hour.
    half = TUESDAY_NOON + dt.timedelta(minutes=90)
    assert booking_fee(paid_shelter, TUESDAY_NOON, half, non_resident=True) == 2 * 12000


def test_a_booking_with_a_fee_is_held_and_its_confirmation_carries_the_pay_link(held):
    booking = held.booking
    assert booking.awaits_payment
    assert booking.fee_cents == 7500
    assert booking.payment_due_by == NOW + dt.timedelta(minutes=30)
    payment = Payment.objects.get(purpose="booking", object_id=booking.pk)
    assert (payment.amount_cents, payment.status, payment.provider) == (7500, "pending", "demo")
    assert payment.expires_at == booking.payment_due_by
    confirmation = OutboxMessage.objects.get(case=booking.case, kind="booking_confirmed")
    assert f"/payments/{payment.token}/" in confirmation.body
    assert "$75.00" in confirmation.body


def test_paying_through_the_demo_provider_confirms_the_booking(
    held, client, smtp_server, django_capture_on_commit_callbacks
):
    payment = Payment.objects.get(object_id=held.booking.pk)
    page = client.get(reverse("payments:pay", args=[payment.token]))
    assert page.status_code == 200
    assert "$75.00" in page.content.decode()
    to_provider = client.post(reverse("payments:pay", args=[payment.token]))
    assert to_provider.status_code == 302
    assert to_provider["Location"] == reverse("payments:demo_checkout", args=[payment.token])
    assert "no money is taken" in client.get(to_provider["Location"]).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        back = client.post(to_provider["Location"], {"action": "pay"})
    assert back["Location"] == reverse("payments:done", args=[payment.token])
    assert "Payment received" in client.get(back["Location"]).content.decode()
    booking = Booking.objects.get(pk=held.booking.pk)
    assert booking.paid_at == NOW
    assert not booking.awaits_payment
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    event = booking.case.events.get(kind=EventKind.PAYMENT)
    assert event.is_public
    assert event.body == "Payment received: $75.00."
    receipt = OutboxMessage.objects.get(case=booking.case, kind="payment_receipt")
    assert receipt.status == "sent"
    mails = [raw.decode("utf-8", "replace") for _f, _r, raw in smtp_server.envelopes]
    assert any(payment.token in mail and "Thank you for your payment" in mail for mail in mails)
    # Paying twice does nothing more.
    client.post(reverse("payments:demo_checkout", args=[payment.token]), {"action": "pay"})
    assert booking.case.events.filter(kind=EventKind.PAYMENT).count() == 1


def test_an_unpaid_hold_is_released_and_the_slot_is_free_again(held, paid_shelter, clock):
    clock.shift(dt.timedelta(minutes=29))
    assert expire_unpaid() == 0
    clock.shift(dt.timedelta(minutes=2))
    assert expire_unpaid() == 1
    booking = Booking.objects.get(pk=held.booking.pk)
    assert booking.status == BookingStatus.CANCELLED
    case = booking.case
    case.refresh_from_db()
    assert case.status == Status.DECLINED
    assert "not paid in time" in case.events.filter(kind=EventKind.STATUS_CHANGED).last().body
    free = free_slots(paid_shelter, dt.date(2026, 12, 15), 1, now=NOW + dt.timedelta(hours=1))
    assert TUESDAY_NOON in [s.start for s in free]
    # The link can no longer take money.
    payment = Payment.objects.get(object_id=booking.pk)
    assert payment.status == PaymentStatus.EXPIRED


def test_the_pay_button_refuses_once_time_has_run_out(held, client, clock):
    payment = Payment.objects.get(object_id=held.booking.pk)
    clock.shift(dt.timedelta(minutes=31))
    response = client.post(reverse("payments:pay", args=[payment.token]))
    assert response.status_code == 409
    assert "The time to pay has run out" in response.content.decode()


def _pay(booking):
    from payments.services import payment_mark_paid

    payment_mark_paid(payment=Payment.objects.get(object_id=booking.pk), payment_id="demo_pi")


def test_cancelling_early_refunds_in_full(held, clock):
    _pay(held.booking)
    booking_cancel(booking=held.booking, token=held.cancel_token)  # 26 hours before: late
    payment = Payment.objects.get(object_id=held.booking.pk)
    assert payment.refunded_cents == 0  # less than 48 hours' notice: no refund


def test_cancelling_with_enough_notice_refunds_in_full(paid_shelter, places, clock):
    later = dt.datetime(2026, 12, 20, 12, 0, tzinfo=NY)
    made = booking_create(resource=paid_shelter, start=later, resident=places.city.rita)
    _pay(made.booking)
    booking_cancel(booking=made.booking, token=made.cancel_token)
    payment = Payment.objects.get(object_id=made.booking.pk)
    assert (payment.status, payment.refunded_cents) == (PaymentStatus.REFUNDED, 7500)
    event = made.booking.case.events.filter(kind=EventKind.PAYMENT).last()
    assert event.body.startswith("Refunded: $75.00.")


def test_staff_cancellations_are_always_refunded(held, places, clock):
    supervisor = factories.make_staff("pat", factories.Role.ADMINISTRATOR, places.city.parks)
    _pay(held.booking)
    booking_cancel(booking=held.booking, by=supervisor, reason="Storm damage")
    payment = Payment.objects.get(object_id=held.booking.pk)
    assert payment.refunded_cents == 7500


def test_cancelling_an_unpaid_hold_closes_its_payment(held, client):
    booking_cancel(booking=held.booking, token=held.cancel_token)
    payment = Payment.objects.get(object_id=held.booking.pk)
    assert payment.status == PaymentStatus.EXPIRED
    response = client.post(
        reverse("payments:demo_checkout", args=[payment.token]), {"action": "pay"}
    )
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.EXPIRED
    assert response.status_code == 302


def test_the_booking_form_offers_the_non_resident_rate(paid_shelter, places, client, clock):
    url = reverse("bookings:book", args=[paid_shelter.slug])
    start = "2026-12-15T12:00"
    page = client.get(url, {"start": start}).content.decode()
    assert "Non-residents: $120.00." in page
    assert 'name="non_resident"' in page
