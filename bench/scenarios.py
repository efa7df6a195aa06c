"""The read measurements: real requests through Django's stack (middleware, sessions,
templates, the database) with the test Client, so there is no network or server in
the figure, only CivicDesk and its database.

Each scenario returns a callable that makes one request and checks its answer;
the runner times it. Scenarios that walk a list (case pages, tracking pages)
take the next sampled case on each call so the cache is not doing the work.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bench.setup import BenchData

Call = Callable[[], object]


class BenchError(AssertionError):
    """A measured request did not answer as expected: the figure would be meaningless."""


def _client(user: object | None = None) -> Client:
    client = Client(SERVER_NAME="localhost", REMOTE_ADDR="127.0.0.9")
    if user is not None:
        client.force_login(user)  # type: ignore[arg-type]
    return client


def _get(client: Client, url: str, status: int = 200) -> Call:
    def call() -> object:
        response = client.get(url)
        if response.status_code != status:
            raise BenchError(f"GET {url} answered {response.status_code}, expected {status}")
        return response

    return call


@dataclass(frozen=True)
class Scenario:
    name: str
    build: Callable[[BenchData], Call]
    note: str = ""


def _queue(query: dict[str, object], *, agent: bool = False) -> Callable[[BenchData], Call]:
    def build(data: BenchData) -> Call:
        client = _client(data.agent if agent else data.admin)
        resolved = {k: (v(data) if callable(v) else v) for k, v in query.items()}
        url = reverse("workspace:queue") + ("?" + urlencode(resolved) if resolved else "")
        return _get(client, url)

    return build


def _queue_deep_page(data: BenchData) -> Call:
    """The 5th page of the default queue, reached by following "next" cursors."""
    import re

    client = _client(data.admin)
    url = reverse("workspace:queue")
    for _ in range(4):
        body = client.get(url).content.decode()
        match = re.search(r'href="\?(?:[^"]*&amp;)?after=([\w-]+)" rel="next"', body)
        if match is None:
            break
        url = reverse("workspace:queue") + "?after=" + match.group(1)
    return _get(client, url)


def _case_view(data: BenchData) -> Call:
    client = _client(data.admin)
    numbers = itertools.cycle([c.tracking_number for c in data.cases])

    def call() -> object:
        return _get(client, reverse("workspace:case", args=[next(numbers)]))()

    return call


def _tracking(data: BenchData) -> Call:
    """A resident finds their case by number and contact, then reads its page."""
    cases = itertools.cycle(data.cases)
    client = _client()

    def call() -> object:
        case = next(cases)
        contact = case.resident.email or case.resident.phone  # type: ignore[union-attr]
        found = client.post(
            reverse("portal:track"), {"number": case.tracking_number, "contact": contact}
        )
        if found.status_code != 302:
            raise BenchError(f"tracking {case.tracking_number} answered {found.status_code}")
        return _get(client, found["Location"])()

    return call


def _open311_default(data: BenchData) -> Call:
    """What a client that only names the jurisdiction gets: the last 90 days, up to 1000."""
    query = {"jurisdiction_id": data.jurisdiction.jurisdiction_id}
    return _get(_client(), "/open311/v2/requests.json?" + urlencode(query))


def _open311_page(data: BenchData) -> Call:
    """The paging extension: the 3rd page of 100 in the default window."""
    query = {"jurisdiction_id": data.jurisdiction.jurisdiction_id, "page": 3, "page_size": 100}
    return _get(_client(), "/open311/v2/requests.json?" + urlencode(query))


def _open311_window(data: BenchData) -> Call:
    now = timezone.now()
    query = {
        "jurisdiction_id": data.jurisdiction.jurisdiction_id,
        "start_date": (now - dt.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "end_date": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "status": "open",
    }
    return _get(_client(), "/open311/v2/requests.json?" + urlencode(query))


def _open311_window_service(data: BenchData) -> Call:
    now = timezone.now()
    query = {
        "jurisdiction_id": data.jurisdiction.jurisdiction_id,
        "service_code": data.service.service_code,
        "start_date": (now - dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "end_date": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "status": "closed",
    }
    return _get(_client(), "/open311/v2/requests.json?" + urlencode(query))


def _kb_search(data: BenchData) -> Call:
    return _get(_client(), reverse("portal:suggest") + "?" + urlencode({"q": data.kb_word}))


def _dashboard(data: BenchData) -> Call:
    return _get(_client(data.admin), reverse("insights:dashboard"))


def _dashboard_department(data: BenchData) -> Call:
    return _get(_client(data.agent), reverse("insights:dashboard"))


def _metrics(query: dict[str, object], *, agent: bool = False) -> Callable[[BenchData], Call]:
    """The metrics page over a range ending today (insights/metrics.py)."""

    def build(data: BenchData) -> Call:
        days = query.get("days", 28)
        end = timezone.localdate()
        params = {k: v for k, v in query.items() if k != "days"}
        params["start"] = (end - dt.timedelta(days=int(days) - 1)).isoformat()  # type: ignore[call-overload]
        params["end"] = end.isoformat()
        url = reverse("insights:metrics") + "?" + urlencode(params)
        return _get(_client(data.agent if agent else data.admin), url)

    return build


def _open_data_month(data: BenchData) -> Call:
    """The staff download of one month of open data, as the CSV stream, read to the end."""
    client = _client(data.admin)
    end = timezone.localdate()
    url = (
        reverse("insights:open_data")
        + "?"
        + urlencode(
            {
                "start": (end - dt.timedelta(days=29)).isoformat(),
                "end": end.isoformat(),
                "format": "csv",
            }
        )
    )

    def call() -> object:
        response = client.get(url)
        if response.status_code != 200:
            raise BenchError(f"GET {url} answered {response.status_code}, expected 200")
        chunks: Iterable[bytes] = getattr(response, "streaming_content", [])
        return sum(len(chunk) for chunk in chunks)

    return call


def _nearby(data: BenchData) -> Call:
    """Open311 requests/nearby around the sampled cases' own points, for their services
    ("already reported nearby", docs/engagement.md)."""
    from django.conf import settings

    centre = settings.PORTAL_MAP_CENTER.split(",")
    points = [
        (c.service.service_code, str(c.lat), str(c.long))
        for c in data.cases
        if c.lat is not None and c.long is not None
    ] or [(data.service.service_code, centre[0], centre[1])]  # no sampled case has a point
    cycle = itertools.cycle(points)
    client = _client()

    def call() -> object:
        code, lat, long = next(cycle)
        query = {
            "jurisdiction_id": data.jurisdiction.jurisdiction_id,
            "service_code": code,
            "lat": lat,
            "long": long,
        }
        return _get(client, "/open311/v2/requests/nearby.json?" + urlencode(query))()

    return call


def _map(query: dict[str, object]) -> Callable[[BenchData], Call]:
    """The public map's list (what its markers are drawn from), with filters."""

    def build(data: BenchData) -> Call:
        resolved = {k: (v(data) if callable(v) else v) for k, v in query.items()}
        url = reverse("portal:map") + ("?" + urlencode(resolved) if resolved else "")
        return _get(_client(), url)

    return build


SCENARIOS: list[Scenario] = [
    Scenario("queue: default (all departments)", _queue({})),
    Scenario("queue: default (one department)", _queue({}, agent=True)),
    Scenario("queue: unassigned", _queue({"owner": "none"})),
    Scenario("queue: breaching today, by due", _queue({"due": "breaching", "sort": "due"})),
    Scenario(
        "queue: one service, status new",
        _queue({"service": lambda d: d.service.pk, "status": "new"}, agent=True),
    ),
    Scenario("queue: 5th page by cursor", _queue_deep_page),
    Scenario("case view", _case_view),
    Scenario("tracking: find + case page", _tracking),
    Scenario("open311: requests.json default", _open311_default, "90 days, up to 1000 rows"),
    Scenario("open311: requests.json 30d open", _open311_window, "status=open"),
    Scenario("open311: requests.json 7d service", _open311_window_service, "status=closed"),
    Scenario("open311: requests.json p3 x100", _open311_page),
    Scenario("search: KB suggest", _kb_search),
    Scenario(
        "search: cases, common word",
        _queue({"q": lambda d: d.common_word, "status": "any"}),
        "sorted newest first, 25 a page",
    ),
    Scenario("search: cases, rare word", _queue({"q": lambda d: d.rare_word, "status": "any"})),
    Scenario("dashboard (all departments)", _dashboard),
    Scenario("dashboard (one department)", _dashboard_department),
    Scenario("metrics: 28 days by department", _metrics({"group": "department"})),
    Scenario(
        "metrics: 28 days by agent (one department)", _metrics({"group": "agent"}, agent=True)
    ),
    Scenario("metrics: a year by month", _metrics({"group": "month", "days": 365})),
    Scenario("metrics: a year by service", _metrics({"group": "service", "days": 365})),
    Scenario(
        "metrics: 90 days by week, one channel",
        _metrics({"group": "week", "days": 90, "channel": "web"}),
    ),
    Scenario("metrics: CSV of the table", _metrics({"group": "department", "csv": "table"})),
    Scenario("open data: one month (CSV stream)", _open_data_month, "the staff download"),
    Scenario("open311: requests/nearby.json", _nearby, "open cases within 100 m"),
    Scenario("map: open and recently fixed", _map({})),
    Scenario(
        "map: open, one service",
        _map({"status": "open", "service": lambda d: d.service.service_code}),
    ),
    Scenario("map: overdue, page 3", _map({"status": "overdue", "page": 3})),
]
