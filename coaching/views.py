"""The coach panel for the composer's JavaScript: the draft in, the panel's HTML out."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from cases.selectors import cases_visible_to
from coaching.panel import panel_context
from coaching.services import MAX_REASON, MAX_TEXT, coach_review


@staff_required
@require_POST
def review_panel(request: HttpRequest) -> HttpResponse:
    number = request.POST.get("case", "")
    case = (
        cases_visible_to(request.user)
        .select_related("jurisdiction", "resident", "service", "department")
        .filter(tracking_number=number)
        .first()
    )
    if case is None:
        raise Http404(_("No such case in your queue."))
    text = request.POST.get("text", "")[:MAX_TEXT]
    review = coach_review(text=text, case=case) if text.strip() else None
    context = panel_context(review, text, request.POST.get("override_reason", "")[:MAX_REASON])
    return render(request, "coaching/_panel_body.html", {"case": case, **context})
