"""Issue 14 finding 3, as the attack: reading residents' correspondence through Open311.

Anonymous reads (and any key) get status, service, the location as the service
publishes it, and notes staff wrote for publication; never what a resident wrote,
nor a message addressed to them. servicerequestupdates needs a key with that scope.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cases.models import Channel, Status
from cases.services import case_add_resident_message, case_change_status, case_reply_publicly
from catalogue.models import Service
from open311.services import api_key_create
from tests import factories

pytestmark = pytest.mark.django_db

BASE = "/open311/v2"
LETTER = "Dear council, I am Elizabeth Bennet of 4 Longbourn Lane and my bins were missed"
HELLO = "Hello Elizabeth, we have your request and will collect on Friday."


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def email_case(city):  # type: ignore[no-untyped-def]
    case = factories.make_case(
        city.shelter,
        channel=Channel.EMAIL,
        description=LETTER,
        resident=city.rita,
        address="Shelter 3, Riverside Park",
        lat="40.712812",
        long="-74.006015",
    )
    case_reply_publicly(case=case, by=city.ada, body=HELLO)
    case_add_resident_message(case=case, body="Thank you! My phone is 212 555 0199.")
    case_change_status(
        case=case, status=Status.IN_PROGRESS, by=city.ada, note="Elizabeth, the crew is booked."
    )
    return case


def _window(**extra: str) -> dict[str, str]:
    now = timezone.now()
    return {
        "start_date": (now - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "end_date": (now + dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        **extra,
    }


def _leaks(text: str) -> list[str]:
    return [w for w in ("Elizabeth", "Longbourn", "555 0199", "bins were missed") if w in text]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_email_case_read_anonymously_shows_none_of_the_letter(client, email_case, fmt):
    detail = client.get(f"{BASE}/requests/{email_case.tracking_number}.{fmt}?extensions=true")
    listed = client.get(f"{BASE}/requests.{fmt}?extensions=true")

    assert detail.status_code == listed.status_code == 200
    assert _leaks(detail.content.decode()) == []
    assert _leaks(listed.content.decode()) == []


def test_what_is_shown_is_status_service_and_published_notes(client, city, email_case):
    case_change_status(
        case=email_case,
        status=Status.RESOLVED,
        by=city.ada,
        note="Shelter repaired.",
        publish=True,
    )

    row = client.get(f"{BASE}/requests/{email_case.tracking_number}.json").json()[0]

    assert (row["status"], row["service_code"], row["status_notes"]) == (
        "closed",
        "park-shelter",
        "Shelter repaired.",
    )
    assert row["description"] is None


def test_servicerequestupdates_refuses_anonymous_readers(client, email_case):
    response = client.get(f"{BASE}/servicerequestupdates.json", _window())

    assert response.status_code == 403
    assert _leaks(response.content.decode()) == []


def test_servicerequestupdates_refuses_a_key_without_the_scope(client, email_case):
    _key, raw = api_key_create(name="Any app")

    response = client.get(f"{BASE}/servicerequestupdates.json", _window(api_key=raw))

    assert response.status_code == 403


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_scoped_key_reads_updates_without_replies_messages_or_unpublished_notes(
    client, city, email_case, fmt
):
    _key, raw = api_key_create(name="FixMyStreet", may_read_updates=True)
    case_change_status(
        case=email_case, status=Status.RESOLVED, by=city.ada, note="Repaired.", publish=True
    )

    response = client.get(f"{BASE}/servicerequestupdates.{fmt}", _window(api_key=raw))

    assert response.status_code == 200
    assert _leaks(response.content.decode()) == []
    assert "Repaired." in response.content.decode()


def test_rounded_location_hides_the_address_and_blurs_the_point(client, city, email_case):
    Service.objects.filter(pk=city.shelter.pk).update(open311_location="rounded")

    row = client.get(f"{BASE}/requests/{email_case.tracking_number}.json").json()[0]

    assert (row["address"], row["lat"], row["long"]) == (None, 40.713, -74.006)


def test_no_location_shows_no_address_and_no_point(client, city, email_case):
    Service.objects.filter(pk=city.shelter.pk).update(open311_location="none")

    row = client.get(f"{BASE}/requests/{email_case.tracking_number}.json").json()[0]

    assert (row["address"], row["zipcode"], row["lat"], row["long"]) == (None, None, None, None)


def test_a_service_the_city_keeps_private_is_not_read_at_all(client, city, email_case):
    Service.objects.filter(pk=city.shelter.pk).update(open311_public=False)
    _key, raw = api_key_create(name="FixMyStreet", may_read_updates=True)

    detail = client.get(f"{BASE}/requests/{email_case.tracking_number}.json")
    listed = client.get(f"{BASE}/requests.json").json()
    updates = client.get(f"{BASE}/servicerequestupdates.json", _window(api_key=raw)).json()

    assert detail.status_code == 404
    assert email_case.tracking_number not in {r["service_request_id"] for r in listed}
    assert email_case.tracking_number not in {u["service_request_id"] for u in updates}


def test_staff_publish_a_note_from_the_case_page(client, city, email_case):
    staff = client.__class__()
    staff.force_login(city.ada)
    page = staff.get(f"/staff/cases/{email_case.tracking_number}/").content.decode()
    url = f"/staff/cases/{email_case.tracking_number}/status/"
    # Status notes are coached (issue 15): these short notes need an override reason.
    reason = "Short note on purpose"
    staff.post(
        url, {"status": Status.RESOLVED, "note": "Elizabeth, all done.", "override_reason": reason}
    )
    staff.post(
        url,
        {
            "status": Status.CLOSED,
            "note": "Shelter closed for the season.",
            "publish": "on",
            "override_reason": reason,
        },
    )

    row = client.get(f"{BASE}/requests/{email_case.tracking_number}.json").json()[0]

    assert "Also publish this note on Open311" in page
    assert row["status_notes"] == "Shelter closed for the season."
