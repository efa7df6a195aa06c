"""Root causes in the demo city: a planted spike, a hot spot and a drifting inspection step.

The year of history (demo/history.py) is random enough that nothing stands out, so a
newcomer would open empty root-cause pages. This plants, through cases/services.py
like the rest of the history:

- a spike: fourteen pothole reports on one corner yesterday (the corner sees about none);
- a hot spot: a streetlight reported seven times in two months, resolved and reported
  again, in one grid cell;
- practical drift: building inspections whose visit ("The inspector visits",
  documented as 2 business days) has really taken about 4 for each of the last four
  months, so the drift page shows a proposal for Building's department admin (dmitri)
  to accept or reject.

The spike and hot-spot cases are anonymous (those services allow it) and the drift
cases are months old (the outbox tells nobody about back-dated events), so nobody is
sent a message about made-up cases. Then the summaries are computed once, as the
hourly task would.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from calendars.arithmetic import BusinessDuration
from calendars.services import working_calendar_for
from cases.models import Case, Status
from cases.services import case_change_status, case_complete_step, case_create
from catalogue.models import Service
from demo.data import catalogue as catalogue_data
from demo.data.organisation import JURISDICTIONS, RIVERTON
from demo.history import draw_answers
from residents.models import Resident
from rootcauses.services import root_causes_refresh

SPIKE_CASES = 14
HOT_SPOT_CASES = 7
DRIFT_MONTHS = 4
DRIFT_PER_MONTH = 16
PLANT_WITH_HISTORY = 500


def _centre() -> tuple[float, float]:
    return next(j.centre for j in JURISDICTIONS if j.jurisdiction_id == RIVERTON)


def _near(point: tuple[float, float], rng: random.Random, spread: float) -> tuple[Decimal, ...]:
    return tuple(Decimal(str(round(c + rng.uniform(-spread, spread), 6))) for c in point)


def _create(
    service: Service,
    *,
    at: dt.datetime,
    where: tuple[Decimal, ...],
    address: str,
    rng: random.Random,
    description: str,
    resident: Resident | None = None,
) -> Case:
    spec = next(s for s in catalogue_data.SERVICES if s.code == service.service_code)
    zone = service.jurisdiction.zone
    return case_create(
        service=service,
        channel=rng.choice(["web", "phone", "api", "sms"]),
        description=description,
        answers=draw_answers(spec, rng, at.astimezone(zone)),
        address=address,
        lat=where[0],
        long=where[1],
        resident=resident,
        at=at,
    )


def plant_root_causes(*, rng: random.Random, now: dt.datetime, history_cases: int) -> None:
    """Plant the three stories and compute the summaries.

    Only beside a city-sized history (the default `make demo`): the small loads of the
    demo tests count their cases exactly and are left as they are.
    """
    if history_cases >= PLANT_WITH_HISTORY:
        services = {
            s.service_code: s
            for s in Service.objects.filter(
                jurisdiction__jurisdiction_id=RIVERTON,
                service_code__in=["pothole", "streetlight-out", "building-inspection"],
            ).select_related("jurisdiction")
        }
        if len(services) == 3:
            _spike(services["pothole"], rng=rng, now=now)
            _hot_spot(services["streetlight-out"], rng=rng, now=now)
            _drift(services["building-inspection"], rng=rng, now=now)
    root_causes_refresh(now=now)


def _spike(service: Service, *, rng: random.Random, now: dt.datetime) -> None:
    lat, long = _centre()
    corner = (lat + 0.0031, long + 0.0042)
    zone = service.jurisdiction.zone
    yesterday = (now.astimezone(zone) - dt.timedelta(days=1)).date()
    start = dt.datetime.combine(yesterday, dt.time(7, 30), tzinfo=zone)
    for n in range(SPIKE_CASES):
        _create(
            service,
            at=start + dt.timedelta(minutes=35 * n + rng.randrange(20)),
            where=_near(corner, rng, 0.0004),
            address="Mill Street and 3rd Avenue",
            rng=rng,
            description="Deep pothole at the Mill Street crossing after the water-main work.",
        )


def _hot_spot(service: Service, *, rng: random.Random, now: dt.datetime) -> None:
    lat, long = _centre()
    pole = (lat - 0.0052, long + 0.0017)
    for n in range(HOT_SPOT_CASES):
        at = now - dt.timedelta(days=60 - 8 * n, hours=rng.randrange(6))
        case = _create(
            service,
            at=at,
            where=_near(pole, rng, 0.0003),
            address="Riverside Park path, by the playground",
            rng=rng,
            description="The light on the park path is out again.",
        )
        if n < HOT_SPOT_CASES - 2:  # resolved each time, and reported again
            case_change_status(
                case=case, status=Status.RESOLVED, by=None, at=at + dt.timedelta(days=2)
            )


def _drift(service: Service, *, rng: random.Random, now: dt.datetime) -> None:
    calendar = working_calendar_for(service.jurisdiction)
    zone = service.jurisdiction.zone
    month = now.astimezone(zone).date().replace(day=1)
    lat, long = _centre()
    residents = list(Resident.objects.order_by("pk").values_list("pk", flat=True)[:200])
    if not residents:
        return
    for _m in range(DRIFT_MONTHS):
        month = (month - dt.timedelta(days=1)).replace(day=1)
        for n in range(DRIFT_PER_MONTH):
            day = month + dt.timedelta(days=rng.randrange(20))
            received = calendar.clock_start(
                dt.datetime.combine(day, dt.time(9 + n % 6), tzinfo=zone)
            )
            case = _create(
                service,
                at=received,
                where=_near((lat, long), rng, 0.02),
                address=f"{100 + 7 * n} Main Street",
                rng=rng,
                description="Ready for the framing inspection on the garage addition.",
                resident=Resident.objects.get(pk=rng.choice(residents)),
            )
            booked = calendar.add(received, BusinessDuration(rng.randint(1, 4), "business_hours"))
            case_complete_step(case=case, order=1, by=None, at=booked)
            # The visit takes about twice the documented two business days.
            days = rng.choice([4, 4, 5, 4, 3])
            visited = calendar.add(booked, BusinessDuration(days, "business_days"))
            case_complete_step(case=case, order=2, by=None, at=visited)
            recorded = calendar.add(visited, BusinessDuration(1, "business_days"))
            if recorded < now:
                case_complete_step(case=case, order=3, by=None, at=recorded)
                case_change_status(case=case, status=Status.RESOLVED, by=None, at=recorded)
