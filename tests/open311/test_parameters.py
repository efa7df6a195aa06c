"""Where parameters are read from and how their bytes are decoded (open311/params.py)."""

from __future__ import annotations

import pytest

from cases.models import Case
from tests.open311.conftest import API_KEY, BASE, JURISDICTION
from tests.open311.wire import send

FORM = "application/x-www-form-urlencoded"
FIELDS = "service_code=pothole&lat=1&long=1&attribute%5Bsize%5D=large"


def _case(response):
    assert response.status_code == 200, response.content
    return Case.objects.get(tracking_number=response.json()[0]["service_request_id"])


def test_every_parameter_in_the_query_string_of_a_post(client, city, api_key):
    url = f"{BASE}/requests.json?api_key={API_KEY}&{FIELDS}&description=From+the+URL"

    case = _case(send(client, "POST", url, b"", FORM))

    assert case.description == "From the URL"


def test_the_body_wins_over_the_query_string(client, city, api_key):
    url = f"{BASE}/requests.json?api_key={API_KEY}&description=URL"

    case = _case(send(client, "POST", url, f"{FIELDS}&description=Body", FORM))

    assert case.description == "Body"


@pytest.mark.parametrize(
    ("charset", "escaped", "expected"),
    [
        ("ISO-8859-1", "caf%E9", "café"),
        ("windows-1252", "caf%E9+%80", "café €"),
        ("utf-8", "caf%C3%A9", "café"),
        (None, "caf%C3%A9", "café"),
    ],
)
def test_a_declared_charset_is_decoded(client, city, api_key, charset, escaped, expected):
    content_type = FORM + (f"; charset={charset}" if charset else "")
    body = f"api_key={API_KEY}&{FIELDS}&description={escaped}"

    case = _case(send(client, "POST", f"{BASE}/requests.json", body, content_type))

    assert case.description == expected


@pytest.mark.parametrize("charset", [None, "utf-8"])
def test_latin1_bytes_without_their_charset_are_not_replaced(client, city, api_key, charset):
    content_type = FORM + (f"; charset={charset}" if charset else "")
    body = f"api_key={API_KEY}&{FIELDS}&description=Nid+tr%E8s+profond"

    case = _case(send(client, "POST", f"{BASE}/requests.json", body, content_type))

    assert case.description == "Nid très profond"
    assert "\ufffd" not in case.description


def test_latin1_bytes_in_a_query_string_are_not_replaced(client, city, api_key):
    case = _case(
        send(
            client,
            "POST",
            f"{BASE}/requests.json?description=caf%E9",
            f"api_key={API_KEY}&{FIELDS}",
            FORM,
        )
    )

    assert case.description == "café"


def test_an_unknown_charset_is_a_specific_400(client, city, api_key):
    response = send(
        client, "POST", f"{BASE}/requests.json", f"api_key={API_KEY}", FORM + "; charset=klingon"
    )

    assert response.status_code == 400
    assert response.json() == [
        {"code": 400, "description": "charset klingon is not supported; send UTF-8."}
    ]


def test_indexed_attributes_keep_their_index_order(client, city, api_key, bulky):
    body = (
        f"api_key={API_KEY}&service_code=bulky-item&address_string=1+Main+St&email=a%40b.org"
        "&attribute%5Bitems%5D%5B1%5D=mattress&attribute%5Bitems%5D%5B0%5D=sofa"
    )

    case = _case(send(client, "POST", f"{BASE}/requests.json", body, FORM))

    assert case.answers["items"] == ["sofa", "mattress"]


@pytest.mark.parametrize("jurisdiction", [JURISDICTION.upper(), "Riverton.Example.Gov"])
def test_jurisdiction_id_is_case_insensitive(client, city, api_key, jurisdiction):
    listed = client.get(f"{BASE}/services.json", {"jurisdiction_id": jurisdiction})
    posted = send(
        client,
        "POST",
        f"{BASE}/requests.json?jurisdiction_id={jurisdiction}",
        f"api_key={API_KEY}&{FIELDS}",
        FORM,
    )

    assert listed.status_code == 200
    assert posted.status_code == 200


def test_a_too_long_parameter_is_refused_by_the_schema(client, city, api_key):
    body = f"api_key={API_KEY}&{FIELDS}&email=" + "x" * 1001

    response = send(client, "POST", f"{BASE}/requests.json", body, FORM)

    assert response.status_code == 400
    assert response.json()[0]["description"].startswith("email: ")
    assert not Case.objects.exists()


def test_service_code_missing_is_named(client, city, api_key):
    response = send(client, "POST", f"{BASE}/requests.json", f"api_key={API_KEY}", FORM)

    assert response.status_code == 400
    assert response.json()[0]["description"] == "service_code was not provided."
