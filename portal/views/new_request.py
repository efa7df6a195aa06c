"""The request form: describe, answer, give contact details, submit; then the confirmation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cases.models import Channel
from core.languages import Language
from core.ratelimit import client_ip, hit
from knowledge.search import search_articles
from portal import selectors
from portal.forms import (
    HONEYPOT,
    MessageForm,
    error_summary,
    errors_from_case_create,
    parse_request_form,
    without_nul,
)
from portal.photos import MAX_PHOTOS
from portal.services import request_submit
from portal.views.base import (
    SUGGESTIONS,
    case_for_session,
    page_language,
    portal_url,
    portal_view,
    remember_case,
    render_page,
    service_or_404,
    setting_int,
)
from residents.models import ContactChannel


def _form_context(
    request: HttpRequest,
    page: selectors.ServicePage,
    values: dict[str, Any],
    errors: dict[str, str],
) -> dict[str, Any]:
    language = page_language(request)
    description = values.get("description", "")
    suggestions = (
        search_articles(description, language, request.jurisdiction, limit=SUGGESTIONS)  # type: ignore[attr-defined]
        if description
        else []
    )
    answers = values.get("answers", {})
    fields = []
    for question in page.questions:
        raw = answers.get(question.code, "")
        selected = raw if isinstance(raw, list) else [raw]
        fields.append(
            {
                "q": question,
                "value": "" if isinstance(raw, list) else raw,
                "selected": [str(v) for v in selected if v],
                "error": errors.get(question.field_name, ""),
            }
        )
    return {
        "page": page,
        "fields": fields,
        "values": values,
        "errors": errors,
        "summary": error_summary(errors, page.questions),
        "suggestions": suggestions,
        "max_photos": MAX_PHOTOS,
        "channels": [(c.value, c.label) for c in ContactChannel if c != ContactChannel.PHONE],
        "languages": Language.choices,
        "map_center": getattr(settings, "PORTAL_MAP_CENTER", ""),
        "map_tiles": settings.MAP_TILES,
        "map_attribution": settings.MAP_TILES_ATTRIBUTION,
        "pin_label": _("Location of the problem"),
        "honeypot": HONEYPOT,
    }


@require_http_methods(["GET", "POST"])
@portal_view
def request_form(request: HttpRequest, code: str) -> HttpResponse:
    """Step 1 (GET): describe the problem. Step 2 (POST of step 1): answers that may help,
    then the details. POST of step 2: submit, then redirect to the confirmation.

    The description travels in the POST body only, never in the URL, so it stays
    out of browser history, server logs and the kiosk's address bar.
    """
    language = page_language(request)
    service = service_or_404(request, code)
    if request.method == "GET":
        page = selectors.service_page(service, language)
        return render_page(request, "portal/request_describe.html", {"page": page})
    if request.POST.get("step") == "describe":
        page = selectors.service_page(service, language)
        values: dict[str, Any] = {
            "description": without_nul(request.POST.get("description", ""))[:10_000].strip(),
            "channel": "email",
            "language": language,
        }
        return render_page(
            request, "portal/request_form.html", _form_context(request, page, values, {})
        )

    if request.POST.get(HONEYPOT):
        # Only automated form fillers see and fill this field.
        return render_page(request, "portal/refused.html", {}, status=400)
    limit = setting_int("PORTAL_SUBMISSIONS_PER_HOUR", 20)
    if not hit("portal-submit", client_ip(request), limit=limit, window_seconds=3600):
        return render_page(request, "portal/too_many.html", {}, status=429)

    form = parse_request_form(
        service=service,
        questions=selectors.question_views(service, language),
        post=request.POST,
        files=request.FILES,
        language=language,
        signed_in=request.user.is_authenticated and not request.kiosk,  # type: ignore[attr-defined]
        intake_channel=Channel.KIOSK if request.kiosk else Channel.WEB,  # type: ignore[attr-defined]
    )
    if not form.errors and not request.POST.get("duplicates_seen"):
        # "Already reported nearby: follow it instead?" A confirmation step without JS;
        # map.js shows the same offers as the pin is placed and marks them seen.
        from portal import partners

        offers = partners.nearby_for(request, service, form.values["lat"], form.values["long"])
        if offers:
            contact = form.contact or {}
            step = render_page(
                request,
                "portal/request_duplicates.html",
                {
                    "page": selectors.service_page(service, language),
                    "offers": offers,
                    "hidden": partners.hidden_copy(request.POST, {HONEYPOT, "duplicates_seen"}),
                    "photos_chosen": bool(form.photos),
                    "max_photos": MAX_PHOTOS,
                    "contact": contact,
                    "follow_channel": "sms"
                    if contact.get("channel") == "sms" and contact.get("phone")
                    else "email",
                },
            )
            # A draft sent by pwa.js (static/portal/pwa.js) is kept for review, not failed.
            step["X-CivicDesk-Step"] = "duplicates"
            return step
    if not form.errors:
        try:
            case = request_submit(
                service=service,
                channel=Channel.KIOSK if request.kiosk else Channel.WEB,  # type: ignore[attr-defined]
                description=form.values["description"],
                answers=form.answers,
                address=form.values["address"],
                lat=form.values["lat"] or None,
                long=form.values["long"] or None,
                contact=form.contact,
                photos=form.photos,
                user=None if request.kiosk else request.user,  # type: ignore[attr-defined]
                non_resident=form.values["non_resident"],
            )
        except ValidationError as exc:
            form.errors.update(errors_from_case_create(exc))
        else:
            remember_case(request, case)
            return HttpResponseRedirect(portal_url(request, "submitted", case.tracking_number))
    if form.photos:
        form.add_error("photos", _("Please choose your photos again."))
    # The service page (promise, steps) only to draw the form again: a good POST skips it.
    page = selectors.service_page(service, language)
    context = _form_context(request, page, form.values, form.errors)
    return render_page(request, "portal/request_form.html", context, status=400)


@require_GET
@portal_view
def submitted(request: HttpRequest, number: str) -> HttpResponse:
    case = case_for_session(request, number)
    view = selectors.tracking_view(case, page_language(request))
    return render_page(
        request, "portal/submitted.html", {"track": view, "message_form": MessageForm()}
    )
