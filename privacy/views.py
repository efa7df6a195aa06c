"""Staff pages for residents' data requests, legal holds and the retention report.

Thin: parse, call privacy.services, render. Who may use them is the role's
permission (privacy.handle_datarequest, privacy.place_legalhold).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit.models import AuditKind
from audit.services import audit_record
from cases.models import Case
from privacy import selectors, services
from privacy.copy import copy_response
from privacy.forms import CompleteRequestForm, LiftHoldForm, NewRequestForm, PlaceHoldForm
from privacy.models import DataRequest, LegalHold, RequestKind, RequestStatus

PAGE_SIZE = 50


def _needs(permission: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                login = resolve_url(settings.LOGIN_URL)
                return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
            if not request.user.has_perm(permission):
                raise PermissionDenied(_("Your role does not include residents' data requests."))
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


@_needs("privacy.handle_datarequest")
@require_http_methods(["GET", "POST"])
def data_requests(request: HttpRequest) -> HttpResponse:
    form = NewRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        resident = selectors.find_resident(contact=form.cleaned_data["contact"])
        if resident is None:
            form.add_error("contact", _("No resident has that email, phone or tracking number."))
        else:
            opened = services.data_request_open(
                resident=resident,
                kind=form.cleaned_data["kind"],
                via=form.cleaned_data["via"],
                by=request.user,
            )
            return redirect("privacy:request", pk=opened.pk)
    page = Paginator(selectors.pending_requests(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/requests.html",
        {"page": page, "form": form},
        status=400 if form.errors else 200,
    )


@_needs("privacy.handle_datarequest")
@require_http_methods(["GET", "POST"])
def data_request(request: HttpRequest, pk: int) -> HttpResponse:
    data_req = get_object_or_404(DataRequest.objects.select_related("resident"), pk=pk)
    form = CompleteRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.data_request_complete(
                request=data_req,
                identity_check=form.cleaned_data["identity_check"],
                by=request.user,
            )
        except services.PrivacyError as error:
            messages.error(request, str(error))
        else:
            data_req.refresh_from_db()
            messages.info(request, data_req.outcome)
        return redirect("privacy:request", pk=data_req.pk)
    holds = list(services.active_holds(resident=data_req.resident))
    return render(
        request,
        "privacy/request.html",
        {"r": data_req, "form": form, "holds": holds, "RequestStatus": RequestStatus},
        status=400 if form.errors else 200,
    )


@_needs("privacy.handle_datarequest")
def data_request_copy(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The copy of a done export request, as JSON or as a readable page."""
    data_req = get_object_or_404(
        DataRequest, pk=pk, kind=RequestKind.EXPORT, status=RequestStatus.DONE
    )
    export = services.resident_export(resident=data_req.resident)
    audit_record(
        kind=AuditKind.EXPORT,
        request=request,
        target=f"data request {data_req.pk}",
        detail={"format": fmt},
        resident_id=data_req.resident_id,
    )
    return copy_response(export, fmt=fmt, name=f"data-request-{data_req.pk}")


@_needs("privacy.place_legalhold")
@require_http_methods(["GET", "POST"])
def legal_holds(request: HttpRequest) -> HttpResponse:
    form = PlaceHoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subject = form.cleaned_data["subject"].strip()
        case = Case.objects.filter(tracking_number=subject.upper()).first()
        resident = None if case else selectors.find_resident(contact=subject)
        if case is None and resident is None:
            form.add_error(
                "subject", _("No case has that tracking number and no resident that email.")
            )
        else:
            try:
                services.legal_hold_place(
                    case=case,
                    resident=resident,
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except services.PrivacyError as error:
                form.add_error("reason", str(error))
            else:
                messages.info(request, _("The legal hold is in place."))
                return redirect("privacy:holds")
    page = Paginator(selectors.active_legal_holds(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/holds.html",
        {"page": page, "form": form, "lift_form": LiftHoldForm()},
        status=400 if form.errors else 200,
    )


@_needs("privacy.place_legalhold")
@require_POST
def legal_hold_lift(request: HttpRequest, pk: int) -> HttpResponse:
    hold = get_object_or_404(LegalHold, pk=pk)
    form = LiftHoldForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the hold is lifted."))
        return redirect("privacy:holds")
    try:
        services.legal_hold_lift(hold=hold, reason=form.cleaned_data["reason"], by=request.user)
    except services.PrivacyError as error:
        messages.error(request, str(error))
    else:
        messages.info(request, _("The legal hold is lifted."))
    return redirect("privacy:holds")


@_needs("privacy.place_legalhold")
def retention_report(request: HttpRequest) -> HttpResponse:
    """What the next retention run would remove, by service (a dry run)."""
    report = services.apply_retention(dry_run=True)
    return render(request, "privacy/retention.html", {"report": report})
