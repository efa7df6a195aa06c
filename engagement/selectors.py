"""Reads for residents as partners: cases near a point, the public map, interest counts.

Nothing here returns personal data: no description, address, contact or
resident-written text; a public location is generalised (`public_point`).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from cases.models import OPEN_STATUSES, Case, Status
from cases.selectors import OPEN_ONLY
from catalogue.models import Service
from engagement.models import CaseInterest, Follow
from organisations.models import Jurisdiction
from residents.models import Resident

EARTH_RADIUS_M = 6_371_000
NEARBY_LIMIT = 5


# --- Which services are public ---------------------------------------------------------------


def service_is_public(service: Service) -> bool:
    """May this service's cases appear on the public map, nearby lists and follow pages?

    Problems at a place (a pothole, a streetlight: the service needs a location and
    the form asks where the problem is) are public; requests about one's own address
    or affairs (a bin order, a reservation, a tax question) are not. A city lists
    services to keep off the map in ENGAGEMENT_PRIVATE_SERVICES. The one place to
    change when the catalogue gains a per-service publication setting (issue 14).
    """
    return (
        service.is_active
        and service.needs_location
        and service.location_prompt == Service.LocationPrompt.PROBLEM
        and service.service_code not in settings.ENGAGEMENT_PRIVATE_SERVICES
    )


def public_services(jurisdiction: Jurisdiction) -> list[Service]:
    services = Service.objects.filter(
        jurisdiction=jurisdiction,
        is_active=True,
        needs_location=True,
        location_prompt=Service.LocationPrompt.PROBLEM,
    ).order_by("name", "id")
    return [s for s in services if service_is_public(s)]


def related_service_ids(service: Service) -> list[int]:
    """The service and, when ENGAGEMENT_DUPLICATES_BY_GROUP, the public ones of its group."""
    ids = {service.pk}
    if settings.ENGAGEMENT_DUPLICATES_BY_GROUP and service.group_id:
        for other in Service.objects.filter(group_id=service.group_id, is_active=True):
            if service_is_public(other):
                ids.add(other.pk)
    return sorted(ids)


def public_point(lat: Decimal | None, long: Decimal | None) -> tuple[float, float] | None:
    """A case's location as the public sees it: rounded to ENGAGEMENT_PUBLIC_DECIMALS
    places (3: about 110 m), so a pin never points at one house."""
    if lat is None or long is None:
        return None
    places = Decimal(1).scaleb(-settings.ENGAGEMENT_PUBLIC_DECIMALS)
    return (
        float(Decimal(lat).quantize(places, rounding=ROUND_HALF_UP)),
        float(Decimal(long).quantize(places, rounding=ROUND_HALF_UP)),
    )


def distance_m(lat1: float, long1: float, lat2: float, long2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(long2 - long1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


# --- Nearby: "already reported 40 m away" ----------------------------------------------------


@dataclass(frozen=True)
class Nearby:
    case: Case
    distance_m: int
    me_too_count: int


def _box(lat: float, long: float, radius_m: float) -> Q:
    dlat = math.degrees(radius_m / EARTH_RADIUS_M)
    dlong = dlat / max(math.cos(math.radians(lat)), 0.01)
    return Q(
        lat__gte=Decimal(f"{lat - dlat:.6f}"),
        lat__lte=Decimal(f"{lat + dlat:.6f}"),
        long__gte=Decimal(f"{long - dlong:.6f}"),
        long__lte=Decimal(f"{long + dlong:.6f}"),
    )


def nearby_open_cases(
    *,
    service: Service,
    lat: float,
    long: float,
    now: dt.datetime | None = None,
    exclude: Case | None = None,
    limit: int = NEARBY_LIMIT,
) -> list[Nearby]:
    """Open cases of `service` (or a related one) within ENGAGEMENT_DUPLICATE_RADIUS_M of
    the point and reported in the last ENGAGEMENT_DUPLICATE_MAX_AGE_DAYS, nearest first.

    Two queries: the cases in a bounding box (the partial index over open cases'
    coordinates, engagement migration 0002), then their interest counts.
    """
    if not service_is_public(service):
        return []
    now = now or timezone.now()
    radius = float(settings.ENGAGEMENT_DUPLICATE_RADIUS_M)
    since = now - dt.timedelta(days=settings.ENGAGEMENT_DUPLICATE_MAX_AGE_DAYS)
    candidates = (
        Case.objects.filter(OPEN_ONLY, _box(lat, long, radius))
        .filter(
            service_id__in=related_service_ids(service),
            created_at__gte=since,
            merged_into__isnull=True,
        )
        .select_related("service")
        .order_by("-created_at", "-id")[:200]
    )
    found = []
    for case in candidates:
        if exclude is not None and case.pk == exclude.pk:
            continue
        metres = distance_m(lat, long, float(case.lat or 0), float(case.long or 0))
        if metres <= radius:
            found.append((metres, case))
    found.sort(key=lambda pair: (pair[0], -pair[1].created_at.timestamp()))
    chosen = found[:limit]
    counts = interest_counts([c.pk for _m, c in chosen])
    return [
        Nearby(case=c, distance_m=round(m), me_too_count=counts.get(c.pk, (0, 0))[0])
        for m, c in chosen
    ]


def suggested_duplicates(case: Case, *, now: dt.datetime | None = None) -> list[Nearby]:
    """For staff: open cases near this one of the same or a related service."""
    if case.lat is None or case.long is None or not case.is_open or case.merged_into_id:
        return []
    return nearby_open_cases(
        service=case.service,
        lat=float(case.lat),
        long=float(case.long),
        now=now or timezone.now(),
        exclude=case,
    )


def nearby_row(item: Nearby, zone: Any) -> dict[str, Any]:
    """How a nearby case reads to apps (nearby.json): no personal data."""
    case = item.case
    point = public_point(case.lat, case.long)
    return {
        "service_request_id": case.tracking_number,
        "service_code": case.service.service_code,
        "service_name": case.service.name,
        "status": "open",
        "detailed_status": case.status,
        "requested_datetime": case.created_at.astimezone(zone).isoformat(timespec="seconds"),
        "expected_datetime": case.resolution_due.astimezone(zone).isoformat(timespec="seconds"),
        "distance_m": item.distance_m,
        "lat": point[0] if point else None,
        "long": point[1] if point else None,
        "me_too_count": item.me_too_count,
    }


# --- The public map ------------------------------------------------------------------------

MAP_STATUSES = ("all", "open", "overdue", "resolved")


def map_cases(
    *,
    jurisdiction: Jurisdiction,
    service_code: str = "",
    status: str = "all",
    now: dt.datetime | None = None,
) -> QuerySet[Case]:
    """Open and recently resolved cases of public services, newest first (to be paged).

    `status`: all, open, overdue (open past the promised date) or resolved (in the
    last ENGAGEMENT_MAP_RESOLVED_DAYS days).
    """
    now = now or timezone.now()
    services = public_services(jurisdiction)
    if service_code:
        services = [s for s in services if s.service_code == service_code]
    ids = [s.pk for s in services]
    recent = now - dt.timedelta(days=settings.ENGAGEMENT_MAP_RESOLVED_DAYS)
    resolved = Q(status=Status.RESOLVED, resolved_at__gte=recent)
    cases = Case.objects.filter(jurisdiction=jurisdiction, service_id__in=ids)
    if status == "open":
        cases = cases.filter(OPEN_ONLY)
    elif status == "overdue":
        cases = cases.filter(OPEN_ONLY).filter(resolution_due__lt=now)
    elif status == "resolved":
        cases = cases.filter(resolved)
    else:
        cases = cases.filter(Q(status__in=sorted(OPEN_STATUSES)) | resolved)
    return cases.select_related("service", "interest").order_by("-created_at", "-id")


def public_case(number: str) -> Case | None:
    """A case anyone may see on the map and follow (its public service, not merged away)."""
    from cases.selectors import case_by_tracking_number

    case = case_by_tracking_number(number)
    if case is None or not service_is_public(case.service):
        return None
    return case


def is_on_map(case: Case, *, now: dt.datetime | None = None) -> bool:
    """Open, or resolved recently enough to be on the map."""
    now = now or timezone.now()
    if case.merged_into_id:
        return False
    if case.is_open:
        return True
    recent = now - dt.timedelta(days=settings.ENGAGEMENT_MAP_RESOLVED_DAYS)
    return case.status == Status.RESOLVED and (case.resolved_at or now) >= recent


# --- Interest -------------------------------------------------------------------------------


def interest_counts(case_ids: list[int]) -> dict[int, tuple[int, int]]:
    """{case id: (me-too count, follower count)} for the cases that have any."""
    if not case_ids:
        return {}
    return {
        row.case_id: (row.me_too_count, row.follower_count)
        for row in CaseInterest.objects.filter(case_id__in=case_ids)
    }


def me_too_count(case: Case) -> int:
    return interest_counts([case.pk]).get(case.pk, (0, 0))[0]


def active_followers(case: Case) -> QuerySet[Follow]:
    return Follow.objects.filter(
        case_id=case.pk, verified_at__isnull=False, unsubscribed_at__isnull=True
    ).select_related("resident")


def follow_by_token(token: str) -> Follow | None:
    if not token or len(token) > 64:
        return None
    return (
        Follow.objects.select_related("case__service", "case__jurisdiction", "resident")
        .filter(token=token)
        .first()
    )


def engagement_summary(jurisdiction: Jurisdiction, *, limit: int = 20) -> list[CaseInterest]:
    """For insights: the cases most residents said "me too" on (one indexed range)."""
    return list(
        CaseInterest.objects.filter(case__jurisdiction=jurisdiction, me_too_count__gt=0)
        .select_related("case__service")
        .order_by("-me_too_count", "case_id")[:limit]
    )


def follow_stop_url(case: Case, resident: Resident) -> str:
    """The follower's one-click stop link for messages about `case` ("" if no follow);
    the email sender puts it in List-Unsubscribe (notifications.transports)."""
    token = (
        Follow.objects.filter(case_id=case.pk, resident_id=resident.pk)
        .values_list("token", flat=True)
        .first()
    )
    if not token:
        return ""
    return settings.SITE_URL.rstrip("/") + reverse("portal:follow_unsubscribe", args=[token])
