"""Reads of staff notices, of failed messages to residents, and of the cases that need
a staff member's attention."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from cases.models import Case, OutboxMessage, OutboxStatus
from cases.selectors import OPEN_ONLY, cases_visible_to
from notifications.models import StaffNotice
from organisations.models import Jurisdiction

PAGE_SIZE = 50
ATTENTION_LIMIT = 20


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


@dataclass
class Attention:
    """Open cases past their promised date, and escalated ones: shown beside the notices.

    Supervisors see their departments'; an agent sees the cases they own.
    """

    scope: str  # "departments" | "mine"
    overdue: list[Case] = field(default_factory=list)
    overdue_more: bool = False
    escalated: list[Case] = field(default_factory=list)
    escalated_more: bool = False

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.escalated)


def attention_for(
    user: Any, *, now: dt.datetime | None = None, limit: int = ATTENTION_LIMIT
) -> Attention | None:
    """What needs `user` now (two LIMITed queries); None for a role that works no cases."""
    now = now or timezone.now()
    if user.is_superuser or user.has_perm("cases.reassign_case"):
        cases, scope = cases_visible_to(user), "departments"
    elif user.has_perm("cases.view_case"):
        cases, scope = cases_visible_to(user).filter(owner=user), "mine"
    else:
        return None
    cases = cases.filter(OPEN_ONLY).select_related("service", "department__parent", "owner")
    overdue = list(
        cases.filter(resolution_due__lt=now).order_by("resolution_due", "id")[: limit + 1]
    )
    escalated = list(cases.filter(escalated=True).order_by("resolution_due", "id")[: limit + 1])
    return Attention(
        scope=scope,
        overdue=overdue[:limit],
        overdue_more=len(overdue) > limit,
        escalated=escalated[:limit],
        escalated_more=len(escalated) > limit,
    )


def zone_for(user: Any) -> ZoneInfo:
    """The time zone of the staff member's (first) jurisdiction, for showing times."""
    jurisdiction = (
        Jurisdiction.objects.filter(departments__staff=user).order_by("pk").first()
        or Jurisdiction.objects.order_by("pk").first()
    )
    return jurisdiction.zone if jurisdiction else ZoneInfo(settings.TIME_ZONE)
