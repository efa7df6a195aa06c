"""Every path under /open311/v2/ answers in the spec's format; HEAD, OPTIONS; photos; paging."""

from __future__ import annotations

import json

import pytest

from cases.models import Case, CaseAttachment
from open311 import selectors
from open311.services import api_key_create
from tests import factories
from tests.open311.conftest import API_KEY, BASE, xml_of
from tests.open311.wire import Part, fields, multipart, photo_with_gps, send


def test_singular_service_path_is_an_alias_of_services(client, city):
    alias = client.get(f"{BASE}/service/pothole.xml")
    canonical = client.get(f"{BASE}/services/pothole.xml")

    assert alias.status_code == 200
    assert alias.content == canonical.content


def test_slash_format_serves_the_list(client, city):
    factories.make_case(city.shelter)

    response = client.get(f"{BASE}/requests/xml")

    assert response.status_code == 200
    assert len(xml_of(response).findall("request")) == 1


def test_a_known_endpoint_without_a_suffix_says_to_add_one(client, city):
    response = client.get(f"{BASE}/services")

    assert response.status_code == 404
    assert response.json() == [
        {"code": 404, "description": "Add a format to services: services.json or services.xml."}
    ]


@pytest.mark.parametrize(
    ("path", "accept", "fmt"),
    [
        ("nowhere.xml", "", "xml"),
        ("nowhere.json", "", "json"),
        ("nowhere/xml", "", "xml"),
        ("nowhere", "text/xml", "xml"),
        ("nowhere", "application/json, text/xml", "json"),
        ("nowhere", "", "json"),
        ("", "", "json"),
    ],
)
def test_an_unknown_path_is_a_spec_404_in_the_format_asked(client, city, path, accept, fmt):
    response = client.get(f"{BASE}/{path}", headers={"Accept": accept} if accept else {})

    assert response.status_code == 404
    if fmt == "xml":
        assert xml_of(response).findtext("error/code") == "404"
    else:
        assert json.loads(response.content)[0]["code"] == 404


def test_head_answers_the_gets_headers_without_a_body(client, city):
    get = client.get(f"{BASE}/services.json")

    head = client.head(f"{BASE}/services.json")

    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]
    assert head["Content-Length"] == str(len(get.content))


@pytest.mark.parametrize(
    ("path", "allow"),
    [
        ("services.json", "GET, HEAD, OPTIONS"),
        ("requests.xml", "GET, POST, HEAD, OPTIONS"),
    ],
)
def test_options_lists_the_methods(client, city, path, allow):
    response = client.options(f"{BASE}/{path}")

    assert response.status_code == 200
    assert response["Allow"] == allow
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_discovery_documents_the_paging_extension(client, city):
    extensions = client.get(f"{BASE}/discovery.json").json()["extensions"]

    assert {"page", "page_size", "media"} <= {e["name"] for e in extensions}


def test_page_size_above_the_cap_is_read_as_the_cap(client, city, monkeypatch):
    monkeypatch.setattr(selectors, "MAX_REQUESTS", 2)
    for _ in range(3):
        factories.make_case(city.shelter)

    response = client.get(f"{BASE}/requests.json", {"page_size": 5000})

    assert len(response.json()) == 2


@pytest.mark.parametrize("params", [{"page": "0"}, {"page": "x"}, {"page_size": "-1"}])
def test_bad_paging_is_a_400(client, city, params):
    response = client.get(f"{BASE}/requests.json", params)

    assert response.status_code == 400
    assert response.json()[0]["description"].split(":")[0] in ("page", "page_size")


BOUNDARY = "photo-boundary"
FIELDS = [
    ("api_key", API_KEY),
    ("service_code", "pothole"),
    ("lat", "1"),
    ("long", "1"),
    ("attribute[size]", "large"),
]


def _post_with(client, *photos, key=API_KEY):
    pairs = [(k, key if k == "api_key" else v) for k, v in FIELDS]
    parts = [*fields(pairs), *(Part("media", p, "p.jpg", "image/jpeg") for p in photos)]
    return send(
        client,
        "POST",
        f"{BASE}/requests.json",
        multipart(parts, BOUNDARY, style="urllib3"),
        f"multipart/form-data; boundary={BOUNDARY}",
    )


def test_a_photo_stops_being_served_when_staff_unpublish_it(client, city, api_key):
    case = Case.objects.get(
        tracking_number=_post_with(client, photo_with_gps()).json()[0]["service_request_id"]
    )
    url = client.get(f"{BASE}/requests/{case.tracking_number}.json").json()[0]["media_url"]
    assert client.get(url).status_code == 200

    CaseAttachment.objects.filter(case=case).update(is_public=False)

    assert client.get(url).status_code == 404
    assert client.get(f"{BASE}/requests/{case.tracking_number}.json").json()[0]["media_url"] is None


def test_more_photos_than_the_portal_allows_are_refused(client, city, api_key):
    response = _post_with(client, *[photo_with_gps()] * 4)

    assert response.status_code == 400
    assert response.json()[0]["description"] == "media: Attach at most 3 photos."
    assert not Case.objects.exists()


def test_a_queued_key_with_a_photo_files_at_once_and_answers_a_token(client, city):
    api_key_create(name="Queued", key="queued-key-with-photo", queue_requests=True)

    response = _post_with(client, photo_with_gps(), key="queued-key-with-photo")

    assert response.status_code == 200
    [row] = response.json()
    token = client.get(f"{BASE}/tokens/{row['token']}.json").json()[0]
    case = Case.objects.get(tracking_number=token["service_request_id"])
    assert case.attachments.count() == 1
