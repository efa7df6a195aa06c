"""Parse Twilio's WhatsApp inbound-message webhook (a form POST) into an InboundWhatsApp.

Copied from `sms/inbound.py` and changed: WhatsApp addresses come as
`whatsapp:+15555550123` (we keep the E.164 number) and carry the sender's
WhatsApp profile name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import QueryDict

MAX_MEDIA = 10
MAX_BODY = 4096  # WhatsApp's own limit for a text message
PREFIX = "whatsapp:"


class BadWebhook(ValueError):
    pass


@dataclass(frozen=True)
class InboundWhatsApp:
    sender: str  # E.164, without the whatsapp: prefix
    recipient: str
    body: str
    message_sid: str
    profile_name: str = ""
    media_urls: list[str] = field(default_factory=list)


def _number(value: str, *, name: str) -> str:
    value = value.strip()
    if not value.startswith(PREFIX):
        raise BadWebhook(f"{name} must be a WhatsApp address (whatsapp:+15555550123).")
    number = value.removeprefix(PREFIX).strip()
    if not number or len(number) > 40:
        raise BadWebhook(f"{name} must hold a phone number of at most 40 characters.")
    return number


def parse_twilio_whatsapp_form(form: QueryDict) -> InboundWhatsApp:
    if not (form.get("From") or "").strip():
        raise BadWebhook("From is required.")
    sender = _number(form.get("From") or "", name="From")
    recipient = _number(form.get("To") or "", name="To") if form.get("To") else ""
    try:
        media_count = min(int(form.get("NumMedia") or 0), MAX_MEDIA)
    except ValueError:
        raise BadWebhook("NumMedia must be a number.") from None
    return InboundWhatsApp(
        sender=sender,
        recipient=recipient,
        body=(form.get("Body") or "")[:MAX_BODY],
        message_sid=(form.get("MessageSid") or "").strip()[:64],
        profile_name=(form.get("ProfileName") or "").strip()[:200],
        media_urls=[
            url for i in range(media_count) if (url := (form.get(f"MediaUrl{i}") or "").strip())
        ],
    )
