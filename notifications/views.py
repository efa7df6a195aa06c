"""Staff pages of notifications: their notices, and messages to residents that failed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import signed_in_user
from cases.outbox import outbox_send_again
from cases.permissions import CasePermissionDenied
from core.params import parse_id
from notifications.selectors import (
    FAILED_PAGE_SIZE,
    attention_for,
    failed_deliveries_for,
    notices_for,
    zone_for,
)
from notifications.services import notice_mark_read

LOGIN_URL = "workspace:login"


@login_required(login_url=LOGIN_URL)
def notice_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "notifications/list.html",
        {
            "notices": notices_for(request.user),
            "attention": attention_for(request.user),
            "zone": zone_for(request.user),
        },
    )


@login_required(login_url=LOGIN_URL)
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("notice", "")
    notice_id = parse_id(raw)
    notice_mark_read(user=signed_in_user(request), notice_id=notice_id)
    return redirect("notifications:list")


@login_required(login_url=LOGIN_URL)
def failed_list(request: HttpRequest) -> HttpResponse:
    """Messages to residents that could not be delivered, newest first, with "send again"."""
    page = Paginator(failed_deliveries_for(request.user), FAILED_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/failed.html", {"page": page})


@login_required(login_url=LOGIN_URL)
@require_POST
def send_again(request: HttpRequest, pk: int) -> HttpResponse:
    message = failed_deliveries_for(request.user).filter(pk=pk).first()
    if message is None:
        raise Http404(_("No such failed message in your queue."))
    try:
        queued = outbox_send_again(message=message, by=signed_in_user(request))
    except CasePermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        if queued:
            messages.success(
                request,
                _("The message about %(number)s will be sent again.")
                % {"number": message.case.tracking_number},
            )
    return redirect("notifications:failed")
