"""Who is acting in this request, for records written where no request is at hand
(a role changed in the admin reaches us as an m2m_changed signal)."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

from core.clientaddr import axes_client_ip

_request: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)


def current_request() -> HttpRequest | None:
    return _request.get()


def request_actor(request: HttpRequest | None) -> tuple[Any, str | None]:
    """(the signed-in user or None, the real client address or None)."""
    if request is None:
        return None, None
    user = getattr(request, "user", None)
    actor = user if getattr(user, "is_authenticated", False) else None
    return actor, axes_client_ip(request)


class AuditContextMiddleware:
    """Keeps the request at hand for the audit records written while it runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
