"""Whatever a client sends to Open311, the answer is a success or a spec error, never a 500."""

from __future__ import annotations

import json

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
