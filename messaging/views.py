"""Staff review of held messages in the workspace: add one to a case, or discard it.

The rules (an atomic claim, the label on the timeline) are in messaging/held.py;
these views parse the form, check the staff member may see the message and the
case, and call it.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import signed_in_user, staff_required
from cases.selectors import cases_visible_to
from cases.services import CaseError
from cases.tracking import normalise_tracking_number
from messaging.held import held_message_discard, held_message_release
from messaging.selectors import held_messages_for, pending_held_messages_for


@staff_required
@require_GET
def held_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "messaging/staff/held.html",
        {
            "held": pending_held_messages_for(request.user),
        },
    )


@staff_required
@require_POST
def held_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    held = held_messages_for(request.user).filter(pk=pk).first()
    if held is None:
        raise Http404(_("No such held message for you."))
    try:
        if action == "release":
            raw = request.POST.get("case", "").strip()
            case = None
            if raw:
                number = normalise_tracking_number(raw)
                visible = cases_visible_to(request.user)
                case = visible.filter(tracking_number=number).first() if number else None
                if case is None:
                    raise CaseError(_("No case %(number)s in your queue.") % {"number": raw})
            event = held_message_release(held=held, by=signed_in_user(request), case=case)
            messages.success(
                request,
                _("Added to case %(number)s.") % {"number": event.case.tracking_number},
            )
        elif action == "discard":
            held_message_discard(held=held, by=signed_in_user(request))
            messages.success(request, _("Message discarded."))
        else:
            raise Http404
    except CaseError as exc:
        messages.error(request, str(exc))
    return redirect("messaging:held")
