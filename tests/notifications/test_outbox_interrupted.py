"""A worker killed mid-send: the row stays "sending" and, after the lease, an email goes again
with the same Message-ID (one message in the resident's client) while a text, which has no
such key, is not sent twice but failed for staff to check. Pinned clock."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases.models import EventKind, OutboxMessage, OutboxStatus
from cases.outbox import outbox_claim, outbox_prepare
from cases.services import case_reply_publicly
from messaging.models import SmsMessageRecord
from notifications.outbox import compose, deliver_outbox
from notifications.transports import SENDERS, Outgoing
from tests import factories

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 21, 10, 0, tzinfo=ZoneInfo("America/New_York"))


def _die_after_sending(channel):
    """What a worker does up to the send, and then no more (killed before the mark)."""
    [claim] = outbox_claim()
    resident = claim.rows[0].resident
    composed = compose(claim, resident.preferred_language)
    message_id = outbox_prepare(
        claim=claim,
        channel=channel,
        message_id=f"case-{composed.case.tracking_number}-interrupted@civicdesk.localhost",
    )
    SENDERS[channel](
        Outgoing(
            case=composed.case,
            resident=resident,
            language=resident.preferred_language,
            subject=composed.subject,
            body=composed.body,
            text=composed.text,
            auto_notice=composed.auto_notice,
            message_id=message_id,
        )
    )
    return message_id


@pytest.fixture
def clock(settings):
    settings.OUTBOX_COALESCE_SECONDS = 0
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


def test_an_interrupted_email_is_sent_again_with_the_same_message_id(
    city, smtp_server, clock, settings
):
    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")
    case_reply_publicly(case=case, by=city.alice, body="We fill it on Monday.")
    message_id = _die_after_sending("email")

    assert deliver_outbox() == 0  # still leased to the dead worker
    clock.shift(dt.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS + 1))
    assert deliver_outbox() == 1

    ids = {
        email.message_from_bytes(content, policy=email.policy.default)["Message-ID"].strip()
        for _f, _r, content in smtp_server.envelopes
    }
    assert ids == {f"<{message_id}>"}  # the resident's mail client shows one message
    row = OutboxMessage.objects.get(case=case)
    assert row.status == OutboxStatus.SENT
    assert case.events.filter(kind=EventKind.DELIVERY).count() == 1


def test_an_interrupted_text_is_not_sent_twice_but_failed_for_staff(city, clock, settings):
    case = factories.make_case(city.pothole, resident=city.rosa, address="1 Elm")
    case_reply_publicly(case=case, by=city.alice, body="Mañana pasamos.")
    _die_after_sending("sms")

    clock.shift(dt.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS + 1))
    assert deliver_outbox() == 0

    assert SmsMessageRecord.objects.filter(case=case).count() == 1
    row = OutboxMessage.objects.get(case=case)
    assert row.status == OutboxStatus.FAILED
    assert row.error.startswith("Interrupted while sending")
