"""The administrators' audit page: filter, page through, download CSV or JSON."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from audit.export import export_lines
from audit.forms import AuditFilterForm
from audit.models import AuditKind
from audit.selectors import AuditQueryError, audit_events
from audit.services import audit_record

PAGE_SIZE = 50


def _may_audit(request: HttpRequest) -> None:
    if not request.user.has_perm("audit.view_auditevent"):
        raise PermissionDenied(_("Only administrators read the audit trail."))


@login_required
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    _may_audit(request)
    form = AuditFilterForm(request.GET or None)
    query = form.query() if request.GET else AuditFilterForm({}).query()
    page = None
    if query is not None:
        page = Paginator(audit_events(query), PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "audit/events.html",
        {"form": form, "page": page, "query": query, "params": params.urlencode()},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def audit_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _may_audit(request)
    if not request.user.has_perm("audit.export_auditevent"):
        raise PermissionDenied(_("Only administrators export the audit trail."))
    form = AuditFilterForm(request.GET)
    query = form.query()
    if query is None:
        return render(request, "audit/events.html", {"form": form, "page": None}, status=400)
    try:
        lines = export_lines(audit_events(query), fmt)
        first = next(lines)
    except AuditQueryError as error:
        form.add_error(None, str(error))
        return render(request, "audit/events.html", {"form": form, "page": None}, status=400)
    audit_record(
        kind=AuditKind.EXPORT,
        request=request,
        target="audit trail",
        detail={"format": fmt, "since": query.since.isoformat(), "until": query.until.isoformat()},
    )
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    response = StreamingHttpResponse(_chain(first, lines), content_type=content_type)
    name = f"audit-{query.since:%Y%m%d}-{query.until:%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response  # type: ignore[return-value]


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest
