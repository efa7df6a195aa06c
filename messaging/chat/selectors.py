"""Reads for live chat, scoped to who is asking (a constant number of queries)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, F, Max, Q
from django.urls import reverse

from cases.models import OPEN_STATUSES, Case, CaseEvent, EventKind
from cases.selectors import cases_visible_to
from messaging.channel_cases import default_service
from messaging.models import ChatSession


def chats_for_staff(user: Any) -> list[ChatSession]:
    """Open chats on cases `user` may see, oldest first, each with `staff_replies`
    (0: the resident is waiting for a first answer) and `last_activity`."""
    return list(
        ChatSession.objects.filter(
            closed_at__isnull=True,
            case__in=cases_visible_to(user),
            case__status__in=OPEN_STATUSES,
            case__merged_into__isnull=True,
        )
        .select_related("case", "case__service", "case__department")
        .annotate(
            staff_replies=Count(
                "case__events",
                filter=Q(
                    case__events__kind=EventKind.PUBLIC_REPLY,
                    case__events__created_at__gte=F("created_at"),
                ),
            ),
            last_activity=Max("case__events__created_at"),
        )
        .order_by("created_at", "id")
    )


def chat_for_staff(user: Any, pk: int) -> ChatSession | None:
    """The chat if `user` may see its case (ended chats too); None otherwise."""
    return (
        ChatSession.objects.filter(pk=pk, case__in=cases_visible_to(user))
        .select_related(
            "case", "case__service", "case__department", "case__resident", "case__jurisdiction"
        )
        .first()
    )


def leave_a_request_url() -> str:
    """Where a resident goes when nobody can chat: the general-enquiry form, else the catalogue."""
    service = default_service()
    if service is None:
        return reverse("portal:catalogue")
    return reverse("portal:request", args=[service.service_code])


def chat_events(session: ChatSession) -> list[tuple[CaseEvent, str, str]]:
    """(event, "resident" | "staff", text) for the chat's messages, oldest first (one query).

    The chat is the part of its case's public timeline written since it started:
    the opening message, the resident's messages and the public replies.
    """
    if session.case is None:
        return []
    case: Case = session.case
    events = CaseEvent.objects.filter(
        case=case,
        is_public=True,
        kind__in=[EventKind.CREATED, EventKind.RESIDENT_MESSAGE, EventKind.PUBLIC_REPLY],
        created_at__gte=session.created_at - dt.timedelta(seconds=1),
    ).order_by("created_at", "id")
    out = []
    for event in events:
        if event.kind == EventKind.PUBLIC_REPLY:
            out.append((event, "staff", event.body))
        else:
            text = case.description if event.kind == EventKind.CREATED else event.body
            out.append((event, "resident", text))
    return out
