"""Tracking a request: find it by number and contact, read its page, add a message."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.media import attachment_response, public_attachments
from cases.selectors import case_by_tracking_number
from cases.services import CaseError
from core.ratelimit import client_ip, hit
from engagement.services import not_fixed_window_open
from portal import selectors
from portal.forms import MessageForm, TrackForm, parse_photos
from portal.photos import MAX_PHOTOS
from portal.services import contact_matches, merged_duplicate_for_contact, resident_reply
from portal.views.base import (
    case_for_session,
    page_language,
    portal_url,
    portal_view,
    remember_case,
    render_page,
    setting_int,
)
from portal.views.surveys import survey_context


@require_GET
@portal_view
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    case = case_for_session(request, number)
    view = selectors.tracking_view(case, page_language(request))
    return render_page(
        request,
        "portal/case.html",
        {
            "track": view,
            "message_form": MessageForm(),
            "max_photos": MAX_PHOTOS,
            "can_say_not_fixed": not_fixed_window_open(case),
            "not_fixed_days": settings.ENGAGEMENT_NOT_FIXED_DAYS,
            "not_fixed_done": request.GET.get("not_fixed") == "1",
            **survey_context(request, case),
        },
    )


@require_GET
@portal_view
def case_photo(request: HttpRequest, number: str, token: str) -> HttpResponse:
    """A public photo of a case this visitor tracked or owns (cases/media.py); else 404."""
    case = case_for_session(request, number)
    attachment = public_attachments(case).filter(token=token[:32]).first()
    if attachment is None:
        raise Http404(_("There is no such photo."))
    # A file response (streamed, or headers for the front server): typed as a page here.
    return cast(HttpResponse, attachment_response(attachment))


@require_POST
@portal_view
def case_message(request: HttpRequest, number: str) -> HttpResponse:
    case = case_for_session(request, number)
    form = MessageForm(request.POST)
    if form.is_valid():
        photos, photo_error = parse_photos(request.FILES)
        if photo_error:
            form.add_error("photos", photo_error)
        else:
            try:
                resident_reply(case=case, body=form.cleaned_data["body"], photos=photos)
            except (CaseError, ValidationError) as exc:
                form.add_error(
                    "body", exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
                )
            else:
                return HttpResponseRedirect(
                    portal_url(request, "case", case.tracking_number) + "#timeline"
                )
    view = selectors.tracking_view(case, page_language(request))
    return render_page(
        request,
        "portal/case.html",
        {"track": view, "message_form": form, "max_photos": MAX_PHOTOS},
        status=400,
    )


@require_http_methods(["GET", "POST"])
@portal_view
def track(request: HttpRequest) -> HttpResponse:
    """Find a case by number and contact. Wrong number and wrong contact get the same answer."""
    if request.method == "GET":
        return render_page(request, "portal/track.html", {"form": TrackForm()})
    form = TrackForm(request.POST)
    status = 400
    if form.is_valid():
        limit = setting_int("PORTAL_TRACK_ATTEMPTS_PER_HOUR", 30)
        if not hit("portal-track", client_ip(request), limit=limit, window_seconds=3600):
            return render_page(request, "portal/too_many.html", {}, status=429)
        case = case_by_tracking_number(form.cleaned_data["number"])
        contact = form.cleaned_data["contact"]
        if case is not None and not contact_matches(case, contact):
            # The number of the case theirs was joined with: their own page shows it.
            case = merged_duplicate_for_contact(case, contact)
        if case is not None:
            remember_case(request, case)
            return HttpResponseRedirect(portal_url(request, "case", case.tracking_number))
        form.add_error(
            None,
            _(
                "We could not find a request with that tracking number and contact. "
                "Check both and try again."
            ),
        )
        status = 404
    return render_page(request, "portal/track.html", {"form": form}, status=status)
