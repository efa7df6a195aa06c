"""Text messages to residents, behind one pluggable provider interface.

The provider interface (``send(to, body) -> provider id``) and its implementations
(console/outbox file for the demo, Twilio in production) live with the SMS
channel in ``messaging/sms/transport.py``, chosen by ``CIVICDESK_SMS_PROVIDER``.
Notifications use them through this module only, so the channel can change its
providers without touching who decides what to send.
"""

from __future__ import annotations

from cases.models import Case
from messaging.sms.services import NoPhoneNumber, send_case_sms
from messaging.sms.transport import ConsoleSmsProvider, SmsProvider, get_sms_provider

__all__ = [
    "ConsoleSmsProvider",
    "NoPhoneNumber",
    "SmsProvider",
    "get_sms_provider",
    "send_sms",
]

# A text longer than this is cut: carriers split long texts and some drop the tail.
MAX_SMS_CHARS = 640


def send_sms(*, case: Case, body: str, provider: SmsProvider | None = None) -> str:
    """Text the case's resident; returns the provider's message id."""
    if len(body) > MAX_SMS_CHARS:
        body = body[: MAX_SMS_CHARS - 1].rstrip() + "…"
    return send_case_sms(case=case, body=body, provider=provider).provider_id
