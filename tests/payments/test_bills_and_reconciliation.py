"""Pay a bill by reference; the finance office's day of payments and refunds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from payments.models import Bill, Payment, PaymentStatus
from payments.selectors import reconciliation
from payments.services import payment_mark_paid, payment_refund
from tests import factories
from tests.payments.conftest import NOW


@pytest.fixture
def bill(city, clock):
    return Bill.objects.create(
        jurisdiction=city.jurisdiction,
        reference="TAX-2026-000123",
        description="Property tax, 4th instalment 2026",
        amount_cents=43210,
        created_at=NOW,
    )


def test_a_bill_is_found_by_reference_and_paid_with_a_receipt(bill, client, smtp_server):
    response = client.post(
        reverse("portal:pay_bill"), {"reference": "tax-2026-000123", "email": "owner@example.org"}
    )
    assert response.status_code == 302
    payment = Payment.objects.get(purpose="bill", object_id=bill.pk)
    assert response["Location"] == reverse("payments:pay", args=[payment.token])
    assert payment.amount_cents == 43210
    client.post(reverse("payments:pay", args=[payment.token]))
    client.post(reverse("payments:demo_checkout", args=[payment.token]), {"action": "pay"})
    bill.refresh_from_db()
    assert bill.paid_at == NOW
    [(_f, rcpt, raw)] = smtp_server.envelopes
    assert rcpt == ["owner@example.org"]
    assert "$432.10" in raw.decode()
    again = client.post(
        reverse("portal:pay_bill"), {"reference": "TAX-2026-000123", "email": "owner@example.org"}
    )
    assert again.status_code == 400  # paid: the same answer as an unknown reference
    assert "We could not find an unpaid bill with that reference" in again.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reference": "NOPE-1", "email": "a@example.org"}, "We could not find an unpaid bill"),
        ({"reference": "<script>", "email": "a@example.org"}, "Enter the reference as printed"),
        ({"reference": "TAX-2026-000123", "email": "nope"}, "Enter an email address like"),
        ({"reference": "", "email": "a@example.org"}, "Enter the reference printed on your bill."),
    ],
)
def test_bad_bill_lookups_get_a_specific_message(bill, client, data, message):
    response = client.post(reverse("portal:pay_bill"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Payment.objects.exists()


def test_reconciliation_matches_a_direct_sum_and_names_no_payer(city, bill, clock):
    paid = []
    for n, cents in enumerate([1000, 2550, 43210]):
        other = Bill.objects.create(
            jurisdiction=city.jurisdiction,
            reference=f"FINE-{n:04d}",
            description="Parking fine",
            amount_cents=cents,
            created_at=NOW,
        )
        from payments.services import bill_payment_start

        payment = bill_payment_start(bill=other, payer_email=f"p{n}@example.org", language="en")
        payment_mark_paid(payment=payment, payment_id=f"demo_{n}")
        paid.append(payment)
    payment_refund(payment=paid[0], amount_cents=400, reason="Partly waived")
    clock.shift(dt.timedelta(days=1))
    bill_payment_start(bill=bill, payer_email="late@example.org", language="en")  # pending
    report = reconciliation(city.jurisdiction, NOW.date())
    assert report.paid_cents == 1000 + 2550 + 43210
    assert report.refunded_cents == 400
    assert report.net_cents == 1000 + 2550 + 43210 - 400
    from io import StringIO

    out = StringIO()
    call_command("payments_report", date=NOW.date().isoformat(), stdout=out)
    csv_text = out.getvalue()
    assert "46760" in csv_text
    assert "@example.org" not in csv_text


def test_the_reconciliation_page_is_for_administrators_only(city, clock):
    admin = factories.make_staff("fin", Role.ADMINISTRATOR)
    agent = city.alice
    as_admin, as_agent = Client(), Client()
    as_admin.force_login(admin)
    as_agent.force_login(agent)
    url = reverse("payments_staff:reconciliation")
    assert as_agent.get(url).status_code == 403
    page = as_admin.get(url, {"date": "2026-12-14"})
    assert page.status_code == 200
    assert "$0.00" in page.content.decode()
    assert as_admin.get(url, {"date": "14/12/2026"}).status_code == 400
    csv_response = as_admin.get(
        reverse("payments_staff:reconciliation_csv"), {"date": "2026-12-14"}
    )
    assert csv_response["Content-Type"].startswith("text/csv")


def test_erasure_blanks_the_payers_email_and_keeps_the_money(city, bill, clock):
    from privacy.registry import registered

    resident = factories.make_resident(email="owner@example.org")
    from payments.services import bill_payment_start

    payment = bill_payment_start(bill=bill, payer_email="owner@example.org", language="en")
    [entry] = [e for e in registered() if e.model is Payment]
    rows = entry.for_resident(resident)
    assert list(rows) == [payment]
    from privacy.registry import Erasure, blank_fields

    blank_fields(
        entry,
        Payment.objects.filter(pk=payment.pk),
        Erasure(identifiers=(), by=None, reason="test", at=NOW),
    )
    payment.refresh_from_db()
    assert payment.payer_email == ""
    assert payment.amount_cents == 43210
    assert payment.status == PaymentStatus.PENDING
