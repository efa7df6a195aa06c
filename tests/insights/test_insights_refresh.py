"""The dashboard summaries: a full refresh, an incremental one, and what the page shows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.models import Case, Channel, Status
from cases.services import case_change_status
from insights.models import BacklogSnapshot, CaseDaily, RefreshState
from insights.services import insights_refresh
from tests import factories

pytestmark = pytest.mark.django_db
DASHBOARD = "/staff/insights/"


def make(city, *, days_ago=0, **kwargs):
    at = timezone.now() - dt.timedelta(days=days_ago)
    return factories.make_case(city.pothole, at=at, address="1 Main", **kwargs)


def test_full_refresh_counts_cases_received_per_day_and_channel(city):
    make(city, channel=Channel.WEB)
    make(city, channel=Channel.WEB)
    make(city, channel=Channel.PHONE, days_ago=3)

    report = insights_refresh(full=True)

    rows = {(r.channel, r.received) for r in CaseDaily.objects.all()}
    assert rows == {("web", 2), ("phone", 1)}
    assert report.full
    assert report.daily_rows == 2


def test_resolved_cases_count_as_resolved_on_the_day_and_on_time(city):
    case = make(city)
    case_change_status(case=case, status=Status.RESOLVED, by=city.alice, note="Fixed")

    insights_refresh(full=True)

    row = CaseDaily.objects.get()
    assert (row.received, row.resolved, row.resolved_on_time) == (1, 1, 1)


def test_summaries_are_written_in_day_order(city):
    # Cases received out of order, in two channels: the GROUP BY answers in hash order.
    for days_ago in (3, 40, 1, 17, 9, 30, 2):
        make(city, days_ago=days_ago)
        make(city, days_ago=days_ago, channel=Channel.PHONE)

    insights_refresh(full=True)

    days = list(CaseDaily.objects.order_by("pk").values_list("day", flat=True))
    assert len(days) == 14
    assert days == sorted(days)


def test_incremental_refresh_adds_new_cases_and_keeps_older_days(city):
    old = make(city, days_ago=10)
    insights_refresh(full=True)
    # A day the incremental pass will not revisit is left as it was.
    Case.objects.filter(pk=old.pk).update(channel=Channel.SMS)
    make(city)

    report = insights_refresh()

    assert not report.full
    assert sorted((r.channel, r.received) for r in CaseDaily.objects.all()) == [
        ("web", 1),
        ("web", 1),
    ]
    assert RefreshState.objects.count() == 1


def test_backlog_is_a_snapshot_of_open_cases_with_overdue(city):
    make(city)
    overdue = make(city)
    Case.objects.filter(pk=overdue.pk).update(resolution_due=timezone.now() - dt.timedelta(days=1))
    done = make(city)
    case_change_status(case=done, status=Status.RESOLVED, by=city.alice, note="Fixed")

    insights_refresh()

    snapshot = BacklogSnapshot.objects.get()
    assert (snapshot.status, snapshot.open, snapshot.overdue) == ("new", 2, 1)


def test_refresh_command_and_queued_task(city):
    make(city)

    call_command("refresh_insights", "--full")
    call_command("refresh_insights", "--enqueue")  # tests run tasks inline

    assert CaseDaily.objects.get().received == 1


def test_supervisor_sees_their_departments_figures(city, client):
    make(city)
    factories.make_case(city.shelter, at=timezone.now())
    insights_refresh(full=True)
    client.force_login(city.sam)  # supervisor, Public Works

    response = client.get(DASHBOARD)

    assert response.status_code == 200
    assert "Public Works" in response.text
    assert "Parks &amp; Recreation" not in response.text
    assert "Pothole" in response.text


def test_agents_may_not_see_the_dashboard(city, client):
    client.force_login(city.alice)

    assert client.get(DASHBOARD).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]


def test_dashboard_in_spanish(city, client):
    insights_refresh(full=True)
    client.force_login(city.ada)

    response = client.get(DASHBOARD, HTTP_ACCEPT_LANGUAGE="es")

    assert "Casos recibidos por canal, por semana" in response.text


def test_dashboard_runs_a_constant_number_of_queries(city, client, django_assert_max_num_queries):
    client.force_login(city.ada)
    make(city)
    insights_refresh(full=True)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(DASHBOARD)
    for days in range(20):
        make(city, days_ago=days, channel=Channel.PHONE)
    insights_refresh(full=True)

    with django_assert_max_num_queries(len(few)):
        client.get(DASHBOARD)
