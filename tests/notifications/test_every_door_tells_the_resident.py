"""Every door into a case tells the resident, by email and by SMS, through the one outbox.

The doors only call the case services; the outbox row is written there, so each
test below goes in by one door and looks at what reached the resident: a mail on
the loopback SMTP server (Rita prefers email) or a text through the SMS provider
(Rosa prefers SMS, in Spanish).
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from api.services import api_token_create
from bookings.services import booking_create
from cases.models import OutboxMessage, OutboxStatus, Status
from cases.services import case_change_status
from messaging.chat.services import chat_resident_message, chat_staff_reply, chat_start
from messaging.models import SmsMessageRecord
from tests import factories
from tests.bookings.conftest import places  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

NY = ZoneInfo("America/New_York")


@pytest.fixture(params=["email", "sms"])
def resident(request, city):
    return city.rita if request.param == "email" else city.rosa


@pytest.fixture
def told(smtp_server, resident):
    """What the resident received since the test started: the texts of mails or SMS."""

    def received(case):
        if resident.preferred_channel == "email":
            bodies = []
            for _from, rcpt, content in smtp_server.envelopes:
                assert rcpt == [resident.email]
                message = email.message_from_bytes(content, policy=email.policy.default)
                bodies.append(message.get_body(preferencelist=("plain",)).get_content())
            return bodies
        return [
            r.body for r in SmsMessageRecord.objects.filter(phone=resident.phone, direction="out")
        ]

    return received


@pytest.fixture
def case(city, resident):
    return factories.make_case(city.pothole, resident=resident, address="14 Elm Street")


def _sent(case):
    rows = OutboxMessage.objects.filter(case=case)
    assert rows.exists()
    assert {r.status for r in rows} == {OutboxStatus.SENT}


def test_workspace_reply(city, login, case, told, committed):
    with committed():
        login(city.alice).post(
            reverse("workspace:reply", args=[case.tracking_number]),
            {
                "op": "send",
                "draft": "We fill it on Monday.",
                "override_reason": "Agreed on the phone",
            },
        )

    [body] = told(case)
    assert "We fill it on Monday." in body
    _sent(case)


def _api(client, user):
    _token, raw = api_token_create(user=user, name="tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_rest_reply(city, client, case, told, committed):
    with committed():
        response = client.post(
            f"/api/v1/cases/{case.tracking_number}/replies",
            {"body": "A crew comes on Monday."},
            content_type="application/json",
            **_api(client, city.alice),
        )

    assert response.status_code == 201
    [body] = told(case)
    assert "A crew comes on Monday." in body
    _sent(case)


def test_rest_status_change(city, client, case, told, committed):
    with committed():
        response = client.post(
            f"/api/v1/cases/{case.tracking_number}/status",
            {"status": "resolved", "note": "Filled today."},
            content_type="application/json",
            **_api(client, city.alice),
        )

    assert response.status_code == 200
    [body] = told(case)
    assert case.tracking_number in body
    assert "Filled today." in body
    _sent(case)


def test_chat_reply(city, case, resident, told, committed):
    factories.make_service(
        city.public_works, code="general-enquiry", name="General enquiry", questions=False
    )
    session = chat_start(name=resident.full_name, email=resident.email, language="en")
    chat_resident_message(session=session, text="Is anyone there?")
    session.refresh_from_db()

    with committed():
        chat_staff_reply(session=session, by=city.alice, body="Yes, we are looking at it.")

    [body] = told(session.case)
    assert "Yes, we are looking at it." in body
    assert session.case.resident == resident
    _sent(session.case)


def test_bulk_action(city, login, case, resident, told, committed):
    other = factories.make_case(city.pothole, resident=resident, address="16 Elm Street")

    with committed():
        login(city.alice).post(
            reverse("workspace:bulk"),
            {
                "case": [case.tracking_number, other.tracking_number],
                "action": "status",
                "status": "acknowledged",
            },
        )

    # Both changes were due together: one message about both cases.
    [body] = told(case)
    assert case.tracking_number in body
    assert other.tracking_number in body
    _sent(case)
    _sent(other)


def test_merge(city, login, case, resident, told, committed):
    into = factories.make_case(city.pothole, resident=city.rita, address="14 Elm St")

    with committed():
        login(city.sam).post(
            reverse("workspace:case_action", args=[case.tracking_number, "merge"]),
            {"into": into.tracking_number, "confirm": "yes"},
        )

    case.refresh_from_db()
    assert case.merged_into == into
    [body] = told(case)
    assert into.tracking_number in body
    _sent(case)


def test_booking_cancellation(client, places, resident, told, committed):  # noqa: F811
    monday = dt.datetime(2026, 12, 21, 10, 0, tzinfo=NY)
    with time_machine.travel(monday, tick=False):
        made = booking_create(
            resource=places.shelter,
            start=dt.datetime(2026, 12, 22, 12, 0, tzinfo=NY),
            resident=resident,
        )
        with committed():
            response = client.post(reverse("bookings:cancel", args=[made.cancel_token]))

    assert response.status_code == 200
    made.booking.case.refresh_from_db()
    assert made.booking.case.status == Status.DECLINED
    [body] = told(made.booking.case)
    assert made.booking.case.tracking_number in body
    _sent(made.booking.case)


def test_booking_confirmation_with_its_cancel_link(places, resident, told, committed):  # noqa: F811
    monday = dt.datetime(2026, 12, 21, 10, 0, tzinfo=NY)
    with time_machine.travel(monday, tick=False), committed():
        made = booking_create(
            resource=places.shelter,
            start=dt.datetime(2026, 12, 22, 12, 0, tzinfo=NY),
            resident=resident,
        )

    [body] = told(made.booking.case)
    assert reverse("bookings:cancel", args=[made.cancel_token]) in body
    assert made.booking.case.tracking_number in body
    _sent(made.booking.case)


def test_open311_posted_update_is_the_residents_own_word_and_is_not_echoed(
    city, client, case, told, committed
):
    from open311.services import api_key_create

    api_key_create(name="FixMyStreet", key="fixmystreet-key-1234")
    case_change_status(case=case, status=Status.WAITING_ON_RESIDENT, by=city.alice)
    OutboxMessage.objects.all().delete()

    with committed():
        response = client.post(
            "/open311/v2/servicerequestupdates.json",
            {
                "api_key": "fixmystreet-key-1234",
                "service_request_id": case.tracking_number,
                "description": "Here is the photo you asked for.",
                "first_name": "Rita",
            },
        )

    assert response.status_code == 200  # GeoReport v2: 200 on create (docs/open311.md)
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS  # back to work, without telling them so
    assert not OutboxMessage.objects.filter(case=case).exists()
    assert told(case) == []
