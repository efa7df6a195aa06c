"""The case outbox's way out on WhatsApp (registered in notifications SENDERS at startup)."""

from __future__ import annotations

from messaging.sms.sender import provider_refused
from messaging.whatsapp.services import NoTemplate, NoWhatsAppNumber, send_case_whatsapp
from notifications.transports import NoAddress, Outgoing, PermanentFailure, is_for_follower


def send_whatsapp(message: Outgoing) -> str:
    """Free text inside WhatsApp's 24-hour window, the approved template after it."""
    if is_for_follower(message):
        raise NoAddress("followers are written to by email or text message")
    try:
        return send_case_whatsapp(case=message.case, body=message.text).provider_id
    except NoWhatsAppNumber as exc:
        raise NoAddress(str(exc)) from None
    except NoTemplate as exc:
        raise PermanentFailure(str(exc)) from exc
    except Exception as exc:
        if provider_refused(exc):
            raise PermanentFailure(f"The WhatsApp provider refused the message: {exc}") from exc
        raise
