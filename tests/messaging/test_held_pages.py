"""Held messages reviewed in the workspace: who sees which, add to the case, discard."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import CaseEvent, EventKind
from messaging.models import HeldMessage, HeldReason, HeldStatus
from tests import factories

pytestmark = pytest.mark.django_db
HELD = "/messaging/staff/held/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def hold(*, case=None, sender="mallory@example.net", body="About that pothole…") -> HeldMessage:
    return HeldMessage.objects.create(
        reason=HeldReason.SENDER_MISMATCH if case else HeldReason.RATE_LIMITED,
        case=case,
        sender=sender,
        subject="Re: your request",
        body=body,
        received_at=timezone.now(),
    )


def test_an_agent_sees_messages_held_about_cases_of_their_department(city, rita_case):
    held = hold(case=rita_case)

    response = signed_in(city.alice).get(HELD)

    assert response.status_code == 200
    assert response.context["held"] == [held]
    assert "mallory@example.net" in response.content.decode()


def test_staff_of_another_department_neither_see_nor_act_on_them(city, rita_case):
    held = hold(case=rita_case)
    bob = signed_in(city.bob)

    assert bob.get(HELD).context["held"] == []
    assert bob.post(f"{HELD}{held.pk}/discard/").status_code == 404
    held.refresh_from_db()
    assert held.status == HeldStatus.PENDING


def test_messages_about_no_case_go_to_the_general_enquiry_department(city, general):
    held = hold(case=None)

    assert signed_in(city.alice).get(HELD).context["held"] == [held]  # Public Works
    assert signed_in(city.bob).get(HELD).context["held"] == []  # Parks
    assert signed_in(city.ada).get(HELD).context["held"] == [held]  # sees every department


def test_add_to_the_case_it_was_about(city, rita_case):
    held = hold(case=rita_case)

    response = signed_in(city.alice).post(f"{HELD}{held.pk}/release/", {"case": ""})

    assert response.status_code == 302
    event = CaseEvent.objects.get(case=rita_case, kind=EventKind.RESIDENT_MESSAGE)
    assert event.body == "About that pothole…"
    held.refresh_from_db()
    assert (held.status, held.reviewed_by) == (HeldStatus.RELEASED, city.alice)


def test_a_message_about_no_case_is_added_to_the_case_staff_name(city, general, rita_case):
    held = hold(case=None)

    signed_in(city.alice).post(f"{HELD}{held.pk}/release/", {"case": rita_case.tracking_number})

    assert CaseEvent.objects.filter(case=rita_case, kind=EventKind.RESIDENT_MESSAGE).exists()


def test_it_cannot_be_added_to_a_case_the_agent_cannot_see(city, general):
    held = hold(case=None)
    parks_case = factories.make_case(city.shelter, resident=city.rosa)

    response = signed_in(city.alice).post(
        f"{HELD}{held.pk}/release/", {"case": parks_case.tracking_number}, follow=True
    )

    assert "in your queue" in response.content.decode()
    held.refresh_from_db()
    assert held.status == HeldStatus.PENDING


def test_discard_keeps_it_off_the_case(city, rita_case):
    held = hold(case=rita_case)

    signed_in(city.alice).post(f"{HELD}{held.pk}/discard/")

    held.refresh_from_db()
    assert held.status == HeldStatus.DISCARDED
    assert not CaseEvent.objects.filter(case=rita_case, kind=EventKind.RESIDENT_MESSAGE).exists()
    assert signed_in(city.alice).get(HELD).context["held"] == []


def test_a_second_review_says_it_was_already_done(city, rita_case):
    held = hold(case=rita_case)
    signed_in(city.alice).post(f"{HELD}{held.pk}/discard/")

    response = signed_in(city.sam).post(f"{HELD}{held.pk}/release/", {"case": ""}, follow=True)

    assert "already reviewed" in response.content.decode()


def test_unknown_actions_are_not_found(city, rita_case):
    held = hold(case=rita_case)

    assert signed_in(city.alice).post(f"{HELD}{held.pk}/forward/").status_code == 404


def test_the_list_costs_the_same_queries_for_one_message_or_many(city, general, rita_case):
    alice = signed_in(city.alice)
    hold(case=rita_case)
    alice.get(HELD)
    with CaptureQueriesContext(connection) as one:
        alice.get(HELD)
    for n in range(4):
        hold(case=rita_case if n % 2 else None, sender=f"sender{n}@example.net")

    with CaptureQueriesContext(connection) as five:
        response = alice.get(HELD)

    assert len(response.context["held"]) == 5
    assert len(five) == len(one)
