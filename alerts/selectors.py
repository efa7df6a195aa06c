"""Reads for area alerts: which public reports fall in a subscriber's area.

What a digest or feed shows of a report is public by construction: the service, the
status, the dates, the ZIP code and the location rounded to about 100 m. Never the
resident's words, name or exact address.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from alerts.models import AreaAlert
from cases.models import Case
from core.languages import Localised, localised
from engagement.selectors import distance_m
from organisations.models import Jurisdiction

METRES_PER_DEGREE_LAT = 111_320.0
# Rounded to three decimals: about 110 m north-south, never the front door.
PUBLIC_DECIMALS = 3
MAX_ITEMS = 200


@dataclass(frozen=True)
class AlertItem:
    tracking_number: str
    service_name: Localised
    status: str
    status_label: str
    zipcode: str
    lat: float | None
    long: float | None
    opened_at: dt.datetime
    resolved_at: dt.datetime | None
    promised_by: dt.datetime


@dataclass(frozen=True)
class Digest:
    opened: list[AlertItem]
    resolved: list[AlertItem]

    @property
    def is_empty(self) -> bool:
        return not self.opened and not self.resolved


def alert_by_token(token: str) -> AreaAlert | None:
    if not token or len(token) > 40:
        return None
    return AreaAlert.objects.select_related("jurisdiction").filter(token=token).first()


def alerts_due(*, now: dt.datetime) -> QuerySet[AreaAlert]:
    """Confirmed alerts whose last digest covered up to more than a day ago (or none yet)."""
    return (
        AreaAlert.objects.filter(confirmed_at__isnull=False)
        .filter(Q(covered_until__isnull=True) | Q(covered_until__lte=now - dt.timedelta(days=1)))
        .select_related("jurisdiction")
        .order_by("pk")
    )


def _public_cases(jurisdiction: Jurisdiction) -> QuerySet[Case]:
    return Case.objects.filter(
        jurisdiction=jurisdiction, merged_into__isnull=True, service__is_active=True
    )


def _in_area(
    queryset: QuerySet[Case],
    *,
    zipcode: str,
    lat: Decimal | None,
    long: Decimal | None,
    radius_m: int | None,
) -> QuerySet[Case]:
    if zipcode:
        return queryset.filter(zipcode=zipcode)
    if lat is None or long is None or radius_m is None:
        return queryset.none()
    dlat = radius_m / METRES_PER_DEGREE_LAT
    dlong = radius_m / (METRES_PER_DEGREE_LAT * max(0.01, math.cos(math.radians(float(lat)))))
    return queryset.filter(
        lat__gte=float(lat) - dlat,
        lat__lte=float(lat) + dlat,
        long__gte=float(long) - dlong,
        long__lte=float(long) + dlong,
    )


def _items(
    queryset: QuerySet[Case],
    *,
    language: str,
    centre: tuple[float, float] | None,
    radius_m: int | None,
) -> list[AlertItem]:
    rows = (
        queryset.select_related("service")
        .prefetch_related("service__translations")
        .only(
            "tracking_number",
            "status",
            "zipcode",
            "lat",
            "long",
            "created_at",
            "resolved_at",
            "resolution_due",
            "service__name",
        )[: MAX_ITEMS * 2]
    )
    items = []
    for case in rows:
        if centre is not None and radius_m is not None:
            if case.lat is None or case.long is None:
                continue
            if distance_m(centre[0], centre[1], float(case.lat), float(case.long)) > radius_m:
                continue
        items.append(
            AlertItem(
                tracking_number=case.tracking_number,
                service_name=localised(case.service, language, "name"),
                status=case.status,
                status_label=str(case.get_status_display()),
                zipcode=case.zipcode,
                lat=round(float(case.lat), PUBLIC_DECIMALS) if case.lat is not None else None,
                long=round(float(case.long), PUBLIC_DECIMALS) if case.long is not None else None,
                opened_at=case.created_at,
                resolved_at=case.resolved_at,
                promised_by=case.resolution_due,
            )
        )
    return items[:MAX_ITEMS]


def area_digest(alert: AreaAlert, *, since: dt.datetime, until: dt.datetime) -> Digest:
    """Reports opened, and reports resolved, in the alert's area in (since, until]."""
    base = _in_area(
        _public_cases(alert.jurisdiction),
        zipcode=alert.zipcode,
        lat=alert.lat,
        long=alert.long,
        radius_m=alert.radius_m,
    )
    service_ids = list(alert.services.values_list("pk", flat=True))
    if service_ids:
        base = base.filter(service_id__in=service_ids)
    centre = None if alert.zipcode else (float(alert.lat or 0), float(alert.long or 0))
    opened = base.filter(created_at__gt=since, created_at__lte=until).order_by("-created_at")
    resolved = base.filter(resolved_at__gt=since, resolved_at__lte=until).order_by("-resolved_at")
    return Digest(
        opened=_items(opened, language=alert.language, centre=centre, radius_m=alert.radius_m),
        resolved=_items(resolved, language=alert.language, centre=centre, radius_m=alert.radius_m),
    )


def area_feed(
    jurisdiction: Jurisdiction,
    *,
    zipcode: str = "",
    service_ids: list[int] | None = None,
    now: dt.datetime,
    language: str,
    days: int = 14,
) -> list[AlertItem]:
    """The newest public reports of a ZIP code (or the whole city), for an Atom feed."""
    queryset = _public_cases(jurisdiction).filter(created_at__gt=now - dt.timedelta(days=days))
    if zipcode:
        queryset = queryset.filter(zipcode=zipcode)
    if service_ids:
        queryset = queryset.filter(service_id__in=service_ids)
    return _items(queryset.order_by("-created_at"), language=language, centre=None, radius_m=None)[
        :50
    ]
