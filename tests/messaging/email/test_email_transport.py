"""build_case_email: our Message-ID, threading, loop-safe headers; sent over real SMTP."""

from __future__ import annotations

import email
import email.policy

import pytest

from messaging.email.transport import NoEmailAddress, build_case_email
from messaging.models import Direction, EmailMessageRecord
from tests.messaging.conftest import RITA_ACK_ID, RITA_TRACKING

pytestmark = pytest.mark.django_db


def test_case_email_travels_over_smtp_with_threading_and_auto_submitted(
    smtp_server, rita_case, city
):
    message = build_case_email(
        case=rita_case,
        subject="We received your request",
        body="Thank you for telling us.",
        language="en",
        auto_notice=True,
    )

    message.send()

    [(mail_from, rcpt_tos, content)] = smtp_server.envelopes
    assert mail_from == "civicdesk@localhost"
    assert rcpt_tos == ["rita@example.org"]
    received = email.message_from_bytes(content, policy=email.policy.default)
    assert received["Subject"] == f"We received your request [#{RITA_TRACKING}]"
    assert received["Auto-Submitted"] == "auto-replied"
    assert received["In-Reply-To"].strip() == f"<{RITA_ACK_ID}>"
    assert received["References"].strip() == f"<{RITA_ACK_ID}>"
    our_id = received["Message-ID"].strip().strip("<>")
    assert our_id.startswith(f"case-{RITA_TRACKING}-")
    assert our_id.endswith("@civicdesk.localhost")
    assert received["X-CivicDesk"] == f"case={RITA_TRACKING}"
    assert EmailMessageRecord.objects.filter(
        case=rita_case, message_id=our_id, direction=Direction.OUTBOUND
    ).exists()
    body = received.get_body(preferencelist=("plain",)).get_content()
    assert "Thank you for telling us." in body
    assert "This message was sent automatically." in body


def test_staff_reply_is_not_marked_automatic_and_threads_under_all_earlier_mail(
    smtp_server, rita_case
):
    first = build_case_email(
        case=rita_case, subject="Update", body="We inspected it.", language="en", auto_notice=False
    )
    first.send()
    second = build_case_email(
        case=rita_case, subject="Update", body="We fixed it.", language="en", auto_notice=False
    )
    second.send()

    received = [
        email.message_from_bytes(c, policy=email.policy.default)
        for _, _, c in smtp_server.envelopes
    ]
    assert received[1]["Auto-Submitted"] is None
    first_id = received[0]["Message-ID"].strip()
    assert received[1]["In-Reply-To"].strip() == first_id
    assert received[1]["References"].split() == [f"<{RITA_ACK_ID}>", first_id]


def test_configured_domain_is_used_for_message_ids(rita_case, settings):
    settings.MESSAGING_EMAIL_DOMAIN = "mail.riverton.example.gov"

    message = build_case_email(
        case=rita_case, subject="Update", body="Hi", language="en", auto_notice=False
    )

    assert message.extra_headers["Message-ID"].endswith("@mail.riverton.example.gov>")


def test_footer_is_in_the_residents_language(rita_case):
    message = build_case_email(
        case=rita_case, subject="Actualización", body="Hola", language="es", auto_notice=True
    )

    assert "Su número de seguimiento es" in message.body
    assert message.extra_headers["Content-Language"] == "es"


def test_no_email_to_a_bouncing_address(rita_case, city):
    city.rita.email_bouncing = True
    city.rita.save()

    with pytest.raises(NoEmailAddress):
        build_case_email(
            case=rita_case, subject="Update", body="Hi", language="en", auto_notice=False
        )
