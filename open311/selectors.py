"""Reads for Open311: a jurisdiction's services and requests, each list in a fixed query count.

A page of requests is one query for the cases (only the columns a row shows, as
plain values: RequestRow), one each for the page's services and departments, and
one each for what a row shows beyond the case (first public photo, next promised
step), read for the whole page with a window function (the first row per case), so
a page of 1000 requests costs the same five queries as a page of 3, and no row runs
a subquery. The latest public note is a column of the case (Case.public_note).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import RowNumber

from cases.models import (
    OPEN_STATUSES,
    PUBLISHED,
    Case,
    CaseAttachment,
    CaseEvent,
    CaseStep,
    EventKind,
    Status,
)
from catalogue.models import QuestionOption, Service, ServiceQuestion
from organisations.models import Department, Jurisdiction

MAX_REQUESTS = 1000

CLOSED_STATUSES = frozenset({Status.RESOLVED, Status.CLOSED, Status.DECLINED})
# Events that say where a request stands. Their text is published only when staff
# wrote it for publication (PUBLISHED); replies to the resident and the resident's
# own messages are never read here: they may name the resident or be theirs.
NOTE_KINDS = (
    EventKind.STATUS_CHANGED,
    EventKind.REOPENED,
    EventKind.MERGED,
)
STATUS_KINDS = (EventKind.STATUS_CHANGED, EventKind.REOPENED)
# Public timeline entries whose text is ours, never the resident's (a step's name).
OWN_TEXT_KINDS = (EventKind.STEP_COMPLETED,)


def public_text(kind: str, body: str, data: dict[str, Any] | None) -> str:
    """What an event may say on Open311: a published note, a step's name, else nothing."""
    if kind in OWN_TEXT_KINDS or (data or {}).get(PUBLISHED) is True:
        return body
    return ""


def public_cases(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """Only the cases of services the city publishes on Open311."""
    return queryset.filter(service__open311_public=True)


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


def service_for_request(jurisdiction: Jurisdiction, service_code: str) -> Service | None:
    """The active service a POST names, with its jurisdiction (the promise needs its calendar)."""
    return (
        Service.objects.select_related("jurisdiction")
        .filter(jurisdiction=jurisdiction, service_code=service_code, is_active=True)
        .first()
    )


def _first_per_case(queryset: QuerySet[Any], case_ids: list[int], *order: str) -> QuerySet[Any]:
    """The first row per case in `order`, for the given cases: one query, no per-row subquery."""
    ordering = [F(o[1:]).desc() if o.startswith("-") else F(o).asc() for o in order]
    first: QuerySet[Any] = (
        queryset.filter(case_id__in=case_ids)
        .annotate(rank=Window(RowNumber(), partition_by=[F("case_id")], order_by=ordering))
        .filter(rank=1)
    )
    return first


@dataclass(slots=True)
class RequestRow:
    """What one request row shows, read as plain values: a page of 1000 requests costs
    no model instances (they were most of its Python time) and no per-row query."""

    pk: int
    tracking_number: str
    status: str
    status_note: str
    service: Service
    department: Department
    address: str
    zipcode: str
    lat: Any
    long: Any
    channel: str
    created_at: dt.datetime
    updated_at: dt.datetime
    first_response_due: dt.datetime
    resolution_due: dt.datetime
    media_url: str | None
    address_id: str | None
    account_id: str | None
    photo_token: str | None = None
    next_step_name: str | None = None
    next_step_due: dt.datetime | None = None
    extension_steps: list[StepRow] = field(default_factory=list)
    public_events: list[EventRow] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


# The case columns a request row shows, in RequestRow's order after the service and
# department (which are read once per distinct one, not joined on every row).
ROW_COLUMNS = (
    "id",
    "tracking_number",
    "status",
    "public_note",
    "service_id",
    "department_id",
    "address",
    "zipcode",
    "lat",
    "long",
    "channel",
    "created_at",
    "updated_at",
    "first_response_due",
    "resolution_due",
    "open311_metadata__media_url",
    "open311_metadata__address_id",
    "open311_metadata__account_id",
)


def _request_rows(queryset: QuerySet[Case]) -> list[RequestRow]:
    """The page's rows as RequestRow, with their services (and standards) and departments
    read in two small queries and shared between rows."""
    values = list(queryset.values_list(*ROW_COLUMNS))
    if not values:
        return []
    services = Service.objects.select_related("standard").in_bulk({v[4] for v in values})
    departments = Department.objects.in_bulk({v[5] for v in values})
    return [
        RequestRow(pk, number, status, note, services[service], departments[department], *rest)
        for pk, number, status, note, service, department, *rest in values
    ]


def with_row_details(rows: list[RequestRow]) -> list[RequestRow]:
    """Attach what a request row shows beyond the case's own columns, in two queries.

    Each row gets `photo_token` (its first public photo) and `next_step_name` /
    `next_step_due` (the next promised step), read for the whole page at once whatever
    its size. The latest public note is the case's own column (Case.public_note).
    """
    ids = [row.pk for row in rows]
    if not ids:
        return rows
    photos = dict(
        _first_per_case(
            CaseAttachment.objects.filter(is_public=True), ids, "uploaded_at", "id"
        ).values_list("case_id", "token")
    )
    steps = {
        case_id: (name, due)
        for case_id, name, due in _first_per_case(
            CaseStep.objects.filter(completed_at=None), ids, "order", "id"
        ).values_list("case_id", "name", "due_at")
    }
    for row in rows:
        row.photo_token = photos.get(row.pk)
        row.next_step_name, row.next_step_due = steps.get(row.pk, (None, None))
    return rows


@dataclass(frozen=True)
class StepRow:
    order: int
    name: str
    due_at: dt.datetime
    completed_at: dt.datetime | None


@dataclass(frozen=True)
class EventRow:
    kind: str
    created_at: dt.datetime
    body: str  # already what Open311 may show (public_text)


def prefetch_extensions(rows: list[RequestRow]) -> None:
    """Load the public timeline and the promised steps: two more queries, whatever the count.

    Plain rows, not model instances: a page of 1000 requests carries some 10,000 events.
    """
    by_id = {row.pk: row for row in rows}
    if not by_id:
        return
    step_rows = (
        CaseStep.objects.filter(case_id__in=list(by_id))
        .order_by("case_id", "order")
        .values_list("case_id", "order", "name", "due_at", "completed_at")
    )
    for case_id, order, name, due_at, completed_at in step_rows:
        by_id[case_id].extension_steps.append(StepRow(order, name, due_at, completed_at))
    event_rows = (
        CaseEvent.objects.filter(case_id__in=list(by_id), is_public=True)
        .exclude(kind__in=(EventKind.RESIDENT_MESSAGE, EventKind.PUBLIC_REPLY))
        .order_by("created_at", "id")
        .values_list("case_id", "kind", "created_at", "body", "data")
    )
    for case_id, kind, created_at, body, data in event_rows:
        by_id[case_id].public_events.append(
            EventRow(kind, created_at, public_text(kind, body, data))
        )


def _public_services(
    jurisdiction: Jurisdiction, service_codes: Collection[str] | None
) -> QuerySet[Service, Any]:
    """The services a list may show: published on Open311 (and named, when codes are given).

    Used as an `IN (SELECT ...)` of the cases query: a semi-join on a small table
    that keeps the cases to one index range in created_at order.
    """
    services = Service.objects.filter(jurisdiction=jurisdiction, open311_public=True)
    if service_codes:
        services = services.filter(service_code__in=list(service_codes))
    return services.values("id")


def requests_for(
    jurisdiction: Jurisdiction,
    *,
    tracking_numbers: Collection[str] | None = None,
    service_codes: Collection[str] | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    statuses: Collection[str] | None = None,
    limit: int = MAX_REQUESTS,
    offset: int = 0,
) -> list[RequestRow]:
    """A page of requests, newest first, in a fixed five queries whatever its size.

    Given tracking numbers, the spec says to ignore the other filters.
    """
    queryset = Case.objects.filter(jurisdiction=jurisdiction)
    if tracking_numbers is not None:
        queryset = public_cases(queryset.filter(tracking_number__in=list(tracking_numbers)))
    else:
        queryset = queryset.filter(service_id__in=_public_services(jurisdiction, service_codes))
        if start is not None:
            queryset = queryset.filter(created_at__gte=start)
        if end is not None:
            queryset = queryset.filter(created_at__lte=end)
        if statuses:
            queryset = queryset.filter(status__in=list(statuses))
    page = queryset.order_by("-created_at", "-id")[offset : offset + limit]
    return with_row_details(_request_rows(page))


def request_row_by_id(jurisdiction: Jurisdiction, tracking_number: str) -> RequestRow | None:
    """One public request as a row (GET requests/{id})."""
    rows = requests_for(jurisdiction, tracking_numbers=[tracking_number], limit=1)
    return rows[0] if rows else None


def request_updates(
    jurisdiction: Jurisdiction,
    *,
    start: dt.datetime,
    end: dt.datetime,
    limit: int = MAX_REQUESTS,
) -> list[CaseEvent]:
    """Public updates in a window, oldest first, each with the case status as it stood then.

    Oldest first so that a client that got `limit` rows continues from the last
    one's updated_datetime. Status changes, merges and completed steps only: replies
    to the resident and the resident's messages are theirs, not the public's.
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
            case__service__open311_public=True,
            is_public=True,
            kind__in=(*NOTE_KINDS, *OWN_TEXT_KINDS, EventKind.CREATED),
            created_at__gte=start,
            created_at__lte=end,
        )
        .select_related("case")
        .annotate(status_then=Subquery(status_then))
        .order_by("created_at", "id")[:limit]
    )


def case_for_update(jurisdiction: Jurisdiction, tracking_number: str) -> Case | None:
    return Case.objects.filter(jurisdiction=jurisdiction, tracking_number=tracking_number).first()
