"""A mail outage with the real loopback SMTP server stopped: saved at once, retried with a
backoff, delivered exactly once when the server is back, failed (and shown to staff)
when it never comes back. The clock is pinned; the worker runs when the test says."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cases.models import EventKind, OutboxMessage, OutboxStatus
from cases.outbox import retry_delay
from notifications.outbox import deliver_outbox
from tests import factories

pytestmark = pytest.mark.django_db

NY = ZoneInfo("America/New_York")
T0 = dt.datetime(2026, 12, 21, 10, 0, tzinfo=NY)


@pytest.fixture
def clock():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


@pytest.fixture
def case(city):
    return factories.make_case(city.pothole, resident=city.rita, address="14 Elm Street")


def _reply_during_outage(city, login, case, smtp_server, committed):
    smtp_server.stop()
    with committed():
        response = login(city.alice).post(
            reverse("workspace:reply", args=[case.tracking_number]),
            {"op": "send", "draft": "We fill it on Monday."},
        )
    return response


def test_reply_is_saved_at_once_retried_and_delivered_exactly_once(
    city, login, case, smtp_server, committed, clock
):
    # Given the mail server is down when Alice replies
    response = _reply_during_outage(city, login, case, smtp_server, committed)

    # Then the reply is saved and shown at once; the message waits for a retry
    assert response.status_code == 302
    assert case.events.filter(kind=EventKind.PUBLIC_REPLY).count() == 1
    row = OutboxMessage.objects.get(case=case)
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 1)
    assert "refused" in row.error.lower()
    assert row.not_before == T0 + retry_delay(1)
    first_message_id = row.message_id
    assert first_message_id

    # Not due yet: nothing is tried
    clock.shift(retry_delay(1) - dt.timedelta(seconds=1))
    assert deliver_outbox() == 0
    row.refresh_from_db()
    assert row.attempts == 1

    # Due, still down: tried again, backing off further
    clock.shift(dt.timedelta(seconds=1))
    assert deliver_outbox() == 0
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 2)

    # The server comes back: delivered once, with the Message-ID fixed before the first try
    smtp_server.start()
    clock.shift(retry_delay(2))
    assert deliver_outbox() == 1
    clock.shift(dt.timedelta(hours=12))
    assert deliver_outbox() == 0

    [(_from, rcpt, content)] = smtp_server.envelopes
    message = email.message_from_bytes(content, policy=email.policy.default)
    assert rcpt == ["rita@example.org"]
    assert message["Message-ID"].strip() == f"<{first_message_id}>"
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutboxStatus.SENT, 3)
    [delivery] = case.events.filter(kind=EventKind.DELIVERY)
    assert delivery.data["outcome"] == "sent"


def test_a_server_that_never_comes_back_fails_the_message_for_staff_to_send_again(
    city, login, case, smtp_server, committed, clock, settings
):
    _reply_during_outage(city, login, case, smtp_server, committed)
    row = OutboxMessage.objects.get(case=case)

    # Every retry fails until the last one
    for attempt in range(1, settings.OUTBOX_MAX_ATTEMPTS):
        clock.shift(retry_delay(attempt))
        deliver_outbox()
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutboxStatus.FAILED, settings.OUTBOX_MAX_ATTEMPTS)
    clock.shift(dt.timedelta(days=1))
    assert deliver_outbox() == 0  # a failed message is not retried by itself

    # It shows on the case's timeline and on the staff page of failed messages
    failed = case.events.get(kind=EventKind.DELIVERY)
    assert failed.data["outcome"] == "failed"
    alice = login(city.alice)
    case_page = alice.get(reverse("workspace:case", args=[case.tracking_number])).text
    assert (
        f"Not delivered to the resident (email, {settings.OUTBOX_MAX_ATTEMPTS} tries)" in case_page
    )
    page = alice.get(reverse("notifications:failed"))
    assert case.tracking_number in page.text
    assert "Send again" in page.text

    # Staff send it again once the server is back: delivered once
    smtp_server.start()
    with committed():
        alice.post(reverse("notifications:send_again", args=[row.pk]))
    row.refresh_from_db()
    assert row.status == OutboxStatus.SENT
    assert len(smtp_server.envelopes) == 1
    assert "No failed messages." in alice.get(reverse("notifications:failed")).text


def test_failed_messages_of_other_departments_are_not_listed_or_resent(
    city, login, case, smtp_server, committed, clock, settings
):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    _reply_during_outage(city, login, case, smtp_server, committed)
    row = OutboxMessage.objects.get(case=case)
    assert row.status == OutboxStatus.FAILED

    bob = login(city.bob)  # Parks: not the pothole's department
    assert case.tracking_number not in bob.get(reverse("notifications:failed")).text
    assert bob.post(reverse("notifications:send_again", args=[row.pk])).status_code == 404
    row.refresh_from_db()
    assert row.status == OutboxStatus.FAILED
