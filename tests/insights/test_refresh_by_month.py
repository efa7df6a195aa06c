"""The full refresh, month by month, writes exactly the rows of the straightforward
computation it replaced; resuming and the incremental refresh agree with it.

The reference below is the previous refresh, spelt out: grouped counts in SQL, every
responded and resolved case read and measured with the calendar's own
``business_minutes_between``, first contact from correlated subqueries. The city is the
seven busy weeks of test_metrics (responses, resolutions, transfers, second contacts,
reopens, merged duplicates, coach reviews, across a month boundary), plus the odd cases
a month-by-month pass has to get right.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import TruncDate
from django.test.utils import CaptureQueriesContext

from calendars.services import working_calendar_for
from cases.models import Case, CaseEvent, EventKind
from coaching.models import ReplyReview
from insights.histograms import bucket_of
from insights.models import TIME_EDGES, CaseDaily, MetricDaily, TeamDaily, frt_fields, res_fields
from insights.services import insights_refresh
from tests import factories
from tests.insights.test_metrics import NOW, START, build_city

pytestmark = pytest.mark.django_db

MEASURES = [
    "received",
    "responded",
    "responded_on_time",
    "resolved",
    "resolved_on_time",
    "reopened",
    "first_contact",
    "reviews",
    "review_score",
    *frt_fields(),
    *res_fields(),
]
KEY = ("department_id", "service_id", "channel", "owner_id")


def reference(jurisdiction) -> dict[str, set[tuple[Any, ...]]]:
    """CaseDaily, MetricDaily and TeamDaily rows as the previous full refresh computed them."""
    zone = jurisdiction.zone
    calendar = working_calendar_for(jurisdiction)
    cases = Case.objects.filter(jurisdiction=jurisdiction).order_by()
    daily: dict[tuple[Any, ...], list[int]] = {}
    for values in (
        cases.annotate(day=TruncDate("created_at", tzinfo=zone))
        .values("day", "department_id", "service_id", "channel")
        .annotate(n=Count("id"))
    ):
        key = (values["day"], values["department_id"], values["service_id"], values["channel"])
        daily.setdefault(key, [0, 0, 0])[0] = values["n"]
    for values in (
        cases.filter(resolved_at__isnull=False)
        .annotate(day=TruncDate("resolved_at", tzinfo=zone))
        .values("day", "department_id", "service_id", "channel")
        .annotate(
            n=Count("id"), on_time=Count("id", filter=Q(resolved_at__lte=F("resolution_due")))
        )
    ):
        key = (values["day"], values["department_id"], values["service_id"], values["channel"])
        daily.setdefault(key, [0, 0, 0])[1:] = [values["n"], values["on_time"]]

    rows: dict[tuple[Any, ...], list[int]] = {}

    def row(key):
        return rows.setdefault(key, [0] * len(MEASURES))

    frt, res = MEASURES.index("frt_0"), MEASURES.index("res_0")
    for day, *key, n in (
        cases.annotate(day=TruncDate("created_at", tzinfo=zone))
        .values_list("day", *KEY)
        .annotate(n=Count("id"))
    ):
        row((day, *key))[0] = n
    for created, at, due, *key in cases.filter(
        first_responded_at__isnull=False, merged_into__isnull=True
    ).values_list("created_at", "first_responded_at", "first_response_due", *KEY):
        summary = row((at.astimezone(zone).date(), *key))
        summary[1] += 1
        summary[2] += at <= due
        minutes = calendar.business_minutes_between(created, at)
        summary[frt + bucket_of(minutes, TIME_EDGES)] += 1
    events = CaseEvent.objects.filter(case_id=OuterRef("pk"))
    resolved = cases.filter(resolved_at__isnull=False).annotate(
        transferred=Exists(events.filter(kind=EventKind.TRANSFERRED)),
        contacted=Exists(events.filter(kind=EventKind.RESIDENT_MESSAGE)),
        has_duplicates=Exists(Case.objects.filter(merged_into_id=OuterRef("pk"))),
    )
    for created, at, due, reopens, transferred, contacted, duplicates, *key in resolved.values_list(
        "created_at",
        "resolved_at",
        "resolution_due",
        "reopen_count",
        "transferred",
        "contacted",
        "has_duplicates",
        *KEY,
    ):
        summary = row((at.astimezone(zone).date(), *key))
        summary[3] += 1
        summary[4] += at <= due
        summary[5] += reopens > 0
        summary[6] += not (reopens or transferred or contacted or duplicates)
        minutes = calendar.business_minutes_between(created, at)
        summary[res + bucket_of(minutes, TIME_EDGES)] += 1
    for day, *review_key, n, score in (
        ReplyReview.objects.filter(event__case__jurisdiction=jurisdiction)
        .order_by()
        .annotate(day=TruncDate("created_at", tzinfo=zone))
        .values_list(
            "day",
            "event__case__department_id",
            "event__case__service_id",
            "event__case__channel",
            "author_id",
        )
        .annotate(n=Count("id"), score=Sum("score"))
    ):
        summary = row((day, *review_key))
        summary[7] = n
        summary[8] = score or 0

    teams: dict[tuple[Any, ...], list[int]] = {}
    for (day, *team_key, _agent), measures in rows.items():
        total = teams.setdefault((day, *team_key), [0] * len(MEASURES))
        for index, value in enumerate(measures):
            total[index] += value
    return {
        "case": {(*key, *values) for key, values in daily.items()},
        "metric": {(*key, *values) for key, values in rows.items()},
        "team": {(*key, *values) for key, values in teams.items()},
    }


def written() -> dict[str, set[tuple[Any, ...]]]:
    key = ("day", "department_id", "service_id", "channel")
    return {
        "case": set(
            CaseDaily.objects.values_list(*key, "received", "resolved", "resolved_on_time")
        ),
        "metric": set(MetricDaily.objects.values_list(*key, "agent_id", *MEASURES)),
        "team": set(TeamDaily.objects.values_list(*key, *MEASURES)),
    }


def assert_same(found, expected):
    for table in ("case", "metric", "team"):
        assert found[table] == expected[table], table


@pytest.fixture
def busy(city):
    build_city(city)
    # A case that a data import left resolved before it was received (a month earlier),
    # and a coach review in a month without cases: the month-by-month pass must still
    # count them where the events are.
    odd = Case.objects.filter(resolved_at__isnull=False).order_by("pk").first()
    Case.objects.filter(pk=odd.pk).update(resolved_at=odd.created_at - dt.timedelta(days=40))
    review = ReplyReview.objects.order_by("pk").first()
    ReplyReview.objects.filter(pk=review.pk).update(created_at=START + dt.timedelta(days=120))
    return city


def test_the_full_refresh_writes_the_rows_of_the_old_computation(busy):
    with time_machine.travel(NOW, tick=False):
        stale = factories.make_case(busy.pothole, address="1 Main St")
        insights_refresh(full=True)
    # Rows of days that no longer have anything go too.
    Case.objects.filter(pk=stale.pk).delete()
    with time_machine.travel(NOW, tick=False):
        insights_refresh(full=True)

    expected = reference(busy.jurisdiction)
    assert len(expected["metric"]) > 60
    assert_same(written(), expected)
    # The odd case's resolution and the lone review, where their events are.
    odd_day = min(row[0] for row in expected["metric"])
    assert odd_day < START.date()
    assert max(row[0] for row in written()["metric"]) == (START + dt.timedelta(days=120)).date()


def test_a_full_refresh_resumed_from_a_month_ends_as_a_whole_one(busy):
    with time_machine.travel(NOW, tick=False):
        insights_refresh(full=True)
    # As if the refresh had stopped after September: October's rows are wrong.
    october = dt.date(2026, 10, 1)
    MetricDaily.objects.filter(day__gte=october).update(received=99)
    CaseDaily.objects.filter(day__gte=october).delete()

    with time_machine.travel(NOW, tick=False):
        report = insights_refresh(full=True, resume=october)

    assert report.full
    assert_same(written(), reference(busy.jurisdiction))


def test_the_incremental_refresh_agrees_with_the_full_one(busy):
    with time_machine.travel(NOW - dt.timedelta(days=9), tick=False):
        insights_refresh(full=True)
    with time_machine.travel(NOW, tick=False):
        insights_refresh()

    assert_same(written(), reference(busy.jurisdiction))


def test_the_incremental_refresh_runs_a_fixed_number_of_queries(city):
    with time_machine.travel(NOW, tick=False):
        factories.make_case(city.pothole, address="1 Main St")
        insights_refresh(full=True)
        factories.make_case(city.pothole, address="1 Main St")
        with CaptureQueriesContext(connection) as few:
            insights_refresh()
        for n in range(30):
            factories.make_case(city.pothole if n % 2 else city.shelter, address="1 Main St")

        with CaptureQueriesContext(connection) as many:
            insights_refresh()

    assert len(many) == len(few)
