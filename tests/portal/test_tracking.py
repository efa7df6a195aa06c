"""Confirmation and tracking: number + contact, the promised date, the public timeline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from cases.models import Channel, Status
from cases.services import (
    case_add_internal_note,
    case_change_status,
    case_complete_step,
    case_reply_publicly,
)
from portal.selectors import format_promise_date
from tests import factories

TRACK = reverse("portal:track")


@pytest.fixture
def case(portal):  # type: ignore[no-untyped-def]
    return factories.make_case(
        portal.city.pothole,
        resident=portal.city.rosa,
        address="5 Elm St",
        answers={"size": "small"},
        channel=Channel.WEB,
    )


def test_number_and_email_open_the_case(client, case):
    response = client.post(TRACK, {"number": case.tracking_number, "contact": "ROSA@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:case", args=[case.tracking_number])
    assert client.get(response["Location"]).status_code == 200


def test_number_as_read_on_the_phone_and_phone_without_country_code(client, case):
    spoken = case.tracking_number.lower().replace("-", " ")
    response = client.post(TRACK, {"number": spoken, "contact": "(555) 555-0101"})
    assert response.status_code == 302


def test_wrong_contact_and_wrong_number_get_the_same_answer(client, case):
    wrong_contact = client.post(TRACK, {"number": case.tracking_number, "contact": "x@example.org"})
    wrong_number = client.post(TRACK, {"number": "00000-00000", "contact": "rosa@example.org"})
    garbage = client.post(TRACK, {"number": "<b>", "contact": "rosa@example.org"})
    assert wrong_contact.status_code == wrong_number.status_code == garbage.status_code == 404
    message = "We could not find a request with that tracking number and contact."
    for response in (wrong_contact, wrong_number, garbage):
        assert message in response.content.decode()


def test_the_case_page_needs_the_number_and_contact_first(client, case):
    assert client.get(reverse("portal:case", args=[case.tracking_number])).status_code == 404


def test_empty_fields_get_specific_messages(client, portal):
    body = client.post(TRACK, {"number": "", "contact": ""}).content.decode()
    assert "Enter your tracking number." in body
    assert "Enter the email address or phone number." in body


@override_settings(PORTAL_TRACK_ATTEMPTS_PER_HOUR=3)
def test_tracking_attempts_are_rate_limited(client, case):
    for _ in range(3):
        client.post(TRACK, {"number": "00000-00000", "contact": "a@b.org"})
    response = client.post(TRACK, {"number": case.tracking_number, "contact": "rosa@example.org"})
    assert response.status_code == 429


def test_staff_reply_and_promised_date_are_shown(client, case, portal):
    # Given staff answered publicly and wrote a private note
    case_reply_publicly(case=case, by=portal.city.alice, body="A crew is booked for Monday.")
    case_add_internal_note(case=case, by=portal.city.alice, body="Secret internal note")
    client.post(TRACK, {"number": case.tracking_number, "contact": "rosa@example.org"})
    # When the resident opens the case
    body = client.get(reverse("portal:case", args=[case.tracking_number])).content.decode()
    # Then they see the reply, the next step with its date, never the note
    assert "A crew is booked for Monday." in body
    assert "Secret internal note" not in body
    step = case.steps.order_by("order").first()
    due = format_promise_date(step.due_at, case.jurisdiction)
    assert f"Next: We inspect the site — by {due}." in body
    assert format_promise_date(case.resolution_due, case.jurisdiction) in body


def test_promise_dates_are_in_the_jurisdiction_time_zone():
    # 03:00 UTC on Wednesday 4 March is still Tuesday 3 March in New York
    from organisations.models import Jurisdiction

    jurisdiction = Jurisdiction(timezone="America/New_York")
    when = dt.datetime(2026, 3, 4, 3, 0, tzinfo=dt.UTC)
    text = format_promise_date(when, jurisdiction)
    assert text.startswith("Tuesday 3 March")


def test_spanish_tracking_page(client, case):
    client.cookies["django_language"] = "es"
    client.post(TRACK, {"number": case.tracking_number, "contact": "rosa@example.org"})
    body = client.get(reverse("portal:case", args=[case.tracking_number])).content.decode()
    assert "Inspeccionamos el lugar" in body
    assert "Bache" in body


def test_completed_step_moves_the_next_step(client, case, portal):
    case_complete_step(case=case, order=1, by=portal.city.alice)
    client.post(TRACK, {"number": case.tracking_number, "contact": "rosa@example.org"})
    body = client.get(reverse("portal:case", args=[case.tracking_number])).content.decode()
    assert "Next: We fill the pothole" in body


def test_closed_case_shows_no_next_step_and_no_reply_form(client, case, portal):
    for status in (Status.ACKNOWLEDGED, Status.RESOLVED, Status.CLOSED):
        case_change_status(case=case, status=status, by=portal.city.alice)
    client.post(TRACK, {"number": case.tracking_number, "contact": "rosa@example.org"})
    body = client.get(reverse("portal:case", args=[case.tracking_number])).content.decode()
    assert "Next:" not in body
    assert 'name="body"' not in body


def test_timeline_query_count_is_constant(client, case, portal, django_assert_num_queries):
    client.post(TRACK, {"number": case.tracking_number, "contact": "rosa@example.org"})
    url = reverse("portal:case", args=[case.tracking_number])
    client.get(url)
    with django_assert_num_queries(17) as first:
        client.get(url)
    expected = len(first)
    for n in range(6):
        case_reply_publicly(case=case, by=portal.city.alice, body=f"Update {n}")
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert "Update 5" in response.content.decode()


def test_resident_adds_information_to_an_open_case(client, case):
    client.post(TRACK, {"number": case.tracking_number, "contact": "rosa@example.org"})
    url = reverse("portal:message", args=[case.tracking_number])
    response = client.post(url, {"body": "It got bigger after the rain."})
    assert response.status_code == 302
    event = case.events.order_by("-created_at", "-id").first()
    assert (event.kind, event.body, event.is_public) == (
        "resident_message",
        "It got bigger after the rain.",
        True,
    )


def test_empty_message_is_refused_with_a_message(client, case):
    client.post(TRACK, {"number": case.tracking_number, "contact": "rosa@example.org"})
    response = client.post(reverse("portal:message", args=[case.tracking_number]), {"body": " "})
    assert response.status_code == 400
    assert "Write a message or choose a photo first." in response.content.decode()


def test_a_stranger_cannot_post_to_a_case(client, case):
    response = client.post(reverse("portal:message", args=[case.tracking_number]), {"body": "hi"})
    assert response.status_code == 404


def test_resident_message_wakes_a_case_waiting_on_them(client, case, portal):
    case_change_status(case=case, status=Status.ACKNOWLEDGED, by=portal.city.alice)
    case_change_status(case=case, status=Status.WAITING_ON_RESIDENT, by=portal.city.alice)
    client.post(TRACK, {"number": case.tracking_number, "contact": "rosa@example.org"})
    client.post(reverse("portal:message", args=[case.tracking_number]), {"body": "Photo sent"})
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    assert case.updated_at <= timezone.now()


def test_translated_step_names_follow_the_standard_order_not_its_numbers(client, portal):
    # Given the standard numbers its steps 10 and 20 (cases number them 1 and 2)
    from catalogue.models import StandardStep

    for step in StandardStep.objects.filter(standard__service=portal.city.pothole):
        step.order *= 10
        step.save()
    case = factories.make_case(portal.city.pothole, resident=portal.city.rosa, address="x")
    client.cookies["django_language"] = "es"
    client.post(TRACK, {"number": case.tracking_number, "contact": "rosa@example.org"})
    body = client.get(reverse("portal:case", args=[case.tracking_number])).content.decode()
    assert "Próximo paso: Inspeccionamos el lugar" in body
    assert "Rellenamos el bache — antes del" in body
