"""PyPI `open311` 1.1 (Zach Williams), replayed request for request.

Source: `open311/open311.py` and `open311/api/api.py` of the sdist
(`pip download open311==1.1 --no-deps`); Python 2 code, the calls are the same
after the Python 3 syntax fixes (`urlopen(url, data.encode())`):

- The format defaults to XML; every GET is `endpoint + "/" + path + "?" +
  urlencode(kwargs)` with `jurisdiction_id` among the kwargs.
- `service_definition(code)` asks for `service/{code}.{format}` (singular).
- `post_service_request(**kwargs)` puts `jurisdiction_id` and `api_key` in the URL
  (`requests.{format}?jurisdiction_id=…&api_key=…`) and `urlencode(kwargs)` in the
  body; urllib adds `Content-Type: application/x-www-form-urlencoded`.
"""

from __future__ import annotations

from cases.models import Case
from catalogue.models import Service
from tests.open311.conftest import API_KEY, BASE, JURISDICTION, xml_of
from tests.open311.wire import python_urlencode, send

HEADERS = {"User-Agent": "Python-urllib/3.13"}
FORM = "application/x-www-form-urlencoded"


def _call_api(client, directory, **kwargs):
    # API.call_api: base_url + "/" + directory + "?" + urlencode(kwargs)
    return send(
        client, "GET", f"{BASE}/{directory}?{python_urlencode(kwargs.items())}", headers=HEADERS
    )


def _post_service_request(client, fmt="xml", **kwargs):
    params = python_urlencode([("jurisdiction_id", JURISDICTION), ("api_key", API_KEY)])
    url = f"{BASE}/requests.{fmt}?{params}"
    return send(client, "POST", url, python_urlencode(kwargs.items()), FORM, HEADERS)


POTHOLE = {
    "service_code": "pothole",
    "lat": "40.7128",
    "long": "-74.006",
    "attribute[size]": "small",
    "email": "zach@example.org",
    "description": "A pothole on Main St",
}


def test_pypi_open311_service_list(client, city):
    response = _call_api(client, "services.xml", jurisdiction_id=JURISDICTION)

    assert response.status_code == 200
    codes = [s.findtext("service_code") for s in xml_of(response).findall("service")]
    assert "pothole" in codes


def test_pypi_open311_service_definition_singular_path(client, city):
    response = _call_api(client, "service/pothole.xml", jurisdiction_id=JURISDICTION)

    assert response.status_code == 200
    root = xml_of(response)
    assert root.tag == "service_definition"
    assert [a.findtext("code") for a in root.findall("attributes/attribute")] == ["size", "notes"]


def test_pypi_open311_post_service_request_with_query_string_key(client, city, api_key):
    response = _post_service_request(client, **POTHOLE)

    assert response.status_code == 200, response.content
    number = xml_of(response).findtext("request/service_request_id")
    assert Case.objects.get(tracking_number=number).answers == {"size": "small"}


def test_pypi_open311_post_service_request_in_json(client, city, api_key):
    response = _post_service_request(client, "json", **POTHOLE)

    assert response.status_code == 200, response.content
    assert response.json()[0]["service_request_id"]


def test_pypi_open311_post_service_request_with_only_jurisdiction_in_url_and_key_missing(
    client, city, api_key
):
    url = f"{BASE}/requests.xml?{python_urlencode([('jurisdiction_id', JURISDICTION)])}"

    response = send(client, "POST", url, python_urlencode(POTHOLE.items()), FORM)

    assert response.status_code == 403
    assert xml_of(response).findtext("error/description") == "api_key was not provided."


def test_pypi_open311_service_requests(client, city, api_key):
    _post_service_request(client, **POTHOLE)

    # service_requests(status="open"): kwargs, then jurisdiction_id.
    response = _call_api(client, "requests.xml", status="open", jurisdiction_id=JURISDICTION)

    assert response.status_code == 200
    assert len(xml_of(response).findall("request")) == 1


def test_pypi_open311_get_service_request(client, city, api_key):
    number = xml_of(_post_service_request(client, **POTHOLE)).findtext("request/service_request_id")

    response = _call_api(client, f"requests/{number}.xml", jurisdiction_id=JURISDICTION)

    assert response.status_code == 200
    assert xml_of(response).findtext("request/service_request_id") == number


def test_pypi_open311_request_id_from_token(client, city, api_key):
    Service.objects.filter(pk=city.pothole.pk).update(open311_type="batch")
    token = xml_of(_post_service_request(client, **POTHOLE)).findtext("request/token")

    response = _call_api(client, f"tokens/{token}.xml", jurisdiction_id=JURISDICTION)

    assert response.status_code == 200
    assert xml_of(response).findtext("request/service_request_id")


def test_pypi_open311_jurisdiction_in_another_letter_case(client, city):
    response = _call_api(client, "services.xml", jurisdiction_id=JURISDICTION.upper())

    assert response.status_code == 200
