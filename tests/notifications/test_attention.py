"""The notices page shows what is overdue or escalated, never "Nothing yet." over a fire."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Case
from cases.services import case_assign
from tests import factories

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)  # Tuesday 10:00 in Riverton


def make_case(city, *, due, escalated=False, owner=None, service=None):
    case = factories.make_case(service or city.pothole, address="1 Elm")
    Case.objects.filter(pk=case.pk).update(resolution_due=due, escalated=escalated)
    if owner:
        case_assign(case=case, owner=owner, by=owner)
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def fires(city):
    with time_machine.travel(NOW, tick=False):
        return {
            "overdue": make_case(city, due=dt.datetime(2025, 12, 9, 17, 0, tzinfo=dt.UTC)),
            "escalated": make_case(city, due=NOW + dt.timedelta(days=3), escalated=True),
            "fine": make_case(city, due=NOW + dt.timedelta(days=3)),
            "parks": make_case(city, due=NOW - dt.timedelta(days=1), service=city.shelter),
        }


def test_a_supervisor_sees_overdue_and_escalated_cases_of_their_departments(city, login, fires):
    with time_machine.travel(NOW, tick=False):
        text = login(city.sam).get("/notifications/").text

    assert "Nothing yet." not in text
    overdue = text.split('id="attention-overdue"')[1].split("</ul>")[0]
    escalated = text.split('id="attention-escalated"')[1].split("</ul>")[0]
    assert fires["overdue"].tracking_number in overdue
    assert "Promised by Tue 9 Dec 2025 12:00" in overdue  # local time, with the year
    assert fires["escalated"].tracking_number in escalated
    assert fires["fine"].tracking_number not in text
    assert fires["parks"].tracking_number not in text  # not Sam's department


def test_an_agent_sees_only_the_overdue_cases_they_own(city, login, fires):
    with time_machine.travel(NOW, tick=False):
        mine = make_case(city, due=NOW - dt.timedelta(hours=2), owner=city.alice)
        text = login(city.alice).get("/notifications/").text

    assert mine.tracking_number in text
    assert fires["overdue"].tracking_number not in text
    assert "Your cases that need you" in text


def test_the_empty_state_says_nothing_is_overdue_or_escalated(city, login):
    with time_machine.travel(NOW, tick=False):
        make_case(city, due=NOW + dt.timedelta(days=3))
        text = login(city.sam).get("/notifications/").text

    assert 'id="attention"' not in text
    assert "No notifications, and nothing overdue or escalated." in text


def test_the_attention_list_costs_the_same_queries_for_many_cases(city, login):
    sam = login(city.sam)
    with time_machine.travel(NOW, tick=False):
        make_case(city, due=NOW - dt.timedelta(days=1), escalated=True)
        with CaptureQueriesContext(connection) as captured:
            sam.get("/notifications/")
        for _n in range(6):
            make_case(city, due=NOW - dt.timedelta(days=1), escalated=True)
        with CaptureQueriesContext(connection) as again:
            response = sam.get("/notifications/")

    assert len(again) == len(captured)
    assert response.text.count("badge-escalated") >= 7
