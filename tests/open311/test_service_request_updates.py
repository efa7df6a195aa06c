"""FixMyStreet's servicerequestupdates extension: public updates in a window, and posted updates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cases.models import CaseEvent, EventKind, Status
from cases.services import case_add_internal_note, case_change_status, case_reply_publicly
from tests import factories
from tests.open311.conftest import BASE, xml_of


@pytest.fixture
def hole(city):
    return factories.make_case(city.pothole, address="1 Main St")


@pytest.fixture
def partner(city):
    """A key whose scope allows reading updates (FixMyStreet run for the city)."""
    from open311.services import api_key_create

    return api_key_create(name="Partner", may_read_updates=True)[1]


def _window(**extra):
    now = timezone.now()
    params = {
        "start_date": (now - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "end_date": (now + dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    params.update(extra)
    return params


def test_updates_in_xml_as_fixmystreet_reads_them(client, city, hole, partner):
    case_change_status(
        case=hole, status=Status.RESOLVED, by=city.alice, note="Filled.", publish=True
    )

    response = client.get(f"{BASE}/servicerequestupdates.xml", _window(api_key=partner))

    root = xml_of(response)
    assert root.tag == "service_requests_updates"
    updates = root.findall("request_update")
    assert [u.findtext("status") for u in updates] == ["open", "closed"]
    last = updates[-1]
    assert last.findtext("service_request_id") == hole.tracking_number
    assert last.findtext("description") == "Filled."
    assert last.findtext("external_status_code") == "resolved"
    assert last.find("media_url") is not None
    assert last.findtext("update_id")
    assert dt.datetime.fromisoformat(last.findtext("updated_datetime")).utcoffset() is not None


def test_each_update_carries_the_status_as_it_stood_then(client, city, hole, partner):
    case_reply_publicly(case=hole, by=city.alice, body="Thanks, we have it.")
    case_change_status(case=hole, status=Status.IN_PROGRESS, by=city.alice)
    case_reply_publicly(case=hole, by=city.alice, body="Crew on the way.")
    case_change_status(case=hole, status=Status.RESOLVED, by=city.alice, note="Done.", publish=True)

    rows = client.get(f"{BASE}/servicerequestupdates.json", _window(api_key=partner)).json()

    # Replies to the resident are theirs, not updates (tests/security/test_open311_privacy.py).
    assert [(r["description"], r["status"]) for r in rows] == [
        ("", "open"),
        ("", "open"),  # the first reply acknowledged the new request
        ("", "open"),
        ("Done.", "closed"),
    ]


def test_internal_notes_are_not_updates(client, city, hole, partner):
    case_add_internal_note(case=hole, by=city.alice, body="Secret.")

    rows = client.get(f"{BASE}/servicerequestupdates.json", _window(api_key=partner)).json()

    assert "Secret." not in [r["description"] for r in rows]


def test_updates_outside_the_window_are_left_out(client, city, hole, partner):
    later = timezone.now() + dt.timedelta(days=2)
    case_change_status(
        case=hole, status=Status.RESOLVED, by=city.alice, note="Later.", at=later, publish=True
    )

    rows = client.get(f"{BASE}/servicerequestupdates.json", _window(api_key=partner)).json()

    assert "Later." not in [r["description"] for r in rows]


def test_bad_window_is_400(client, city, partner):
    response = client.get(
        f"{BASE}/servicerequestupdates.xml", {"start_date": "soon", "api_key": partner}
    )

    assert response.status_code == 400
    assert xml_of(response).findtext("error/code") == "400"


def test_posted_update_becomes_a_resident_message(client, city, api_key, hole):
    response = client.post(
        f"{BASE}/servicerequestupdates.xml",
        {
            "api_key": api_key,
            "service_request_id": hole.tracking_number,
            "description": "It got bigger.",
            "first_name": "Rita",
            "last_name": "Moreno",
            "status": "OPEN",
            "media_url": "https://photos.example.org/2.jpg",
        },
    )

    assert response.status_code == 200
    update_id = xml_of(response).findtext("request_update/update_id")
    event = CaseEvent.objects.get(pk=update_id)
    assert event.kind == EventKind.RESIDENT_MESSAGE
    assert event.actor_label == "Rita Moreno"
    assert event.body.startswith("It got bigger.")
    assert "https://photos.example.org/2.jpg" in event.body


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"api_key": ""}, 403),
        ({"service_request_id": ""}, 400),
        ({"service_request_id": "ZZZZZ-ZZZZZ"}, 404),
        ({"description": " "}, 400),
        ({"media_url": "javascript:alert(1)"}, 400),
    ],
)
def test_bad_posted_update_is_refused(client, city, api_key, hole, change, status):
    params = {
        "api_key": api_key,
        "service_request_id": hole.tracking_number,
        "description": "More.",
    }
    params.update(change)

    response = client.post(f"{BASE}/servicerequestupdates.json", params)

    assert response.status_code == status
    assert response.json()[0]["code"] == status
    assert not hole.events.filter(kind=EventKind.RESIDENT_MESSAGE).exists()
