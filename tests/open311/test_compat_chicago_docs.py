"""The City of Chicago's `open311-api-docs` examples, replayed as documented.

Source: Chicago/open311-api-docs, `docs/service_requests.md` and
`docs/post_service_request.md`: `page_size` and `page` to page through a list,
`extensions=true`, comma-delimited `service_request_id`, `service_code` and
`status` (no spaces), and a POST whose multivaluelist answers are
`attribute[code1][]=value1&attribute[code1][]=value2`.
"""

from __future__ import annotations

import datetime as dt

from cases.models import Case
from tests import factories
from tests.open311.conftest import API_KEY, BASE
from tests.open311.wire import python_urlencode, send

FORM = "application/x-www-form-urlencoded"
AT = dt.datetime(2026, 3, 2, 15, tzinfo=dt.UTC)


def _cases(city, n):
    return [
        factories.make_case(city.pothole, lat="1", long="1", at=AT + dt.timedelta(minutes=i))
        for i in range(n)
    ]


def _window():
    return "start_date=2026-03-01T00:00:00Z&end_date=2026-03-31T00:00:00Z"


def test_chicago_docs_get_requests_paged(client, city):
    cases = _cases(city, 5)
    newest_first = [c.tracking_number for c in reversed(cases)]

    first = send(client, "GET", f"{BASE}/requests.json?{_window()}&page_size=2&page=1")
    second = send(client, "GET", f"{BASE}/requests.json?{_window()}&page_size=2&page=2")
    last = send(client, "GET", f"{BASE}/requests.json?{_window()}&page_size=2&page=3")

    assert [r["service_request_id"] for r in first.json()] == newest_first[:2]
    assert [r["service_request_id"] for r in second.json()] == newest_first[2:4]
    assert [r["service_request_id"] for r in last.json()] == newest_first[4:]


def test_chicago_docs_get_requests_with_extensions(client, city):
    _cases(city, 1)

    response = send(client, "GET", f"{BASE}/requests.json?{_window()}&extensions=true")

    assert response.json()[0]["extended_attributes"]["channel"] == "web"


def test_chicago_docs_get_requests_by_comma_delimited_ids(client, city):
    cases = _cases(city, 3)
    ids = f"{cases[0].tracking_number},{cases[2].tracking_number}"

    response = send(client, "GET", f"{BASE}/requests.json?service_request_id={ids}")

    assert {r["service_request_id"] for r in response.json()} == set(ids.split(","))


def test_chicago_docs_get_requests_by_codes_and_statuses(client, city):
    _cases(city, 2)
    factories.make_case(city.shelter, at=AT)

    response = send(
        client,
        "GET",
        f"{BASE}/requests.json?{_window()}&service_code=pothole,park-shelter&status=open,closed",
    )

    assert len(response.json()) == 3


def test_chicago_docs_bad_page_is_a_spec_error(client, city):
    response = send(client, "GET", f"{BASE}/requests.json?page=0")

    assert response.status_code == 400
    assert response.json()[0]["description"].startswith("page: ")


def test_chicago_docs_post_request_multivaluelist(client, city, api_key, bulky):
    body = (
        python_urlencode(
            [
                ("api_key", API_KEY),
                ("service_code", "bulky-item"),
                ("lat", "41.882"),
                ("long", "-87.627"),
                ("address_string", "121 N LaSalle St, Chicago, IL 60602"),
                ("email", "resident@example.org"),
            ]
        )
        + "&attribute[items][]=sofa&attribute[items][]=mattress&attribute[items][]=fridge"
    )

    response = send(client, "POST", f"{BASE}/requests.json", body, FORM)

    assert response.status_code == 200, response.content
    case = Case.objects.get(tracking_number=response.json()[0]["service_request_id"])
    assert case.answers["items"] == ["sofa", "mattress", "fridge"]
