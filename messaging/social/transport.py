"""Outbound social-media messages through a provider (the social-media tool's API).

The console provider logs and appends to var/outbox/social.jsonl; a site's
real tool (Hootsuite, Sprout, a Mastodon bot…) is one more class with the
same two methods.
"""

from __future__ import annotations

import json
import logging
import uuid
from typing import Protocol

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)


class SocialProvider(Protocol):
    def send_public(self, *, platform: str, handle: str, in_reply_to: str, text: str) -> str: ...

    def send_private(self, *, platform: str, handle: str, text: str) -> str: ...


class ConsoleSocialProvider:
    def _write(self, **line: str) -> str:
        message_id = f"console-{uuid.uuid4().hex}"
        outbox = settings.MESSAGING_OUTBOX_DIR
        outbox.mkdir(parents=True, exist_ok=True)
        with (outbox / "social.jsonl").open("a", encoding="utf-8") as handle:
            record = {"id": message_id, "at": timezone.now().isoformat(), **line}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        logger.info("Social %s to @%s: %s", line["visibility"], line["handle"], line["text"])
        return message_id

    def send_public(self, *, platform: str, handle: str, in_reply_to: str, text: str) -> str:
        return self._write(
            visibility="public",
            platform=platform,
            handle=handle,
            in_reply_to=in_reply_to,
            text=text,
        )

    def send_private(self, *, platform: str, handle: str, text: str) -> str:
        return self._write(visibility="private", platform=platform, handle=handle, text=text)


def get_social_provider() -> SocialProvider:
    name = settings.MESSAGING_SOCIAL_PROVIDER
    if name == "console":
        return ConsoleSocialProvider()
    raise ValueError(f"Unknown CIVICDESK_SOCIAL_PROVIDER {name!r} (console)")
