"""The supervisors' dashboard: parse, call the selector, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from insights.selectors import dashboard_for, may_see_dashboard
from notifications.selectors import zone_for


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        login = reverse("workspace:login")
        return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
    if not may_see_dashboard(request.user):
        raise PermissionDenied(_("The dashboard is for supervisors."))
    return render(
        request,
        "insights/dashboard.html",
        {"d": dashboard_for(request.user), "zone": zone_for(request.user)},
    )
