"""Reads for the staff pages shared by every channel, scoped to who is asking."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from cases.selectors import cases_visible_to
from messaging.channel_cases import default_service
from messaging.models import HeldMessage, HeldStatus


def _sees_unaddressed(user: Any) -> bool:
    """Held messages about no case would have opened a general-enquiry case: they go to
    whoever works that service's department, and to those who see every department."""
    if user.is_superuser or user.has_perm("cases.view_all_departments"):
        return True
    service = default_service()
    return service is not None and user.departments.filter(pk=service.department_id).exists()


def held_messages_for(user: Any) -> QuerySet[HeldMessage]:
    """Held messages `user` may review: about a case they see, or about none (see above)."""
    scope = Q(case__in=cases_visible_to(user))
    if _sees_unaddressed(user):
        scope |= Q(case__isnull=True)
    return HeldMessage.objects.filter(scope).select_related("case", "case__service")


def pending_held_messages_for(user: Any, *, limit: int = 100) -> list[HeldMessage]:
    """The oldest waiting first, so nothing waits forever at the bottom of the list."""
    return list(
        held_messages_for(user)
        .filter(status=HeldStatus.PENDING)
        .order_by("received_at", "id")[:limit]
    )
