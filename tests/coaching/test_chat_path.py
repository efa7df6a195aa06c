"""The coach on live chat replies: blanks and wrong dates never reach the resident;
warnings do not hold up the conversation but are kept with the reply's score."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from cases.models import CaseEvent, EventKind
from coaching.models import ReplyReview
from coaching.services import ReplyBlocked
from messaging.chat.services import chat_resident_message, chat_staff_reply, chat_start
from tests import factories

pytestmark = pytest.mark.django_db
PANEL = "/messaging/staff/chat/"


@pytest.fixture(autouse=True)
def _pinned_clock():
    with time_machine.travel(dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def chat(city, settings, tmp_path):
    settings.MESSAGING_OUTBOX_DIR = tmp_path / "outbox"
    factories.make_service(
        city.public_works, code="general-enquiry", name="General enquiry", questions=False
    )
    session = chat_start(name="Rita Moreno", email="rita@example.org")
    chat_resident_message(session=session, text="Is the pool open on Sunday?")
    session.refresh_from_db()
    return session


def test_a_chat_reply_with_a_blank_is_refused_on_the_panel(city, chat):
    client = Client()
    client.force_login(city.alice)

    response = client.post(
        f"{PANEL}{chat.pk}/reply/", {"text": "Yes, open until {closing_time}."}, follow=True
    )

    assert "Fix what the coach marks as blocking" in response.text
    assert not CaseEvent.objects.filter(case=chat.case, kind=EventKind.PUBLIC_REPLY).exists()


def test_a_chat_reply_with_a_closed_day_is_refused(city, chat):
    with pytest.raises(ReplyBlocked, match="wrong_date"):
        chat_staff_reply(session=chat, by=city.alice, body="We open again on Sunday 6 December.")


def test_a_short_chat_answer_is_sent_and_scored_with_its_warnings(city, chat):
    event = chat_staff_reply(session=chat, by=city.alice, body="Yes, 10 to 6.")

    review = ReplyReview.objects.get(event=event)
    assert review.door == "chat"
    assert review.score < 100
    assert "no_next_step" in review.codes
    assert review.overridden == []
