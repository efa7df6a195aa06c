"""Events close together for one resident go out as one message (pinned clock)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases.models import OutboxMessage, OutboxStatus, Status
from cases.services import case_change_status, case_reply_publicly
from messaging.models import SmsMessageRecord
from notifications.outbox import deliver_outbox
from tests import factories

pytestmark = pytest.mark.django_db

NY = ZoneInfo("America/New_York")
T0 = dt.datetime(2026, 12, 21, 10, 0, tzinfo=NY)


@pytest.fixture
def clock(settings):
    settings.OUTBOX_COALESCE_SECONDS = 10
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


def test_a_status_change_and_a_reply_go_as_one_mail(city, smtp_server, clock):
    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")

    case_change_status(case=case, status=Status.IN_PROGRESS, by=city.alice)
    clock.shift(dt.timedelta(seconds=6))
    case_reply_publicly(case=case, by=city.alice, body="The crew comes on Monday.")

    # 10 s after the first change but only 4 s after the reply: the window is still open
    clock.shift(dt.timedelta(seconds=4))
    assert deliver_outbox() == 0
    assert smtp_server.envelopes == []

    clock.shift(dt.timedelta(seconds=6))
    assert deliver_outbox() == 1
    [(_f, _r, content)] = smtp_server.envelopes
    message = email.message_from_bytes(content, policy=email.policy.default)
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert f"Your request {case.tracking_number} is now in progress." in body
    assert "The crew comes on Monday." in body
    assert "Auto-Submitted" not in message  # a person wrote part of it
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}


def test_a_bulk_change_of_several_cases_is_one_text_naming_each(city, clock):
    first = factories.make_case(city.pothole, resident=city.rosa, address="1 Elm")
    second = factories.make_case(city.pothole, resident=city.rosa, address="3 Elm")
    for case in (first, second):
        case_change_status(case=case, status=Status.ACKNOWLEDGED, by=city.alice)

    clock.shift(dt.timedelta(seconds=10))
    assert deliver_outbox() == 1

    [text] = SmsMessageRecord.objects.values_list("body", flat=True)
    assert text.startswith("Riverton 311:")
    assert f"Solicitud {first.tracking_number}:" in text  # Rosa reads Spanish
    assert f"Solicitud {second.tracking_number}:" in text


def test_other_residents_are_not_held_back(city, smtp_server, clock):
    rita_case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")
    rosa_case = factories.make_case(city.pothole, resident=city.rosa, address="2 Elm")
    case_reply_publicly(case=rita_case, by=city.alice, body="For Rita")
    clock.shift(dt.timedelta(seconds=8))
    case_reply_publicly(case=rosa_case, by=city.alice, body="Para Rosa")

    clock.shift(dt.timedelta(seconds=2))
    assert deliver_outbox() == 1  # Rita's window has closed; Rosa's has not
    assert len(smtp_server.envelopes) == 1
    assert not SmsMessageRecord.objects.exists()
