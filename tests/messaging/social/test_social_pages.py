"""Answering social-media cases from the workspace, publicly or privately."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cases.models import Case, CaseEvent, EventKind
from messaging.models import Direction, SocialMessageRecord
from messaging.social.inbound import SocialEvent
from messaging.social.services import handle_social_event

pytestmark = pytest.mark.django_db
SOCIAL = "/messaging/staff/social/"
_ids = itertools.count(1)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def social_case(kind: str = "post", handle: str = "RiverRita") -> Case:
    result = handle_social_event(
        SocialEvent(
            id=f"evt-{next(_ids)}",
            platform="mastodon",
            kind=kind,  # type: ignore[arg-type]
            handle=handle,
            name="Rita R.",
            text="The swings on Elm Park are broken again",
            url="https://social.example/@RiverRita/1101",  # type: ignore[arg-type]
        )
    )
    assert result.case is not None
    return result.case


def sent(visibility: str) -> list[str]:
    return list(
        SocialMessageRecord.objects.filter(
            direction=Direction.OUTBOUND, visibility=visibility
        ).values_list("body", flat=True)
    )


def test_the_list_shows_open_social_cases_of_the_agents_department(city, general):
    case = social_case()

    alice = signed_in(city.alice).get(SOCIAL)
    bob = signed_in(city.bob).get(SOCIAL)

    assert [t.case_id for t in alice.context["threads"]] == [case.pk]
    assert bob.context["threads"] == []


def test_the_default_answer_to_a_public_post_goes_privately_with_a_public_note(city, general):
    case = social_case()

    response = signed_in(city.alice).post(
        f"{SOCIAL}{case.tracking_number}/", {"mode": "auto", "body": "We will fix them."}
    )

    assert response.status_code == 302
    assert sent("private") == ["We will fix them."]
    assert sent("public") == [
        "@RiverRita Thank you for telling us. We have sent you a direct message so we can help."
    ]
    assert CaseEvent.objects.filter(case=case, kind=EventKind.PUBLIC_REPLY).count() == 1


def test_staff_can_choose_a_public_answer(city, general):
    case = social_case()

    signed_in(city.alice).post(
        f"{SOCIAL}{case.tracking_number}/", {"mode": "public", "body": "Fixed this morning."}
    )

    assert sent("public") == ["@RiverRita Fixed this morning."]
    assert sent("private") == []


def test_staff_can_choose_a_private_answer_only(city, general):
    case = social_case()

    signed_in(city.alice).post(
        f"{SOCIAL}{case.tracking_number}/", {"mode": "private", "body": "Which swing?"}
    )

    assert (sent("private"), sent("public")) == (["Which swing?"], [])


def test_an_empty_answer_is_refused_and_kept_on_the_page(city, general):
    case = social_case()

    response = signed_in(city.alice).post(
        f"{SOCIAL}{case.tracking_number}/", {"mode": "public", "body": "  "}
    )

    assert response.status_code == 400
    assert "The reply is empty." in response.content.decode()
    assert response.context["mode"] == "public"
    assert sent("public") == []


def test_the_reply_page_shows_the_choice_and_the_conversation(city, general):
    case = social_case()

    response = signed_in(city.alice).get(f"{SOCIAL}{case.tracking_number}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "How should the answer go?" in page
    assert "The swings on Elm Park are broken again" in page


def test_another_departments_agent_gets_not_found(city, general):
    case = social_case()

    bob = signed_in(city.bob)

    assert bob.get(f"{SOCIAL}{case.tracking_number}/").status_code == 404
    assert bob.post(f"{SOCIAL}{case.tracking_number}/", {"body": "Hi"}).status_code == 404
    assert sent("private") == []


def test_a_case_from_another_channel_has_no_social_page(city, rita_case):
    assert signed_in(city.alice).get(f"{SOCIAL}{rita_case.tracking_number}/").status_code == 404


def test_the_list_costs_the_same_queries_for_one_case_or_many(city, general):
    alice = signed_in(city.alice)
    social_case()
    alice.get(SOCIAL)
    with CaptureQueriesContext(connection) as one:
        alice.get(SOCIAL)
    for n in range(4):
        social_case(handle=f"someone{n}")

    with CaptureQueriesContext(connection) as five:
        response = alice.get(SOCIAL)

    assert len(response.context["threads"]) == 5
    assert len(five) == len(one)
