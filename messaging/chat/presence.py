"""Who is on hand to chat: staff with the chat panel open, kept fresh by a heartbeat.

Each staff panel socket writes one `StaffPresence` row on connect, refreshes it
on every heartbeat (the panel sends one every `HEARTBEAT_SECONDS`), and deletes
it on disconnect. A row older than `MESSAGING_CHAT_PRESENCE_SECONDS` counts for
nothing, so a crashed process or a dropped network never leaves residents
waiting for staff who are gone. Rows live in the database rather than the
channel layer because layers cannot count a group's members, and the database
is shared by every web process whichever layer is configured.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from catalogue.models import Service
from messaging.models import StaffPresence

HEARTBEAT_SECONDS = 30


def presence_join(*, user: Any, channel_name: str, at: dt.datetime | None = None) -> None:
    at = at or timezone.now()
    presence_sweep(at=at)
    presence_beat(user=user, channel_name=channel_name, at=at)


def presence_beat(*, user: Any, channel_name: str, at: dt.datetime | None = None) -> None:
    """Refresh this socket's row (re-created if a sweep removed it)."""
    StaffPresence.objects.update_or_create(
        channel_name=channel_name, defaults={"user": user, "last_seen": at or timezone.now()}
    )


def presence_leave(*, channel_name: str) -> None:
    StaffPresence.objects.filter(channel_name=channel_name).delete()


def presence_sweep(*, at: dt.datetime | None = None) -> int:
    """Delete rows long past fresh (housekeeping: stale rows already count for nothing)."""
    cutoff = (at or timezone.now()) - dt.timedelta(
        seconds=10 * settings.MESSAGING_CHAT_PRESENCE_SECONDS
    )
    deleted, _details = StaffPresence.objects.filter(last_seen__lt=cutoff).delete()
    return deleted


def staff_online(*, service: Service | None, at: dt.datetime | None = None) -> bool:
    """True when someone with the panel open may see cases of `service` (the chat's service)."""
    if service is None:
        return False
    fresh = (at or timezone.now()) - dt.timedelta(seconds=settings.MESSAGING_CHAT_PRESENCE_SECONDS)
    see_all = Q(
        groups__permissions__codename="view_all_departments",
        groups__permissions__content_type__app_label="cases",
    ) | Q(
        user_permissions__codename="view_all_departments",
        user_permissions__content_type__app_label="cases",
    )
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            chat_presences__last_seen__gte=fresh,
        )
        .filter(Q(is_superuser=True) | see_all | Q(departments=service.department_id))
        .exists()
    )
