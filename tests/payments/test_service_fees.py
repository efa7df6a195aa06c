"""A service with a fee: shown before asking, the request held until paid (demo provider),
cancelled when not, and the fee edited in the admin with clear refusals."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse

from calendars.services import working_calendar_for
from cases.models import Case, EventKind, OutboxMessage, Status
from cases.promises import promise_for
from catalogue.models import Service, ServiceStandard
from notifications.outbox import deliver_outbox
from payments.models import Payment, PaymentStatus
from payments.services import expire_unpaid
from tests import factories
from tests.payments.conftest import NOW

SERVICE_URL = reverse("portal:service", args=["bulk-pickup"])
REQUEST_URL = reverse("portal:request", args=["bulk-pickup"])


@pytest.fixture
def bulk_pickup(city: Any) -> Service:
    return factories.make_service(
        city.public_works,
        code="bulk-pickup",
        name="Bulk item pickup",
        questions=False,
        location_prompt=Service.LocationPrompt.ADDRESS,
        fee_cents=2500,
        non_resident_fee_cents=4000,
        payment_window_minutes=60,
        steps=[("We collect the items", 3, "business_days")],
    )


def _request(**overrides: str) -> dict[str, str]:
    data = {
        "description": "An old sofa and a fridge",
        "address": "12 Main St",
        "full_name": "Pat Doe",
        "email": "pat@example.org",
        "phone": "",
        "channel": "email",
        "language": "en",
    }
    data.update(overrides)
    return data


def _mails(inbox: Any) -> list[str]:
    """The received messages' text, transfer encoding undone."""
    texts = []
    for _from, _to, raw in inbox.envelopes:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        texts.append(
            "\n".join(
                part.get_content()
                for part in message.walk()
                if part.get_content_maintype() == "text"
            )
        )
    return texts


def _submit(client: Any, capture: Any, **overrides: str) -> Case:
    with capture(execute=True):
        response = client.post(REQUEST_URL, _request(**overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Case.objects.get()


def test_the_service_page_and_the_form_say_what_it_costs_before_sending(
    client: Any, bulk_pickup: Service
) -> None:
    page = client.get(SERVICE_URL).content.decode()
    assert "This service costs $25.00; you pay after you submit." in page
    assert "If you do not live here: $40.00." in page
    form = client.post(REQUEST_URL, {"step": "describe", "description": "A sofa"}).content
    assert "This service costs $25.00; you pay after you submit." in form.decode()
    assert b'name="non_resident"' in form


def test_a_free_service_says_nothing_of_fees(client: Any, city: Any) -> None:
    page = client.get(reverse("portal:service", args=["pothole"])).content.decode()
    assert "This service costs" not in page


def test_spanish_pages_say_the_fee_in_spanish(client: Any, bulk_pickup: Service) -> None:
    page = client.get(SERVICE_URL, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Este servicio cuesta $25.00; se paga después de enviar la solicitud." in page


def test_a_request_is_held_until_paid_through_the_demo_provider(
    client: Any,
    bulk_pickup: Service,
    clock: Any,
    smtp_server: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    case = _submit(client, django_capture_on_commit_callbacks)
    # Held: waiting on the resident, nobody has answered, not yet new for the team.
    assert case.status == Status.WAITING_ON_RESIDENT
    assert case.awaits_payment
    payment = Payment.objects.get(purpose="request", object_id=case.pk)
    assert (payment.amount_cents, payment.status, payment.provider) == (2500, "pending", "demo")
    assert payment.expires_at == NOW + dt.timedelta(minutes=60)
    assert payment.payer_email == "pat@example.org"
    # The link to pay reaches the resident through the outbox (which forgets it once sent).
    assert OutboxMessage.objects.get(case=case, kind="payment_due").status == "sent"
    (owed,) = _mails(smtp_server)
    assert f"/payments/{payment.token}/" in owed
    assert "costs $25.00" in owed

    submitted = client.get(reverse("portal:submitted", args=[case.tracking_number]))
    body = submitted.content.decode()
    assert "Waiting for payment" in body
    assert "Pay $25.00 now" in body
    assert reverse("payments:pay", args=[payment.token]) in body

    clock.shift(dt.timedelta(minutes=20))
    paid_at = NOW + dt.timedelta(minutes=20)
    checkout = client.post(reverse("payments:pay", args=[payment.token]))
    assert checkout["Location"] == reverse("payments:demo_checkout", args=[payment.token])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(checkout["Location"], {"action": "pay"})

    case.refresh_from_db()
    assert case.status == Status.NEW
    assert not case.awaits_payment
    # The promise counts from the payment.
    standard = ServiceStandard.objects.get(service=bulk_pickup)
    promise = promise_for(
        standard=standard,
        steps=list(standard.steps.all()),
        calendar=working_calendar_for(case.jurisdiction),
        received_at=paid_at,
    )
    assert case.resolution_due == promise.resolution_due
    assert case.steps.get().due_at == promise.steps[0].due_at
    kinds = list(
        case.events.exclude(kind=EventKind.DELIVERY).order_by("id").values_list("kind", flat=True)
    )
    assert kinds == [EventKind.CREATED, EventKind.PAYMENT, EventKind.STATUS_CHANGED]
    assert case.events.get(kind=EventKind.PAYMENT).body == "Payment received: $25.00."
    deliver_outbox()
    sent = OutboxMessage.objects.filter(case=case, status="sent")
    assert set(sent.values_list("kind", flat=True)) == {
        "payment_due",
        EventKind.STATUS_CHANGED,
        "payment_receipt",
    }
    assert any("now received" in m and "now with the team" in m for m in _mails(smtp_server))
    assert (
        "Pay $25.00 now"
        not in client.get(reverse("portal:submitted", args=[case.tracking_number])).content.decode()
    )


def test_the_non_resident_rate_is_charged_when_the_resident_says_so(
    client: Any, bulk_pickup: Service, clock: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case = _submit(client, django_capture_on_commit_callbacks, non_resident="1")
    assert Payment.objects.get(object_id=case.pk, purpose="request").amount_cents == 4000


def test_an_unpaid_request_is_cancelled_and_the_resident_told_why_in_their_language(
    client: Any,
    bulk_pickup: Service,
    clock: Any,
    smtp_server: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    case = _submit(client, django_capture_on_commit_callbacks, language="es")
    assert any("cuesta $25.00" in mail for mail in _mails(smtp_server))
    clock.shift(dt.timedelta(minutes=59))
    assert expire_unpaid() == 0
    clock.shift(dt.timedelta(minutes=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert expire_unpaid() == 1
    case.refresh_from_db()
    assert case.status == Status.DECLINED
    payment = Payment.objects.get(object_id=case.pk, purpose="request")
    assert payment.status == PaymentStatus.EXPIRED
    declined = case.events.get(kind=EventKind.STATUS_CHANGED)
    assert "no se pagó a tiempo" in declined.body
    deliver_outbox()
    assert any("no se pag" in mail for mail in _mails(smtp_server))
    # Its pay page no longer takes money.
    refused = client.post(reverse("payments:pay", args=[payment.token]))
    assert refused.status_code == 200
    assert (
        "Pay $25.00 now"
        not in client.get(reverse("portal:submitted", args=[case.tracking_number])).content.decode()
    )


def test_a_resident_message_does_not_release_a_held_request(
    bulk_pickup: Service, client: Any, clock: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from cases.services import case_add_resident_message

    case = _submit(client, django_capture_on_commit_callbacks)
    case_add_resident_message(case=case, body="Also a mattress")
    case.refresh_from_db()
    assert case.awaits_payment


def test_a_free_request_is_not_held(
    client: Any, city: Any, django_capture_on_commit_callbacks: Any
) -> None:
    factories.make_service(city.public_works, code="bulk-pickup", name="Bulk", questions=False)
    case = _submit(client, django_capture_on_commit_callbacks)
    assert case.status == Status.NEW
    assert not Payment.objects.exists()


# --- The admin ---------------------------------------------------------------------------


class _FormFields(HTMLParser):
    """The values a browser would post from the admin's change form."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, Any] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name", "")
        if tag == "input" and name and a.get("type") not in {"submit", "button", "file"}:
            if a.get("type") in {"checkbox", "radio"}:
                if "checked" in a:
                    self.data[name] = a.get("value") or "on"
            else:
                self.data[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea] += data


@pytest.fixture
def admin(client: Any, city: Any) -> Any:
    city.ada.is_superuser = True
    city.ada.is_staff = True
    city.ada.save()
    client.force_login(city.ada)
    return client


def _change_form(admin: Any, service: Service) -> tuple[str, dict[str, Any]]:
    url = reverse("admin:catalogue_service_change", args=[service.pk])
    parser = _FormFields()
    parser.feed(admin.get(url).content.decode())
    parser.data.pop("_addanother", None)
    return url, parser.data


def test_an_administrator_sets_a_services_fee_in_the_admin(admin: Any, city: Any) -> None:
    url, data = _change_form(admin, city.pothole)
    data.update(fee_cents="1500", non_resident_fee_cents="0", payment_window_minutes="120")
    response = admin.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    city.pothole.refresh_from_db()
    assert (city.pothole.fee_cents, city.pothole.payment_window_minutes) == (1500, 120)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("fee_cents", "-500", "A fee cannot be negative: enter 0 for a free service."),
        ("non_resident_fee_cents", "-1", "A fee cannot be negative: enter 0 for a free service."),
        ("fee_cents", "99999999999", "A fee can be at most 10000000 cents ($100,000)."),
        ("payment_window_minutes", "5", "Give between 10 and 1440 minutes (24 hours) to pay."),
    ],
)
def test_a_bad_fee_is_refused_with_a_clear_message(
    admin: Any, city: Any, field: str, value: str, message: str
) -> None:
    url, data = _change_form(admin, city.pothole)
    data[field] = value
    response = admin.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    city.pothole.refresh_from_db()
    assert city.pothole.fee_cents == 0
