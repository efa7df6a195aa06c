"""Reads for the root-cause pages: summary rows scoped to the staff member's departments.

Every list is a queryset ordered by an index, for a Paginator; the cases behind a
spike or a hot spot come from CasePlace through its (service, cell, day) index.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from catalogue.models import StandardStep
from rootcauses.models import (
    CasePlace,
    DriftProposal,
    HotSpot,
    ProposalStatus,
    RefreshRun,
    RepeatContact,
    Spike,
    StepMonth,
)
from rootcauses.permissions import department_ids

TREND_MONTHS = 6


def _scoped(queryset: QuerySet[Any], user: Any, field: str = "department_id") -> QuerySet[Any]:
    departments = department_ids(user)
    return queryset if departments is None else queryset.filter(**{f"{field}__in": departments})


def last_refresh() -> RefreshRun | None:
    return RefreshRun.objects.order_by("-finished_at", "-id").first()


def spikes_for(user: Any, *, period: str = "") -> QuerySet[Spike]:
    spikes = _scoped(Spike.objects.all(), user).select_related("service", "department")
    if period:
        spikes = spikes.filter(period=period)
    return spikes.order_by("-start", "-observed", "id")


def spike_for(user: Any, pk: int) -> Spike | None:
    return spikes_for(user).filter(pk=pk).first()


def _places(
    user: Any, *, service_id: int, cell: str, first: dt.date, last: dt.date
) -> QuerySet[CasePlace]:
    places = CasePlace.objects.filter(service_id=service_id, day__gte=first, day__lte=last)
    if cell:
        places = places.filter(cell=cell)
    # The case may have moved to a department the reader does not work in since.
    places = _scoped(places, user, "case__department_id")
    return places.select_related("case").order_by("-created_at", "case_id")


def spike_cases(user: Any, spike: Spike) -> QuerySet[CasePlace]:
    return _places(
        user, service_id=spike.service_id, cell=spike.cell, first=spike.start, last=spike.end
    )


def hot_spots_for(user: Any) -> QuerySet[HotSpot]:
    return (
        _scoped(HotSpot.objects.all(), user)
        .select_related("service", "department")
        .order_by("-cases", "-repeats_after_resolved", "id")
    )


def hot_spot_for(user: Any, pk: int) -> HotSpot | None:
    return hot_spots_for(user).filter(pk=pk).first()


def hot_spot_cases(user: Any, hot_spot: HotSpot) -> QuerySet[CasePlace]:
    return _places(
        user,
        service_id=hot_spot.service_id,
        cell=hot_spot.cell,
        first=hot_spot.window_start,
        last=hot_spot.window_end,
    )


def repeats_for(user: Any, *, kind: str = "") -> QuerySet[RepeatContact]:
    repeats = _scoped(RepeatContact.objects.all(), user).select_related(
        "case", "earlier_case", "service"
    )
    if kind:
        repeats = repeats.filter(kind=kind)
    return repeats.order_by("-last_at", "id")


def drift_steps_for(user: Any) -> QuerySet[StandardStep]:
    """The documented steps that have measured months, by service then step order."""
    measured = _scoped(StepMonth.objects.all(), user).values("step_id")
    return (
        StandardStep.objects.filter(pk__in=measured)
        .select_related("standard__service")
        .order_by("standard__service__name", "order", "id")
    )


@dataclass
class StepTrend:
    step: StandardStep
    months: list[StepMonth | None]  # one per trend month, oldest first
    latest: StepMonth | None


def trend_months(today: dt.date, count: int = TREND_MONTHS) -> list[dt.date]:
    month = today.replace(day=1)
    months = [month]
    for _n in range(count - 1):
        month = (month - dt.timedelta(days=1)).replace(day=1)
        months.append(month)
    return list(reversed(months))


def step_trends(steps: list[StandardStep], months: list[dt.date]) -> list[StepTrend]:
    """The months of a page of steps, in one query."""
    rows = StepMonth.objects.filter(
        step_id__in=[s.pk for s in steps], month__gte=months[0]
    ).order_by("step_id", "month")
    by_step: dict[int, dict[dt.date, StepMonth]] = {}
    for row in rows:
        by_step.setdefault(row.step_id, {})[row.month] = row
    trends = []
    for step in steps:
        found = by_step.get(step.pk, {})
        latest = found[max(found)] if found else None
        trends.append(StepTrend(step, [found.get(m) for m in months], latest))
    return trends


def proposals_for(user: Any, *, status: str = ProposalStatus.PENDING) -> QuerySet[DriftProposal]:
    proposals = _scoped(DriftProposal.objects.all(), user).select_related("service", "department")
    if status:
        proposals = proposals.filter(status=status)
    return proposals.order_by("-created_at", "-id")


def proposal_for(user: Any, pk: int) -> DriftProposal | None:
    return proposals_for(user, status="").filter(pk=pk).first()
