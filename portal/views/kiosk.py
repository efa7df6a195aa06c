"""The kiosk's own pages: the language switch, the session reset, a text receipt of a request."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from cases.services import CaseError
from core.languages import Language
from core.ratelimit import client_ip, hit
from portal import selectors
from portal.forms import without_nul
from portal.services import kiosk_text_receipt
from portal.views.base import (
    SESSION_KIOSK_LANGUAGE,
    case_for_session,
    page_language,
    portal_view,
    render_page,
)


@require_POST
@portal_view
def kiosk_text_receipt_view(request: HttpRequest, number: str) -> HttpResponse:
    """A kiosk request sent without contact details: text its number to a phone."""
    case = case_for_session(request, number)
    if not hit("portal-text-receipt", client_ip(request), limit=10, window_seconds=3600):
        return render_page(request, "portal/too_many.html", {}, status=429)
    error = ""
    sent = False
    try:
        sent = kiosk_text_receipt(
            case=case,
            phone=without_nul(request.POST.get("phone", ""))[:40],
            language=page_language(request),
            tracking_url=request.build_absolute_uri(reverse("portal:track")),
        )
    except (ValidationError, CaseError) as exc:
        error = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
    case.refresh_from_db()
    view = selectors.tracking_view(case, page_language(request))
    return render_page(
        request,
        "portal/submitted.html",
        {
            "track": view,
            "receipt_error": error,
            "receipt_sent": sent,
            "receipt_failed": not sent and not error,
            "phone": "" if sent else request.POST.get("phone", "")[:40],
        },
        status=400 if error else 200,
    )


@require_POST
@portal_view
def kiosk_language(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    if language in Language.values:
        request.session[SESSION_KIOSK_LANGUAGE] = language
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}
    ) or not next_url.startswith("/kiosk/"):
        next_url = reverse("portal:kiosk:home")
    return HttpResponseRedirect(next_url)


@require_POST
def kiosk_reset(request: HttpRequest) -> HttpResponse:
    """End the kiosk session: nothing the last person typed or saw stays on the device.

    POST with the CSRF token only: a GET (a link or an image on any site) must not be
    able to flush whoever's session the browser holds."""
    request.session.flush()
    response = HttpResponseRedirect(reverse("portal:kiosk:home"))
    response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    response.delete_cookie(settings.CSRF_COOKIE_NAME)
    response["Clear-Site-Data"] = '"cache", "storage"'
    return response
