"""What every resident page shares: the jurisdiction and kiosk rules (`portal_view`), the
page renderer (`render_page`), the page language, and which cases this visitor may see.

The same views serve the kiosk (/kiosk/…); `kiosk=True` in the URL conf switches on
the kiosk's session rules (portal/kiosk.py) and its templates' large targets and
inactivity reset.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from cases.models import Case
from cases.selectors import case_by_tracking_number
from core.languages import Language
from portal import selectors

SESSION_CASES = "portal_cases"
SESSION_KIOSK_LANGUAGE = "kiosk_language"
SUGGESTIONS = 3  # knowledge-base answers offered beside the form and as one types


def setting_int(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


# --- Plumbing ---------------------------------------------------------------------------


def portal_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Resolve the jurisdiction and apply kiosk rules before the view runs."""

    @wraps(view)
    def wrapper(
        request: HttpRequest, *args: Any, kiosk: bool = False, **kwargs: Any
    ) -> HttpResponse:
        request.kiosk = kiosk  # type: ignore[attr-defined]
        request.portal_ns = "portal:kiosk" if kiosk else "portal"  # type: ignore[attr-defined]
        if kiosk:
            # Shared device: a short server-side session, language kept in it (no cookie).
            # A signed-in session (staff looking at the kiosk pages) keeps its own expiry:
            # a visit must not cut a working session to five minutes.
            if not request.user.is_authenticated:
                request.session.set_expiry(setting_int("PORTAL_KIOSK_SESSION_SECONDS", 300))
            language = request.session.get(SESSION_KIOSK_LANGUAGE, settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = language
            with translation.override(language):
                response = _run_portal_view(view, request, *args, **kwargs)
                # Templates render lazily; render now so they use the kiosk language.
                if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                    response.render()
            response["Cache-Control"] = "no-store"
            return response
        return _run_portal_view(view, request, *args, **kwargs)

    return wrapper


def _run_portal_view(
    view: Callable[..., HttpResponse], request: HttpRequest, *args: Any, **kwargs: Any
) -> HttpResponse:
    jurisdiction = selectors.portal_jurisdiction()
    if jurisdiction is None:
        return render(request, "portal/not_ready.html", status=503)
    request.jurisdiction = jurisdiction  # type: ignore[attr-defined]
    return view(request, *args, **kwargs)


def page_language(request: HttpRequest) -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language.split("-")[0] if language.split("-")[0] in Language.values else "en"


def portal_url(request: HttpRequest, name: str, *args: Any) -> str:
    return reverse(f"{request.portal_ns}:{name}", args=args)  # type: ignore[attr-defined]


def render_page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    context.setdefault("jurisdiction", request.jurisdiction)  # type: ignore[attr-defined]
    context["kiosk"] = request.kiosk  # type: ignore[attr-defined]
    context["portal_ns"] = request.portal_ns  # type: ignore[attr-defined]
    context["kiosk_idle_seconds"] = setting_int("PORTAL_KIOSK_IDLE_SECONDS", 90)
    return render(request, template, context, status=status)


def remember_case(request: HttpRequest, case: Case) -> None:
    numbers = list(request.session.get(SESSION_CASES, []))
    if case.tracking_number not in numbers:
        numbers = [*numbers[-19:], case.tracking_number]
    request.session[SESSION_CASES] = numbers


def may_see(request: HttpRequest, case: Case) -> bool:
    if case.tracking_number in request.session.get(SESSION_CASES, []):
        return True
    if request.kiosk or not case.resident_id:  # type: ignore[attr-defined]
        return False
    return case.resident_id in selectors.resident_ids_for_user(request.user)


def service_or_404(request: HttpRequest, code: str) -> Any:
    service = selectors.service_for_code(request.jurisdiction, code)  # type: ignore[attr-defined]
    if service is None:
        raise Http404(_("There is no such service."))
    return service


def case_for_session(request: HttpRequest, number: str) -> Case:
    case = case_by_tracking_number(number)
    if case is None or not may_see(request, case):
        raise Http404(_("Find your request with its tracking number first."))
    return case
