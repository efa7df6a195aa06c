"""Issue 14 findings 6 and 8, as the bad input: no parameter of a staff or API URL makes a 500.

Hypothesis sends odd strings (superscript digits, 20-digit ids, 9999-12-31, lone
surrogates, NUL bytes, megabytes of text) as query parameters and form fields to
the staff pages and the REST API, signed in as a supervisor and with a token. Every
answer must be below 500. The findings of the outside test are pinned as examples.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from api.services import api_token_create
from tests import factories

pytestmark = pytest.mark.django_db

ODD = [
    "²",
    "٣",
    "99999999999999999999",
    "-1",
    "0",
    "1e309",
    "NaN",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "\ud800",
    "a\x00b",
    "",
    " ",
    "me",
    "none",
    "<script>alert(1)</script>",
    "x" * 5000,
]
odd_values = st.one_of(st.sampled_from(ODD), st.text(max_size=40))

STAFF_GET_PARAMS = {
    "/staff/": [
        "q",
        "channel",
        "service",
        "status",
        "priority",
        "owner",
        "department",
        "due",
        "created_from",
        "created_to",
        "sort",
        "cursor",
        "page",
    ],
    "/staff/intake/": ["service", "op"],
    "/notifications/": ["page"],
}
CASE_ACTIONS = ["acknowledge", "assign", "transfer", "status", "reopen", "escalate", "note", "step"]
CASE_FIELDS = ["owner", "department", "order", "status", "note", "reason", "publish"]
API_GET_PARAMS = {
    "/api/v1/cases": [
        "status",
        "service_code",
        "department_id",
        "owner",
        "resident_id",
        "jurisdiction_id",
        "created_after",
        "created_before",
        "cursor",
        "limit",
    ],
    "/api/v1/residents": ["q", "cursor", "limit"],
    "/api/v1/services": ["jurisdiction_id", "q"],
    "/api/v1/articles": ["q", "jurisdiction_id", "service_code"],
}
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _encode(value: str) -> str:
    """Percent-encoded as a client would send it; lone surrogates as their raw bytes."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def _query(params: dict[str, str]) -> str:
    return "&".join(f"{_encode(k)}={_encode(v)}" for k, v in params.items())


@pytest.fixture
def staff(client: Any, city: Any) -> Any:
    client.force_login(city.sam)
    client.case = factories.make_case(city.pothole, lat="1", long="1")  # type: ignore[attr-defined]
    return client


@pytest.fixture
def token(city: Any) -> dict[str, str]:
    from django.core.cache import cache

    cache.clear()
    return {"Authorization": f"Bearer {api_token_create(user=city.ada, name='fuzz')[1]}"}


def _assert_no_500(response: Any, what: str) -> None:
    assert response.status_code < 500, f"{what} -> {response.status_code}"


@FUZZ
@given(path=st.sampled_from(sorted(STAFF_GET_PARAMS)), data=st.data())
@example(path="/staff/intake/", data=None)
def test_staff_pages_answer_any_query_below_500(staff: Any, path: str, data: Any) -> None:
    if data is None:
        params = {"service": "²"}
    else:
        names = data.draw(st.lists(st.sampled_from(STAFF_GET_PARAMS[path]), max_size=4))
        params = {name: data.draw(odd_values) for name in names}
    query = _query(params)
    _assert_no_500(staff.get(f"{path}?{query}"), f"GET {path}?{query[:200]}")


def test_the_findings_of_the_outside_test(staff: Any, token: dict[str, str]) -> None:
    number = staff.case.tracking_number
    for action in ("assign", "transfer", "step"):
        for field in ("owner", "department", "order"):
            for value in ("²", "99999999999999999999"):
                response = staff.post(f"/staff/cases/{number}/{action}/", {field: value})
                _assert_no_500(response, f"POST {action} {field}={value}")
    for value in ("²", "99999999999999999999"):
        _assert_no_500(
            staff.post("/staff/bulk/", {"case": number, "action": "assign", "owner": value}),
            "bulk",
        )
        _assert_no_500(staff.post("/notifications/read/", {"notice": value}), "read")
    _assert_no_500(staff.get("/staff/?created_to=9999-12-31"), "created_to")
    for name in ("department_id", "resident_id"):
        response = staff.get(f"/api/v1/cases?{name}=99999999999999999999", headers=token)
        assert response.status_code == 422, name


@FUZZ
@given(action=st.sampled_from(CASE_ACTIONS), data=st.data())
def test_case_actions_answer_any_form_below_500(staff: Any, action: str, data: Any) -> None:
    names = data.draw(st.lists(st.sampled_from(CASE_FIELDS), min_size=1, max_size=3))
    body = _query({name: data.draw(odd_values) for name in names})
    url = f"/staff/cases/{staff.case.tracking_number}/{action}/"
    response = staff.post(url, body, content_type="application/x-www-form-urlencoded")
    _assert_no_500(response, f"POST {url} {body[:200]}")


@FUZZ
@given(data=st.data())
def test_bulk_and_notices_answer_any_form_below_500(staff: Any, data: Any) -> None:
    fields = {
        "case": data.draw(st.one_of(st.just(staff.case.tracking_number), odd_values)),
        "action": data.draw(st.sampled_from(["assign", "status", "", "²"])),
        "owner": data.draw(odd_values),
        "status": data.draw(odd_values),
        "note": data.draw(odd_values),
    }
    form = "application/x-www-form-urlencoded"
    _assert_no_500(staff.post("/staff/bulk/", _query(fields), content_type=form), "bulk")
    notice = _query({"notice": data.draw(odd_values)})
    _assert_no_500(staff.post("/notifications/read/", notice, content_type=form), "read")


@FUZZ
@given(path=st.sampled_from(sorted(API_GET_PARAMS)), data=st.data())
def test_api_lists_answer_any_query_below_500(
    client: Any, token: dict[str, str], path: str, data: Any
) -> None:
    names = data.draw(st.lists(st.sampled_from(API_GET_PARAMS[path]), max_size=4))
    query = _query({name: data.draw(odd_values) for name in names})
    _assert_no_500(client.get(f"{path}?{query}", headers=token), f"GET {path}?{query[:200]}")


@FUZZ
@given(
    field=st.sampled_from(
        ["description", "address", "zipcode", "service_code", "jurisdiction_id", "lat"]
    ),
    value=odd_values,
)
def test_api_case_create_answers_any_field_below_500(
    client: Any, city: Any, token: dict[str, str], field: str, value: str
) -> None:
    import json

    body: dict[str, Any] = {"service_code": "pothole", "description": "Hole", field: value}
    payload = json.dumps(body).encode()  # lone surrogates travel as \\ud800 escapes
    response = client.post("/api/v1/cases", payload, content_type="application/json", headers=token)
    _assert_no_500(response, f"POST /api/v1/cases {field}={value[:50]!r}")


def test_a_body_over_the_limit_is_a_clear_413(client: Any, city: Any, token: dict[str, str]):  # type: ignore[no-untyped-def]
    body = b'{"description": "' + b"x" * 2_700_000 + b'"}'

    api = client.post("/api/v1/cases", body, content_type="application/json", headers=token)
    open311 = client.post(
        "/open311/v2/requests.json",
        b"description=" + b"x" * 2_700_000,
        content_type="application/x-www-form-urlencoded",
    )

    assert api.status_code == 413
    assert "MB" in api.json()["detail"]
    assert open311.status_code == 413
    assert "MB" in open311.json()[0]["description"]
