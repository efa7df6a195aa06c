"""The staff member's notification list: read them, mark them read (plain form POSTs)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from notifications.selectors import attention_for, notices_for, unread_count, zone_for
from notifications.services import notice_mark_read

LOGIN_URL = "workspace:login"


@login_required(login_url=LOGIN_URL)
def notice_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "notifications/list.html",
        {
            "notices": notices_for(request.user),
            "unread_count": unread_count(request.user),
            "attention": attention_for(request.user),
            "zone": zone_for(request.user),
        },
    )


@login_required(login_url=LOGIN_URL)
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("notice", "")
    notice_id = int(raw) if raw.isdigit() else None
    notice_mark_read(user=request.user, notice_id=notice_id)
    return redirect("notifications:list")
