"""Writing the audit trail: one function, called by the apps where the action happens."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from audit.context import current_request, request_actor
from audit.models import AuditEvent, AuditKind

MAX_TARGET = 200
MAX_USERNAME = 150


def audit_record(
    *,
    kind: AuditKind,
    actor: Any = None,
    request: HttpRequest | None = None,
    target: str = "",
    detail: dict[str, Any] | None = None,
    resident_id: int | None = None,
    username: str = "",
    anonymous: bool = False,
) -> AuditEvent:
    """Append one event. Actor and address come from ``request`` (or the request being
    served) when not given; ``anonymous`` records neither (a resident acting on their own
    data: the trail is about staff and must not keep a resident's account or address)."""
    request = None if anonymous else (request or current_request())
    request_user, address = request_actor(request)
    actor = actor if actor is not None else request_user
    if actor is not None and not getattr(actor, "pk", None):
        actor = None
    name = username or (actor.get_username() if actor is not None else "")
    return AuditEvent.objects.create(
        at=timezone.now(),
        kind=kind,
        actor=actor,
        actor_username=str(name)[:MAX_USERNAME],
        ip_address=address,
        target=str(target)[:MAX_TARGET],
        detail=detail or {},
        resident_id=resident_id,
    )


def is_sensitive_service(service_code: str) -> bool:
    """Services whose case views are audited (``CIVICDESK_AUDIT_SENSITIVE_SERVICES``;
    ``*`` audits every case view)."""
    codes = settings.AUDIT_SENSITIVE_SERVICES
    return "*" in codes or service_code in codes


def audit_case_view(*, request: HttpRequest, case: Any) -> None:
    """Record that a staff member opened a case, if its service is a sensitive one."""
    service_code = getattr(case.service, "service_code", "")
    if is_sensitive_service(service_code):
        audit_record(
            kind=AuditKind.CASE_VIEW,
            request=request,
            target=f"case {case.tracking_number}",
            detail={"service": service_code},
            resident_id=case.resident_id,
        )
