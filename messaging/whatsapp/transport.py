"""Outbound WhatsApp through a provider: Twilio in production, the console/outbox for the demo.

Copied from `sms/transport.py` and changed. A provider has the SMS provider's
method, `send(*, to, body) -> provider message id` (a free-form message, allowed
within 24 hours of the resident's last message), plus
`send_template(*, to, template) -> provider message id` for later, when WhatsApp
only delivers an approved template (a Twilio Content SID and its variables).
Which of the two is used is decided by `services.send_case_whatsapp`.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.utils import timezone

from messaging.sms.transport import SmsProvider

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WhatsAppTemplate:
    """An approved message template: Twilio's Content SID (HX…), its variables, its text.

    `text` is how the message reads (kept on our record and written by the console
    provider); WhatsApp renders the approved template itself from `variables`.
    """

    content_sid: str
    variables: dict[str, str]
    text: str


class WhatsAppProvider(SmsProvider, Protocol):
    def send_template(self, *, to: str, template: WhatsAppTemplate) -> str: ...


class ConsoleWhatsAppProvider:
    """Logs each message and appends it to var/outbox/whatsapp.jsonl (the embedded demo)."""

    def _write(self, line: dict[str, Any]) -> str:
        message_id = f"console-{uuid.uuid4().hex}"
        outbox = settings.MESSAGING_OUTBOX_DIR
        outbox.mkdir(parents=True, exist_ok=True)
        line = {"id": message_id, **line, "at": timezone.now().isoformat()}
        with (outbox / "whatsapp.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        logger.info("WhatsApp to %s: %s", line["to"], line["body"])
        return message_id

    def send(self, *, to: str, body: str) -> str:
        return self._write({"to": to, "body": body})

    def send_template(self, *, to: str, template: WhatsAppTemplate) -> str:
        return self._write(
            {
                "to": to,
                "body": template.text,
                "content_sid": template.content_sid,
                "variables": template.variables,
            }
        )


class TwilioWhatsAppProvider:
    """Twilio's Messages API for WhatsApp, through the official client.

    The same endpoint as SMS, with `whatsapp:` addresses; templates go as
    `ContentSid` + `ContentVariables` instead of a body.
    """

    def __init__(self, *, http_client: Any = None) -> None:
        from twilio.rest import Client

        self.client = Client(
            settings.MESSAGING_TWILIO_ACCOUNT_SID,
            settings.MESSAGING_TWILIO_AUTH_TOKEN,
            http_client=http_client,
        )

    @staticmethod
    def _address(number: str) -> str:
        return f"whatsapp:{number}"

    def send(self, *, to: str, body: str) -> str:
        message = self.client.messages.create(
            to=self._address(to),
            from_=self._address(settings.MESSAGING_WHATSAPP_FROM),
            body=body,
        )
        return str(message.sid)

    def send_template(self, *, to: str, template: WhatsAppTemplate) -> str:
        message = self.client.messages.create(
            to=self._address(to),
            from_=self._address(settings.MESSAGING_WHATSAPP_FROM),
            content_sid=template.content_sid,
            content_variables=json.dumps(template.variables, ensure_ascii=False),
        )
        return str(message.sid)


def get_whatsapp_provider() -> WhatsAppProvider:
    name = settings.MESSAGING_WHATSAPP_PROVIDER
    if name == "twilio":
        return TwilioWhatsAppProvider()
    if name == "console":
        return ConsoleWhatsAppProvider()
    raise ValueError(f"Unknown CIVICDESK_WHATSAPP_PROVIDER {name!r} (twilio or console)")
