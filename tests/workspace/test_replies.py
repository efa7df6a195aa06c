"""Replies from standard answers: insert, fill placeholders, preview, refuse holes, deliver."""

from __future__ import annotations

import email
import email.policy

import pytest
from django.urls import reverse

from cases.models import EventKind
from messaging.models import SmsMessageRecord
from tests import factories
from workspace.replies import (
    ReplyNotReady,
    fill_placeholders,
    final_reply,
    unfilled_placeholders,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rita_case(city):
    return factories.make_case(city.pothole, resident=city.rita, address="14 Elm Street")


def reply_url(case):
    return reverse("workspace:reply", args=[case.tracking_number])


def test_inserting_a_standard_answer_fills_the_case_facts(city, login, rita_case, standard_answer):
    response = login(city.alice).post(
        reply_url(rita_case), {"op": "insert", "article": standard_answer.pk, "draft": ""}
    )

    draft = response.context["draft"]
    assert response.status_code == 200
    assert "Hello Rita Moreno" in draft
    assert rita_case.tracking_number in draft
    assert "Public Works" in draft
    assert "Pothole request" in draft
    assert unfilled_placeholders(draft) == []


def test_standard_answer_comes_in_the_residents_language(city, login, standard_answer):
    rosa_case = factories.make_case(city.pothole, resident=city.rosa, address="2 Oak")

    response = login(city.alice).post(
        reply_url(rosa_case), {"op": "insert", "article": standard_answer.pk, "draft": ""}
    )

    assert response.context["draft"].startswith("Hola Rosa Díaz")


def test_a_reply_with_an_unfilled_placeholder_is_refused_and_nothing_is_sent(
    city, login, rita_case, smtp_server, django_capture_on_commit_callbacks
):
    draft = "Dear resident, we will call you on {callback_day}."

    with django_capture_on_commit_callbacks(execute=True):
        response = login(city.alice).post(reply_url(rita_case), {"op": "send", "draft": draft})

    assert response.status_code == 400
    assert "The reply still contains {callback_day}" in response.text
    assert response.context["draft"] == draft  # kept for editing
    assert not rita_case.events.filter(kind=EventKind.PUBLIC_REPLY).exists()
    assert smtp_server.envelopes == []


def test_placeholder_without_a_value_on_this_case_is_refused(city):
    anonymous = factories.make_case(city.pothole, address="9 Pine")

    with pytest.raises(ReplyNotReady, match=r"\{resident_name\}"):
        final_reply(anonymous, "Hello {resident_name}, it is fixed.")


def test_fill_handles_spacing_and_double_braces():
    values = {"tracking_number": "7KQ3M-9XRT2"}

    assert fill_placeholders("A {{ tracking_number }} B { tracking_number }", values) == (
        "A 7KQ3M-9XRT2 B 7KQ3M-9XRT2"
    )


def test_preview_shows_the_filled_text_without_sending(city, login, rita_case):
    response = login(city.alice).post(
        reply_url(rita_case), {"op": "preview", "draft": "Your number is {tracking_number}."}
    )

    assert response.context["preview"] == f"Your number is {rita_case.tracking_number}."
    assert not rita_case.events.filter(kind=EventKind.PUBLIC_REPLY).exists()


def test_sent_reply_reaches_the_resident_over_smtp_with_the_tracking_number(
    city, login, rita_case, standard_answer, smtp_server, django_capture_on_commit_callbacks
):
    alice = login(city.alice)
    draft = alice.post(
        reply_url(rita_case), {"op": "insert", "article": standard_answer.pk, "draft": ""}
    ).context["draft"]

    with django_capture_on_commit_callbacks(execute=True):
        response = alice.post(reply_url(rita_case), {"op": "send", "draft": draft})

    assert response.status_code == 302
    [(_mail_from, rcpt_tos, content)] = smtp_server.envelopes
    message = email.message_from_bytes(content, policy=email.policy.default)
    assert rcpt_tos == ["rita@example.org"]
    assert message["Subject"] == (
        f"[Riverton 311] Update on your request [#{rita_case.tracking_number}]"
    )
    assert message["Message-ID"].strip("<> ").startswith(f"case-{rita_case.tracking_number}-")
    assert "Hello Rita Moreno" in message.get_body(preferencelist=("plain",)).get_content()
    event = rita_case.events.get(kind=EventKind.PUBLIC_REPLY)
    assert event.is_public
    assert event.body == draft


def test_reply_to_an_sms_resident_goes_by_text_in_spanish(
    city, login, django_capture_on_commit_callbacks
):
    rosa_case = factories.make_case(city.pothole, resident=city.rosa, address="2 Oak")

    with django_capture_on_commit_callbacks(execute=True):
        login(city.alice).post(
            reply_url(rosa_case),
            # The coach warns (no empathy, no date); the agent sends it anyway, saying why.
            {"op": "send", "draft": "Lo arreglamos el lunes.", "override_reason": "Short SMS."},
        )

    sms = SmsMessageRecord.objects.get(case=rosa_case)
    assert sms.phone == "+15555550101"
    assert (
        sms.body == f"Riverton 311, solicitud {rosa_case.tracking_number}: Lo arreglamos el lunes."
    )
