"""The unified queue: filters, SLA badges, keyset pages, saved views, bulk actions, query counts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import Channel, Status
from cases.services import case_change_status
from tests import factories
from workspace.models import SavedView
from workspace.queue import decode_cursor, encode_cursor

pytestmark = pytest.mark.django_db
QUEUE = "/staff/"


def numbers_on(response) -> list[str]:
    return re.findall(r'data-tracking="([0-9A-Z-]+)"', response.text)


def make(city, *, hours_ago=0.0, **kwargs):
    at = timezone.now() - dt.timedelta(hours=hours_ago)
    return factories.make_case(
        city.pothole, at=at, address=kwargs.pop("address", "1 Main"), **kwargs
    )


def test_queue_shows_every_channel_newest_first(city, login):
    # Given cases from three channels
    web = make(city, hours_ago=3, channel=Channel.WEB)
    phone = make(city, hours_ago=2, channel=Channel.PHONE)
    sms = make(city, hours_ago=1, channel=Channel.SMS)

    response = login(city.alice).get(QUEUE)

    assert numbers_on(response) == [sms.tracking_number, phone.tracking_number, web.tracking_number]


def test_filter_by_channel(city, login):
    make(city, channel=Channel.WEB)
    phone = make(city, channel=Channel.PHONE)

    response = login(city.alice).get(QUEUE, {"channel": "phone"})

    assert numbers_on(response) == [phone.tracking_number]


def test_free_text_finds_address_and_tracking_number(city, login):
    elm = make(city, address="14 Elm Street")
    oak = make(city, address="3 Oak Avenue")
    alice = login(city.alice)

    by_address = alice.get(QUEUE, {"q": "elm street"})
    by_number = alice.get(QUEUE, {"q": oak.tracking_number.lower().replace("-", " ")})

    assert numbers_on(by_address) == [elm.tracking_number]
    assert numbers_on(by_number) == [oak.tracking_number]


def test_resolved_cases_leave_the_default_queue_but_status_any_shows_them(city, login):
    done = make(city)
    case_change_status(case=done, status=Status.RESOLVED, by=city.alice, note="Fixed")
    alice = login(city.alice)

    assert numbers_on(alice.get(QUEUE)) == []
    assert numbers_on(alice.get(QUEUE, {"status": "any"})) == [done.tracking_number]


def test_overdue_filter_and_badges(city, login):
    # Given a case received three weeks ago (past its promise) and one received now
    late = make(city, hours_ago=21 * 24)
    fresh = make(city)

    alice = login(city.alice)
    overdue = alice.get(QUEUE, {"due": "overdue"})
    everything = alice.get(QUEUE)

    assert numbers_on(overdue) == [late.tracking_number]
    assert "badge-overdue" in everything.text
    assert "badge-on_track" in everything.text
    assert fresh.tracking_number in everything.text


def test_owner_presets_my_cases_and_unassigned(city, login):
    mine = make(city, hours_ago=2)
    unassigned = make(city, hours_ago=1)
    alice = login(city.alice)
    alice.post(reverse("workspace:case_action", args=[mine.tracking_number, "take"]))

    assert numbers_on(alice.get(QUEUE, {"owner": "me"})) == [mine.tracking_number]
    assert numbers_on(alice.get(QUEUE, {"owner": "none"})) == [unassigned.tracking_number]


def test_date_range_filter_uses_the_jurisdictions_days(city, login):
    old = make(city, hours_ago=24 * 10)
    make(city)
    day = timezone.localtime(old.created_at, city.jurisdiction.zone).date()

    response = login(city.alice).get(
        QUEUE, {"created_from": day.isoformat(), "created_to": day.isoformat()}
    )

    assert numbers_on(response) == [old.tracking_number]


def test_keyset_pages_walk_forward_and_back_without_gaps(city, login, settings):
    settings.WORKSPACE_QUEUE_PAGE_SIZE = 2
    same_moment = timezone.now() - dt.timedelta(hours=1)
    made = [make(city, hours_ago=h) for h in (5, 4)]
    # two cases received at the same instant: the id breaks the tie
    made += [factories.make_case(city.pothole, at=same_moment, address="x") for _ in range(2)]
    made.append(make(city))
    expected = [c.tracking_number for c in sorted(made, key=lambda c: (c.created_at, c.pk))][::-1]
    alice = login(city.alice)

    pages, response = [], alice.get(QUEUE)
    while True:
        pages.append(numbers_on(response))
        found = re.search(r'href="\?after=([^"]+)" rel="next"', response.text)
        if not found:
            break
        response = alice.get(QUEUE, {"after": found.group(1)})
    previous = re.search(r'href="\?before=([^"]+)" rel="prev"', response.text)
    back = alice.get(QUEUE, {"before": previous.group(1)})

    assert [n for page in pages for n in page] == expected
    assert [len(p) for p in pages] == [2, 2, 1]
    assert numbers_on(back) == pages[1]
    assert 'rel="prev"' not in alice.get(QUEUE).text


def test_a_tampered_cursor_shows_the_first_page_with_a_warning(city, login):
    make(city)

    response = login(city.alice).get(QUEUE, {"after": "not-a-cursor!!"})

    assert response.status_code == 200
    assert "That page link was not valid" in response.text


def test_cursor_round_trip():
    moment = dt.datetime(2026, 3, 4, 9, 30, tzinfo=dt.UTC)

    assert decode_cursor(encode_cursor(moment, 42)) == (moment, 42)
    assert decode_cursor("Zm9v") is None


def test_saved_view_is_stored_per_user_and_listed(city, login):
    alice = login(city.alice)

    alice.post(reverse("workspace:saved_view_create"), {"name": "Phone", "query": "channel=phone"})
    response = alice.get(QUEUE)

    view = SavedView.objects.get(user=city.alice)
    assert (view.name, view.query) == ("Phone", "channel=phone")
    assert '?channel=phone">Phone</a>' in response.text
    assert "Phone</a>" not in login(city.sam).get(QUEUE).text


def test_saved_view_names_are_unique_per_user(city, login):
    alice = login(city.alice)
    url = reverse("workspace:saved_view_create")
    alice.post(url, {"name": "Mine", "query": "owner=me"})

    response = alice.post(url, {"name": "Mine", "query": "owner=none"}, follow=True)

    assert "You already have a view with that name." in response.text
    assert SavedView.objects.get(user=city.alice).query == "owner=me"


def test_bulk_status_change_reports_each_failure(city, login):
    # Given one new case and one already resolved (resolved cannot become acknowledged)
    fresh = make(city)
    finished = make(city)
    case_change_status(case=finished, status=Status.RESOLVED, by=city.alice)

    response = login(city.alice).post(
        reverse("workspace:bulk"),
        {
            "case": [fresh.tracking_number, finished.tracking_number],
            "action": "status",
            "status": "acknowledged",
        },
        follow=True,
    )

    fresh.refresh_from_db()
    assert fresh.status == Status.ACKNOWLEDGED
    assert f"Updated 1 case(s): {fresh.tracking_number}." in response.text
    assert (
        f"{finished.tracking_number} not updated: A case that is resolved cannot become "
        "acknowledged." in response.text
    )


def test_bulk_assign_to_a_colleague_needs_a_supervisor(city, login):
    case = make(city)
    data = {"case": [case.tracking_number], "action": "assign", "owner": city.sam.pk}

    refused = login(city.alice).post(reverse("workspace:bulk"), data, follow=True)
    done = login(city.sam).post(reverse("workspace:bulk"), {**data, "owner": city.alice.pk})

    assert "Only supervisors can give a case to someone else." in refused.text
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.owner == city.alice


def _queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", [QUEUE, QUEUE + "?channel=web&owner=none&sort=due&q=main"])
def test_queue_runs_a_constant_number_of_queries(city, login, django_assert_num_queries, url):
    alice = login(city.alice)
    for _ in range(3):
        make(city, resident=city.rita)
    with_three = _queries_for(alice, url)

    for _ in range(27):
        make(city, resident=city.rita)
    with django_assert_num_queries(with_three):
        response = alice.get(url)

    assert len(numbers_on(response)) == 25  # a full page of the 30


def test_invalid_filters_are_ignored_with_a_warning_never_a_500(city, login):
    case = make(city)

    response = login(city.alice).get(
        QUEUE, {"service": "99999", "status": "bogus", "created_from": "yesterday", "q": "\x00"}
    )

    assert response.status_code == 200
    assert "Some filters were not valid and were ignored." in response.text
    assert case.tracking_number in response.text
