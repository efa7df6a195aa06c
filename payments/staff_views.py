"""The finance office's page: one local day of payments and refunds, and its CSV."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from organisations.models import Jurisdiction
from payments.reports import reconciliation_csv
from payments.selectors import Reconciliation, reconciliation
from payments.services import money


def _report(request: HttpRequest) -> tuple[Jurisdiction, dt.date, Reconciliation, str]:
    jurisdiction = (
        Jurisdiction.objects.filter(departments__staff=request.user.pk).order_by("pk").first()
        or Jurisdiction.objects.order_by("pk").first()
    )
    if jurisdiction is None:
        raise PermissionDenied(_("No jurisdiction."))
    today = timezone.localtime(timezone.now(), jurisdiction.zone).date()
    problem = ""
    raw = request.GET.get("date", "")[:10]
    day = today - dt.timedelta(days=1)
    if raw:
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            problem = _("Enter a date like 2026-12-01.")
    return jurisdiction, day, reconciliation(jurisdiction, day), problem


def _allowed(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        login = reverse("workspace:login")
        return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
    if not request.user.has_perm("payments.view_payment"):
        raise PermissionDenied(_("Payments are for the finance office and administrators."))
    return None


@require_GET
def reconciliation_page(request: HttpRequest) -> HttpResponse:
    if (refused := _allowed(request)) is not None:
        return refused
    jurisdiction, day, report, problem = _report(request)
    return render(
        request,
        "payments/reconciliation.html",
        {
            "report": report,
            "day": day,
            "problem": problem,
            "zone": jurisdiction.zone,
            "paid_total": money(report.paid_cents),
            "refunded_total": money(report.refunded_cents),
            "net_total": money(report.net_cents),
        },
        status=400 if problem else 200,
    )


@require_GET
def reconciliation_download(request: HttpRequest) -> HttpResponse:
    if (refused := _allowed(request)) is not None:
        return refused
    _jurisdiction, day, report, problem = _report(request)
    if problem:
        return HttpResponse(problem, status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(reconciliation_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="payments-{day.isoformat()}.csv"'
    return response
