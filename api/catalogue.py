"""The service catalogue over the REST API (read-only; the admin edits it)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from ninja import Router
from ninja.errors import HttpError

from api import schemas
from api.auth import AuthedRequest, require_perm
from catalogue.models import QuestionOption, Service, ServiceQuestion, StandardStep

router = Router(tags=["catalogue"])


def _services() -> QuerySet[Service]:
    return Service.objects.select_related(
        "jurisdiction", "department", "department__parent", "group"
    ).order_by("name", "id")


def _duration(amount: int, unit: str) -> str:
    return f"{amount} {unit.replace('_', ' ')}"


def service_row(service: Service) -> dict[str, Any]:
    return {
        "service_code": service.service_code,
        "jurisdiction_id": service.jurisdiction.jurisdiction_id,
        "name": service.name,
        "description": service.description,
        "department": str(service.department),
        "group": service.group.name if service.group else None,
        "open311_type": service.open311_type,
        "keywords": service.keyword_list,
        "what_to_provide": service.what_to_provide,
        "needs_location": service.needs_location,
        "allows_anonymous": service.allows_anonymous,
    }


def service_detail(service: Service) -> dict[str, Any]:
    standard = getattr(service, "standard", None)
    return {
        **service_row(service),
        "questions": [
            {
                "code": q.code,
                "datatype": q.datatype,
                "required": q.required,
                "variable": q.variable,
                "order": q.order,
                "description": q.description,
                "datatype_description": q.datatype_description,
                "options": [{"key": o.key, "name": o.name} for o in q.options.all()],
            }
            for q in service.questions.all()
        ],
        "standard": None
        if standard is None
        else {
            "priority": standard.priority,
            "first_response": _duration(
                standard.first_response_amount, standard.first_response_unit
            ),
            "resolution": _duration(standard.resolution_amount, standard.resolution_unit),
            "minimum_expectation": standard.minimum_expectation,
            "steps": [
                {
                    "order": step.order,
                    "name": step.name,
                    "description": step.description,
                    "duration": _duration(step.duration_amount, step.duration_unit),
                }
                for step in standard.steps.all()
            ],
        },
    }


@router.get("/services", response={200: list[schemas.ServiceOut], **schemas.ERRORS})
def list_services(
    request: AuthedRequest, jurisdiction_id: str | None = None, active: bool = True
) -> Any:
    require_perm(request.auth, "catalogue.view_service")
    services = _services().filter(is_active=active)
    if jurisdiction_id:
        services = services.filter(jurisdiction__jurisdiction_id=jurisdiction_id)
    return [service_row(s) for s in services]


@router.get("/services/{service_code}", response={200: schemas.ServiceDetailOut, **schemas.ERRORS})
def get_service(
    request: AuthedRequest, service_code: str, jurisdiction_id: str | None = None
) -> Any:
    """One service with its questions (Open311 attributes) and its standard."""
    require_perm(request.auth, "catalogue.view_service")
    questions = ServiceQuestion.objects.order_by("order", "id").prefetch_related(
        Prefetch("options", queryset=QuestionOption.objects.order_by("order", "id"))
    )
    services = (
        _services()
        .select_related("standard")
        .prefetch_related(
            Prefetch("questions", queryset=questions),
            Prefetch("standard__steps", queryset=StandardStep.objects.order_by("order", "id")),
        )
        .filter(service_code=service_code)
    )
    if jurisdiction_id:
        services = services.filter(jurisdiction__jurisdiction_id=jurisdiction_id)
    found = list(services[:2])
    if not found:
        raise HttpError(404, f"No service {service_code}.")
    if len(found) > 1:
        raise HttpError(400, "Give jurisdiction_id: several jurisdictions use this code.")
    return service_detail(found[0])
