"""Staff notices: the due-soon scan (idempotent claims), the cron command, the list page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Case
from cases.services import case_assign
from notifications.models import DueSoonMark, NoticeKind, StaffNotice
from notifications.services import send_due_soon_notices
from notifications.tasks import send_due_soon_notices_task
from tests import factories

pytestmark = pytest.mark.django_db


def due_in(case: Case, delta: dt.timedelta) -> Case:
    Case.objects.filter(pk=case.pk).update(resolution_due=timezone.now() + delta)
    case.refresh_from_db()
    return case


@pytest.fixture
def soon(city):
    # A Tuesday mid-morning, so "4 business hours" is the same afternoon.
    return factories.make_case(city.pothole, address="1 Elm")


NOW = dt.datetime(2026, 3, 3, 15, 0, tzinfo=dt.UTC)  # Tuesday 10:00 in New York


def make_due(city, *, at, owner=None):
    case = factories.make_case(city.pothole, address="1 Elm")
    Case.objects.filter(pk=case.pk).update(resolution_due=at)
    if owner:
        case_assign(case=case, owner=owner, by=owner)
    case.refresh_from_db()
    return case


def test_owner_is_noticed_once_for_a_case_due_within_the_horizon(city):
    case = make_due(city, at=NOW + dt.timedelta(hours=2), owner=city.alice)

    first = send_due_soon_notices(now=NOW, hours=4)
    second = send_due_soon_notices(now=NOW + dt.timedelta(minutes=5), hours=4)

    assert (first, second) == (1, 0)
    notice = StaffNotice.objects.get()
    assert (notice.user, notice.case, notice.kind) == (city.alice, case, NoticeKind.DUE_SOON)
    assert case.tracking_number in notice.body


def test_unowned_case_notices_everyone_in_the_department(city):
    make_due(city, at=NOW + dt.timedelta(hours=1))

    send_due_soon_notices(now=NOW, hours=4)

    assert set(StaffNotice.objects.values_list("user__username", flat=True)) == {"alice", "sam"}


def test_cases_beyond_the_horizon_or_already_overdue_are_left_alone(city):
    make_due(city, at=NOW + dt.timedelta(days=3))
    make_due(city, at=NOW - dt.timedelta(hours=1))

    assert send_due_soon_notices(now=NOW, hours=4) == 0


def test_horizon_counts_business_hours_not_clock_hours(city):
    # Friday 16:00 New York: 4 business hours run to Monday 11:00 (EDT since Sunday).
    friday = dt.datetime(2026, 3, 6, 21, 0, tzinfo=dt.UTC)
    make_due(city, at=dt.datetime(2026, 3, 9, 14, 30, tzinfo=dt.UTC))  # Monday 10:30 EDT
    make_due(city, at=dt.datetime(2026, 3, 9, 15, 30, tzinfo=dt.UTC))  # Monday 11:30 EDT: later

    assert send_due_soon_notices(now=friday, hours=4) == 2


def test_a_mark_claimed_by_another_scan_is_not_noticed_again(city):
    case = make_due(city, at=NOW + dt.timedelta(hours=2), owner=city.alice)
    DueSoonMark.objects.create(case=case, due_at=case.resolution_due, noticed_at=NOW)

    assert send_due_soon_notices(now=NOW, hours=4) == 0


def test_a_new_promise_after_reopening_is_noticed_again(city):
    case = make_due(city, at=NOW + dt.timedelta(hours=2), owner=city.alice)
    send_due_soon_notices(now=NOW, hours=4)
    Case.objects.filter(pk=case.pk).update(resolution_due=NOW + dt.timedelta(hours=3))

    assert send_due_soon_notices(now=NOW, hours=4) == 1


def test_command_and_task_run_the_scan(city, soon):
    due_in(soon, dt.timedelta(minutes=30))
    out = io.StringIO()

    call_command("send_due_soon_notices", "--hours", "8", stdout=out)
    result = send_due_soon_notices_task.enqueue(hours=8)

    assert "2 notice(s) written" in out.getvalue()
    assert result.return_value == 0


def test_notice_list_shows_unread_count_and_marks_read(city, login):
    case = factories.make_case(city.pothole, address="1 Elm")
    StaffNotice.objects.create(
        user=city.alice, case=case, kind=NoticeKind.ASSIGNED, body="Take a look", created_at=NOW
    )
    StaffNotice.objects.create(
        user=city.sam, case=case, kind=NoticeKind.ASSIGNED, body="Sam's own", created_at=NOW
    )
    alice = login(city.alice)

    page = alice.get("/notifications/")
    queue = alice.get("/staff/")
    alice.post("/notifications/read/", {})

    assert "Take a look" in page.text
    assert "Sam&#x27;s own" not in page.text
    assert 'id="unread-count"' in queue.text
    assert StaffNotice.objects.filter(user=city.alice, read_at=None).count() == 0
    assert StaffNotice.objects.filter(user=city.sam, read_at=None).count() == 1


def test_notice_list_needs_sign_in(client):
    response = client.get("/notifications/")

    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


def test_notice_list_runs_a_constant_number_of_queries(city, login, django_assert_num_queries):
    case = factories.make_case(city.pothole, address="1 Elm")
    alice = login(city.alice)

    def add(n):
        StaffNotice.objects.bulk_create(
            StaffNotice(
                user=city.alice, case=case, kind=NoticeKind.DUE_SOON, body=f"n{i}", created_at=NOW
            )
            for i in range(n)
        )

    add(3)
    with CaptureQueriesContext(connection) as captured:
        alice.get("/notifications/")
    add(27)
    with django_assert_num_queries(len(captured)):
        response = alice.get("/notifications/")

    assert response.text.count('class="notice unread"') == 30
