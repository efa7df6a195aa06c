"""The case outbox: written with the event, sent by the resident's channel and language."""

from __future__ import annotations

import email
import email.policy

import pytest
from django.db import transaction

from cases.models import CaseEvent, EventKind, OutboxMessage, OutboxStatus, Status
from cases.services import (
    case_add_internal_note,
    case_add_resident_message,
    case_change_status,
    case_complete_step,
    case_reply_publicly,
)
from messaging.models import EmailMessageRecord, SmsMessageRecord
from notifications.outbox import deliver_outbox
from residents.models import ContactChannel
from tests import factories

pytestmark = pytest.mark.django_db


def _mail(content: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(content, policy=email.policy.default)  # type: ignore[return-value]


def test_a_reply_writes_its_outbox_row_in_the_same_transaction(city):
    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")

    event = case_reply_publicly(case=case, by=city.alice, body="We fill it on Monday.")

    row = OutboxMessage.objects.get(case=case)
    assert (row.event_id, row.resident_id, row.status) == (event.pk, city.rita.pk, "pending")


def test_a_change_that_rolls_back_owes_nobody_a_message(city):
    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")

    def door_that_fails_after_the_reply():
        with transaction.atomic():
            case_reply_publicly(case=case, by=city.alice, body="Never sent")
            raise RuntimeError("the door failed after the reply")

    with pytest.raises(RuntimeError):
        door_that_fails_after_the_reply()

    assert not OutboxMessage.objects.exists()
    assert not case.events.filter(kind=EventKind.PUBLIC_REPLY).exists()


def test_email_resident_gets_a_threaded_mail_over_smtp_with_our_message_id(
    city, smtp_server, committed
):
    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")

    with committed():
        case_reply_publicly(case=case, by=city.alice, body="We fill it on Monday.")

    [(_from, rcpt, content)] = smtp_server.envelopes
    message = _mail(content)
    row = OutboxMessage.objects.get(case=case)
    assert rcpt == ["rita@example.org"]
    assert case.tracking_number in message["Subject"]
    assert message["Message-ID"].strip() == f"<{row.message_id}>"
    assert EmailMessageRecord.objects.filter(case=case, message_id=row.message_id).count() == 1
    assert "Auto-Submitted" not in message  # a person wrote this reply
    assert "We fill it on Monday." in message.get_body(preferencelist=("plain",)).get_content()
    assert (row.status, row.channel, row.attempts) == ("sent", "email", 1)
    delivery = case.events.get(kind=EventKind.DELIVERY)
    assert delivery.data["outcome"] == "sent"
    assert not delivery.is_public


def test_status_change_mail_is_in_spanish_with_a_concrete_day(city, smtp_server, committed):
    city.rosa.preferred_channel = ContactChannel.EMAIL
    city.rosa.save()
    case = factories.make_case(city.pothole, resident=city.rosa, address="1 Elm")

    with committed():
        case_change_status(case=case, status=Status.IN_PROGRESS, by=city.alice)

    [(_f, _r, content)] = smtp_server.envelopes
    message = _mail(content)
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert message["Subject"].startswith("[Riverton 311] Novedades sobre su solicitud")
    assert f"Su solicitud {case.tracking_number} está ahora" in body
    assert "a más tardar el" in body
    assert message["Auto-Submitted"] == "auto-replied"


def test_sms_resident_gets_a_text_in_their_language(city, committed):
    case = factories.make_case(city.pothole, resident=city.rosa, address="1 Elm")

    with committed():
        case_reply_publicly(case=case, by=city.alice, body="Mañana pasamos.")

    text = SmsMessageRecord.objects.get(case=case).body
    assert text.startswith(f"Riverton 311, solicitud {case.tracking_number}:")
    assert text.endswith("Mañana pasamos.")
    assert OutboxMessage.objects.get(case=case).status == OutboxStatus.SENT


def test_a_step_done_is_told_to_the_resident(city, smtp_server, committed):
    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")

    with committed():
        case_complete_step(case=case, order=1, by=city.alice)

    [(_f, _r, content)] = smtp_server.envelopes
    assert "We inspect the site" in _mail(content).get_body().get_content()


def test_sms_preference_without_a_phone_falls_back_to_email(city, smtp_server, committed):
    resident = factories.make_resident(preferred_channel=ContactChannel.SMS, phone="")
    case = factories.make_case(city.pothole, resident=resident, address="1 Elm")

    with committed():
        case_reply_publicly(case=case, by=city.alice, body="Hello")

    assert len(smtp_server.envelopes) == 1


def test_internal_notes_owe_nothing_and_no_update_residents_get_nothing(
    city, smtp_server, committed
):
    quiet = factories.make_resident(preferred_channel=ContactChannel.NONE)
    case = factories.make_case(city.pothole, resident=quiet, address="1 Elm")

    with committed():
        case_add_internal_note(case=case, by=city.alice, body="secret")
        case_reply_publicly(case=case, by=city.alice, body="Hello")

    [row] = OutboxMessage.objects.filter(case=case)
    assert row.kind == EventKind.PUBLIC_REPLY
    assert row.status == OutboxStatus.SKIPPED
    assert smtp_server.envelopes == []
    assert not case.events.filter(kind=EventKind.DELIVERY).exists()


def test_the_residents_own_message_does_not_send_them_a_status_notice(city, committed):
    case = factories.make_case(city.pothole, resident=city.rosa, address="1 Elm")
    case_change_status(case=case, status=Status.WAITING_ON_RESIDENT, by=city.alice)
    OutboxMessage.objects.all().delete()

    with committed():
        case_add_resident_message(case=case, body="Here is the photo.")

    assert case.events.filter(kind=EventKind.STATUS_CHANGED).count() == 2
    assert not OutboxMessage.objects.exists()


def test_nothing_is_sent_before_the_commit(city, django_capture_on_commit_callbacks):
    case = factories.make_case(city.pothole, resident=city.rosa, address="1 Elm")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case_reply_publicly(case=case, by=city.alice, body="Hola")
    assert not SmsMessageRecord.objects.exists()

    for callback in callbacks:
        callback()
    assert SmsMessageRecord.objects.filter(case=case).count() == 1


def test_a_second_run_never_sends_a_delivered_row_again(city, smtp_server, committed):
    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")
    with committed():
        case_reply_publicly(case=case, by=city.alice, body="Once")

    assert deliver_outbox() == 0
    assert deliver_outbox() == 0
    assert len(smtp_server.envelopes) == 1
    assert CaseEvent.objects.filter(case=case, kind=EventKind.DELIVERY).count() == 1
