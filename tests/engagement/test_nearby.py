"""'Already reported nearby': which open cases are offered, and how fast the query is."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from cases.models import Case, Status
from cases.selectors import OPEN_ONLY
from cases.services import case_change_status
from engagement.selectors import _box, nearby_open_cases, suggested_duplicates
from tests import factories
from tests.engagement.conftest import FAR, NEAR, SPOT

pytestmark = pytest.mark.django_db


def test_an_open_case_33_m_away_is_offered_with_its_distance(city: Any, pothole_case: Case):
    found = nearby_open_cases(service=city.pothole, lat=NEAR[0], long=NEAR[1])
    assert [f.case for f in found] == [pothole_case]
    assert 30 <= found[0].distance_m <= 36


def test_a_case_further_than_the_radius_is_not_offered(city: Any, pothole_case: Case):
    assert nearby_open_cases(service=city.pothole, lat=FAR[0], long=FAR[1]) == []


def test_another_unrelated_service_is_not_offered(city: Any, pothole_case: Case):
    other = factories.make_service(
        city.public_works, code="streetlight", name="Streetlight", needs_location=True
    )
    assert nearby_open_cases(service=other, lat=SPOT[0], long=SPOT[1]) == []


def test_a_service_of_the_same_group_is_related(city: Any):
    from catalogue.models import ServiceGroup

    group = ServiceGroup.objects.create(jurisdiction=city.jurisdiction, name="Streets", slug="s")
    city.pothole.group = group
    city.pothole.save()
    sinkhole = factories.make_service(
        city.public_works, code="sinkhole", name="Sinkhole", needs_location=True
    )
    sinkhole.group = group
    sinkhole.save()
    case = factories.make_case(sinkhole, resident=city.rita, lat=SPOT[0], long=SPOT[1])
    found = nearby_open_cases(service=city.pothole, lat=NEAR[0], long=NEAR[1])
    assert [f.case for f in found] == [case]


def test_a_resolved_case_is_not_offered(city: Any, pothole_case: Case):
    case_change_status(case=pothole_case, status=Status.RESOLVED, by=city.alice)
    assert nearby_open_cases(service=city.pothole, lat=NEAR[0], long=NEAR[1]) == []


def test_a_case_older_than_the_age_limit_is_not_offered(city: Any, settings: Any):
    settings.ENGAGEMENT_DUPLICATE_MAX_AGE_DAYS = 10
    long_ago = timezone.now() - dt.timedelta(days=11)
    with time_machine.travel(long_ago, tick=False):
        factories.make_case(city.pothole, resident=city.rita, lat=SPOT[0], long=SPOT[1])
    assert nearby_open_cases(service=city.pothole, lat=NEAR[0], long=NEAR[1]) == []


def test_a_private_service_is_never_offered(city: Any, settings: Any, pothole_case: Case):
    settings.ENGAGEMENT_PRIVATE_SERVICES = ["pothole"]
    assert nearby_open_cases(service=city.pothole, lat=NEAR[0], long=NEAR[1]) == []


def test_staff_see_the_other_case_as_a_suggested_duplicate(city: Any, pothole_case: Case):
    second = factories.make_case(city.pothole, resident=city.rosa, lat=NEAR[0], long=NEAR[1])
    assert [d.case for d in suggested_duplicates(second)] == [pothole_case]
    assert [d.case for d in suggested_duplicates(pothole_case)] == [second]


def test_nearby_takes_two_queries_whatever_the_number_of_cases(
    city: Any, pothole_case: Case, django_assert_max_num_queries: Any
):
    for i in range(6):
        factories.make_case(city.pothole, resident=city.rita, lat=SPOT[0] + i * 1e-5, long=SPOT[1])
    with django_assert_max_num_queries(3):  # related services, the box, the counts
        found = nearby_open_cases(service=city.pothole, lat=NEAR[0], long=NEAR[1])
    assert len(found) == 5


def test_the_nearby_query_reads_the_open_location_index(city: Any, pothole_case: Case):
    # A history of finished cases of the same service, as in a real city: reading the
    # service's index would walk all of them; the partial index holds the open ones only.
    Case.objects.bulk_create(
        Case(
            tracking_number=f"H{n:09d}",
            jurisdiction=city.jurisdiction,
            service=city.pothole,
            department=city.public_works,
            channel="web",
            status=Status.CLOSED,
            lat=SPOT[0] + (n % 50) / 10_000,
            long=SPOT[1] + (n // 50) / 10_000,
            created_at=pothole_case.created_at,
            updated_at=pothole_case.created_at,
            first_response_due=pothole_case.created_at,
            resolution_due=pothole_case.created_at,
        )
        for n in range(2000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    query = Case.objects.filter(OPEN_ONLY, _box(SPOT[0], SPOT[1], 100)).filter(
        service_id__in=[city.pothole.pk]
    )
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "engagement_case_open_point_idx" in plan, plan


@pytest.mark.parametrize("status", ["open", "overdue", "resolved"])
def test_the_map_queries_read_an_index_not_the_whole_table(
    city: Any, pothole_case: Case, status: str
):
    from engagement.selectors import map_cases

    Case.objects.bulk_create(
        Case(
            tracking_number=f"M{n:09d}",
            jurisdiction=city.jurisdiction,
            service=city.pothole,
            department=city.public_works,
            channel="web",
            status=Status.CLOSED,
            created_at=pothole_case.created_at,
            updated_at=pothole_case.created_at,
            first_response_due=pothole_case.created_at,
            resolution_due=pothole_case.created_at,
        )
        for n in range(2000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    query = map_cases(jurisdiction=city.jurisdiction, status=status)[:25]
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        prefix = "EXPLAIN " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
        cursor.execute(prefix + sql, params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "Seq Scan on cases_case" not in plan, plan
    assert "SCAN cases_case " not in plan.replace("SCAN cases_case USING", ""), plan
