"""The social-media tool's webhook: signature, replay window and the event schema.

The tool POSTs one JSON event per post or direct message with two headers:

    X-CivicDesk-Timestamp: 1741356010                 (Unix seconds)
    X-CivicDesk-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">

keyed with the shared secret (CIVICDESK_SOCIAL_WEBHOOK_SECRET). Signing the
timestamp with the body means a captured request cannot be replayed later, and
the event id makes a replay inside the window (or a retry) a no-op.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError


class BadSignature(ValueError):
    pass


class BadEvent(ValueError):
    pass


class SocialEvent(BaseModel):
    """One post or direct message, as the tool sends it."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    id: str = Field(min_length=1, max_length=150)
    platform: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_.-]+$")
    kind: Literal["post", "direct_message"]
    handle: str = Field(min_length=1, max_length=200)
    name: str = Field(default="", max_length=200)
    text: str = Field(min_length=1, max_length=10_000)
    url: HttpUrl | None = None


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def verify(
    *,
    secret: str,
    timestamp: str,
    signature: str,
    body: bytes,
    max_skew: int,
    now: float | None = None,
) -> None:
    """Raise BadSignature unless the request is signed with our secret, and recent."""
    if not secret:
        raise BadSignature("The social webhook secret is not configured.")
    if not timestamp.isdigit():
        raise BadSignature("X-CivicDesk-Timestamp must be Unix seconds.")
    if abs((now if now is not None else time.time()) - int(timestamp)) > max_skew:
        raise BadSignature("The request is too old or from the future (replay protection).")
    if not hmac.compare_digest(sign(secret, timestamp, body), signature):
        raise BadSignature("The signature does not match.")


def parse_event(body: bytes) -> SocialEvent:
    try:
        event = SocialEvent.model_validate_json(body)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc']) or 'body'}: {error['msg']}"
            for error in exc.errors()
        )
        raise BadEvent(problems) from None
    handle = event.handle.lstrip("@").strip()
    if not handle:
        raise BadEvent("handle: must name an account")
    return event.model_copy(update={"handle": handle})
