"""How a message to a resident leaves, one transport per channel.

`SENDERS` maps a channel ("email", "sms", …) to a function that sends one
`Outgoing` and returns the provider's id for it. The outbox worker
(notifications/outbox.py) is the only caller. A new channel adds one function
and one entry (and, in `notifications.services.resident_channel`, when a
resident may be written to on it).

A sender raises:
- `NoAddress` when the resident has no usable address on that channel (not retried);
- `PermanentFailure` when the provider refused for good (bounced=True for a
  refused recipient); not retried;
- anything else for a transient failure (SMTP down, provider 5xx, timeout):
  the worker retries it with a backoff.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage

from cases.models import Case
from messaging.email.transport import NoEmailAddress, build_case_email
from messaging.whatsapp.services import NoTemplate, NoWhatsAppNumber, send_case_whatsapp
from notifications import sms
from residents.models import Resident


@dataclass(frozen=True)
class Outgoing:
    """One message to one resident, already in their language."""

    case: Case  # the case it threads under (the first one, when it is about several)
    resident: Resident
    language: str
    subject: str  # email
    body: str  # email: the full text
    text: str  # SMS and other short channels: with the city and request number first
    auto_notice: bool  # no person wrote it (RFC 3834 Auto-Submitted)
    message_id: str  # ours, fixed before the first try; the same on every retry


class NoAddress(ValueError):
    """The resident has no address we may use on this channel."""


class PermanentFailure(RuntimeError):
    def __init__(self, message: str, *, bounced: bool = False) -> None:
        super().__init__(message)
        self.bounced = bounced


def _for_follower(message: Outgoing) -> bool:
    """A message to someone who follows the case (engagement), not the case's own resident:
    it goes to their address, unthreaded, since a reply would land on someone else's case."""
    return message.resident.pk != message.case.resident_id


def _send_follower_email(message: Outgoing) -> str:
    resident = message.resident
    if not resident.email or resident.email_bouncing:
        raise NoAddress(f"{message.case.tracking_number}: the follower has no usable address")
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[resident.email],
        headers={
            "Message-ID": f"<{message.message_id}>",
            "Content-Language": message.language,
            "Auto-Submitted": "auto-generated",
            "X-Auto-Response-Suppress": "OOF, AutoReply",
        },
    )
    try:
        email.send()
    except smtplib.SMTPRecipientsRefused as exc:
        raise PermanentFailure(f"The mail server refused the address: {exc}", bounced=True) from exc
    return message.message_id


def send_email(message: Outgoing) -> str:
    if _for_follower(message):
        return _send_follower_email(message)
    try:
        email = build_case_email(
            case=message.case,
            subject=message.subject,
            body=message.body,
            language=message.language,
            auto_notice=message.auto_notice,
            message_id=message.message_id,
        )
    except NoEmailAddress as exc:
        raise NoAddress(str(exc)) from None
    try:
        email.send()
    except smtplib.SMTPRecipientsRefused as exc:
        raise PermanentFailure(f"The mail server refused the address: {exc}", bounced=True) from exc
    return message.message_id


def send_text(message: Outgoing) -> str:
    try:
        if _for_follower(message):
            if not message.resident.phone:
                raise sms.NoPhoneNumber("the follower has no phone number")
            return sms.get_sms_provider().send(to=message.resident.phone, body=message.text)
        return sms.send_sms(case=message.case, body=message.text)
    except sms.NoPhoneNumber as exc:
        raise NoAddress(str(exc)) from None
    except Exception as exc:
        status = getattr(exc, "status", None)  # twilio.base.exceptions.TwilioRestException
        if isinstance(status, int) and 400 <= status < 500 and status != 429:
            raise PermanentFailure(f"The SMS provider refused the message: {exc}") from exc
        raise


def send_whatsapp(message: Outgoing) -> str:
    """Free text inside WhatsApp's 24-hour window, the approved template after it."""
    if _for_follower(message):
        raise NoAddress("followers are written to by email or text message")
    try:
        return send_case_whatsapp(case=message.case, body=message.text).provider_id
    except NoWhatsAppNumber as exc:
        raise NoAddress(str(exc)) from None
    except NoTemplate as exc:
        raise PermanentFailure(str(exc)) from exc
    except Exception as exc:
        status = getattr(exc, "status", None)  # twilio.base.exceptions.TwilioRestException
        if isinstance(status, int) and 400 <= status < 500 and status != 429:
            raise PermanentFailure(f"The WhatsApp provider refused the message: {exc}") from exc
        raise


Sender = Callable[[Outgoing], str]

# channel → transport.
SENDERS: dict[str, Sender] = {
    "email": send_email,
    "sms": send_text,
    "whatsapp": send_whatsapp,
}
