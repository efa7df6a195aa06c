"""Reads for Open311: a jurisdiction's services and requests, each list in a fixed query count.

Everything a request row shows (latest public note, first public photo, next
promised step) is computed by subqueries in the one list query, so a page of
1000 requests costs the same few queries as a page of 3.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)

from cases.models import (
    OPEN_STATUSES,
    Case,
    CaseAttachment,
    CaseEvent,
    CaseStep,
    EventKind,
    Status,
)
from catalogue.models import QuestionOption, Service, ServiceQuestion
from organisations.models import Jurisdiction

MAX_REQUESTS = 1000

CLOSED_STATUSES = frozenset({Status.RESOLVED, Status.CLOSED, Status.DECLINED})
# Public events that tell the resident something about where their request stands.
NOTE_KINDS = (
    EventKind.STATUS_CHANGED,
    EventKind.REOPENED,
    EventKind.PUBLIC_REPLY,
    EventKind.MERGED,
)
STATUS_KINDS = (EventKind.STATUS_CHANGED, EventKind.REOPENED)


def open311_status(status: str) -> str:
    return "open" if status in OPEN_STATUSES else "closed"


def statuses_for(open311_statuses: Collection[str]) -> set[str]:
    """Our statuses behind Open311's "open" / "closed"."""
    ours: set[str] = set()
    if "open" in open311_statuses:
        ours |= {str(s) for s in OPEN_STATUSES}
    if "closed" in open311_statuses:
        ours |= {str(s) for s in CLOSED_STATUSES}
    return ours


def services_for(jurisdiction: Jurisdiction) -> QuerySet[Service]:
    has_questions = ServiceQuestion.objects.filter(service=OuterRef("pk"))
    return (
        Service.objects.filter(jurisdiction=jurisdiction, is_active=True)
        .select_related("group")
        .annotate(has_questions=Exists(has_questions))
        .order_by("name", "id")
    )


def service_definition(jurisdiction: Jurisdiction, service_code: str) -> Service | None:
    options = QuestionOption.objects.order_by("order", "id")
    questions = ServiceQuestion.objects.order_by("order", "id").prefetch_related(
        Prefetch("options", queryset=options)
    )
    return (
        Service.objects.filter(jurisdiction=jurisdiction, service_code=service_code, is_active=True)
        .prefetch_related(Prefetch("questions", queryset=questions))
        .first()
    )


def _annotated(queryset: QuerySet[Case]) -> QuerySet[Case]:
    latest_note = (
        CaseEvent.objects.filter(case=OuterRef("pk"), is_public=True, kind__in=NOTE_KINDS)
        .exclude(body="")
        .order_by("-created_at", "-id")
        .values("body")[:1]
    )
    first_photo = (
        CaseAttachment.objects.filter(case=OuterRef("pk"), is_public=True)
        .order_by("uploaded_at", "id")
        .values("file")[:1]
    )
    next_step = CaseStep.objects.filter(case=OuterRef("pk"), completed_at=None).order_by("order")
    return queryset.select_related(
        "service", "department", "service__standard", "open311_metadata"
    ).annotate(
        status_note=Subquery(latest_note),
        photo_path=Subquery(first_photo),
        next_step_name=Subquery(next_step.values("name")[:1]),
        next_step_due=Subquery(next_step.values("due_at")[:1]),
    )


def prefetch_extensions(cases: list[Case]) -> None:
    """Load the public timeline and the promised steps: two more queries, whatever the count."""
    events = CaseEvent.objects.filter(is_public=True).order_by("created_at", "id")
    prefetch_related_objects(
        cases,
        Prefetch("events", queryset=events, to_attr="public_events"),
        Prefetch("steps", queryset=CaseStep.objects.order_by("order")),
    )


def requests_for(
    jurisdiction: Jurisdiction,
    *,
    tracking_numbers: Collection[str] | None = None,
    service_codes: Collection[str] | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    statuses: Collection[str] | None = None,
    limit: int = MAX_REQUESTS,
) -> list[Case]:
    """Requests, newest first. Given tracking numbers, the spec says to ignore the other filters."""
    queryset = Case.objects.filter(jurisdiction=jurisdiction)
    if tracking_numbers is not None:
        queryset = queryset.filter(tracking_number__in=list(tracking_numbers))
    else:
        if service_codes:
            queryset = queryset.filter(service__service_code__in=list(service_codes))
        if start is not None:
            queryset = queryset.filter(created_at__gte=start)
        if end is not None:
            queryset = queryset.filter(created_at__lte=end)
        if statuses:
            queryset = queryset.filter(status__in=list(statuses))
    return list(_annotated(queryset).order_by("-created_at", "-id")[:limit])


def request_by_id(jurisdiction: Jurisdiction, tracking_number: str) -> Case | None:
    return _annotated(
        Case.objects.filter(jurisdiction=jurisdiction, tracking_number=tracking_number)
    ).first()


def request_updates(
    jurisdiction: Jurisdiction,
    *,
    start: dt.datetime,
    end: dt.datetime,
    limit: int = MAX_REQUESTS,
) -> list[CaseEvent]:
    """Public updates in a window, oldest first, each with the case status as it stood then.

    Oldest first so that a client that got `limit` rows continues from the last
    one's updated_datetime.
    """
    status_then = (
        CaseEvent.objects.filter(case=OuterRef("case"), kind__in=STATUS_KINDS)
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), id__lte=OuterRef("id"))
        )
        .order_by("-created_at", "-id")
        .values("data__after")[:1]
    )
    return list(
        CaseEvent.objects.filter(
            case__jurisdiction=jurisdiction,
            is_public=True,
            kind__in=(*NOTE_KINDS, EventKind.CREATED, EventKind.RESIDENT_MESSAGE),
            created_at__gte=start,
            created_at__lte=end,
        )
        .select_related("case")
        .annotate(status_then=Subquery(status_then))
        .order_by("created_at", "id")[:limit]
    )


def case_for_update(jurisdiction: Jurisdiction, tracking_number: str) -> Case | None:
    return Case.objects.filter(jurisdiction=jurisdiction, tracking_number=tracking_number).first()
