"""GET requests and requests/{id}: fields, filters, the spec's defaults, errors and query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cases.models import CaseAttachment, Status
from cases.services import case_change_status, case_complete_step
from open311 import selectors
from tests import factories
from tests.open311.conftest import BASE, xml_of


@pytest.fixture
def hole(city):
    return factories.make_case(
        city.pothole, address="1 Main St", zipcode="10001", lat="40.7128", long="-74.006"
    )


def test_request_detail_has_every_spec_field_in_order(client, city, hole):
    response = client.get(f"{BASE}/requests/{hole.tracking_number}.json")

    assert response.status_code == 200
    [row] = response.json()
    assert list(row) == [
        "service_request_id",
        "status",
        "status_notes",
        "service_name",
        "service_code",
        "description",
        "agency_responsible",
        "service_notice",
        "requested_datetime",
        "updated_datetime",
        "expected_datetime",
        "address",
        "address_id",
        "zipcode",
        "lat",
        "long",
        "media_url",
    ]
    assert row["service_request_id"] == hole.tracking_number
    assert row["status"] == "open"
    assert row["agency_responsible"] == "Public Works"
    assert row["zipcode"] == "10001"
    assert row["lat"] == pytest.approx(40.7128)
    assert row["long"] == pytest.approx(-74.006)


def test_dates_are_w3c_with_the_jurisdictions_offset(client, city, hole):
    row = client.get(f"{BASE}/requests/{hole.tracking_number}.json").json()[0]

    expected = dt.datetime.fromisoformat(row["expected_datetime"])
    assert expected == hole.resolution_due
    assert expected.utcoffset() in (dt.timedelta(hours=-5), dt.timedelta(hours=-4))
    requested = dt.datetime.fromisoformat(row["requested_datetime"])
    assert requested == hole.created_at.replace(microsecond=0)


def test_service_notice_gives_the_minimum_expectation_and_next_step(client, city, hole):
    row = client.get(f"{BASE}/requests/{hole.tracking_number}.json").json()[0]

    assert row["service_notice"].startswith("We will look at every report.")
    assert "Next: We inspect the site, by" in row["service_notice"]


def test_service_notice_moves_to_the_next_step_when_one_is_done(client, city, hole):
    case_complete_step(case=hole, order=1, by=city.alice)

    row = client.get(f"{BASE}/requests/{hole.tracking_number}.json").json()[0]

    assert "Next: We fill the pothole" in row["service_notice"]


def test_status_notes_is_the_latest_public_status_note(client, city, hole):
    case_change_status(
        case=hole, status=Status.IN_PROGRESS, by=city.alice, note="Crew booked.", publish=True
    )
    case_change_status(
        case=hole, status=Status.RESOLVED, by=city.alice, note="Filled today.", publish=True
    )

    row = client.get(f"{BASE}/requests/{hole.tracking_number}.json").json()[0]

    assert row["status"] == "closed"
    assert row["status_notes"] == "Filled today."


def test_internal_notes_never_show(client, city, hole):
    from cases.services import case_add_internal_note

    case_change_status(
        case=hole, status=Status.IN_PROGRESS, by=city.alice, note="We are on it.", publish=True
    )
    case_add_internal_note(case=hole, by=city.alice, body="Secret: the crew is late.")

    row = client.get(f"{BASE}/requests/{hole.tracking_number}.json").json()[0]

    assert row["status_notes"] == "We are on it."
    assert "Secret" not in client.get(f"{BASE}/requests.json?extensions=true").content.decode()


def test_media_url_is_the_first_public_attachment_absolute(client, city, hole):
    now = timezone.now()
    CaseAttachment.objects.create(
        case=hole,
        token="private1",
        file="cases/x/private.jpg",
        content_type="image/jpeg",
        size=1,
        is_public=False,
        uploaded_at=now - dt.timedelta(minutes=5),
    )
    CaseAttachment.objects.create(
        case=hole,
        token="public1",
        file="cases/x/public.jpg",
        content_type="image/jpeg",
        size=1,
        uploaded_at=now,
    )

    row = client.get(f"{BASE}/requests/{hole.tracking_number}.json").json()[0]

    assert row["media_url"] == "http://testserver/open311/v2/media/public1.jpg"


def test_request_detail_in_xml(client, city, hole):
    root = xml_of(client.get(f"{BASE}/requests/{hole.tracking_number}.xml"))

    assert root.tag == "service_requests"
    request = root.find("request")
    assert request.findtext("service_request_id") == hole.tracking_number
    assert request.findtext("status") == "open"
    assert float(request.findtext("lat")) == pytest.approx(40.7128)


def test_tracking_number_is_forgiving_about_case_and_dashes(client, city, hole):
    loose = hole.tracking_number.replace("-", "").lower()

    assert client.get(f"{BASE}/requests/{loose}.json").status_code == 200


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_request_is_404(client, city, fmt):
    response = client.get(f"{BASE}/requests/ZZZZZ-ZZZZZ.{fmt}")

    assert response.status_code == 404


def test_request_of_another_jurisdiction_is_404(client, city):
    other = factories.make_jurisdiction(jurisdiction_id="elsewhere.example.gov")
    service = factories.make_service(factories.make_department(other), code="pothole")
    case = factories.make_case(service)

    response = client.get(
        f"{BASE}/requests/{case.tracking_number}.json", {"jurisdiction_id": "riverton.example.gov"}
    )

    assert response.status_code == 404


def test_user_text_is_escaped_and_control_characters_dropped_in_xml(client, city):
    case = factories.make_case(city.shelter)
    case_change_status(
        case=case,
        status=Status.IN_PROGRESS,
        by=city.ada,
        note="<b>hi</b> & </status_notes><x>\x07\x1b bye",
        publish=True,
    )

    request = xml_of(client.get(f"{BASE}/requests/{case.tracking_number}.xml")).find("request")

    assert request.findtext("status_notes") == "<b>hi</b> & </status_notes><x> bye"


def _ids(response):
    return {row["service_request_id"] for row in response.json()}


def test_list_filters_by_service_request_id_comma_list(client, city):
    a, b, _c = (factories.make_case(city.shelter) for _ in range(3))

    response = client.get(
        f"{BASE}/requests.json",
        {"service_request_id": f"{a.tracking_number},{b.tracking_number}", "status": "closed"},
    )

    # The spec: service_request_id overrides every other filter.
    assert _ids(response) == {a.tracking_number, b.tracking_number}


def test_list_filters_by_service_code(client, city, hole):
    shelter = factories.make_case(city.shelter)

    both = client.get(f"{BASE}/requests.json", {"service_code": "pothole,park-shelter"})
    one = client.get(f"{BASE}/requests.json", {"service_code": "park-shelter"})

    assert _ids(both) == {hole.tracking_number, shelter.tracking_number}
    assert _ids(one) == {shelter.tracking_number}


def test_list_filters_by_open_and_closed(client, city, hole):
    done = factories.make_case(city.shelter)
    case_change_status(case=done, status=Status.DECLINED, by=city.bob, note="Not ours.")
    waiting = factories.make_case(city.shelter)
    case_change_status(case=waiting, status=Status.WAITING_ON_RESIDENT, by=city.bob)

    opened = client.get(f"{BASE}/requests.json", {"status": "open"})
    closed = client.get(f"{BASE}/requests.json", {"status": "closed"})
    both = client.get(f"{BASE}/requests.json", {"status": "open,closed"})

    assert _ids(opened) == {hole.tracking_number, waiting.tracking_number}
    assert _ids(closed) == {done.tracking_number}
    assert len(_ids(both)) == 3


def test_list_defaults_to_the_last_90_days(client, city):
    recent = factories.make_case(city.shelter, at=timezone.now() - dt.timedelta(days=10))
    old = factories.make_case(city.shelter, at=timezone.now() - dt.timedelta(days=120))

    default = client.get(f"{BASE}/requests.json")
    window = client.get(
        f"{BASE}/requests.json",
        {
            "start_date": (old.created_at - dt.timedelta(days=1)).isoformat(),
            "end_date": (old.created_at + dt.timedelta(days=1)).isoformat(),
        },
    )

    assert _ids(default) == {recent.tracking_number}
    assert _ids(window) == {old.tracking_number}


def test_start_date_alone_covers_the_90_days_after_it(client, city):
    old = factories.make_case(city.shelter, at=timezone.now() - dt.timedelta(days=120))
    factories.make_case(city.shelter)

    response = client.get(
        f"{BASE}/requests.json",
        {"start_date": (old.created_at - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")},
    )

    assert _ids(response) == {old.tracking_number}


def test_unencoded_plus_in_an_offset_is_understood(client, city):
    case = factories.make_case(city.shelter)
    start = (case.created_at - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S")

    response = client.get(f"{BASE}/requests.json?start_date={start}+00:00")

    assert response.status_code == 200
    assert _ids(response) == {case.tracking_number}


def test_list_is_newest_first_and_capped(client, city, monkeypatch):
    cases = [
        factories.make_case(city.shelter, at=timezone.now() - dt.timedelta(hours=h))
        for h in (3, 2, 1)
    ]
    monkeypatch.setattr(selectors, "MAX_REQUESTS", 2)

    rows = client.get(f"{BASE}/requests.json").json()

    assert [r["service_request_id"] for r in rows] == [
        cases[2].tracking_number,
        cases[1].tracking_number,
    ]


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"start_date": "yesterday"}, "start_date must be a W3C date"),
        ({"end_date": "2026-13-45T00:00:00Z"}, "end_date must be a W3C date"),
        (
            {"start_date": "2026-03-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"},
            "start_date must be before end_date",
        ),
        (
            {"start_date": "2025-01-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"},
            "may not span more than 90 days",
        ),
        ({"status": "pending"}, "status must be open, closed"),
        ({"service_request_id": ",".join(["X"] * 1001)}, "at most 1000"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_bad_list_parameters_are_400(client, city, params, fragment, fmt):
    response = client.get(f"{BASE}/requests.{fmt}", params)

    assert response.status_code == 400
    if fmt == "json":
        assert fragment in response.json()[0]["description"]
    else:
        assert fragment in xml_of(response).findtext("error/description")


def test_list_in_xml(client, city, hole):
    root = xml_of(client.get(f"{BASE}/requests.xml"))

    assert [r.findtext("service_request_id") for r in root.findall("request")] == [
        hole.tracking_number
    ]


def test_extensions_add_the_public_timeline_and_promised_steps(client, city, hole):
    case_change_status(case=hole, status=Status.IN_PROGRESS, by=city.alice, note="Crew booked.")

    row = client.get(f"{BASE}/requests/{hole.tracking_number}.json?extensions=true").json()[0]

    extended = row["extended_attributes"]
    assert [s["name"] for s in extended["steps"]] == ["We inspect the site", "We fill the pothole"]
    assert dt.datetime.fromisoformat(extended["steps"][0]["due_datetime"]) == (
        hole.steps.get(order=1).due_at
    )
    assert [e["kind"] for e in extended["timeline"]] == ["created", "status_changed"]
    assert extended["detailed_status"] == "in_progress"


def test_extensions_in_xml(client, city, hole):
    root = xml_of(client.get(f"{BASE}/requests.xml?extensions=true"))

    steps = root.findall("request/extended_attributes/steps/step")
    assert [s.findtext("name") for s in steps] == ["We inspect the site", "We fill the pothole"]
    assert root.find("request/extended_attributes/timeline/event/kind").text == "created"


def _cases_with_notes_photos_and_steps(city, n):
    for i in range(n):
        case = factories.make_case(city.pothole if i % 2 else city.shelter, lat="1", long="1")
        case_change_status(
            case=case, status=Status.IN_PROGRESS, by=city.ada, note="On it", publish=True
        )
        CaseAttachment.objects.create(
            case=case,
            token=f"t{case.pk}",
            file=f"cases/{case.pk}.jpg",
            content_type="image/jpeg",
            size=1,
            uploaded_at=timezone.now(),
        )


@pytest.mark.parametrize("extensions", ["false", "true"])
def test_list_runs_a_constant_number_of_queries(
    client, city, django_assert_num_queries, extensions
):
    # The cases (with their latest public note); the page's services and departments;
    # then its first photos and next steps.
    expected = 5 + (2 if extensions == "true" else 0)  # + events and steps prefetches
    _cases_with_notes_photos_and_steps(city, 3)
    with django_assert_num_queries(expected + 1):  # + the jurisdiction
        rows = client.get(f"{BASE}/requests.json?extensions={extensions}").json()
    assert len(rows) == 3
    assert {r["status_notes"] for r in rows} == {"On it"}
    assert all(r["media_url"].endswith(".jpg") for r in rows)
    _cases_with_notes_photos_and_steps(city, 27)
    with django_assert_num_queries(expected + 1):
        assert len(client.get(f"{BASE}/requests.json?extensions={extensions}").json()) == 30


@pytest.mark.parametrize("page_size", [1, 7, 30])
def test_a_page_of_any_size_costs_the_same_queries(
    client, city, django_assert_num_queries, page_size
):
    _cases_with_notes_photos_and_steps(city, 30)

    with django_assert_num_queries(6):
        rows = client.get(f"{BASE}/requests.json", {"page": 1, "page_size": page_size}).json()

    assert len(rows) == page_size


@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "2026-01-01T00:00:00-23:59"},
        {"end_date": "0001-01-01T00:00:00Z"},
        {"start_date": "9999-12-31T23:59:59Z"},
    ],
)
def test_odd_but_valid_dates_never_crash(client, city, params):
    response = client.get(f"{BASE}/requests.json", params)

    assert response.status_code in (200, 400)
