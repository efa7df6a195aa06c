"""BRE over the REST API (/api/v1/bre/…): reads through bre.selectors, writes through
bre.services. Registered in api/main.py with one line; contacts' personal data is in a
business's detail only for roles that may see it."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, QuerySet
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from api import schemas
from api.auth import AuthedRequest, require_perm
from api.errors import ApiError
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT, keyset_page
from bre import selectors, services
from bre.models import Action, Business, Flag, MacroIssue, Visit
from catalogue.selectors import service_by_code

router = Router(tags=["bre"])


class ContactOut(Schema):
    full_name: str
    role_title: str
    email: str
    phone: str
    is_primary: bool


class BusinessOut(Schema):
    id: int
    legal_name: str
    trading_name: str
    address: str
    zipcode: str
    lat: float | None
    long: float | None
    naics_code: str
    sector: str
    employees_band: str
    ownership: str
    is_key_company: bool
    status: str
    officer: str | None
    created_at: dt.datetime


class BusinessPage(Schema):
    items: list[BusinessOut]
    next_cursor: str | None


class FlagOut(Schema):
    id: int
    business_id: int
    colour: str
    title: str
    owner: str
    due_on: dt.date
    status: str
    response: str
    raised_at: dt.datetime
    resolved_at: dt.datetime | None
    from_rule: bool


class FlagPage(Schema):
    items: list[FlagOut]
    next_cursor: str | None


class ActionOut(Schema):
    id: int
    business_id: int
    summary: str
    tracking_number: str
    department: str
    case_status: str
    resolution_due: dt.datetime
    resolved_at: dt.datetime | None
    created_at: dt.datetime


class ActionPage(Schema):
    items: list[ActionOut]
    next_cursor: str | None


class ActionIn(Schema):
    business_id: int
    service_code: str = Field(max_length=64)
    summary: str = Field(max_length=200)
    description: str = Field("", max_length=10_000)
    answers: dict[str, Any] = Field(default_factory=dict)


class ActionCreated(ActionOut):
    steps: list[schemas.StepOut]


class AnswerOut(Schema):
    code: str
    value: Any


class VisitOut(Schema):
    id: int
    business_id: int
    officer: str
    status: str
    scheduled_for: dt.datetime
    done_at: dt.datetime | None
    instrument: str | None
    answers: list[AnswerOut]
    created_at: dt.datetime


class VisitPage(Schema):
    items: list[VisitOut]
    next_cursor: str | None


class IssueOut(Schema):
    id: int
    title: str
    description: str
    plan: str
    owner: str
    status: str
    business_ids: list[int]
    case_tracking_numbers: list[str]
    created_at: dt.datetime


class IssuePage(Schema):
    items: list[IssueOut]
    next_cursor: str | None


class BusinessDetailOut(BusinessOut):
    contacts: list[ContactOut] | None = Field(
        None, description="Only for roles that may see contacts' personal data; else null."
    )
    open_flags: list[FlagOut]
    actions: list[ActionOut]
    macro_issue_ids: list[int]


def _limit(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise HttpError(400, f"limit must be between 1 and {MAX_LIMIT}.")


def _business_out(b: Business) -> dict[str, Any]:
    return {
        "id": b.pk,
        "legal_name": b.legal_name,
        "trading_name": b.trading_name,
        "address": b.address,
        "zipcode": b.zipcode,
        "lat": float(b.lat) if b.lat is not None else None,
        "long": float(b.long) if b.long is not None else None,
        "naics_code": b.naics_code,
        "sector": b.sector,
        "employees_band": b.employees_band,
        "ownership": b.ownership,
        "is_key_company": b.is_key_company,
        "status": b.status,
        "officer": b.officer.username if b.officer else None,
        "created_at": b.created_at,
    }


def _flag_out(f: Flag) -> dict[str, Any]:
    return {
        "id": f.pk,
        "business_id": f.business_id,
        "colour": f.colour,
        "title": f.title,
        "owner": f.owner.username,
        "due_on": f.due_on,
        "status": f.status,
        "response": f.response,
        "raised_at": f.raised_at,
        "resolved_at": f.resolved_at,
        "from_rule": f.rule_id is not None,
    }


def _action_out(a: Action) -> dict[str, Any]:
    return {
        "id": a.pk,
        "business_id": a.business_id,
        "summary": a.summary,
        "tracking_number": a.case.tracking_number,
        "department": str(a.case.department),
        "case_status": a.case.status,
        "resolution_due": a.case.resolution_due,
        "resolved_at": a.case.resolved_at,
        "created_at": a.created_at,
    }


class BusinessFilters(Schema):
    sector: str | None = None
    status: str | None = None
    key_only: bool = False
    q: str | None = Field(None, max_length=100)
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


@router.get("/businesses", response={200: BusinessPage, **schemas.ERRORS})
def list_businesses(request: AuthedRequest, filters: Query[BusinessFilters]) -> Any:
    """The register, newest first (follow next_cursor). No contacts here."""
    require_perm(request.auth, "bre.view_business")
    _limit(filters.limit)
    businesses = selectors.businesses_visible_to(request.auth).select_related("officer")
    if filters.sector:
        businesses = businesses.filter(selectors.sector_filter(filters.sector))
    if filters.status:
        businesses = businesses.filter(status=filters.status)
    if filters.key_only:
        businesses = businesses.filter(is_key_company=True)
    if filters.q:
        businesses = businesses.filter(legal_name__icontains=filters.q)
    page = keyset_page(businesses, cursor=filters.cursor, limit=filters.limit)
    return {"items": [_business_out(b) for b in page["items"]], "next_cursor": page["next_cursor"]}


@router.get("/businesses/{business_id}", response={200: BusinessDetailOut, **schemas.ERRORS})
def get_business(request: AuthedRequest, business_id: int) -> Any:
    require_perm(request.auth, "bre.view_business")
    business = selectors.business_for(request.auth, business_id)
    if business is None:
        raise HttpError(404, "No such business.")
    contacts = (
        [
            {
                "full_name": c.full_name,
                "role_title": c.role_title,
                "email": c.email,
                "phone": c.phone,
                "is_primary": c.is_primary,
            }
            for c in selectors.contacts_for(request.auth, business)
        ]
        if selectors.may_see_contacts(request.auth)
        else None
    )
    picture = selectors.business_picture(business)
    return {
        **_business_out(business),
        "contacts": contacts,
        "open_flags": [_flag_out(f) for f in picture.flags if f.status == "open"],
        "actions": [_action_out(a) for a in picture.actions],
        "macro_issue_ids": [i.pk for i in picture.issues],
    }


class VisitFilters(Schema):
    business_id: int | None = None
    status: Literal["scheduled", "done", "cancelled"] | None = None
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


@router.get("/visits", response={200: VisitPage, **schemas.ERRORS})
def list_visits(request: AuthedRequest, filters: Query[VisitFilters]) -> Any:
    """Visits with their interview answers, newest first. Notes are not included."""
    require_perm(request.auth, "bre.view_visit")
    _limit(filters.limit)
    visits = Visit.objects.select_related("officer", "instrument").prefetch_related(
        "answers__question"
    )
    if filters.business_id is not None:
        visits = visits.filter(business_id=filters.business_id)
    if filters.status:
        visits = visits.filter(status=filters.status)
    page = keyset_page(visits, cursor=filters.cursor, limit=filters.limit)
    text_ok = request.auth.has_perm("bre.export_contacts")
    items = [
        {
            "id": v.pk,
            "business_id": v.business_id,
            "officer": v.officer.username,
            "status": v.status,
            "scheduled_for": v.scheduled_for,
            "done_at": v.done_at,
            "instrument": str(v.instrument) if v.instrument else None,
            "answers": [
                {"code": a.code, "value": a.value}
                for a in v.answers.all()
                # A free-text answer may name people: only for roles that may export contacts.
                if text_ok or a.question.datatype != "text"
            ],
            "created_at": v.created_at,
        }
        for v in page["items"]
    ]
    return {"items": items, "next_cursor": page["next_cursor"]}


class FlagFilters(Schema):
    status: Literal["open", "resolved"] | None = None
    colour: Literal["red", "yellow"] | None = None
    business_id: int | None = None
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


@router.get("/flags", response={200: FlagPage, **schemas.ERRORS})
def list_flags(request: AuthedRequest, filters: Query[FlagFilters]) -> Any:
    require_perm(request.auth, "bre.view_flag")
    _limit(filters.limit)
    flags: QuerySet[Any] = Flag.objects.select_related("owner").annotate(created_at=F("raised_at"))
    if filters.status:
        flags = flags.filter(status=filters.status)
    if filters.colour:
        flags = flags.filter(colour=filters.colour)
    if filters.business_id is not None:
        flags = flags.filter(business_id=filters.business_id)
    page = keyset_page(flags, cursor=filters.cursor, limit=filters.limit)
    return {"items": [_flag_out(f) for f in page["items"]], "next_cursor": page["next_cursor"]}


class ActionFilters(Schema):
    business_id: int | None = None
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


@router.get("/actions", response={200: ActionPage, **schemas.ERRORS})
def list_actions(request: AuthedRequest, filters: Query[ActionFilters]) -> Any:
    """Follow-ups filed as cases, with the case's status now."""
    require_perm(request.auth, "bre.view_action")
    _limit(filters.limit)
    actions = Action.objects.select_related("case", "case__department", "case__department__parent")
    if filters.business_id is not None:
        actions = actions.filter(business_id=filters.business_id)
    page = keyset_page(actions, cursor=filters.cursor, limit=filters.limit)
    return {"items": [_action_out(a) for a in page["items"]], "next_cursor": page["next_cursor"]}


@router.post("/actions", response={201: ActionCreated, **schemas.ERRORS})
def create_action(request: AuthedRequest, payload: ActionIn) -> Any:
    """File a follow-up as a case on channel "bre" at the business's address; answers
    the case's tracking number, department and promised dates."""
    require_perm(request.auth, "bre.add_action")
    business = selectors.business_for(request.auth, payload.business_id)
    if business is None:
        raise HttpError(404, "No such business.")
    service = service_by_code(
        jurisdiction_id=business.jurisdiction_id,
        service_code=payload.service_code,
        active_only=True,
    )
    if service is None:
        raise HttpError(404, f"No service {payload.service_code}.")
    try:
        action = services.action_file(
            business=business,
            service=service,
            summary=payload.summary,
            description=payload.description,
            answers=payload.answers,
            by=request.auth,
        )
    except PermissionDenied:
        raise HttpError(403, "Your role does not allow this.") from None
    except ValidationError as exc:
        raise ApiError.from_validation(exc) from None
    return Status(201, {**_action_out(action), "steps": list(action.case.steps.all())})


class IssueFilters(Schema):
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


@router.get("/issues", response={200: IssuePage, **schemas.ERRORS})
def list_issues(request: AuthedRequest, filters: Query[IssueFilters]) -> Any:
    """Macro-issues with the businesses and cases they link."""
    require_perm(request.auth, "bre.view_macroissue")
    _limit(filters.limit)
    issues = MacroIssue.objects.select_related("owner").prefetch_related("businesses", "cases")
    page = keyset_page(issues, cursor=filters.cursor, limit=filters.limit)
    items = [
        {
            "id": i.pk,
            "title": i.title,
            "description": i.description,
            "plan": i.plan,
            "owner": i.owner.username,
            "status": i.status,
            "business_ids": sorted(b.pk for b in i.businesses.all()),
            "case_tracking_numbers": sorted(c.tracking_number for c in i.cases.all()),
            "created_at": i.created_at,
        }
        for i in page["items"]
    ]
    return {"items": items, "next_cursor": page["next_cursor"]}
