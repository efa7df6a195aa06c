"""Reads of staff notices."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from notifications.models import StaffNotice

PAGE_SIZE = 50


def notices_for(user: Any, *, limit: int = PAGE_SIZE) -> QuerySet[StaffNotice]:
    """The newest notices of `user`, with their cases (one query)."""
    return (
        StaffNotice.objects.filter(user=user)
        .select_related("case")
        .order_by("-created_at", "-id")[:limit]
    )


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return StaffNotice.objects.filter(user=user, read_at=None).count()
