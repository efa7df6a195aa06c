"""Outbound SMS through a provider: Twilio in production, the console/outbox for the demo.

Every provider has one method, `send(to, body) -> provider message id`, so a
second provider is one class here and one settings value.
"""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any, Protocol

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)


class SmsProvider(Protocol):
    def send(self, *, to: str, body: str) -> str: ...


class ConsoleSmsProvider:
    """Logs each text and appends it to var/outbox/sms.jsonl (the embedded demo)."""

    def send(self, *, to: str, body: str) -> str:
        message_id = f"console-{uuid.uuid4().hex}"
        outbox = settings.MESSAGING_OUTBOX_DIR
        outbox.mkdir(parents=True, exist_ok=True)
        line = {"id": message_id, "to": to, "body": body, "at": timezone.now().isoformat()}
        with (outbox / "sms.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        logger.info("SMS to %s: %s", to, body)
        return message_id


class TwilioSmsProvider:
    """Twilio's Messages API through the official client."""

    def __init__(self, *, http_client: Any = None) -> None:
        from twilio.rest import Client

        self.client = Client(
            settings.MESSAGING_TWILIO_ACCOUNT_SID,
            settings.MESSAGING_TWILIO_AUTH_TOKEN,
            http_client=http_client,
        )

    def send(self, *, to: str, body: str) -> str:
        message = self.client.messages.create(
            to=to, from_=settings.MESSAGING_TWILIO_FROM, body=body
        )
        return str(message.sid)


def get_sms_provider() -> SmsProvider:
    name = settings.MESSAGING_SMS_PROVIDER
    if name == "twilio":
        return TwilioSmsProvider()
    if name == "console":
        return ConsoleSmsProvider()
    raise ValueError(f"Unknown CIVICDESK_SMS_PROVIDER {name!r} (twilio or console)")
