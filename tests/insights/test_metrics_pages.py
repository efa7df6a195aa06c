"""The metrics page: who may see it, its charts and tables, links into the queue, CSV,
bad input, Spanish, and a number of statements that does not grow with the data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from cases.models import Channel, Status
from cases.services import case_acknowledge, case_assign, case_change_status
from insights.services import insights_refresh
from tests import factories
from tests.workspace.test_spanish import english_left, english_strings

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 18, 17, 0, tzinfo=dt.UTC)
URL = "/staff/insights/metrics/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def work(city, n, *, start=NOW - dt.timedelta(days=10)):
    """n cases across both departments: some acknowledged, some resolved."""
    cases = []
    for i in range(n):
        at = start + dt.timedelta(hours=3 * i)
        service = city.pothole if i % 2 else city.shelter
        with time_machine.travel(at, tick=False):
            case = factories.make_case(
                service, channel=[Channel.WEB, Channel.PHONE][i % 2], address="1 Main", at=at
            )
        owner = city.alice if service == city.pothole else city.bob
        case = case_assign(case=case, owner=owner, by=city.ada, at=at + dt.timedelta(hours=1))
        if i % 3:
            case = case_acknowledge(case=case, by=city.ada, at=at + dt.timedelta(hours=2))
        if i % 3 == 2:
            case = case_change_status(
                case=case, status=Status.RESOLVED, by=city.ada, at=at + dt.timedelta(hours=5)
            )
        cases.append(case)
    with time_machine.travel(NOW, tick=False):
        insights_refresh(full=True)
    return cases


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_anonymous_is_sent_to_sign_in_and_agents_are_refused(city, frozen):
    assert Client().get(URL).status_code == 302
    assert signed_in(city.alice).get(URL).status_code == 403


def test_the_page_shows_a_table_and_charts_with_their_tables(city, frozen):
    work(city, 12)

    response = signed_in(city.sam).get(URL)

    assert response.status_code == 200
    text = response.text
    assert 'id="metrics-table"' in text
    assert text.count("<svg") == 4
    assert text.count("<details>") == 4  # the table behind each chart
    assert "<script" not in text.split("</header>", 1)[1]
    assert ' style="' not in text
    # A supervisor of Public Works sees Public Works only.
    assert "Public Works" in text
    assert "Parks &amp; Recreation</th>" not in text


def test_each_figure_links_to_exactly_its_cases_in_the_queue(city, frozen):
    cases = work(city, 12)
    ada = signed_in(city.ada)
    response = ada.get(URL, {"group": "agent", "start": "2026-11-01", "end": "2026-11-18"})
    links = dict(
        re.findall(
            r'<td data-metric="(\w+)"><a href="([^"]+)">',
            response.text.split("<tbody>")[1].split("</tr>")[0],
        )
    )
    # The first row is the agent with the most cases received; follow its links.
    received = ada.get(links["received"].replace("&amp;", "&"))
    resolved = ada.get(links["resolved"].replace("&amp;", "&"))
    backlog = ada.get(links["backlog"].replace("&amp;", "&"))

    first_agent = city.alice.pk  # six cases each: the tie goes by name
    mine = [c for c in cases if c.owner_id == first_agent]
    for case in mine:
        case.refresh_from_db()
    shown = {
        name: set(re.findall(r"[0-9A-Z]+-[0-9A-Z]+", r.text)) & {c.tracking_number for c in cases}
        for name, r in {"received": received, "resolved": resolved, "backlog": backlog}.items()
    }
    assert shown["received"] == {c.tracking_number for c in mine}
    assert shown["resolved"] == {c.tracking_number for c in mine if c.resolved_at}
    assert shown["backlog"] == {c.tracking_number for c in mine if c.is_open}


@pytest.mark.parametrize("group", ["department", "agent", "service", "channel", "week", "month"])
def test_the_number_of_statements_does_not_grow_with_the_data(
    city, frozen, group, django_assert_num_queries
):
    ada = signed_in(city.ada)
    work(city, 4)
    ada.get(URL)  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert ada.get(URL, {"group": group}).status_code == 200
    work(city, 30, start=NOW - dt.timedelta(days=20))
    with django_assert_num_queries(len(small.captured_queries)):
        assert ada.get(URL, {"group": group}).status_code == 200
    assert len(small.captured_queries) <= 16


def test_csv_downloads_of_the_table_and_each_chart(city, frozen):
    work(city, 12)
    ada = signed_in(city.ada)

    table = ada.get(URL, {"group": "department", "csv": "table"})
    chart = ada.get(URL, {"group": "department", "csv": "volume"})

    assert table["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(table.content.decode())))
    assert rows[0][:3] == ["Department", "Received", "Resolved"]
    assert {r[0] for r in rows[1:]} == {"Public Works", "Parks & Recreation", "All"}
    chart_rows = list(csv.reader(io.StringIO(chart.content.decode())))
    assert chart_rows[0] == ["Department", "Received", "Resolved"]
    assert sum(int(r[1]) for r in chart_rows[1:]) == 12


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-11-10", "end": "2026-11-01"}, "The end of the range is before its start."),
        ({"start": "2000-01-01", "end": "2026-11-01"}, "Choose a range of at most ten years."),
        ({"group": "planet"}, "Some filters were not valid"),
        ({"start": "yesterday"}, "Some filters were not valid"),
        ({"csv": "nothing"}, "There is no such download."),
    ],
)
def test_bad_input_gets_a_specific_message_and_no_500(city, frozen, params, message):
    response = signed_in(city.ada).get(URL, params)
    assert response.status_code == 400
    assert message in response.text


def test_the_metrics_page_is_spanish_through(city, frozen):
    work(city, 6)
    strings = english_strings()
    client = signed_in(city.sam)
    for group in ("department", "agent", "week"):
        response = client.get(URL, {"group": group}, HTTP_ACCEPT_LANGUAGE="es")
        assert response.status_code == 200
        assert english_left(response.text, strings) == [], group
    assert "Cifras por" in response.text
    page = client.get(reverse("insights:open_data"), HTTP_ACCEPT_LANGUAGE="es")
    assert english_left(page.text, strings) == []
