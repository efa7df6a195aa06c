"""Kiosk: an anonymous request leaves with its number (print or text), never "bookmark this"."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from cases.models import Case
from messaging.models import SmsMessageRecord


@pytest.fixture
def kiosk_case(client, portal, settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MESSAGING_SMS_PROVIDER = "console"
    settings.MESSAGING_OUTBOX_DIR = tmp_path / "outbox"
    portal.city.pothole.allows_anonymous = True
    portal.city.pothole.save()
    response = client.post(
        reverse("portal:kiosk:request", args=["pothole"]),
        {"description": "Hole", "q_size": "small", "address": "1 A St", "anonymous": "1"},
    )
    assert response.status_code == 302
    return Case.objects.get()


def _sent(settings):  # type: ignore[no-untyped-def]
    path = settings.MESSAGING_OUTBOX_DIR / "sms.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_an_anonymous_kiosk_request_offers_print_and_text_not_a_bookmark(client, kiosk_case):
    page = client.get(
        reverse("portal:kiosk:submitted", args=[kiosk_case.tracking_number])
    ).content.decode()
    assert "Bookmark" not in page
    assert "Print a receipt" in page
    assert reverse("portal:kiosk:text_receipt", args=[kiosk_case.tracking_number]) in page


def test_a_text_receipt_sends_the_number_and_lets_the_phone_track_it(
    client, kiosk_case, settings, django_capture_on_commit_callbacks
):
    url = reverse("portal:kiosk:text_receipt", args=[kiosk_case.tracking_number])

    # The receipt goes through the case outbox, delivered once the request commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"phone": "(555) 555-0199"})

    assert response.status_code == 200
    assert "We have texted the tracking number" in response.content.decode()
    [text] = _sent(settings)
    assert text["to"].endswith("5555550199")
    assert kiosk_case.tracking_number in text["body"]
    assert SmsMessageRecord.objects.filter(case=kiosk_case).count() == 1
    # Later, on any device: the number and the phone open the request.
    client.post(reverse("portal:kiosk:reset"))
    found = client.post(
        reverse("portal:track"), {"number": kiosk_case.tracking_number, "contact": "5555550199"}
    )
    assert found.status_code == 302


def test_a_bad_phone_number_is_refused_with_its_message(client, kiosk_case, settings):
    url = reverse("portal:kiosk:text_receipt", args=[kiosk_case.tracking_number])
    response = client.post(url, {"phone": "12"})
    assert response.status_code == 400
    assert "Enter a phone number with 7 to 15 digits" in response.content.decode()
    assert _sent(settings) == []
    kiosk_case.refresh_from_db()
    assert kiosk_case.resident_id is None


def test_a_request_with_contact_details_cannot_be_taken_over(
    client, kiosk_case, settings, django_capture_on_commit_callbacks
):
    url = reverse("portal:kiosk:text_receipt", args=[kiosk_case.tracking_number])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"phone": "5555550199"})
        response = client.post(url, {"phone": "5555550100"})
    assert response.status_code == 400
    assert len(_sent(settings)) == 1


def test_someone_elses_request_cannot_get_a_receipt(client, kiosk_case):
    client.post(reverse("portal:kiosk:reset"))
    url = reverse("portal:kiosk:text_receipt", args=[kiosk_case.tracking_number])
    assert client.post(url, {"phone": "5555550199"}).status_code == 404
