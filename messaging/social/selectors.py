"""Reads for staff work on social-media cases, scoped to who is asking."""

from __future__ import annotations

from typing import Any

from cases.models import OPEN_STATUSES
from cases.selectors import cases_visible_to
from messaging.models import SocialMessageRecord, SocialThread


def open_social_threads_for(user: Any, *, limit: int = 100) -> list[SocialThread]:
    """Open social-media cases `user` may see, most recently active first (one query)."""
    return list(
        SocialThread.objects.filter(
            case__in=cases_visible_to(user),
            case__status__in=OPEN_STATUSES,
            case__merged_into__isnull=True,
        )
        .select_related("case", "case__service", "case__resident")
        .order_by("-case__updated_at", "-id")[:limit]
    )


def social_thread_for(user: Any, tracking_number: str) -> SocialThread | None:
    return (
        SocialThread.objects.filter(
            case__in=cases_visible_to(user), case__tracking_number=tracking_number
        )
        .select_related("case", "case__service", "case__resident", "case__jurisdiction")
        .first()
    )


def social_messages(thread: SocialThread) -> list[SocialMessageRecord]:
    return list(thread.messages.order_by("created_at", "id"))
