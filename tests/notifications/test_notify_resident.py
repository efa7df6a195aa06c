"""notify_resident: the resident's channel and language, real SMTP, and what is not sent."""

from __future__ import annotations

import email
import email.policy

import pytest

from cases.models import CaseEvent, EventKind, Status
from cases.services import case_add_internal_note, case_change_status, case_reply_publicly
from messaging.models import SmsMessageRecord
from notifications.services import Delivery, enqueue_resident_notice, notify_resident
from residents.models import ContactChannel
from tests import factories

pytestmark = pytest.mark.django_db


def test_email_resident_gets_a_threaded_mail_over_smtp(city, smtp_server):
    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")
    event = case_reply_publicly(case=case, by=city.alice, body="We fill it on Monday.")

    assert notify_resident(case, event) == Delivery.EMAIL

    [(_from, rcpt, content)] = smtp_server.envelopes
    message = email.message_from_bytes(content, policy=email.policy.default)
    assert rcpt == ["rita@example.org"]
    assert case.tracking_number in message["Subject"]
    assert message["Message-ID"]
    assert "Auto-Submitted" not in message  # a person wrote this reply
    assert "We fill it on Monday." in message.get_body(preferencelist=("plain",)).get_content()


def test_status_change_mail_is_in_spanish_with_a_concrete_day(city, smtp_server):
    city.rosa.preferred_channel = ContactChannel.EMAIL
    city.rosa.save()
    case = factories.make_case(city.pothole, resident=city.rosa, address="1 Elm")
    case_change_status(case=case, status=Status.IN_PROGRESS, by=city.alice)
    event = case.events.get(kind=EventKind.STATUS_CHANGED)

    notify_resident(case, event)

    [(_f, _r, content)] = smtp_server.envelopes
    message = email.message_from_bytes(content, policy=email.policy.default)
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert message["Subject"].startswith("[Riverton 311] Novedades sobre su solicitud")
    assert f"Su solicitud {case.tracking_number} está ahora" in body
    assert "a más tardar el" in body
    assert message["Auto-Submitted"] == "auto-replied"


def test_sms_resident_gets_a_text(city):
    case = factories.make_case(city.pothole, resident=city.rosa, address="1 Elm")
    event = case_reply_publicly(case=case, by=city.alice, body="Mañana pasamos.")

    assert notify_resident(case, event) == Delivery.SMS
    assert SmsMessageRecord.objects.get(case=case).body.endswith("Mañana pasamos.")


def test_sms_preference_without_a_phone_falls_back_to_email(city, smtp_server):
    resident = factories.make_resident(preferred_channel=ContactChannel.SMS, phone="")
    case = factories.make_case(city.pothole, resident=resident, address="1 Elm")
    event = case_reply_publicly(case=case, by=city.alice, body="Hello")

    assert notify_resident(case, event) == Delivery.EMAIL
    assert len(smtp_server.envelopes) == 1


def test_internal_notes_and_no_update_residents_get_nothing(city, smtp_server):
    quiet = factories.make_resident(preferred_channel=ContactChannel.NONE)
    case = factories.make_case(city.pothole, resident=quiet, address="1 Elm")
    note = case_add_internal_note(case=case, by=city.alice, body="secret")
    reply = case_reply_publicly(case=case, by=city.alice, body="Hello")

    assert notify_resident(case, note) == Delivery.NOT_NEEDED
    assert notify_resident(case, reply) == Delivery.NO_CHANNEL
    assert smtp_server.envelopes == []


def test_a_mail_server_outage_is_logged_not_raised(city, settings, caplog):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")
    event = case_reply_publicly(case=case, by=city.alice, body="Hello")

    assert notify_resident(case, event) == Delivery.FAILED
    assert "Could not send email" in caplog.text


def test_enqueued_notice_waits_for_the_commit(city, django_capture_on_commit_callbacks):
    case = factories.make_case(city.pothole, resident=city.rosa, address="1 Elm")
    event = case_reply_publicly(case=case, by=city.alice, body="Hola")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enqueue_resident_notice(event)
    assert not SmsMessageRecord.objects.exists()  # nothing before the commit

    for callback in callbacks:
        callback()
    assert SmsMessageRecord.objects.filter(case=case).count() == 1


def test_enqueue_ignores_private_events(city, django_capture_on_commit_callbacks):
    case = factories.make_case(city.pothole, resident=city.rosa, address="1 Elm")
    note = case_add_internal_note(case=case, by=city.alice, body="x")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        enqueue_resident_notice(note)

    assert callbacks == []
    assert CaseEvent.objects.filter(case=case).count() == 2
