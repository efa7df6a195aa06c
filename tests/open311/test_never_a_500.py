"""Whatever a client sends to Open311, the answer is a success or a spec error, never a 500."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.open311.conftest import API_KEY, BASE

_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
_VALUES = st.one_of(
    _TEXT,
    st.sampled_from(
        [
            "",
            "pothole",
            "park-shelter",
            "small",
            "riverton.example.gov",
            "2026-01-01T00:00:00Z",
            "0001-01-01",
            "9999-12-31T23:59:59+23:59",
            "open,closed",
            "-91",
            "1e400",
            "NaN",
            "https://example.org/x.jpg",
        ]
    ),
)
_NAMES = st.sampled_from(
    [
        "api_key",
        "jurisdiction_id",
        "service_code",
        "lat",
        "long",
        "address_string",
        "address_id",
        "email",
        "device_id",
        "account_id",
        "first_name",
        "last_name",
        "phone",
        "description",
        "media_url",
        "attribute[size]",
        "attribute[size][]",
        "attribute[notes]",
        "attribute[]",
        "attribute[[x]]",
        "service_request_id",
        "start_date",
        "end_date",
        "status",
        "extensions",
    ]
)
_PARAMS = st.dictionaries(_NAMES, st.one_of(_VALUES, st.lists(_VALUES, max_size=3)), max_size=8)
_PATHS = st.sampled_from(
    [
        "requests",
        "services",
        "services/pothole",
        "servicerequestupdates",
        "discovery",
        "tokens/abc",
        "requests/ZZZZZ-ZZZZZ",
    ]
)
_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)


def _assert_spec_answer(response, fmt):
    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        if fmt == "json":
            errors = json.loads(response.content)
            assert all(set(e) == {"code", "description"} for e in errors)
        else:
            assert b"<errors><error><code>" in response.content


@_SETTINGS
@given(params=_PARAMS, fmt=st.sampled_from(["json", "xml"]), with_key=st.booleans())
def test_any_post_to_requests_is_answered_properly(client, api_key, params, fmt, with_key):
    if with_key:
        params = {**params, "api_key": API_KEY}

    response = client.post(f"{BASE}/requests.{fmt}", params)

    _assert_spec_answer(response, fmt)


@_SETTINGS
@given(params=_PARAMS, path=_PATHS, fmt=st.sampled_from(["json", "xml"]))
def test_any_get_is_answered_properly(client, api_key, params, path, fmt):
    response = client.get(f"{BASE}/{path}.{fmt}", params)

    _assert_spec_answer(response, fmt)


# --- Every charset and content type real clients send (and some they should not) ---

_CHARSETS = [
    None,
    "utf-8",
    "UTF8",
    "ISO-8859-1",
    "iso-8859-1",
    "latin1",
    "windows-1252",
    "cp1252",
    "US-ASCII",
    "utf-16",
    '"utf-8"',
    "no-such-charset",
    "",
]
_FIELDS = "api_key={key}&service_code=pothole&lat=1&long=1&attribute%5Bsize%5D=large"
_LATIN1_BODY = _FIELDS + "&description=caf%E9+%80"
_UTF8_BODY = _FIELDS + "&description=caf%C3%A9"
_RAW_BYTES_BODY = b"api_key={key}&service_code=pothole&lat=1&long=1&description=caf\xe9\xff\x00"


def _form_type(charset):
    return "application/x-www-form-urlencoded" + (f"; charset={charset}" if charset else "")


@pytest.mark.parametrize("charset", _CHARSETS)
@pytest.mark.parametrize("body", [_LATIN1_BODY, _UTF8_BODY, _RAW_BYTES_BODY, ""])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_any_charset_on_a_form_post_is_answered_properly(client, api_key, charset, body, fmt):
    data = (
        body.replace(b"{key}", API_KEY.encode())
        if isinstance(body, bytes)
        else body.format(key=API_KEY)
    )

    response = client.generic(
        "POST", f"{BASE}/requests.{fmt}", data, content_type=_form_type(charset)
    )

    _assert_spec_answer(response, fmt)


_BOUNDARY = "b0undary"


def _multipart(charset_bytes: bytes) -> bytes:
    return (
        b"--b0undary\r\n"
        b'Content-Disposition: form-data; name="api_key"\r\n\r\n' + API_KEY.encode() + b"\r\n"
        b"--b0undary\r\n"
        b'Content-Disposition: form-data; name="service_code"\r\n\r\npothole\r\n'
        b"--b0undary\r\n"
        b'Content-Disposition: form-data; name="description"\r\n'
        b"Content-Type: text/plain; charset=ISO-8859-1\r\n\r\n" + charset_bytes + b"\r\n"
        b"--b0undary\r\n"
        b'Content-Disposition: form-data; name="media"; filename="x.png"\r\n'
        b"Content-Type: image/png\r\n\r\nnot a png\r\n"
        b"--b0undary--\r\n"
    )


@pytest.mark.parametrize("charset", _CHARSETS)
@pytest.mark.parametrize(
    "body",
    [
        _multipart("café".encode()),
        _multipart("café".encode("latin-1")),
        _multipart(b"\xff\xfe\x00"),
        b"--b0undary\r\nnot a part",
        b"",
        b"--other\r\n\r\n--other--",
    ],
)
def test_any_charset_on_a_multipart_post_is_answered_properly(client, api_key, charset, body):
    content_type = f"multipart/form-data; boundary={_BOUNDARY}" + (
        f"; charset={charset}" if charset else ""
    )

    response = client.generic("POST", f"{BASE}/requests.json", body, content_type=content_type)

    _assert_spec_answer(response, "json")


@pytest.mark.parametrize(
    "content_type",
    [
        "multipart/form-data",  # no boundary
        "multipart/form-data; boundary=",
        "application/json",
        "text/plain",
        "text/xml; charset=ISO-8859-1",
        "application/octet-stream",
        "",
        "application/x-www-form-urlencoded; charset",
        "application/x-www-form-urlencoded;;;charset=",
    ],
)
@pytest.mark.parametrize(
    "path", ["requests", "servicerequestupdates", "services", "requests/ZZZZZ-ZZZZZ"]
)
def test_any_content_type_is_answered_properly(client, api_key, content_type, path):
    response = client.generic(
        "POST",
        f"{BASE}/{path}.json?api_key={API_KEY}",
        b'{"service_code": "pothole"}\x00\xff',
        content_type=content_type,
    )

    _assert_spec_answer(response, "json")


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH", "TRACE"])
@pytest.mark.parametrize(
    "path",
    [
        "requests.json",
        "requests.xml",
        "requests/json",
        "services",
        "services.xml",
        "service/pothole.xml",
        "nowhere",
        "nowhere.xml",
        "",
        "media/ffffffffffffffffffffffffffffffff.jpg",
        "tokens/abc.json",
    ],
)
def test_any_method_on_any_path_is_answered_properly(client, city, method, path):
    response = client.generic(method, f"{BASE}/{path}")

    assert response.status_code < 500
    assert not response["Content-Type"].startswith("text/html")


@_SETTINGS
@given(body=st.binary(max_size=200), charset=st.sampled_from(_CHARSETS))
def test_any_bytes_in_a_form_body_are_answered_properly(client, api_key, body, charset):
    response = client.generic(
        "POST",
        f"{BASE}/requests.json?api_key={API_KEY}&service_code=pothole",
        body,
        content_type=_form_type(charset),
    )

    _assert_spec_answer(response, "json")


@_SETTINGS
@given(query=st.binary(max_size=80))
def test_any_bytes_in_a_query_string_are_answered_properly(client, api_key, query):
    from urllib.parse import quote_from_bytes

    response = client.get(f"{BASE}/requests.json?" + quote_from_bytes(query, safe="=&"))

    _assert_spec_answer(response, "json")
