"""The case outbox's way out by email (registered in notifications SENDERS by MessagingConfig)."""

from __future__ import annotations

import smtplib

from messaging.email.transport import NoEmailAddress, build_case_email
from notifications.transports import NoAddress, Outgoing, PermanentFailure


def send_email(message: Outgoing) -> str:
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
