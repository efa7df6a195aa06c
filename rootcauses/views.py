"""Root-cause pages for supervisors and department admins: parse, call a selector, render."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.views import staff_only
from notifications.selectors import zone_for
from rootcauses import selectors
from rootcauses.forms import DecisionForm
from rootcauses.grid import area_of
from rootcauses.models import Period, ProposalStatus, RepeatKind
from rootcauses.permissions import may_decide, may_see
from rootcauses.services import RootCauseError, drift_proposal_accept, drift_proposal_reject

PAGE_SIZE = 25


def _guard(request: HttpRequest) -> HttpResponse | None:
    return staff_only(
        request, may=may_see, refusal=_("Root causes are for supervisors and department admins.")
    )


def _page(request: HttpRequest, queryset: Any) -> Page[Any]:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _render(
    request: HttpRequest, template: str, tab: str, *, http_status: int = 200, **context: Any
) -> HttpResponse:
    context.update(tab=tab, zone=zone_for(request.user), refreshed=selectors.last_refresh())
    return render(request, f"rootcauses/{template}", context, status=http_status)


def _queue_link(service_id: int, first: Any, last: Any) -> str:
    query = {
        "service": service_id,
        "created_from": first.isoformat(),
        "created_to": last.isoformat(),
        "status": "any",
    }
    return f"{reverse('workspace:queue')}?{urlencode(query)}"


@require_GET
def spikes(request: HttpRequest) -> HttpResponse:
    if (response := _guard(request)) is not None:
        return response
    period = request.GET.get("period", "")
    period = period if period in Period.values else ""
    page = _page(request, selectors.spikes_for(request.user, period=period))
    rows = [(spike, area_of(spike.cell)) for spike in page]
    return _render(
        request, "spikes.html", "spikes", page=page, rows=rows, period=period, periods=Period
    )


@require_GET
def spike_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if (response := _guard(request)) is not None:
        return response
    spike = selectors.spike_for(request.user, pk)
    if spike is None:
        raise Http404
    page = _page(request, selectors.spike_cases(request.user, spike))
    return _render(
        request,
        "spike.html",
        "spikes",
        spike=spike,
        area=area_of(spike.cell),
        page=page,
        queue_url=_queue_link(spike.service_id, spike.start, spike.end),
    )


@require_GET
def hot_spots(request: HttpRequest) -> HttpResponse:
    if (response := _guard(request)) is not None:
        return response
    page = _page(request, selectors.hot_spots_for(request.user))
    rows = [(hot, area_of(hot.cell)) for hot in page]
    return _render(request, "hot_spots.html", "hot_spots", page=page, rows=rows)


@require_GET
def hot_spot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if (response := _guard(request)) is not None:
        return response
    hot = selectors.hot_spot_for(request.user, pk)
    if hot is None:
        raise Http404
    page = _page(request, selectors.hot_spot_cases(request.user, hot))
    return _render(
        request,
        "hot_spot.html",
        "hot_spots",
        hot=hot,
        area=area_of(hot.cell),
        page=page,
        queue_url=_queue_link(hot.service_id, hot.window_start, hot.window_end),
    )


@require_GET
def repeats(request: HttpRequest) -> HttpResponse:
    if (response := _guard(request)) is not None:
        return response
    kind = request.GET.get("kind", "")
    kind = kind if kind in RepeatKind.values else ""
    page = _page(request, selectors.repeats_for(request.user, kind=kind))
    return _render(request, "repeats.html", "repeats", page=page, kind=kind, kinds=RepeatKind)


@require_GET
def drift(request: HttpRequest) -> HttpResponse:
    if (response := _guard(request)) is not None:
        return response
    page = _page(request, selectors.drift_steps_for(request.user))
    months = selectors.trend_months(timezone.now().astimezone(zone_for(request.user)).date())
    trends = selectors.step_trends(list(page), months)
    proposals = selectors.proposals_for(request.user)[:PAGE_SIZE]
    return _render(
        request,
        "drift.html",
        "drift",
        page=page,
        months=months,
        trends=trends,
        proposals=proposals,
    )


@require_GET
def proposals(request: HttpRequest) -> HttpResponse:
    if (response := _guard(request)) is not None:
        return response
    status = request.GET.get("status", "")
    status = status if status in ProposalStatus.values else ""
    page = _page(request, selectors.proposals_for(request.user, status=status))
    return _render(
        request, "proposals.html", "drift", page=page, status=status, statuses=ProposalStatus
    )


@require_http_methods(["GET", "POST"])
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if (response := _guard(request)) is not None:
        return response
    proposal = selectors.proposal_for(request.user, pk)
    if proposal is None:
        raise Http404
    may = may_decide(request.user, proposal)
    form = DecisionForm(request.POST or None)
    http_status = 200
    if request.method == "POST":
        if not may:
            raise PermissionDenied(
                _("Only a department admin of %(department)s can decide on this proposal.")
                % {"department": proposal.department}
            )
        if form.is_valid():
            decide = (
                drift_proposal_accept
                if form.cleaned_data["decision"] == "accept"
                else drift_proposal_reject
            )
            try:
                decide(proposal=proposal, by=request.user, reason=form.cleaned_data["reason"])
            except RootCauseError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Your decision is recorded."))
                return redirect("rootcauses:proposal", pk=proposal.pk)
        http_status = 400
    return _render(
        request,
        "proposal.html",
        "drift",
        http_status=http_status,
        proposal=proposal,
        form=form,
        may_decide=may and proposal.status == ProposalStatus.PENDING,
    )
