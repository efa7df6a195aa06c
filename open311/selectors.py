"""Reads for Open311: a jurisdiction's services and requests, each list in a fixed query count.

A page of requests is one query for the cases (only the columns a row shows), one
each for the page's services and departments, and one each for what a row shows
beyond the case (latest public note, first public photo, next promised step), read
for the whole page with a window function (the first row per case), so a page of
1000 requests costs the same six queries as a page of 3, and no row runs a subquery.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
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
PUBLISHED_NOTE = Q(**{f"data__{PUBLISHED}": True})


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


def with_row_details(cases: list[Case]) -> list[Case]:
    """Attach what a request row shows beyond the case's own columns, in three queries.

    Each case gets `status_note` (the latest public note's text), `photo_token` (its
    first public photo) and `next_step_name` / `next_step_due` (the next promised step),
    read for the whole page at once whatever its size.
    """
    ids = [case.pk for case in cases]
    if not ids:
        return cases
    notes = dict(
        _first_per_case(
            CaseEvent.objects.filter(PUBLISHED_NOTE, is_public=True, kind__in=NOTE_KINDS).exclude(
                body=""
            ),
            ids,
            "-created_at",
            "-id",
        ).values_list("case_id", "body")
    )
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
    for case in cases:
        name, due = steps.get(case.pk, (None, None))
        vars(case).update(
            status_note=notes.get(case.pk),
            photo_token=photos.get(case.pk),
            next_step_name=name,
            next_step_due=due,
        )
    return cases


# The case columns a request row shows (open311.representations.request_row).
ROW_FIELDS = (
    "id",
    "tracking_number",
    "jurisdiction_id",
    "service_id",
    "department_id",
    "description",
    "address",
    "zipcode",
    "lat",
    "long",
    "channel",
    "status",
    "created_at",
    "updated_at",
    "first_response_due",
    "resolution_due",
    "open311_metadata__media_url",
    "open311_metadata__address_id",
)


def _rows(queryset: QuerySet[Case]) -> QuerySet[Case]:
    return queryset.select_related("open311_metadata").only(*ROW_FIELDS)


def _with_services(cases: list[Case]) -> list[Case]:
    """Each case's service (with its standard) and department, read once per distinct one.

    A page holds a handful of services and departments: two small queries instead of
    three more model instances on every row of the join.
    """
    if not cases:
        return cases
    services = Service.objects.select_related("standard").in_bulk(
        {case.service_id for case in cases}
    )
    departments = Department.objects.in_bulk({case.department_id for case in cases})
    for case in cases:
        Case.service.field.set_cached_value(case, services[case.service_id])
        Case.department.field.set_cached_value(case, departments[case.department_id])
    return cases


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


def prefetch_extensions(cases: list[Case]) -> None:
    """Load the public timeline and the promised steps: two more queries, whatever the count.

    Plain rows, not model instances: a page of 1000 requests carries some 10,000 events.
    Each case gets `extension_steps` and `public_events`.
    """
    ids = [case.pk for case in cases]
    steps: dict[int, list[StepRow]] = {pk: [] for pk in ids}
    events: dict[int, list[EventRow]] = {pk: [] for pk in ids}
    if ids:
        step_rows = (
            CaseStep.objects.filter(case_id__in=ids)
            .order_by("case_id", "order")
            .values_list("case_id", "order", "name", "due_at", "completed_at")
        )
        for case_id, order, name, due_at, completed_at in step_rows:
            steps[case_id].append(StepRow(order, name, due_at, completed_at))
        event_rows = (
            CaseEvent.objects.filter(case_id__in=ids, is_public=True)
            .exclude(kind__in=(EventKind.RESIDENT_MESSAGE, EventKind.PUBLIC_REPLY))
            .order_by("created_at", "id")
            .values_list("case_id", "kind", "created_at", "body", "data")
        )
        for case_id, kind, created_at, body, data in event_rows:
            events[case_id].append(EventRow(kind, created_at, public_text(kind, body, data)))
    for case in cases:
        vars(case).update(extension_steps=steps[case.pk], public_events=events[case.pk])


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
) -> list[Case]:
    """A page of requests, newest first, in six queries whatever its size.

    Given tracking numbers, the spec says to ignore the other filters.
    """
    queryset = public_cases(Case.objects.filter(jurisdiction=jurisdiction))
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
    page = _rows(queryset).order_by("-created_at", "-id")[offset : offset + limit]
    return with_row_details(_with_services(list(page)))


def request_by_id(jurisdiction: Jurisdiction, tracking_number: str) -> Case | None:
    case = _rows(
        public_cases(
            Case.objects.filter(jurisdiction=jurisdiction, tracking_number=tracking_number)
        )
    ).first()
    return with_row_details(_with_services([case]))[0] if case is not None else None


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
