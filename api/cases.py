"""Cases over the REST API: reads scoped by cases_visible_to, writes through cases.services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from api import schemas
from api.auth import AuthedRequest, require_perm
from api.errors import ApiError
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT, keyset_page
from api.selectors import jurisdiction_for, visible_case
from cases.models import Case, Channel
from cases.permissions import Action, CasePermissionDenied, may
from cases.selectors import (
    case_by_tracking_number,
    case_timeline,
    cases_visible_to,
    residents_usable_by,
)
from cases.services import (
    CaseError,
    case_add_internal_note,
    case_create,
)
from catalogue.selectors import service_by_code
from coaching.api import CoachReviewOut
from coaching.services import (
    ReplyBlocked,
    coach_checked_reply,
    coach_checked_status_change,
    coach_review,
)
from core.idempotency import HEADER as IDEMPOTENCY_HEADER
from core.idempotency import (
    IdempotencyError,
    IdempotencyMismatch,
    clean_key,
    fingerprint,
    idempotent_run,
)
from core.params import MAX_ID
from residents.services import resident_find_or_create

router = Router(tags=["cases"])


class CaseFilters(Schema):
    status: list[schemas.StatusName] | None = None
    service_code: str | None = None
    # Ids fit the database's bigint: a 20-digit id is a 422, not an overflow.
    department_id: int | None = Field(None, ge=1, le=MAX_ID)
    owner: str | None = None
    resident_id: int | None = Field(None, ge=1, le=MAX_ID)
    jurisdiction_id: str | None = None
    created_after: dt.datetime | None = None
    created_before: dt.datetime | None = None
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


def utc(value: dt.datetime, name: str) -> dt.datetime:
    """In UTC for the database (PostgreSQL refuses offsets beyond ±15:59); naive means UTC."""
    try:
        if timezone.is_naive(value):
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise HttpError(400, f"{name} is out of range.") from None


def case_row(case: Case) -> dict[str, Any]:
    return {
        "tracking_number": case.tracking_number,
        "status": case.status,
        "priority": case.priority,
        "channel": case.channel,
        "jurisdiction_id": case.jurisdiction.jurisdiction_id,
        "service_code": case.service.service_code,
        "service_name": case.service.name,
        "department": str(case.department),
        "owner": case.owner.username if case.owner else None,
        "resident_id": case.resident_id,
        "address": case.address,
        "lat": float(case.lat) if case.lat is not None else None,
        "long": float(case.long) if case.long is not None else None,
        "escalated": case.escalated,
        "created_at": case.created_at,
        "updated_at": case.updated_at,
        "first_response_due": case.first_response_due,
        "resolution_due": case.resolution_due,
    }


def case_detail(case: Case) -> dict[str, Any]:
    return {
        **case_row(case),
        "description": case.description,
        "answers": case.answers,
        "zipcode": case.zipcode,
        "first_responded_at": case.first_responded_at,
        "resolved_at": case.resolved_at,
        "closed_at": case.closed_at,
        "merged_into": case.merged_into.tracking_number if case.merged_into else None,
        "resident": case.resident,
        "steps": list(case.steps.all()),
    }


@router.get("/cases", response={200: schemas.CasePage, **schemas.ERRORS})
def list_cases(request: AuthedRequest, filters: Query[CaseFilters]) -> Any:
    """Cases you may see, newest first, a page at a time (follow next_cursor)."""
    if not 1 <= filters.limit <= MAX_LIMIT:
        raise HttpError(400, f"limit must be between 1 and {MAX_LIMIT}.")
    cases = cases_visible_to(request.auth).select_related(
        "service", "department", "department__parent", "owner", "jurisdiction"
    )
    if filters.status:
        cases = cases.filter(status__in=filters.status)
    if filters.service_code:
        cases = cases.filter(service__service_code=filters.service_code)
    if filters.department_id is not None:
        cases = cases.filter(department_id=filters.department_id)
    if filters.owner == "me":
        cases = cases.filter(owner=request.auth)
    elif filters.owner == "none":
        cases = cases.filter(owner=None)
    elif filters.owner:
        cases = cases.filter(owner__username=filters.owner)
    if filters.resident_id is not None:
        cases = cases.filter(resident_id=filters.resident_id)
    if filters.jurisdiction_id:
        cases = cases.filter(jurisdiction__jurisdiction_id=filters.jurisdiction_id)
    if filters.created_after:
        cases = cases.filter(created_at__gte=utc(filters.created_after, "created_after"))
    if filters.created_before:
        cases = cases.filter(created_at__lt=utc(filters.created_before, "created_before"))
    page = keyset_page(cases, cursor=filters.cursor, limit=filters.limit)
    return {"items": [case_row(c) for c in page["items"]], "next_cursor": page["next_cursor"]}


@router.get("/cases/{tracking_number}", response={200: schemas.CaseDetailOut, **schemas.ERRORS})
def get_case(request: AuthedRequest, tracking_number: str) -> Any:
    return case_detail(visible_case(request.auth, tracking_number))


@router.get(
    "/cases/{tracking_number}/timeline",
    response={200: list[schemas.EventOut], **schemas.ERRORS},
)
def get_timeline(request: AuthedRequest, tracking_number: str) -> Any:
    """The whole timeline, internal notes included for roles that may see them."""
    case = visible_case(request.auth, tracking_number)
    public_only = not may(request.auth, Action.SEE_INTERNAL_NOTES, case)
    return [_event_out(e) for e in case_timeline(case, public_only=public_only)]


@router.post(
    "/cases",
    response={201: schemas.CaseDetailOut, 409: schemas.ErrorOut, **schemas.ERRORS},
)
def create_case(request: AuthedRequest, payload: schemas.CaseCreateIn) -> Any:
    """Open a case on channel "api"; it gets the same promised dates as a web request.

    Send an `Idempotency-Key` header (a UUID) to retry safely: the same key with the
    same body answers with the case made the first time; the same key with another
    body is a 409 (422 is a body that does not fit the schema). Without a key, an
    identical body within a minute is a repeat too.
    """
    user = request.auth
    require_perm(user, "cases.add_case")
    made: list[Case] = []

    def produce() -> dict[str, Any]:
        made.append(_create_case(user, payload))
        return {"number": made[0].tracking_number}

    try:
        key = clean_key(request.headers.get(IDEMPOTENCY_HEADER))
        result, repeat = idempotent_run(
            scope=f"api:{user.pk}",
            key=key,
            body_fingerprint=fingerprint([request.path, request.body]),
            produce=produce,
        )
    except IdempotencyMismatch as exc:
        raise ApiError(409, str(exc)) from None
    except IdempotencyError as exc:
        raise ApiError(400, str(exc)) from None
    case = made[0] if not repeat else case_by_tracking_number(result["number"])
    if case is None:
        raise ApiError(404, "The case made with this Idempotency-Key no longer exists.")
    return Status(201, case_detail(case))


def _create_case(user: Any, payload: schemas.CaseCreateIn) -> Case:
    jurisdiction = jurisdiction_for(payload.jurisdiction_id)
    service = service_by_code(jurisdiction_id=jurisdiction.pk, service_code=payload.service_code)
    if service is None:
        raise HttpError(404, f"No service {payload.service_code} in {jurisdiction}.")
    try:
        with transaction.atomic():
            if payload.resident_id is not None:
                # A resident you may look up, or a new record with no case anywhere yet
                # (POST /residents, then this): the case would show you their record.
                resident = residents_usable_by(user).filter(pk=payload.resident_id).first()
                if resident is None:
                    raise ValidationError({"resident_id": "No resident with this id."})
            elif payload.resident is not None:
                contact = payload.resident
                resident = resident_find_or_create(
                    full_name=contact.full_name,
                    email=contact.email,
                    phone=contact.phone,
                    fill_blanks=False,
                )
            else:
                resident = None
            case = case_create(
                service=service,
                channel=Channel.API,
                description=payload.description,
                answers=payload.answers,
                resident=resident,
                address=payload.address,
                zipcode=payload.zipcode,
                lat=payload.lat,
                long=payload.long,
                actor=user,
            )
    except ValidationError as exc:
        raise ApiError.from_validation(exc) from None
    return case


def _changed(request: AuthedRequest, tracking_number: str) -> Case:
    """The case to change; who may change it is decided by the case services
    (cases/permissions.py), answered here as 403 with their reason."""
    return visible_case(request.auth, tracking_number)


def _event_out(event: Any) -> dict[str, Any]:
    return {
        "id": event.pk,
        "kind": event.kind,
        "created_at": event.created_at,
        "actor": event.actor_label,
        "is_public": event.is_public,
        "body": event.body,
        "data": event.data,
    }


@router.post(
    "/cases/{tracking_number}/status",
    response={200: schemas.CaseDetailOut, 409: schemas.ErrorOut, **schemas.ERRORS},
)
def change_status(request: AuthedRequest, tracking_number: str, payload: schemas.StatusIn) -> Any:
    """Move the case on; 409 when the lifecycle does not allow that step.

    A `note` reaches the resident, so the reply coach checks it as it checks replies:
    400 with the blocking findings by code in `errors`; the score is kept with the event."""
    case = _changed(request, tracking_number)
    try:
        case = coach_checked_status_change(
            case=case,
            status=payload.status,
            by=request.auth,
            note=payload.note,
            warnings_need_reason=False,
            door="api",
        )
    except ReplyBlocked as exc:
        codes = {f.code: [f.message] for f in exc.review.blocking}
        raise ApiError(400, str(exc), codes) from None
    except CasePermissionDenied as exc:
        raise ApiError(403, str(exc)) from None
    except CaseError as exc:
        raise ApiError(409, str(exc)) from None
    return case_detail(visible_case(request.auth, case.tracking_number))


class ReplyOut(schemas.EventOut):
    coach: CoachReviewOut


@router.post(
    "/cases/{tracking_number}/replies",
    response={201: ReplyOut, 409: schemas.ErrorOut, **schemas.ERRORS},
)
def reply_publicly(request: AuthedRequest, tracking_number: str, payload: schemas.TextIn) -> Any:
    """A reply the resident sees on their tracking page and gets by their channel.

    The reply coach checks it first: 400 with the blocking findings (a blank, a wrong
    date) by code in `errors`; the coach's score is kept with the reply. The message
    goes through the case outbox, written with the reply (cases/outbox.py). The 201
    carries the coach's review of what was sent (`coach`: score and findings)."""
    case = _changed(request, tracking_number)
    try:
        event = coach_checked_reply(case=case, by=request.auth, body=payload.body, door="api")
    except ReplyBlocked as exc:
        codes = {f.code: [f.message] for f in exc.review.blocking}
        raise ApiError(400, str(exc), codes) from None
    except CasePermissionDenied as exc:
        raise ApiError(403, str(exc)) from None
    except CaseError as exc:
        raise ApiError(409, str(exc)) from None
    review = coach_review(text=event.body, case=case).as_dict()
    return Status(201, {**_event_out(event), "coach": review})


@router.post(
    "/cases/{tracking_number}/notes",
    response={201: schemas.EventOut, 409: schemas.ErrorOut, **schemas.ERRORS},
)
def add_internal_note(request: AuthedRequest, tracking_number: str, payload: schemas.TextIn) -> Any:
    """A note for staff only; never shown to the resident or on Open311."""
    case = _changed(request, tracking_number)
    try:
        event = case_add_internal_note(case=case, by=request.auth, body=payload.body)
    except CasePermissionDenied as exc:
        raise ApiError(403, str(exc)) from None
    except CaseError as exc:
        raise ApiError(409, str(exc)) from None
    review = coach_review(text=event.body, case=case).as_dict()
    return Status(201, {**_event_out(event), "coach": review})
