"""The case outbox's way out by email (registered in notifications SENDERS by MessagingConfig)."""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import EmailMessage

from messaging.email.transport import NoEmailAddress, build_case_email
from notifications.transports import NoAddress, Outgoing, PermanentFailure, is_for_follower


def _follower_email(message: Outgoing) -> EmailMessage:
    resident = message.resident
    if not resident.email or resident.email_bouncing:
        raise NoAddress(f"{message.case.tracking_number}: the follower has no usable address")
    headers = {
        "Message-ID": f"<{message.message_id}>",
        "Content-Language": message.language,
        "Auto-Submitted": "auto-generated",
        "X-Auto-Response-Suppress": "OOF, AutoReply",
    }
    if message.unsubscribe_url:
        # RFC 8058 one-click: the mail client POSTs "List-Unsubscribe=One-Click" to the
        # follow's stop link, which needs no sign-in and no CSRF token (the token in it).
        headers["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[resident.email],
        headers=headers,
    )


def send_email(message: Outgoing) -> str:
    if is_for_follower(message):
        email = _follower_email(message)
        try:
            email.send()
        except smtplib.SMTPRecipientsRefused as exc:
            raise PermanentFailure(
                f"The mail server refused the address: {exc}", bounced=True
            ) from exc
        return message.message_id
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
