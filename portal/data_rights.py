"""A signed-in resident's data rights: a copy of their data, and erasure of their account.

Thin: the work is privacy.services; a request made here is recorded as coming
from the resident's own account, which proves who asked.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from core.ratelimit import hit
from portal import selectors
from portal.views.base import portal_view, render_page
from privacy.copy import copy_response
from privacy.models import RequestKind, RequestStatus, RequestVia
from privacy.services import data_request_complete, data_request_open, resident_export
from residents.models import Resident


class EraseForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password, to confirm"),
        strip=False,
        max_length=256,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": gettext_lazy("Enter your password to confirm.")},
    )


def _sign_in_first(request: HttpRequest) -> HttpResponse:
    return HttpResponseRedirect(f"{reverse('portal:sign_in')}?next={reverse('portal:my_data')}")


@require_http_methods(["GET", "POST"])
@portal_view
def my_data(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated or request.kiosk:  # type: ignore[attr-defined]
        return _sign_in_first(request)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not hit("portal-erase", str(request.user.pk), limit=5, window_seconds=3600):
            form.add_error("password", _("Too many tries. Please wait an hour and try again."))
        elif not request.user.check_password(form.cleaned_data["password"]):
            form.add_error("password", _("That is not your password."))
        else:
            return _erase(request)
    return render_page(request, "portal/my_data.html", {"form": form}, 400 if form.errors else 200)


def _erase(request: HttpRequest) -> HttpResponse:
    refused = False
    for resident in Resident.objects.filter(pk__in=selectors.resident_ids_for_user(request.user)):
        data_request = data_request_open(
            resident=resident, kind=RequestKind.ERASURE, via=RequestVia.ACCOUNT
        )
        data_request_complete(request=data_request, identity_check="", by=None)
        data_request.refresh_from_db()
        refused = refused or data_request.status == RequestStatus.REFUSED
    if refused:
        # The hold's reason may be confidential (litigation): say only what happens next.
        message = _(
            "We cannot erase your data yet because the law requires us to keep it for now. "
            "Your request is recorded, and staff will contact you."
        )
        return render_page(request, "portal/my_data_done.html", {"message": message})
    logout(request)
    message = _("Your account and your personal data have been erased.")
    return render_page(request, "portal/my_data_done.html", {"message": message})


@require_GET
@portal_view
def my_data_copy(request: HttpRequest, fmt: str) -> HttpResponse:
    if not request.user.is_authenticated or request.kiosk:  # type: ignore[attr-defined]
        return _sign_in_first(request)
    residents = Resident.objects.filter(pk__in=selectors.resident_ids_for_user(request.user))
    sections: dict[str, list[dict[str, object]]] = {}
    for resident in residents:
        for section, rows in resident_export(resident=resident)["data"].items():
            sections.setdefault(section, []).extend(rows)
    merged = {"exported_at": timezone.now().isoformat(), "data": sections}
    return copy_response(merged, fmt="json" if fmt == "json" else "html", name="my-data")
