"""The public performance page's figures, per published service (issue 16 item 6).

For each service the city shows (`catalogue.Service.on_performance_page`) over
the last N days: requests received, resolved, resolved by the promised date
(the on-time rate against the published standard) and the typical (median) time
to resolve — all from one grouped query over `TeamDaily`, the typical time from
its resolution-time histogram (business minutes, read as working days of the
jurisdiction's calendar) — and satisfaction from `surveys.SurveyDaily`. Never a
scan of the cases; nothing personal: counts, rates and days only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Sum
from django.utils import timezone

from calendars.models import BusinessCalendar
from catalogue.models import Service, ServiceStandard
from insights.histograms import percentile
from insights.models import TIME_EDGES, RefreshState, TeamDaily, res_fields
from organisations.models import Jurisdiction
from surveys.selectors import SatisfactionRow, satisfaction_summary

WINDOWS = (30, 90)


@dataclass(frozen=True)
class ServicePerformance:
    service_id: int
    service_code: str
    name: str  # the catalogue's own; pages translate it
    standard_amount: int | None
    standard_unit: str
    received: int
    resolved: int
    on_time: int
    typical_days: int | None  # median working days from received to resolved
    satisfaction: SatisfactionRow

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.resolved if self.resolved else None


@dataclass(frozen=True)
class Performance:
    days: int
    start: dt.date
    end: dt.date
    services: list[ServicePerformance]
    refreshed_at: dt.datetime | None


def published_services(jurisdiction: Jurisdiction) -> list[Service]:
    return list(
        Service.objects.filter(jurisdiction=jurisdiction, is_active=True, on_performance_page=True)
        .select_related("standard")
        .order_by("name", "id")
    )


def _working_day_minutes(jurisdiction: Jurisdiction) -> int:
    """How many business minutes a working day of the jurisdiction's calendar has."""
    hours = (
        BusinessCalendar.objects.filter(jurisdiction=jurisdiction)
        .values_list("opens_at", "closes_at")
        .first()
    )
    opens, closes = hours or (dt.time(8), dt.time(17))  # working_calendar_for's default
    minutes = (closes.hour * 60 + closes.minute) - (opens.hour * 60 + opens.minute)
    return minutes if minutes > 0 else 24 * 60  # 0:00–0:00: around the clock


def typical_days(resolution: list[int], day_minutes: int) -> int | None:
    """The median time to resolve, in working days (rounded; 0: under half a day), from
    a resolution-time histogram in business minutes (TeamDaily's res_ buckets)."""
    minutes = percentile(resolution, TIME_EDGES, 0.5)
    return None if minutes is None else round(minutes / day_minutes)


def service_performance(
    *, jurisdiction: Jurisdiction, days: int, today: dt.date | None = None
) -> Performance:
    """The published services' figures over the last `days` local days (today included)."""
    if days not in WINDOWS:
        raise ValueError(f"days must be one of {WINDOWS}")
    today = today or timezone.localtime(timezone.now(), jurisdiction.zone).date()
    start = today - dt.timedelta(days=days - 1)
    services = published_services(jurisdiction)
    ids = [s.pk for s in services]
    state = RefreshState.objects.order_by("pk").first()
    refreshed_at = state.refreshed_at if state else None
    if not ids:
        return Performance(days, start, today, [], refreshed_at)
    volumes = {
        row["service_id"]: row
        for row in TeamDaily.objects.filter(
            jurisdiction=jurisdiction, service_id__in=ids, day__gte=start, day__lte=today
        )
        .order_by()
        .values("service_id")
        .annotate(
            received=Sum("received"),
            resolved=Sum("resolved"),
            on_time=Sum("resolved_on_time"),
            **{name: Sum(name) for name in res_fields()},
        )
    }
    day_minutes = _working_day_minutes(jurisdiction)
    satisfaction = {
        row.key: row
        for row in satisfaction_summary(
            jurisdiction=jurisdiction, start=start, end=today, group_by="service", services=ids
        ).rows
    }
    empty = SatisfactionRow(None, "", 0, 0, 0, 0, 0)
    out = []
    for service in services:
        volume: dict[str, Any] = dict(volumes.get(service.pk, {}))
        try:
            standard: ServiceStandard | None = service.standard
        except ServiceStandard.DoesNotExist:
            standard = None
        out.append(
            ServicePerformance(
                service_id=service.pk,
                service_code=service.service_code,
                name=service.name,
                standard_amount=standard.resolution_amount if standard else None,
                standard_unit=standard.resolution_unit if standard else "",
                received=volume.get("received") or 0,
                resolved=volume.get("resolved") or 0,
                on_time=volume.get("on_time") or 0,
                typical_days=typical_days(
                    [volume.get(name) or 0 for name in res_fields()], day_minutes
                ),
                satisfaction=satisfaction.get(service.pk, empty),
            )
        )
    return Performance(days, start, today, out, refreshed_at)
