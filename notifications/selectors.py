"""Reads of staff notices and of failed messages to residents."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cases.models import OutboxMessage, OutboxStatus
from cases.selectors import cases_visible_to
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


FAILED_PAGE_SIZE = 50


def failed_deliveries_for(user: Any) -> QuerySet[OutboxMessage]:
    """Messages to residents of cases `user` may see that failed or bounced, newest first."""
    return (
        OutboxMessage.objects.filter(
            status__in=[OutboxStatus.FAILED, OutboxStatus.BOUNCED],
            case__in=cases_visible_to(user),
        )
        .select_related("case", "resident")
        .order_by("-finished_at", "-id")
    )
