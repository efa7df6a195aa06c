"""The queue at scale: capped view counts, the indexes its pages use, word search."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.utils import timezone

from cases.models import OPEN_STATUS_LIST, OPEN_STATUSES, Case
from tests import factories
from workspace import queue

pytestmark = pytest.mark.django_db
QUEUE = "/staff/"


def make(city, **kwargs):
    kwargs.setdefault("address", "1 Main")
    return factories.make_case(city.pothole, at=timezone.now(), **kwargs)


def count_badge(response, slug: str) -> str:
    match = re.search(rf'id="count-{slug}">([^<]+)<', response.text)
    assert match, f"no count for {slug}"
    return match.group(1)


def test_view_counts_are_shown_beside_each_view(city, login):
    # Given two open cases, one of them Alice's
    mine = make(city)
    Case.objects.filter(pk=mine.pk).update(owner=city.alice)
    make(city)

    response = login(city.alice).get(QUEUE)

    assert count_badge(response, "all") == "2"
    assert count_badge(response, "my-cases") == "1"
    assert count_badge(response, "unassigned") == "1"


def test_view_counts_stop_at_the_cap(city, login, monkeypatch):
    # Given more open cases than the cap
    monkeypatch.setattr(queue, "BADGE_CAP", 2)
    for _ in range(3):
        make(city)

    response = login(city.alice).get(QUEUE)

    assert count_badge(response, "all") == "2+"
    assert count_badge(response, "unassigned") == "2+"


def test_capped_count_reads_at_most_cap_plus_one_rows(city, django_assert_num_queries):
    for _ in range(3):
        make(city)
    cases = Case.objects.all()

    with django_assert_num_queries(1) as captured:
        result = queue.capped_count(cases, cap=2)

    assert (result.value, result.capped, str(result)) == (2, True, "2+")
    assert "LIMIT 3" in captured.captured_queries[0]["sql"]


def test_open_status_list_is_the_open_statuses_in_a_fixed_order():
    assert sorted(OPEN_STATUSES) == OPEN_STATUS_LIST


def test_word_search_needs_every_word_and_matches_the_last_as_a_prefix(city, login):
    elm = make(city, address="14 Elm Street", description="Deep pothole")
    make(city, address="14 Elm Road", description="Broken light")
    alice = login(city.alice)

    response = alice.get(QUEUE, {"q": "elm stre"})

    assert re.findall(r'data-tracking="([0-9A-Z-]+)"', response.text) == [elm.tracking_number]


def test_search_of_punctuation_only_finds_nothing_and_does_not_fail(city, login):
    make(city)

    response = login(city.alice).get(QUEUE, {"q": "!!!"})

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("filters", "index"),
    [
        (queue.QueueFilters(), "case_open_created_idx"),
        (queue.QueueFilters(owner="none"), "case_open_unowned_idx"),
        (queue.QueueFilters(sort="due", due="overdue"), "case_open_due_idx"),
        (queue.QueueFilters(department=1), "case_open_dept_created_idx"),
        (queue.QueueFilters(department=1, owner="none"), "case_open_unowned_dept_idx"),
    ],
)
def test_queue_filters_can_use_the_partial_open_indexes_on_sqlite(city, filters, index):
    """SQLite uses a partial index only if the query repeats its condition term for term.

    `INDEXED BY` makes SQLite fail ("no query solution") when the index cannot
    serve the query, so this proves usability whatever the planner would pick on
    a table this small. PostgreSQL proves implication itself (the bench shows the plans).
    """
    if connection.vendor != "sqlite":
        pytest.skip("checks SQLite's term-for-term partial index rule")
    make(city)
    cases = queue.filtered_cases(city.ada, filters, now=timezone.now(), zone=dt.UTC)
    key, descending = queue.SORTS[filters.sort]
    prefix = "-" if descending else ""
    sql, params = cases.order_by(f"{prefix}{key}", f"{prefix}id")[:26].query.sql_with_params()
    forced = sql.replace('FROM "cases_case"', f'FROM "cases_case" INDEXED BY {index}', 1)

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {forced}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())

    assert index in plan
    assert "TEMP B-TREE" not in plan  # the index gives the order: no sort


def _pg_plan(sql: str, params) -> str:
    with connection.cursor() as cursor:
        # Fresh statistics of this test's rows: the planner otherwise plans with whatever
        # an earlier test (or none) left, and its choice between indexes flips.
        cursor.execute("ANALYZE cases_case")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.postgres_only
def test_word_search_reads_the_gin_index_on_postgres(city):
    if connection.vendor != "postgresql":
        pytest.skip("the GIN index exists on PostgreSQL only")
    make(city, description="Streetlight out")
    cases = queue.filtered_cases(
        city.ada, queue.QueueFilters(q="streetlight", status="any"), now=timezone.now(), zone=dt.UTC
    )
    sql, params = cases.order_by().query.sql_with_params()

    assert "case_search_document_idx" in _pg_plan(sql, params)


@pytest.mark.postgres_only
def test_unassigned_cases_of_some_departments_read_their_own_index_on_postgres(city):
    # At 10M cases PostgreSQL answered this (the "unassigned" badge of every agent's
    # queue) with a BitmapAnd of the department and owner indexes: 80 ms.
    make(city)
    cases = queue.filtered_cases(
        city.alice, queue.QueueFilters(owner="none"), now=timezone.now(), zone=dt.UTC
    )
    sql, params = cases.order_by("-created_at", "-id")[:26].query.sql_with_params()

    assert "case_open_unowned_dept_idx" in _pg_plan(sql, params)


def test_team_names_in_the_queue_cost_no_query_per_row(city, login, django_assert_num_queries):
    # Given cases in a team (a department with a parent), which shows as "Parent › Team"
    team = factories.make_department(city.jurisdiction, "Potholes team", parent=city.public_works)
    city.alice.departments.add(team)
    service = factories.make_service(team, code="team-pothole")
    factories.make_case(service, at=timezone.now(), address="1 Main")
    alice = login(city.alice)
    alice.get(QUEUE)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        alice.get(QUEUE)
    for _ in range(3):
        factories.make_case(service, at=timezone.now(), address="1 Main")

    with django_assert_num_queries(len(one)):
        response = alice.get(QUEUE)

    assert "Public Works › Potholes team" in response.text
