"""node-open311 (npm `open311` 0.0.12, Mark Headd), replayed request for request.

Source: `open311.js` of the npm package (`npm pack open311`):

- `_get(path, params)`: `request.get({url: endpoint + path + "." + format, qs: params})`
  with `params.jurisdiction_id` added; `request` writes `qs` with the `qs` library
  (RFC 3986 escaping, so "," is %2C and space %20).
- `_post(path, form)`: `request.post({url, qs: {jurisdiction_id}, form})`: the
  jurisdiction in the URL, everything else (with `api_key`) form-encoded in the
  body, `Content-Type: application/x-www-form-urlencoded`, no charset.
- `submitRequest` turns `data.attributes = {code: value}` into `attribute[code]`; an
  array value then goes through `qs`, which writes `attribute[code][0]=…&[1]=…`.
- A POST succeeds on any status below 300; a GET only on 200.
- The README's example passes `address` (not `address_string`) and a `page_size`.
"""

from __future__ import annotations

from cases.models import Case
from catalogue.models import Service
from tests.open311.conftest import API_KEY, BASE, JURISDICTION
from tests.open311.wire import qs_stringify, send

ENDPOINT = f"{BASE}/"  # the README: "http://311.baltimorecity.gov/open311/v2/"
FORM = "application/x-www-form-urlencoded"


def _get(client, path, params=None, fmt="json"):
    params = {**(params or {}), "jurisdiction_id": JURISDICTION}
    return send(client, "GET", f"{ENDPOINT}{path}.{fmt}?{qs_stringify(params)}")


def _submit(client, data, fmt="json"):
    # submitRequest: api_key into the form, attributes flattened to attribute[code].
    form = {k: v for k, v in data.items() if k != "attributes"}
    form["api_key"] = API_KEY
    for code, value in data.get("attributes", {}).items():
        form[f"attribute[{code}]"] = value
    url = f"{ENDPOINT}requests.{fmt}?{qs_stringify({'jurisdiction_id': JURISDICTION})}"
    return send(client, "POST", url, qs_stringify(form), FORM)


POTHOLE = {
    "service_code": "pothole",
    "lat": 39.2833,
    "long": -76.6167,
    "address": "baltimore, MD",
    "description": "Get off my lawn! 1733011200000",
    "attributes": {"size": "large"},
    "email": "mark@example.org",
}


def test_node_open311_service_discovery(client, city):
    response = send(client, "GET", f"{BASE}/discovery.json")

    assert response.status_code == 200
    [endpoint] = response.json()["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["type"] == "production"


def test_node_open311_service_list(client, city):
    response = _get(client, "services")

    assert response.status_code == 200
    assert "pothole" in {s["service_code"] for s in response.json()}


def test_node_open311_service_list_in_xml(client, city):
    response = _get(client, "services", fmt="xml")

    assert response.status_code == 200
    assert b"<services><service>" in response.content


def test_node_open311_service_definition(client, city):
    response = _get(client, "services/pothole")

    assert response.status_code == 200
    assert response.json()["service_code"] == "pothole"


def test_node_open311_post_request_with_query_string_jurisdiction(client, city, api_key):
    response = _submit(client, POTHOLE)

    assert response.status_code == 200, response.content
    [row] = response.json()
    case = Case.objects.get(tracking_number=row["service_request_id"])
    assert case.answers == {"size": "large"}


def test_node_open311_post_request_with_query_string_key(client, city, api_key):
    # The same call with apiKey given as a URL parameter, as the reproduction did.
    form = {k: v for k, v in POTHOLE.items() if k != "attributes"}
    form["attribute[size]"] = "large"
    query = qs_stringify({"jurisdiction_id": JURISDICTION, "api_key": API_KEY})
    url = f"{ENDPOINT}requests.json?{query}"

    response = send(client, "POST", url, qs_stringify(form), FORM)

    assert response.status_code == 200, response.content


def test_node_open311_post_request_multivaluelist_indexed(client, city, api_key, bulky):
    data = {
        "service_code": "bulky-item",
        "address": "1 Main St",
        "email": "mark@example.org",
        "attributes": {"items": ["sofa", "mattress"]},
    }

    response = _submit(client, data)

    assert response.status_code == 200, response.content
    case = Case.objects.get(tracking_number=response.json()[0]["service_request_id"])
    assert case.answers["items"] == ["sofa", "mattress"]


def test_node_open311_post_request_in_xml(client, city, api_key):
    # xml2json(...).service_requests.request
    response = _submit(client, POTHOLE, fmt="xml")

    assert response.status_code == 200
    assert b"<service_requests><request><service_request_id>" in response.content


def test_node_open311_post_request_to_a_batch_service_then_token(client, city, api_key):
    Service.objects.filter(pk=city.pothole.pk).update(open311_type="batch")
    token = _submit(client, POTHOLE).json()[0]["token"]

    response = _get(client, f"tokens/{token}")

    assert response.status_code == 200
    [row] = response.json()
    assert Case.objects.filter(tracking_number=row["service_request_id"]).exists()


def test_node_open311_service_requests_open_with_page_size(client, city, api_key):
    for n in range(3):
        _submit(client, {**POTHOLE, "description": f"Hole {n}"})

    response = _get(client, "requests", {"status": "open", "page_size": 2})

    assert response.status_code == 200
    assert len(response.json()) == 2


def test_node_open311_service_requests_by_id_array(client, city, api_key):
    ids = [_submit(client, POTHOLE).json()[0]["service_request_id"] for _ in range(2)]

    # serviceRequests([a, b]): service_request_id joined with "," (qs writes %2C).
    response = _get(client, "requests", {"service_request_id": ",".join(ids)})

    assert {r["service_request_id"] for r in response.json()} == set(ids)


def test_node_open311_service_request_by_id(client, city, api_key):
    number = _submit(client, POTHOLE).json()[0]["service_request_id"]

    response = _get(client, f"requests/{number}")

    assert response.status_code == 200
    assert response.json()[0]["service_request_id"] == number
    assert response.json()[0]["address"] == "baltimore, MD"


def test_node_open311_slash_format_path(client, city):
    response = send(client, "GET", f"{ENDPOINT}requests/json?jurisdiction_id={JURISDICTION}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
