"""Issue 14 finding 12, as the attack: a forged resident From:, and auto-replies without headers.

Our mail server records SPF, DKIM and DMARC in Authentication-Results; a message
whose sender's domain disowns it is held for review and never added as that
resident. An out-of-office reply known only by its subject opens no case and gets
no acknowledgement.
"""

from __future__ import annotations

import pytest
from django.core import mail

from cases.models import Case, CaseAttachment, CaseEvent, Channel, EventKind
from messaging.models import Direction, EmailMessageRecord, HeldMessage, HeldReason
from tests.messaging.conftest import RITA_ACK_ID

pytestmark = pytest.mark.django_db

MX = "mx.riverton.example.gov"


def _reply(results: str = "", *, sender: str = "rita@example.org", extra: str = "") -> bytes:
    headers = f"Authentication-Results: {results}\n" if results else ""
    return (
        f"{headers}{extra}"
        f"From: Rita Moreno <{sender}>\n"
        "To: help@riverton.example.gov\n"
        "Subject: RE: pothole\n"
        "Message-ID: <forged-0001@example.org>\n"
        f"In-Reply-To: <{RITA_ACK_ID}>\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        "Please send all updates on my case to my new number 212 555 0666.\n"
    ).encode()


FAILED = f"{MX}; spf=fail smtp.mailfrom=example.org; dkim=none; dmarc=fail header.from=example.org"
PASSED = f"{MX}; spf=pass smtp.mailfrom=example.org; dkim=pass header.d=example.org; dmarc=pass"


def test_a_forged_reply_is_held_not_added_as_the_resident(ingest, rita_case):
    run = ingest(_reply(FAILED))

    assert run.code == 0, run.stderr
    assert not rita_case.events.filter(kind=EventKind.RESIDENT_MESSAGE).exists()
    held = HeldMessage.objects.get()
    assert (held.reason, held.case_id) == (HeldReason.AUTHENTICATION_FAILED, rita_case.pk)
    assert "dmarc=fail" in held.detail
    note = rita_case.events.get(kind=EventKind.INTERNAL_NOTE)
    assert "may be forged" in note.body


def test_a_forged_new_message_opens_no_case_on_someones_record(ingest, city, general):
    raw = _reply(FAILED).replace(b"In-Reply-To", b"X-Was-In-Reply-To")

    ingest(raw)

    assert not Case.objects.filter(channel=Channel.EMAIL).exists()
    assert HeldMessage.objects.get().reason == HeldReason.AUTHENTICATION_FAILED
    assert mail.outbox == []


def test_spf_fail_without_dmarc_and_without_a_dkim_pass_is_held(ingest, rita_case):
    ingest(_reply(f"{MX}; spf=fail smtp.mailfrom=example.org; dkim=none"))

    assert HeldMessage.objects.get().reason == HeldReason.AUTHENTICATION_FAILED


def test_an_authenticated_reply_is_added_and_its_results_recorded(ingest, rita_case):
    ingest(_reply(PASSED))

    assert rita_case.events.filter(kind=EventKind.RESIDENT_MESSAGE).exists()
    record = EmailMessageRecord.objects.get(case=rita_case, direction=Direction.INBOUND)
    assert record.authentication == {"spf": "pass", "dkim": "pass", "dmarc": "pass", "by": MX}


def test_a_softfail_or_no_results_is_recorded_not_held(ingest, rita_case):
    ingest(_reply(f"{MX}; spf=softfail smtp.mailfrom=example.org; dkim=none; dmarc=none"))

    assert not HeldMessage.objects.exists()
    record = EmailMessageRecord.objects.get(case=rita_case, direction=Direction.INBOUND)
    assert record.authentication["spf"] == "softfail"


def test_a_pass_written_by_the_sender_does_not_count_when_our_server_is_named(
    ingest, rita_case, settings
):
    settings.MESSAGING_EMAIL_AUTHSERV_ID = MX
    # The forger adds a "pass" of their own; our server's verdict is below it.
    forged_pass = "Authentication-Results: evil.example; spf=pass; dkim=pass; dmarc=pass\n"

    ingest(
        _reply(FAILED, extra="").replace(
            b"Authentication-Results", forged_pass.encode() + b"Authentication-Results", 1
        )
    )

    assert HeldMessage.objects.get().reason == HeldReason.AUTHENTICATION_FAILED


@pytest.mark.parametrize(
    "subject",
    ["Out of Office: Leaf collection", "Automatic reply: pothole", "Respuesta automática: bache"],
)
def test_an_auto_reply_known_only_by_its_subject_opens_no_case(ingest, general, subject):
    raw = (
        "From: Tom Baker <tom.baker@example.com>\n"
        "To: help@riverton.example.gov\n"
        f"Subject: {subject}\n"
        "Message-ID: <oof-9999@example.com>\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        "I am away until Monday.\n"
    ).encode()

    run = ingest(raw)

    assert run.code == 0, run.stderr
    assert not Case.objects.filter(channel=Channel.EMAIL).exists()
    assert mail.outbox == []


def test_attachments_past_the_cap_are_counted_not_kept(ingest, general, settings):
    settings.MESSAGING_EMAIL_MAX_ATTACHMENTS = 3
    from email.message import EmailMessage

    from tests.open311.wire import photo_with_gps

    message = EmailMessage()
    message["From"] = "Dan Walker <dan.walker@example.com>"
    message["To"] = "help@riverton.example.gov"
    message["Subject"] = "Photos of the hole"
    message["Message-ID"] = "<many-0001@example.com>"
    message.set_content("Here are my photos.")
    for n in range(101):
        message.add_attachment(
            photo_with_gps(), maintype="image", subtype="jpeg", filename=f"p{n}.jpg"
        )

    ingest(message.as_bytes())

    case = Case.objects.get(channel=Channel.EMAIL)
    assert CaseAttachment.objects.filter(case=case).count() == 3
    note = CaseEvent.objects.get(case=case, kind=EventKind.INTERNAL_NOTE)
    assert "98 more file(s): a message may bring at most 3 files" in note.body
