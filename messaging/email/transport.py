"""Outbound email for a case: our Message-ID, threading, loop-safe headers.

`build_case_email` is what the case outbox's email sender (`sender.py`) calls
for every message to a resident, so each one:

- carries our own Message-ID, recorded against the case, so the resident's
  reply finds its case by In-Reply-To even if they edit the subject;
- threads under the case's earlier messages (In-Reply-To, References);
- has the tracking number in the subject as "[#7KQ3M-9XRT2]", the fallback
  when a mail client drops the threading headers;
- says `Auto-Submitted: auto-replied` when it is an automatic notice (RFC 3834),
  so well-behaved autoresponders do not answer it, and an X-CivicDesk header so
  we recognise our own mail if it ever comes back.
"""

from __future__ import annotations

from email.headerregistry import Address

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from cases.models import Case
from messaging.models import Direction, EmailMessageRecord, Mailbox
from notifications.transports import new_message_id

MAX_REFERENCES = 20


class NoEmailAddress(ValueError):
    """The case's resident has no address we may write to."""


def subject_with_tracking(subject: str, case: Case) -> str:
    tag = f"[#{case.tracking_number}]"
    subject = " ".join((subject or "").split())
    return subject if tag in subject else f"{subject} {tag}".strip()


def reply_address(case: Case) -> str:
    """Where replies go: the jurisdiction's mailbox if one is set up, else the sender."""
    mailbox = (
        Mailbox.objects.filter(jurisdiction_id=case.jurisdiction_id, is_active=True)
        .order_by("service_id", "address")  # a general (service-less) mailbox first
        .first()
    )
    return mailbox.address if mailbox else settings.DEFAULT_FROM_EMAIL


def build_case_email(
    *,
    case: Case,
    subject: str,
    body: str,
    language: str,
    auto_notice: bool,
    message_id: str | None = None,
) -> EmailMessage:
    """An email to the case's resident, threaded and recorded; the caller sends it.

    `body` is plain text already in `language`; our footer is added in that language.
    `message_id` (without angle brackets) is given by the case outbox, which fixes it
    before the first try so a retry carries the same one; otherwise a new one.
    Raises NoEmailAddress when the resident has no address or it is bouncing.
    """
    resident = case.resident
    if resident is None or not resident.email:
        raise NoEmailAddress(f"{case.tracking_number}: the resident has no email address")
    if resident.email_bouncing:
        raise NoEmailAddress(f"{case.tracking_number}: {resident.email} is bouncing")
    message_id = message_id or new_message_id(case)
    earlier = list(
        EmailMessageRecord.objects.filter(case=case)
        .exclude(message_id=message_id)
        .order_by("-created_at", "-id")
        .values_list("message_id", flat=True)[:MAX_REFERENCES]
    )
    earlier.reverse()
    with translation.override(language):
        full_body = render_to_string(
            "messaging/email/case_email.txt",
            {
                "body": body.strip(),
                "case": case,
                "site_url": settings.SITE_URL,
                "auto_notice": auto_notice,
            },
        )
    headers = {
        "Message-ID": f"<{message_id}>",
        "X-CivicDesk": f"case={case.tracking_number}",
        "Content-Language": language,
        # Ask Exchange/Outlook not to send out-of-office replies to any of our mail.
        "X-Auto-Response-Suppress": "OOF, AutoReply",
    }
    if earlier:
        headers["In-Reply-To"] = f"<{earlier[-1]}>"
        headers["References"] = " ".join(f"<{m}>" for m in earlier)
    if auto_notice:
        headers["Auto-Submitted"] = "auto-replied"
    to = str(Address(display_name=resident.full_name, addr_spec=resident.email))
    message = EmailMessage(
        subject=subject_with_tracking(subject, case),
        body=full_body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=[reply_address(case)],
        headers=headers,
    )
    EmailMessageRecord.objects.get_or_create(
        case=case,
        message_id=message_id,
        direction=Direction.OUTBOUND,
        defaults={
            "address": resident.email,
            "subject": message.subject[:300],
            "created_at": timezone.now(),
        },
    )
    return message
