"""The public performance page's figures, per published service (issue 16 item 6).

For each service the city shows (`catalogue.Service.on_performance_page`) over
the last N days: requests received, resolved, resolved by the promised date
(the on-time rate against the published standard) — all from `CaseDaily` —
satisfaction from `surveys.SurveyDaily`, and the typical (median) time to
resolve. Nothing personal: counts, rates and days only.

The typical time is the one figure the summaries do not hold yet: it is the
median of (local day resolved − local day received) over the cases resolved in
the window, read as one grouped query through the `resolved_at` index and kept
in the cache until the summaries are next refreshed (so the page costs a few
summary reads, not a scan per visitor). When the metrics summaries carry a
resolution-time histogram, read it from there instead (docs/decisions/0011).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from cases.models import Case
from catalogue.models import Service, ServiceStandard
from insights.models import CaseDaily, RefreshState
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
    typical_days: int | None  # median days from received to resolved
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


def _median(counts: dict[int, int]) -> int | None:
    total = sum(counts.values())
    if not total:
        return None
    seen = 0
    for days in sorted(counts):
        seen += counts[days]
        if 2 * seen >= total:
            return days
    return None  # pragma: no cover


def typical_days(
    jurisdiction: Jurisdiction, service_ids: list[int], start: dt.date, end: dt.date
) -> dict[int, int | None]:
    """Median days from received to resolved per service, of the cases resolved from
    `start` to `end` (local days). One grouped query."""
    zone = jurisdiction.zone
    since = dt.datetime.combine(start, dt.time(), tzinfo=zone)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    groups = (
        Case.objects.filter(
            resolved_at__gte=since,
            resolved_at__lt=until,
            jurisdiction=jurisdiction,
            service_id__in=service_ids,
            merged_into__isnull=True,
        )
        .order_by()
        .annotate(
            received_day=TruncDate("created_at", tzinfo=zone),
            resolved_day=TruncDate("resolved_at", tzinfo=zone),
        )
        .values("service_id", "received_day", "resolved_day")
        .annotate(n=Count("id"))
    )
    histograms: dict[int, dict[int, int]] = {pk: {} for pk in service_ids}
    for g in groups:
        days = max((g["resolved_day"] - g["received_day"]).days, 0)
        histogram = histograms[g["service_id"]]
        histogram[days] = histogram.get(days, 0) + g["n"]
    return {pk: _median(h) for pk, h in histograms.items()}


def _cached_typical_days(
    jurisdiction: Jurisdiction,
    service_ids: list[int],
    start: dt.date,
    end: dt.date,
    refreshed_at: dt.datetime | None,
) -> dict[int, int | None]:
    stamp = refreshed_at.timestamp() if refreshed_at else 0
    ids = ",".join(map(str, service_ids))
    key = f"insights:typical:{jurisdiction.pk}:{start}:{end}:{stamp}:{ids}"
    found = cache.get(key)
    if found is None:
        found = typical_days(jurisdiction, service_ids, start, end)
        cache.set(key, found, timeout=6 * 3600)
    return dict(found)


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
        for row in CaseDaily.objects.filter(
            jurisdiction=jurisdiction, service_id__in=ids, day__gte=start, day__lte=today
        )
        .order_by()
        .values("service_id")
        .annotate(
            received=Sum("received"), resolved=Sum("resolved"), on_time=Sum("resolved_on_time")
        )
    }
    satisfaction = {
        row.key: row
        for row in satisfaction_summary(
            jurisdiction=jurisdiction, start=start, end=today, group_by="service", services=ids
        ).rows
    }
    typical = _cached_typical_days(jurisdiction, ids, start, today, refreshed_at)
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
                typical_days=typical.get(service.pk),
                satisfaction=satisfaction.get(service.pk, empty),
            )
        )
    return Performance(days, start, today, out, refreshed_at)
