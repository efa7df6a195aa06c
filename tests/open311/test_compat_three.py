"""`three` 0.8.0 (PyPI, Code for America), replayed request for request.

Source: `three/core.py` of the sdist (`pip download three --no-deps`):

- The endpoint gets a trailing slash; a path is `endpoint + "/".join(args) + ".json"`
  (JSON by default); GETs go through `requests` with `params=`, plus `jurisdiction_id`.
- `requests(count=n)` sends `page_size=n`; `requests(start=…, end=…)` sends
  `start_date` / `end_date` as `%Y-%m-%dT%H:%M:%SZ`.
- `post(code, address=…, name="First Last", …, media=open(…))` renames `address` to
  `address_string`, splits `name`, adds `api_key` and `jurisdiction_id`, and sends
  it all in the body: form-encoded, or multipart with the photo under `media` when
  there is one (`requests`' `files=`: no Content-Type on the parts it writes).
"""

from __future__ import annotations

import datetime as dt
import re

from cases.models import Case, CaseAttachment
from tests import factories
from tests.open311.conftest import API_KEY, BASE, JURISDICTION
from tests.open311.wire import Part, fields, multipart, photo_with_gps, python_urlencode, send

HEADERS = {"User-Agent": "python-requests/2.32.3", "Accept": "*/*"}
FORM = "application/x-www-form-urlencoded"
BOUNDARY = "2f2b2e4c0d1d4b9f8a7d6c5b4a392817"


def _split_date(text):
    month, day, year = (int(t) for t in re.split(r"-|/", text))
    return dt.date(year, month, day).strftime("%Y-%m-%dT%H:%M:%SZ")


def _get(client, *args, **kwargs):
    # Three.get / _get_keywords
    kwargs.setdefault("jurisdiction_id", JURISDICTION)
    if "count" in kwargs:
        kwargs["page_size"] = kwargs.pop("count")
    if "start" in kwargs:
        kwargs["start_date"] = _split_date(kwargs.pop("start"))
        kwargs["end_date"] = _split_date(kwargs.pop("end"))
    path = "/".join(a for a in args if a) + ".json"
    return send(client, "GET", f"{BASE}/{path}?{python_urlencode(kwargs.items())}", headers=HEADERS)


def _post_keywords(service_code, **kwargs):
    kwargs["service_code"] = service_code
    kwargs["jurisdiction_id"] = JURISDICTION
    if "address" in kwargs:
        kwargs["address_string"] = kwargs.pop("address")
    if "name" in kwargs:
        kwargs["first_name"], kwargs["last_name"] = kwargs.pop("name").split(" ")
    kwargs["api_key"] = API_KEY
    return kwargs


REPORT = {
    "address": "123 Any St",
    "name": "Zach Williams",
    "phone": "555-5555",
    "description": "My issue description.",
    "attribute[size]": "large",
}


def test_three_discovery(client, city):
    response = _get(client, "discovery")

    assert response.status_code == 200
    assert response.json()["endpoints"][0]["formats"] == ["application/json", "text/xml"]


def test_three_services(client, city):
    response = _get(client, "services", None)

    assert response.status_code == 200
    assert "pothole" in [s["service_code"] for s in response.json()]


def test_three_services_with_a_code(client, city):
    response = _get(client, "services", "pothole")

    assert response.status_code == 200
    assert response.json()["service_code"] == "pothole"


def test_three_post_form_encoded(client, city, api_key):
    body = python_urlencode(_post_keywords("pothole", **REPORT).items())

    response = send(client, "POST", f"{BASE}/requests.json", body, FORM, HEADERS)

    assert response.status_code == 200, response.content
    case = Case.objects.get(tracking_number=response.json()[0]["service_request_id"])
    assert case.address == "123 Any St"
    assert case.resident.full_name == "Zach Williams"


def test_three_post_with_media(client, city, api_key):
    parts = fields(list(_post_keywords("pothole", **REPORT).items()))
    parts.append(Part("media", photo_with_gps("PNG"), filename="photo.png"))
    body = multipart(parts, BOUNDARY, style="urllib3")

    response = send(
        client,
        "POST",
        f"{BASE}/requests.json",
        body,
        f"multipart/form-data; boundary={BOUNDARY}",
        HEADERS,
    )

    assert response.status_code == 200, response.content
    case = Case.objects.get(tracking_number=response.json()[0]["service_request_id"])
    assert CaseAttachment.objects.filter(case=case, is_public=True).count() == 1


def test_three_requests_with_count(client, city):
    for _ in range(3):
        factories.make_case(city.pothole, lat="1", long="1")

    response = _get(client, "requests", count=2)

    assert response.status_code == 200
    assert len(response.json()) == 2


def test_three_requests_between_dates(client, city):
    at = dt.datetime(2026, 3, 2, 15, tzinfo=dt.UTC)
    inside = factories.make_case(city.pothole, lat="1", long="1", at=at)
    factories.make_case(city.pothole, lat="1", long="1", at=at + dt.timedelta(days=31))

    response = _get(client, "requests", start="03-01-2026", end="03-15-2026")

    assert [r["service_request_id"] for r in response.json()] == [inside.tracking_number]


def test_three_request(client, city):
    case = factories.make_case(city.pothole, lat="1", long="1")

    response = _get(client, "requests", case.tracking_number)

    assert response.status_code == 200
    assert response.json()[0]["service_request_id"] == case.tracking_number


def test_three_token(client, city, api_key):
    from catalogue.models import Service

    Service.objects.filter(pk=city.pothole.pk).update(open311_type="batch")
    body = python_urlencode(_post_keywords("pothole", **REPORT).items())
    token = send(client, "POST", f"{BASE}/requests.json", body, FORM).json()[0]["token"]

    response = _get(client, "tokens", token)

    assert response.status_code == 200
    assert response.json()[0]["service_request_id"]
