"""The staff chat panel: open chats, one chat's transcript, reply, keep as a case or attach.

Thin like every view: parse, call a selector or a service, render or redirect.
With JavaScript the panel also listens on /ws/messaging/staff/chat/ (new
messages appear, replies go over the socket, and the open socket marks the
staff member as on hand to chat); without it every action is a plain form.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import signed_in_user, staff_required
from cases.selectors import cases_visible_to
from cases.services import CaseError
from cases.tracking import normalise_tracking_number
from messaging.chat.presence import HEARTBEAT_SECONDS
from messaging.chat.selectors import chat_events, chat_for_staff, chats_for_staff
from messaging.chat.services import chat_attach_to_case, chat_keep_as_case, chat_staff_reply
from messaging.models import ChatSession

ERRORS = (CaseError, ValidationError)


def _error_text(exc: Exception) -> str:
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def _chat_or_404(request: HttpRequest, pk: int) -> ChatSession:
    session = chat_for_staff(request.user, pk)
    if session is None:
        raise Http404(_("No such chat in your departments."))
    return session


@staff_required
@require_GET
def chat_panel(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    current = _chat_or_404(request, pk) if pk is not None else None
    return render(
        request,
        "messaging/chat/panel.html",
        {
            "chats": chats_for_staff(request.user),
            "current": current,
            "transcript": chat_events(current) if current else [],
            "can_attach": request.user.has_perm("cases.merge_case"),
            "heartbeat_seconds": HEARTBEAT_SECONDS,
        },
    )


@staff_required
@require_POST
def chat_reply(request: HttpRequest, pk: int) -> HttpResponse:
    session = _chat_or_404(request, pk)
    try:
        chat_staff_reply(
            session=session, by=signed_in_user(request), body=request.POST.get("text", "")
        )
    except ERRORS as exc:
        messages.error(request, _error_text(exc))
    return redirect("messaging:chat", pk=session.pk)


@staff_required
@require_POST
def chat_keep(request: HttpRequest, pk: int) -> HttpResponse:
    session = _chat_or_404(request, pk)
    try:
        case = chat_keep_as_case(
            session=session, by=signed_in_user(request), note=request.POST.get("note", "")[:2000]
        )
    except ERRORS as exc:
        messages.error(request, _error_text(exc))
        return redirect("messaging:chat", pk=session.pk)
    messages.success(
        request, _("Chat ended; it goes on as case %(number)s.") % {"number": case.tracking_number}
    )
    return redirect("workspace:case", tracking_number=case.tracking_number)


@staff_required
@require_POST
def chat_attach(request: HttpRequest, pk: int) -> HttpResponse:
    session = _chat_or_404(request, pk)
    raw = request.POST.get("into", "")
    number = normalise_tracking_number(raw)
    into = cases_visible_to(request.user).filter(tracking_number=number).first() if number else None
    try:
        if into is None:
            raise CaseError(_("No case %(number)s in your queue.") % {"number": raw.strip()})
        chat_attach_to_case(session=session, into=into, by=signed_in_user(request))
    except ERRORS as exc:
        messages.error(request, _error_text(exc))
        return redirect("messaging:chat", pk=session.pk)
    messages.success(
        request,
        _("Chat added to case %(number)s; its transcript is on the timeline.")
        % {"number": into.tracking_number},
    )
    return redirect("workspace:case", tracking_number=into.tracking_number)
