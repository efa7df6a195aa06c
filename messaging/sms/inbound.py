"""Parse Twilio's inbound-message webhook (a form POST) into an InboundSms."""

from __future__ import annotations

from django.http import QueryDict

from messaging.sms.services import InboundSms

MAX_MEDIA = 10


class BadWebhook(ValueError):
    pass


def parse_twilio_form(form: QueryDict) -> InboundSms:
    sender = (form.get("From") or "").strip()
    if not sender:
        raise BadWebhook("From is required.")
    try:
        media_count = min(int(form.get("NumMedia") or 0), MAX_MEDIA)
    except ValueError:
        raise BadWebhook("NumMedia must be a number.") from None
    return InboundSms(
        sender=sender[:40],
        recipient=(form.get("To") or "").strip()[:40],
        body=(form.get("Body") or "")[:1600],
        message_sid=(form.get("MessageSid") or form.get("SmsSid") or "").strip()[:64],
        media_urls=[
            url for i in range(media_count) if (url := (form.get(f"MediaUrl{i}") or "").strip())
        ],
    )
