"""Our server driven by an independent Open311 client over real HTTP.

Reads go through the `georeport` package (a GeoReport v2 client from PyPI, in
JSON and in XML through xmltodict); it cannot create requests, so the POST and
token calls are plain `requests` calls written from the specification.
"""

from __future__ import annotations

import pytest
import requests
from georeport import GeoReport

from catalogue.models import Service
from open311.services import api_key_create

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def endpoint(live_server, city):
    return f"{live_server.url}/open311/v2"


@pytest.fixture
def raw_key(city):
    _key, raw = api_key_create(name="Independent client")
    return raw


def _post_request(endpoint, raw_key, **extra):
    data = {
        "api_key": raw_key,
        "jurisdiction_id": "riverton.example.gov",
        "service_code": "pothole",
        "lat": "40.7128",
        "long": "-74.0060",
        "attribute[size]": "small",
        "email": "client.user@example.org",
        "description": "Reported from a third-party app.",
    }
    data.update(extra)
    return requests.post(f"{endpoint}/requests.json", data=data, timeout=10)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_client_lists_services_and_reads_a_definition(endpoint, fmt):
    client = GeoReport(endpoint, jurisdiction="riverton.example.gov", output_format=fmt)

    services = client.get_service_list()
    definition = client.get_service_definition("pothole")

    assert {s["service_code"] for s in services} == {"pothole", "park-shelter"}
    attributes = definition["attributes"]
    if fmt == "xml":
        attributes = attributes["attribute"]
    assert attributes[0]["code"] == "size"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_posted_request_is_read_back_by_the_client(endpoint, raw_key, fmt):
    created = _post_request(endpoint, raw_key)
    assert created.status_code == 200
    number = created.json()[0]["service_request_id"]
    client = GeoReport(endpoint, jurisdiction="riverton.example.gov", output_format=fmt)

    one = client.get_service_request(number)
    listed = client.get_service_requests(service_request_id=number)
    open_ones = client.get_service_requests(status="open", service_code="pothole")

    assert one["service_request_id"] == number
    assert one["status"] == "open"
    assert one["agency_responsible"] == "Public Works"
    if fmt == "xml":  # xmltodict gives a dict for a single <request>
        listed, open_ones = [listed], [open_ones]
    assert [r["service_request_id"] for r in listed] == [number]
    assert number in [r["service_request_id"] for r in open_ones]


def test_batch_flow_from_token_to_id(endpoint, raw_key, city):
    Service.objects.filter(pk=city.pothole.pk).update(open311_type="batch")

    created = _post_request(endpoint, raw_key)
    token = created.json()[0]["token"]
    looked_up = requests.get(
        f"{endpoint}/tokens/{token}.json",
        params={"jurisdiction_id": "riverton.example.gov"},
        timeout=10,
    )

    assert looked_up.status_code == 200
    assert looked_up.json()[0]["service_request_id"]


def test_client_sees_spec_errors_as_http_errors(endpoint, raw_key):
    client = GeoReport(endpoint, jurisdiction="riverton.example.gov")

    with pytest.raises(requests.HTTPError) as raised:
        client.get_service_definition("no-such-service")
    bad_key = _post_request(endpoint, "not-a-key")

    assert raised.value.response.status_code == 404
    assert raised.value.response.json()[0]["code"] == 404
    assert bad_key.status_code == 403
    assert bad_key.json() == [{"code": 403, "description": "api_key is not valid."}]
