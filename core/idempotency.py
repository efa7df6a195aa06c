"""Idempotent intake: the same POST twice (or twenty times at once) makes one thing.

A client sends an `Idempotency-Key` header; the first request with a key runs and its
result is kept for `IDEMPOTENCY_KEY_SECONDS`; a repeat with the same key and the same
body gets the same answer without running again; the same key with a different body
is refused (`IdempotencyMismatch`, answered 422). Without a header, an identical body
from the same client within `IDEMPOTENCY_DUPLICATE_SECONDS` counts as a repeat too
(a double tap, a retry after a timeout).

Safe under concurrency without holding locks across requests: the claim row is
inserted at the end of the same transaction as the work, so a concurrent insert of
the same key waits on the unique index until the first commits (then its own work is
rolled back and the first one's result replayed) or rolls back (then it stands).
SQLite's IMMEDIATE transactions serialise the same way.
Decision record: docs/decisions/0009-idempotent-intake.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import IdempotentRequest

HEADER = "Idempotency-Key"
MAX_KEY = 200


class IdempotencyError(ValueError):
    """A key that cannot be used (too long, not printable ASCII)."""


class IdempotencyMismatch(IdempotencyError):
    """The key was used before for a different request."""


def clean_key(raw: str | None) -> str | None:
    """The header's key, checked; None when the client sent none."""
    if raw is None or raw == "":
        return None
    if len(raw) > MAX_KEY or not all(33 <= ord(c) <= 126 for c in raw):
        raise IdempotencyError(
            f"{HEADER} must be 1 to {MAX_KEY} visible ASCII characters (a UUID is ideal)."
        )
    return raw


def fingerprint(parts: Iterable[str | bytes]) -> str:
    """SHA-256 over the parts of a request, each length-prefixed (no ambiguity)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def idempotent_run(
    *,
    scope: str,
    key: str | None,
    body_fingerprint: str,
    produce: Callable[[], dict[str, Any]],
    now: dt.datetime | None = None,
) -> tuple[dict[str, Any], bool]:
    """Run `produce` once per (scope, key); return (its result, whether this is a repeat).

    Without a key the body's fingerprint is the key, for a short window. `produce`
    runs in one transaction with the claim: if it raises, nothing is kept and a
    repeat runs again; if a concurrent request claimed the key first, this one's
    work is rolled back and the first one's result returned. Raises
    IdempotencyMismatch for a known key with another body.
    """
    now = now or timezone.now()
    if key is None:
        key = "body:" + body_fingerprint
        lifetime = dt.timedelta(seconds=settings.IDEMPOTENCY_DUPLICATE_SECONDS)
    else:
        key = "key:" + key
        lifetime = dt.timedelta(seconds=settings.IDEMPOTENCY_KEY_SECONDS)
    if lifetime <= dt.timedelta(0):
        return produce(), False
    for _attempt in range(2):
        earlier = IdempotentRequest.objects.filter(scope=scope, key=key).first()
        if earlier is not None and earlier.expires_at <= now:
            earlier.delete()
            earlier = None
        if earlier is not None:
            return _replay(earlier, body_fingerprint), True
        claimed = False
        try:
            with transaction.atomic():
                result = produce()
                claimed = True
                # A concurrent request with the key waits here on the unique index
                # until this transaction ends, then fails and replays this result.
                IdempotentRequest.objects.create(
                    scope=scope,
                    key=key,
                    fingerprint=body_fingerprint,
                    result=result,
                    created_at=now,
                    expires_at=now + lifetime,
                )
        except IntegrityError:
            if not claimed:
                raise
            continue  # someone else claimed it first: replay theirs (next round)
        return result, False
    raise IdempotencyError(f"This {HEADER} is in use by another request; try again.")


def _replay(earlier: IdempotentRequest, body_fingerprint: str) -> dict[str, Any]:
    if earlier.fingerprint != body_fingerprint:
        raise IdempotencyMismatch(
            f"This {HEADER} was used for a different request; use a new key for a new request."
        )
    return dict(earlier.result)


def idempotency_purge(*, now: dt.datetime | None = None) -> int:
    """Forget expired keys; run by the scheduler."""
    deleted, _ = IdempotentRequest.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted
