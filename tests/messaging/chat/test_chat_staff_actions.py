"""Ending a live chat from the staff side: keep it as a case, or attach it to another case."""

from __future__ import annotations

import pytest

from cases.models import CaseEvent, EventKind, Status
from cases.services import CaseError
from messaging.chat.services import (
    chat_attach_to_case,
    chat_keep_as_case,
    chat_resident_message,
    chat_staff_reply,
    chat_start,
    chat_transcript_text,
)
from messaging.models import ChatSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def chat(city, general) -> ChatSession:
    """Rita asked about the pool and Alice answered."""
    session = chat_start(name="Rita Moreno", email="rita@example.org")
    chat_resident_message(session=session, text="Is the pool open on Sunday?")
    session.refresh_from_db()
    chat_staff_reply(session=session, by=city.alice, body="Yes, from 10 a.m.")
    return session


def test_keeping_a_chat_as_a_case_ends_it_and_notes_the_hand_over(chat, city):
    case = chat_keep_as_case(session=chat, by=city.alice, note="Call back about lanes.")

    chat.refresh_from_db()
    assert chat.closed_at is not None
    assert case.pk == chat.case_id
    assert case.status == Status.NEW
    note = CaseEvent.objects.get(case=case, kind=EventKind.INTERNAL_NOTE)
    assert "kept as a case" in note.body
    assert "Call back about lanes." in note.body
    assert not note.is_public


def test_a_chat_ends_only_once(chat, city):
    chat_keep_as_case(session=chat, by=city.alice)

    with pytest.raises(CaseError, match="already ended"):
        chat_keep_as_case(session=chat, by=city.sam)
    assert CaseEvent.objects.filter(case=chat.case, kind=EventKind.INTERNAL_NOTE).count() == 1


def test_a_chat_without_messages_cannot_become_a_case(city, general):
    session = chat_start(name="Rita")

    with pytest.raises(CaseError, match="not written yet"):
        chat_keep_as_case(session=session, by=city.alice)


def test_after_the_chat_ends_neither_side_can_write_in_it(chat, city):
    chat_keep_as_case(session=chat, by=city.alice)
    chat.refresh_from_db()

    with pytest.raises(CaseError, match="ended"):
        chat_resident_message(session=chat, text="One more thing")
    with pytest.raises(CaseError, match="ended"):
        chat_staff_reply(session=chat, by=city.alice, body="Anything else?")


def test_attaching_puts_the_transcript_on_the_case_and_merges_the_chat_case(
    chat, city, rita_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        chat_attach_to_case(session=chat, into=rita_case, by=city.sam)

    chat.refresh_from_db()
    chat.case.refresh_from_db()
    assert chat.closed_at is not None
    assert chat.case.merged_into_id == rita_case.pk
    assert chat.case.status == Status.CLOSED
    note = CaseEvent.objects.get(case=rita_case, kind=EventKind.INTERNAL_NOTE)
    assert not note.is_public  # Rita's case may be someone else's: the chat stays internal
    assert note.body.splitlines()[-2:] == [
        "Rita Moreno: Is the pool open on Sunday?",
        "Alice: Yes, from 10 a.m.",
    ]


def test_attaching_takes_the_merge_permission(chat, city, rita_case):
    with pytest.raises(CaseError, match="Only supervisors"):
        chat_attach_to_case(session=chat, into=rita_case, by=city.alice)

    chat.refresh_from_db()
    assert chat.closed_at is None
    assert not CaseEvent.objects.filter(case=rita_case, kind=EventKind.INTERNAL_NOTE).exists()


def test_a_chat_cannot_be_attached_to_its_own_case(chat, city):
    with pytest.raises(CaseError, match="own case"):
        chat_attach_to_case(session=chat, into=chat.case, by=city.sam)


def test_transcript_text_names_who_said_what(chat, city):
    chat_resident_message(session=chat, text="Thanks!")

    assert chat_transcript_text(chat) == (
        "Rita Moreno: Is the pool open on Sunday?\nAlice: Yes, from 10 a.m.\nRita Moreno: Thanks!"
    )


def test_an_anonymous_chat_is_labelled_resident(city, general):
    session = chat_start()
    chat_resident_message(session=session, text="Hello")
    session.refresh_from_db()

    assert chat_transcript_text(session) == "Resident: Hello"
