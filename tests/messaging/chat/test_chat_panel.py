"""The staff chat panel pages: who sees which chat, and the plain-form actions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from cases.models import CaseEvent, EventKind
from messaging.chat.services import chat_resident_message, chat_start
from messaging.models import ChatSession
from tests import factories

pytestmark = pytest.mark.django_db
PANEL = "/messaging/staff/chat/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def open_chat(text: str = "Is the pool open on Sunday?", name: str = "Rita Moreno") -> ChatSession:
    session = chat_start(name=name, email="rita@example.org")
    chat_resident_message(session=session, text=text)
    session.refresh_from_db()
    return session


def test_signed_out_visitors_are_sent_to_the_staff_sign_in(client, general):
    response = client.get(PANEL)

    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


def test_roles_that_work_no_cases_are_refused(city, general):
    bree = factories.make_staff("bree", Role.BRE_OFFICER, city.public_works)

    assert signed_in(bree).get(PANEL).status_code == 403


def test_an_agent_sees_the_chats_of_their_department_waiting_first(city, general):
    chat = open_chat()

    response = signed_in(city.alice).get(PANEL)

    assert response.status_code == 200
    assert [c.pk for c in response.context["chats"]] == [chat.pk]
    assert response.context["chats"][0].staff_replies == 0
    assert chat.case.tracking_number in response.content.decode()


def test_an_agent_of_another_department_neither_lists_nor_opens_it(city, general):
    chat = open_chat()
    bob = signed_in(city.bob)  # Parks; the general-enquiry service is Public Works'

    assert bob.get(PANEL).context["chats"] == []
    assert bob.get(f"{PANEL}{chat.pk}/").status_code == 404
    assert bob.post(f"{PANEL}{chat.pk}/reply/", {"text": "Hi"}).status_code == 404


def test_opening_a_chat_shows_its_transcript(city, general):
    chat = open_chat()

    response = signed_in(city.alice).get(f"{PANEL}{chat.pk}/")

    assert response.status_code == 200
    assert "Is the pool open on Sunday?" in response.content.decode()
    assert b'role="log"' in response.content


def test_a_reply_by_form_goes_on_the_timeline(city, general):
    chat = open_chat()

    response = signed_in(city.alice).post(f"{PANEL}{chat.pk}/reply/", {"text": "Yes, 10 to 6."})

    assert response.status_code == 302
    reply = CaseEvent.objects.get(case=chat.case, kind=EventKind.PUBLIC_REPLY)
    assert (reply.body, reply.actor_id) == ("Yes, 10 to 6.", city.alice.pk)


def test_turning_a_chat_into_a_case_opens_the_case(city, general):
    chat = open_chat()

    response = signed_in(city.alice).post(f"{PANEL}{chat.pk}/case/", {"note": ""})

    assert response.status_code == 302
    assert response["Location"] == f"/staff/cases/{chat.case.tracking_number}/"
    chat.refresh_from_db()
    assert chat.closed_at is not None
    assert signed_in(city.alice).get(PANEL).context["chats"] == []


def test_an_agent_cannot_attach_a_chat_to_another_case(city, general, rita_case):
    chat = open_chat()

    response = signed_in(city.alice).post(
        f"{PANEL}{chat.pk}/attach/", {"into": rita_case.tracking_number}, follow=True
    )

    assert "Only supervisors" in response.content.decode()
    chat.refresh_from_db()
    assert chat.closed_at is None


def test_a_supervisor_attaches_a_chat_to_a_case_they_see(city, general, rita_case):
    chat = open_chat()

    response = signed_in(city.sam).post(
        f"{PANEL}{chat.pk}/attach/", {"into": rita_case.tracking_number.lower()}
    )

    assert response["Location"] == f"/staff/cases/{rita_case.tracking_number}/"
    chat.case.refresh_from_db()
    assert chat.case.merged_into_id == rita_case.pk


def test_attaching_to_a_case_the_supervisor_cannot_see_is_refused(city, general):
    chat = open_chat()
    parks_case = factories.make_case(city.shelter, resident=city.rosa)

    response = signed_in(city.sam).post(
        f"{PANEL}{chat.pk}/attach/", {"into": parks_case.tracking_number}, follow=True
    )

    assert f"No case {parks_case.tracking_number} in your queue." in response.content.decode()
    assert ChatSession.objects.get(pk=chat.pk).closed_at is None


def test_the_list_costs_the_same_queries_for_one_chat_or_many(city, general):
    alice = signed_in(city.alice)
    open_chat()
    alice.get(PANEL)  # warm up: session, permissions
    with CaptureQueriesContext(connection) as one:
        alice.get(PANEL)
    for n in range(4):
        open_chat(text=f"Question {n}", name=f"Resident {n}")

    with CaptureQueriesContext(connection) as five:
        response = alice.get(PANEL)

    assert len(response.context["chats"]) == 5
    assert len(five) == len(one)
