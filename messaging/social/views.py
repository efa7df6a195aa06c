"""The social-media tool's webhook (verify, parse, hand to the service, answer JSON),
and the staff pages that answer social-media cases publicly or privately."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import signed_in_user, staff_required
from cases.services import CaseError
from messaging.social.inbound import BadEvent, BadSignature, parse_event, verify
from messaging.social.selectors import (
    open_social_threads_for,
    social_messages,
    social_thread_for,
)
from messaging.social.services import ReplyMode, handle_social_event, social_reply

logger = logging.getLogger(__name__)
MAX_BODY = 64 * 1024


@csrf_exempt  # authenticated by the HMAC signature instead
@require_POST
def social_webhook(request: HttpRequest) -> JsonResponse:
    body = request.body
    if len(body) > MAX_BODY:
        return JsonResponse({"error": "The event is too large."}, status=413)
    try:
        verify(
            secret=settings.MESSAGING_SOCIAL_SECRET,
            timestamp=request.headers.get("X-CivicDesk-Timestamp", ""),
            signature=request.headers.get("X-CivicDesk-Signature", ""),
            body=body,
            max_skew=settings.MESSAGING_SOCIAL_MAX_SKEW_SECONDS,
        )
    except BadSignature as exc:
        logger.warning("Rejected a social webhook: %s", exc)
        return JsonResponse({"error": str(exc)}, status=403)
    try:
        event = parse_event(body)
    except BadEvent as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    result = handle_social_event(event)
    return JsonResponse(
        {
            "outcome": result.outcome,
            "tracking_number": result.case.tracking_number if result.case else None,
        }
    )


# --- Staff: answer a social-media case publicly or privately --------------------------------


@staff_required
@require_GET
def social_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "messaging/social/list.html",
        {
            "threads": open_social_threads_for(request.user),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def social_case(request: HttpRequest, tracking_number: str) -> HttpResponse:
    """GET: the conversation and the reply form; POST: send with the chosen visibility."""
    thread = social_thread_for(request.user, tracking_number)
    if thread is None:
        raise Http404(_("No such social-media case in your queue."))
    case = thread.case
    draft, mode = "", ReplyMode.AUTO.value
    if request.method == "POST":
        draft = request.POST.get("body", "")[:5000]
        mode = request.POST.get("mode", ReplyMode.AUTO)
        try:
            sent = social_reply(
                case=case,
                by=signed_in_user(request),
                body=draft,
                mode=mode,
                language=case.resident.preferred_language if case.resident else "en",
            )
        except CaseError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, sent.summary)
            return redirect("messaging:social-case", tracking_number=case.tracking_number)
    return render(
        request,
        "messaging/social/case.html",
        {
            "thread": thread,
            "case": case,
            "records": social_messages(thread),
            "draft": draft,
            "mode": mode,
            "modes": [
                (ReplyMode.AUTO.value, _("Privately, with a short public acknowledgement")),
                (ReplyMode.PRIVATE.value, _("Privately only (direct message)")),
                (ReplyMode.PUBLIC.value, _("Publicly (a reply everyone can read)")),
            ],
        },
        status=400 if request.method == "POST" else 200,
    )
