"""The team and agent metrics match a direct computation over the cases of a small city.

The city gets seven weeks of seeded, varied work (responses, resolutions, transfers,
second contacts, reopens, merged duplicates, coach reviews); the summaries are
refreshed in full; then, for several ranges, groupings and filters, every figure
the page would show is recomputed here from the cases themselves (business minutes
with the calendar's own ``business_minutes_between``) and compared.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field

import pytest
import time_machine

from calendars.services import working_calendar_for
from cases.models import OPEN_STATUS_LIST, Case, CaseEvent, EventKind, Status
from cases.services import (
    case_acknowledge,
    case_add_resident_message,
    case_assign,
    case_change_status,
    case_merge,
    case_reopen,
    case_transfer,
)
from coaching.models import ReplyReview
from insights.histograms import BusinessClock, bucket_of, histogram, percentile
from insights.metrics import MetricsQuery, metrics_for
from insights.models import AGE_EDGES, TIME_EDGES
from insights.services import insights_refresh
from tests import factories

pytestmark = pytest.mark.django_db
UTC = dt.UTC
START = dt.datetime(2026, 9, 7, 13, 0, tzinfo=UTC)  # a Monday, 9:00 in Riverton
NOW = START + dt.timedelta(days=49)
CHANNELS = ["web", "phone", "email", "sms"]
TOTAL = "whole range"


def later(rng, at, hours_max):
    moment = at + dt.timedelta(minutes=rng.randrange(5, hours_max * 60))
    return min(moment, NOW - dt.timedelta(minutes=1))


def build_city(city):
    rng = random.Random(16)
    for n in range(60):
        created = START + dt.timedelta(minutes=rng.randrange(0, 40 * 24 * 60))
        with time_machine.travel(created, tick=False):
            service = city.pothole if n % 3 else city.shelter
            case = factories.make_case(
                service, channel=rng.choice(CHANNELS), address="1 Main St", at=created
            )
        at = created
        agent = city.alice if service == city.pothole else city.bob

        if rng.random() < 0.7:
            at = later(rng, at, 4)
            case = case_assign(case=case, owner=agent, by=city.ada, at=at)
        roll = rng.random()
        if roll < 0.15:
            continue  # open, untouched
        at = later(rng, at, 60)
        case = case_acknowledge(case=case, by=city.ada, at=at)
        if roll < 0.3:
            continue  # open, acknowledged
        if rng.random() < 0.2:
            at = later(rng, at, 10)
            target = city.parks if case.department_id == city.public_works.pk else city.public_works
            case = case_transfer(case=case, to_department=target, by=city.ada, note="Theirs", at=at)
        if rng.random() < 0.25:
            at = later(rng, at, 30)
            case_add_resident_message(case=case, body="Any news?", at=at)
            case.refresh_from_db()
        at = later(rng, at, 200)
        case = case_change_status(
            case=case, status=rng.choice([Status.RESOLVED, Status.RESOLVED, Status.DECLINED]),
            by=city.ada, note="Done", at=at,
        )  # fmt: skip
        if case.owner_id and rng.random() < 0.6:
            event = CaseEvent.objects.filter(case=case).order_by("-created_at", "-id").first()
            ReplyReview.objects.create(
                event=event, author_id=case.owner_id, language="en",
                score=rng.randrange(40, 100), created_at=at,
            )  # fmt: skip
        if rng.random() < 0.15 and at < NOW - dt.timedelta(days=3):
            at = later(rng, at, 30)
            case = case_reopen(case=case, by=city.ada, reason="Not fixed", at=at)
            at = later(rng, at, 50)
            case = case_change_status(
                case=case, status=Status.RESOLVED, by=city.ada, note="Again", at=at
            )
    # Two duplicates merged into resolved cases: those lose first-contact resolution.
    targets = list(Case.objects.filter(status=Status.RESOLVED).order_by("pk")[:2])
    for target in targets:
        with time_machine.travel(NOW - dt.timedelta(hours=5), tick=False):
            duplicate = factories.make_case(
                target.service, channel="web", address="1 Main St", at=NOW - dt.timedelta(hours=5)
            )
            case_merge(
                duplicate=duplicate, into=target, by=city.ada, at=NOW - dt.timedelta(hours=4)
            )


@dataclass
class Direct:
    received: int = 0
    responded: int = 0
    responded_on_time: int = 0
    resolved: int = 0
    resolved_on_time: int = 0
    reopened: int = 0
    first_contact: int = 0
    reviews: int = 0
    review_score: int = 0
    frt: list[int] = field(default_factory=list)  # business minutes
    res: list[int] = field(default_factory=list)
    backlog: int = 0
    overdue: int = 0
    ages: list[float] = field(default_factory=list)


def direct(city, query: MetricsQuery) -> dict[object, Direct]:  # noqa: C901  (the oracle, spelt out)
    """The figures computed from the cases, per group key (TOTAL: the whole range)."""
    zone = city.jurisdiction.zone
    calendar = working_calendar_for(city.jurisdiction)
    out: dict[object, Direct] = defaultdict(Direct)

    def in_range(moment):
        return moment is not None and query.start <= moment.astimezone(zone).date() <= query.end

    def keys(department, service, channel, agent, moment):
        if query.department and department != query.department:
            return []
        if query.service and service != query.service:
            return []
        if query.channel and channel != query.channel:
            return []
        if query.agent == "none" and agent is not None:
            return []
        if query.agent.isdigit() and agent != int(query.agent):
            return []
        local = moment.astimezone(zone).date()
        key = {
            "department": department,
            "service": service,
            "channel": channel,
            "agent": agent,
            "week": local - dt.timedelta(days=local.weekday()),
            "month": local.replace(day=1),
        }[query.group]
        return [key, TOTAL]

    transferred = set(
        CaseEvent.objects.filter(kind=EventKind.TRANSFERRED).values_list("case_id", flat=True)
    )
    contacted = set(
        CaseEvent.objects.filter(kind=EventKind.RESIDENT_MESSAGE).values_list("case_id", flat=True)
    )
    with_duplicates = set(
        Case.objects.filter(merged_into__isnull=False).values_list("merged_into_id", flat=True)
    )
    for case in Case.objects.all():
        dims = (case.department_id, case.service_id, case.channel, case.owner_id)
        if in_range(case.created_at):
            for key in keys(*dims, case.created_at):
                out[key].received += 1
        if (
            case.first_responded_at
            and not case.merged_into_id
            and in_range(case.first_responded_at)
        ):
            for key in keys(*dims, case.first_responded_at):
                d = out[key]
                d.responded += 1
                d.responded_on_time += case.first_responded_at <= case.first_response_due
                d.frt.append(
                    calendar.business_minutes_between(case.created_at, case.first_responded_at)
                )
        if case.resolved_at and in_range(case.resolved_at):
            for key in keys(*dims, case.resolved_at):
                d = out[key]
                d.resolved += 1
                d.resolved_on_time += case.resolved_at <= case.resolution_due
                d.reopened += case.reopen_count > 0
                d.first_contact += not (
                    case.reopen_count
                    or case.pk in transferred
                    or case.pk in contacted
                    or case.pk in with_duplicates
                )
                d.res.append(calendar.business_minutes_between(case.created_at, case.resolved_at))
        if case.status in OPEN_STATUS_LIST and query.group not in ("week", "month"):
            for key in keys(*dims, NOW):
                d = out[key]
                d.backlog += 1
                d.overdue += case.resolution_due < NOW
                d.ages.append((NOW - case.created_at).total_seconds() / 86400)
    for review in ReplyReview.objects.select_related("event__case"):
        c = review.event.case
        if in_range(review.created_at):
            for key in keys(
                c.department_id, c.service_id, c.channel, review.author_id, review.created_at
            ):
                out[key].reviews += 1
                out[key].review_score += review.score
    return out


def exact_percentile(values, q):
    ordered = sorted(values)
    return ordered[max(1, math.ceil(q * len(ordered))) - 1]


def check_times(reported, values, q):
    if not values:
        assert reported is None
        return
    expected = percentile(histogram(values, TIME_EDGES), TIME_EDGES, q)
    assert reported == pytest.approx(expected / 60)
    # The figure lies in the bucket that holds the exact percentile of the cases.
    exact = exact_percentile(values, q)
    assert bucket_of(reported * 60, TIME_EDGES) == bucket_of(exact, TIME_EDGES) or (
        reported * 60 == TIME_EDGES[bucket_of(exact, TIME_EDGES)]
    )


def rate(part, whole):
    return 100 * part / whole if whole else None


def compare(figures, d: Direct, *, time_series: bool):
    assert figures.received == d.received
    assert figures.responded == d.responded
    assert figures.resolved == d.resolved
    assert figures.on_time_rate == rate(d.resolved_on_time, d.resolved)
    assert figures.response_on_time_rate == rate(d.responded_on_time, d.responded)
    assert figures.reopen_rate == rate(d.reopened, d.resolved)
    assert figures.first_contact_rate == rate(d.first_contact, d.resolved)
    assert figures.coach_score == (d.review_score / d.reviews if d.reviews else None)
    check_times(figures.first_response_median, d.frt, 0.5)
    check_times(figures.first_response_p90, d.frt, 0.9)
    check_times(figures.resolution_median, d.res, 0.5)
    check_times(figures.resolution_p90, d.res, 0.9)
    if time_series:
        assert figures.backlog is None
    else:
        assert (figures.backlog or 0) == d.backlog
        assert figures.overdue == d.overdue
        expected_age = percentile(histogram(d.ages, AGE_EDGES), AGE_EDGES, 0.5) if d.ages else None
        assert figures.backlog_median_age == expected_age


@pytest.fixture
def busy_city(city):
    build_city(city)
    with time_machine.travel(NOW, tick=False):
        insights_refresh(full=True)
    return city


RANGES = [
    (START.date(), NOW.date()),  # everything
    (dt.date(2026, 9, 14), dt.date(2026, 9, 20)),  # one week
    (dt.date(2026, 9, 10), dt.date(2026, 10, 9)),  # across a month boundary
    (dt.date(2026, 9, 16), dt.date(2026, 9, 16)),  # one day
]


@pytest.mark.parametrize("group", ["department", "agent", "service", "channel", "week", "month"])
def test_every_metric_matches_a_direct_computation(busy_city, group):
    for start, end in RANGES:
        query = MetricsQuery(start=start, end=end, group=group)
        report = metrics_for(busy_city.ada, query)
        expected = direct(busy_city, query)
        time_series = group in ("week", "month")
        rows = {row.key: row for row in report.rows}
        assert set(rows) == {k for k in expected if k != TOTAL}, (start, end)
        for key, row in rows.items():
            compare(row.figures, expected[key], time_series=time_series)
        compare(report.total.figures, expected.get(TOTAL, Direct()), time_series=time_series)


@pytest.mark.parametrize(
    "filters",
    [
        {"channel": "web"},
        {"agent": "none"},
        {"service": "shelter"},
        {"department": "public_works", "group": "agent"},
    ],
)
def test_filtered_metrics_match_a_direct_computation(busy_city, filters):
    values = dict(filters)
    if "service" in values:
        values["service"] = busy_city.shelter.pk
    if "department" in values:
        values["department"] = busy_city.public_works.pk
    values.setdefault("group", "channel")
    query = MetricsQuery(start=START.date(), end=NOW.date(), **values)
    report = metrics_for(busy_city.ada, query)
    expected = direct(busy_city, query)
    assert {row.key for row in report.rows} == {k for k in expected if k != TOTAL}
    for row in report.rows:
        compare(row.figures, expected[row.key], time_series=False)
    compare(report.total.figures, expected[TOTAL], time_series=False)


def test_the_city_exercises_every_measure(busy_city):
    # So that the comparisons above are not comparing zeros.
    query = MetricsQuery(start=START.date(), end=NOW.date(), group="department")
    total = metrics_for(busy_city.ada, query).total.figures
    assert total.received > 50
    assert total.resolved > 20
    assert 0 < total.reopened < total.resolved
    assert 0 < total.first_contact < total.resolved
    assert total.reviews > 5
    assert total.backlog
    assert 0 < total.resolved_on_time < total.resolved or total.resolved_on_time == total.resolved


def test_a_supervisor_sees_only_their_departments(busy_city):
    query = MetricsQuery(start=START.date(), end=NOW.date(), group="department")
    report = metrics_for(busy_city.sam, query)
    assert {row.key for row in report.rows} == {busy_city.public_works.pk}


def test_the_business_clock_agrees_with_the_calendar(city):
    calendar = working_calendar_for(city.jurisdiction)
    clock = BusinessClock(calendar)
    rng = random.Random(3)
    for _ in range(300):
        start = START + dt.timedelta(minutes=rng.randrange(-20000, 200000))
        end = start + dt.timedelta(minutes=rng.randrange(0, 60000))
        assert clock.minutes_between(start, end) == calendar.business_minutes_between(start, end)


def test_percentiles_interpolate_inside_the_bucket():
    edges = (10, 20, 40)
    assert percentile([0, 0, 0, 0], edges, 0.5) is None
    assert percentile([0, 4, 0, 0], edges, 0.5) == 15  # rank 2 of 4 in (10, 20]
    assert percentile([1, 0, 0, 1], edges, 0.9) == 40  # the open bucket: its lower edge
