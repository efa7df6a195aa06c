"""The day-before booking reminder: once, by the resident's channel, in their language."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from zoneinfo import ZoneInfo

import pytest
import time_machine

from bookings.services import booking_cancel, booking_create, send_booking_reminders
from cases.models import OutboxMessage
from messaging.models import SmsMessageRecord
from residents.models import ContactChannel

NY = ZoneInfo("America/New_York")
MONDAY_MORNING = dt.datetime(2026, 12, 21, 9, 0, tzinfo=NY)
TUESDAY_NOON = dt.datetime(2026, 12, 22, 12, 0, tzinfo=NY)
THURSDAY_NOON = dt.datetime(2026, 12, 24, 12, 0, tzinfo=NY)


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY_MORNING, tick=False) as traveller:
        yield traveller


def _bodies(smtp_server) -> list[str]:
    found = []
    for _f, _r, raw in smtp_server.envelopes:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        body = message.get_body(("plain",))
        assert body is not None
        found.append(message["Subject"] + "\n" + body.get_content())
    return found


def test_a_booking_tomorrow_is_reminded_once_by_email(
    places, smtp_server, clock, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the confirmations go first
        booking_create(resource=places.shelter, start=TUESDAY_NOON, resident=places.city.rita)
        booking_create(resource=places.shelter, start=THURSDAY_NOON, resident=places.city.rita)
    smtp_server.envelopes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_booking_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_booking_reminders() == 0  # a second run (or scheduler) reminds nobody
    [text] = _bodies(smtp_server)
    assert "A reminder: your booking of Riverside Park – Shelter 2 is tomorrow" in text
    assert "Tuesday" in text
    # Thursday's booking is reminded on Wednesday, not before.
    clock.move_to(dt.datetime(2026, 12, 23, 8, 0, tzinfo=NY))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_booking_reminders() == 1
    assert len(smtp_server.envelopes) == 2


def test_a_cancelled_booking_is_not_reminded(places, clock):
    made = booking_create(resource=places.shelter, start=TUESDAY_NOON, resident=places.city.rita)
    booking_cancel(booking=made.booking, token=made.cancel_token)
    assert send_booking_reminders() == 0


def test_tomorrow_is_the_citys_tomorrow_not_utc(places, clock):
    # 20:30 in New York is 01:30 UTC on Tuesday; a booking on Wednesday morning is tomorrow.
    clock.move_to(dt.datetime(2026, 12, 21, 20, 30, tzinfo=NY))
    booking_create(
        resource=places.shelter,
        start=dt.datetime(2026, 12, 23, 8, 0, tzinfo=NY),
        resident=places.city.rita,
    )
    assert send_booking_reminders() == 0  # Wednesday is the day after tomorrow in the city
    clock.move_to(dt.datetime(2026, 12, 22, 0, 30, tzinfo=NY))
    assert send_booking_reminders() == 1


def test_the_reminder_goes_by_text_in_spanish_for_an_sms_resident(
    places, clock, django_capture_on_commit_callbacks
):
    rosa = places.city.rosa
    rosa.preferred_channel = ContactChannel.SMS
    rosa.preferred_language = "es"
    rosa.save()
    with django_capture_on_commit_callbacks(execute=True):  # the confirmation goes first
        booking_create(resource=places.shelter, start=TUESDAY_NOON, resident=rosa)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_booking_reminders() == 1
    row = OutboxMessage.objects.get(kind="booking_reminder")
    assert row.subject.startswith("Recordatorio")
    assert row.status == "sent"
    assert row.channel == "sms"
    text = SmsMessageRecord.objects.filter(case=row.case).latest("pk").body
    assert text.startswith("Riverton 311, solicitud")
    assert "Le recordamos: su reserva de Riverside Park – Shelter 2 es mañana" in text
