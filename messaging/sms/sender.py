"""The case outbox's way out by text (registered in notifications SENDERS by MessagingConfig).

The provider (console/outbox file for the demo, Twilio in production) is chosen
by ``CIVICDESK_SMS_PROVIDER`` in ``messaging/sms/transport.py``.
"""

from __future__ import annotations

from messaging.sms.services import NoPhoneNumber, send_case_sms
from messaging.sms.transport import get_sms_provider
from notifications.transports import NoAddress, Outgoing, PermanentFailure, is_for_follower

# A text longer than this is cut: carriers split long texts and some drop the tail.
MAX_SMS_CHARS = 640


def provider_refused(exc: Exception) -> bool:
    """A 4xx from the provider other than 429 (twilio.base.exceptions.TwilioRestException)."""
    status = getattr(exc, "status", None)
    return isinstance(status, int) and 400 <= status < 500 and status != 429


def send_text(message: Outgoing) -> str:
    body = message.text
    if len(body) > MAX_SMS_CHARS:
        body = body[: MAX_SMS_CHARS - 1].rstrip() + "…"
    try:
        if is_for_follower(message):
            if not message.resident.phone:
                raise NoPhoneNumber("the follower has no phone number")
            return str(get_sms_provider().send(to=message.resident.phone, body=body))
        return send_case_sms(case=message.case, body=body).provider_id
    except NoPhoneNumber as exc:
        raise NoAddress(str(exc)) from None
    except Exception as exc:
        if provider_refused(exc):
            raise PermanentFailure(f"The SMS provider refused the message: {exc}") from exc
        raise
