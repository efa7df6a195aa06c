"""Keyset pagination on (created_at, id), newest first: page 10,000 costs what page 1 costs.

The cursor is opaque to clients (base64 of the last row's key); a bad one is a 400.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from typing import Any

from django.db.models import Q, QuerySet
from ninja.errors import HttpError

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def encode_cursor(created_at: dt.datetime, pk: int) -> str:
    raw = json.dumps([created_at.isoformat(), pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[dt.datetime, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        created, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        when = dt.datetime.fromisoformat(created)
        if when.tzinfo is None or not isinstance(pk, int) or isinstance(pk, bool):
            raise ValueError(cursor)
    except (ValueError, TypeError, binascii.Error, UnicodeError):
        raise HttpError(400, "This cursor is not valid; start again without one.") from None
    return when, pk


def keyset_page(queryset: QuerySet[Any], *, cursor: str | None, limit: int) -> dict[str, Any]:
    """One page of `queryset` newest first, and the cursor of the next page (None at the end)."""
    queryset = queryset.order_by("-created_at", "-id")
    if cursor:
        created_at, pk = decode_cursor(cursor)
        queryset = queryset.filter(
            Q(created_at__lt=created_at) | Q(created_at=created_at, id__lt=pk)
        )
    rows = list(queryset[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last: Any = rows[-1]
        next_cursor = encode_cursor(last.created_at, last.pk)
    return {"items": rows, "next_cursor": next_cursor}
